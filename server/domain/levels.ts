/** The five levels of the Buy-Sell Hierarchy: 1 (commodity) to 5 (strategic partner). */
export const LEVELS = [1, 2, 3, 4, 5] as const;
export type Level = (typeof LEVELS)[number];

/** Median of a set of levels; with an even count, the mean of the middle two (e.g. 2.5). */
export function median(levels: readonly number[]): number | null {
  if (levels.length === 0) return null;
  const sorted = [...levels].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Spread: highest minus lowest level; 0 when everyone agrees. */
export function spread(levels: readonly number[]): number | null {
  if (levels.length === 0) return null;
  return Math.max(...levels) - Math.min(...levels);
}

/**
 * The level a team starts from when it closes an assessment: the median, rounded down when it
 * falls between two levels. Rounding down is the cautious reading: the customer decides, and a
 * team that overrates itself is the costlier mistake.
 */
export function suggestedTeamLevel(levels: readonly number[]): Level | null {
  const m = median(levels);
  return m === null ? null : (Math.floor(m) as Level);
}

/** Perception gap: team level minus customer level. Positive means the team overrates itself. */
export function perceptionGap(teamLevel: number | null, customerLevel: number | null): number | null {
  return teamLevel === null || customerLevel === null ? null : teamLevel - customerLevel;
}
