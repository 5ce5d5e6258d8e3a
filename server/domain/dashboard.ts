/**
 * The portfolio dashboard's vocabulary: the shapes of its numbers and the few rules that are
 * applied in TypeScript rather than in SQL (orderings, the stale cutoff, the watershed share).
 * Shared by the queries in server/dashboard/ that serve the dashboard, by its components, and by
 * the test oracle (portfolio-oracle.ts) that the queries are held against.
 */
import { STALE_AFTER_DAYS, type BuyingRole } from './accounts';
import { DAY_MS, endOfDay, type IsoDay, type Period } from './calendar';

/** Whose level a view follows. */
export type LevelSource = 'effective' | 'team' | 'customer';

/** A count of accounts and the revenue behind them: every dashboard number comes as both. */
export interface Tally {
  count: number;
  revenue: number;
}

function sum(tallies: readonly Tally[]): Tally {
  const total: Tally = { count: 0, revenue: 0 };
  for (const tally of tallies) {
    total.count += tally.count;
    total.revenue += tally.revenue;
  }
  return total;
}

export interface Distribution {
  /** Index 0 is level 1 … index 4 is level 5. */
  byLevel: Tally[];
  /** Accounts without a level through this lens on the day. */
  none: Tally;
}

/** Sum of the accounts that have a level (byLevel only). */
export function withLevel(d: Distribution): Tally {
  return sum(d.byLevel);
}

/** Share of accounts with a level that stand at level 4 or 5, the watershed; null when none has a level. */
export function watershedShare(d: Distribution): { count: number | null; revenue: number | null } {
  const total = withLevel(d);
  const high = sum([d.byLevel[3]!, d.byLevel[4]!]);
  return { count: total.count ? high.count / total.count : null, revenue: total.revenue ? high.revenue / total.revenue : null };
}

/** A part of the accounts as a share of a whole, by count and by revenue; null where the whole is zero. */
export type Share = { count: number | null; revenue: number | null };

export function shareOf(part: Tally, whole: Tally): Share {
  return { count: whole.count ? part.count / whole.count : null, revenue: whole.revenue ? part.revenue / whole.revenue : null };
}

/** One period of the headline: how the accounts moved over it, and where they stood at its end. */
export interface HeadlinePeriod {
  from: IsoDay;
  to: IsoDay;
  /** Accounts whose level through the lens at the end of the period is above (below) the level just before it. */
  up: Tally;
  down: Tally;
  /** up − down */
  net: Tally;
  /** At the end of the period, through the lens: the share at level 4 or 5 (watershedShare). */
  watershed: Share;
  /** At the end of the period: team − customer over the accounts with both levels. */
  averageGap: Share;
  /** At the end of the period: the accounts the team rates above their customer. */
  overrated: Tally;
  /** At the end of the period: the share of the accounts with a customer level. */
  coverage: Share;
}

/** The dashboard's headline: the selected period against the period of the same length before it (previousPeriod). */
export interface Headline {
  current: HeadlinePeriod;
  previous: HeadlinePeriod;
}

export interface Movement extends Period {
  /** Accounts whose level at the end of the period is higher than just before it started. */
  up: Tally;
  down: Tally;
  /** up − down */
  net: Tally;
  /** Accounts without a level just before the period and with one at its end. */
  entered: Tally;
  /** Accounts with a level just before the period and none at its end (the customer's answers aged out). */
  left: Tally;
}

export type TargetStatus = 'reached' | 'onTrack' | 'behind';

export interface ResponseRate {
  /** Links created in the period, and how many of them have been answered (by now). */
  sent: number;
  answered: number;
  byRole: Array<{ role: BuyingRole | null; sent: number; answered: number }>;
}

/** The number whose accounts a drill-down lists. */
export type DrillDown =
  | { kind: 'level'; source: LevelSource; day: IsoDay; level: number | null }
  | { kind: 'transition'; source: LevelSource; dayA: IsoDay; dayB: IsoDay; fromLevel: number | null; toLevel: number | null }
  | { kind: 'gap'; day: IsoDay; teamLevel: number; customerLevel: number }
  | { kind: 'overrated'; day: IsoDay }
  | { kind: 'stale'; day: IsoDay }
  | { kind: 'unconfirmed'; day: IsoDay }
  | { kind: 'noEconomicBuyer'; day: IsoDay }
  | { kind: 'target'; source: LevelSource; day: IsoDay; status: TargetStatus };

/** Byte order of the lowercase UUID text, which is also PostgreSQL's order of uuid values. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Larger revenue first, unknown revenue last. */
export function compareRevenueDesc(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return b - a;
}

/**
 * An account is stale on a day when its latest team event up to the end of the day is before this
 * instant, or it has none: no team assessment for STALE_AFTER_DAYS days, the accounts list's rule.
 */
export function staleCutoff(day: IsoDay): Date {
  return new Date(endOfDay(day).getTime() - STALE_AFTER_DAYS * DAY_MS);
}
