import type { LevelSource, TargetStatus } from '@/server/domain/dashboard';
import type { DrillDownSpec } from './types';

/**
 * The number a drill-down lists, as a value of the dashboard's URL ("level-customer-4",
 * "transition-none-2", "gap-4-3", "target-behind", "stale"), so the open list is part of the
 * address: Back from an account returns to it, and a link to it can be shared. Pure, so the
 * browser and the tests read it alike; anything that does not parse is no drill-down.
 */
/** The drill-down's spec, as dashboard.drillDown takes it. */
export type DrillSpec = DrillDownSpec;

const SOURCES: readonly string[] = ['effective', 'team', 'customer'] satisfies LevelSource[];
const STATUSES: readonly string[] = ['reached', 'onTrack', 'behind'] satisfies TargetStatus[];
const SIMPLE = ['overrated', 'stale', 'unconfirmed', 'noEconomicBuyer'] as const;

const levelText = (level: number | null) => (level === null ? 'none' : String(level));
/** "1".."5" → the level, "none" → null, anything else → undefined. */
function parseLevel(text: string | undefined): number | null | undefined {
  if (text === 'none') return null;
  return text !== undefined && /^[1-5]$/.test(text) ? Number(text) : undefined;
}

export function encodeDrill(spec: DrillSpec): string {
  switch (spec.kind) {
    case 'level':
      return `level-${spec.source}-${levelText(spec.level)}`;
    case 'transition':
      return `transition-${levelText(spec.fromLevel)}-${levelText(spec.toLevel)}`;
    case 'gap':
      return `gap-${spec.teamLevel}-${spec.customerLevel}`;
    case 'target':
      return `target-${spec.status}`;
    default:
      return spec.kind;
  }
}

export function decodeDrill(text: string): DrillSpec | null {
  const [kind, a, b, ...rest] = text.split('-');
  if (rest.length > 0) return null;
  if ((SIMPLE as readonly string[]).includes(kind!) && a === undefined) return { kind: kind as (typeof SIMPLE)[number] };
  if (kind === 'target' && a !== undefined && STATUSES.includes(a) && b === undefined) return { kind, status: a as TargetStatus };
  if (kind === 'level' && a !== undefined && SOURCES.includes(a)) {
    const level = parseLevel(b);
    return level === undefined ? null : { kind, source: a as LevelSource, level };
  }
  if (kind === 'transition') {
    const [fromLevel, toLevel] = [parseLevel(a), parseLevel(b)];
    return fromLevel === undefined || toLevel === undefined ? null : { kind, fromLevel, toLevel };
  }
  if (kind === 'gap') {
    const [teamLevel, customerLevel] = [parseLevel(a), parseLevel(b)];
    return typeof teamLevel === 'number' && typeof customerLevel === 'number' ? { kind, teamLevel, customerLevel } : null;
  }
  return null;
}
