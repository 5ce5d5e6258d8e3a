import 'server-only';
import { sql } from 'drizzle-orm';
import { endOfDay, periodsBetween, startOfDay, type Period } from '../domain/calendar';
import type { Distribution, Movement } from '../domain/dashboard';
import { resolvePeriod, type Filters } from './filters';
import {
  add,
  cutsArray,
  lensChanges,
  query,
  reportingCurrencyOf,
  scopeCtes,
  tallyColumns,
  tallyOf,
  zero,
  zeros,
  type DashboardDb,
} from './sql';

export interface TrendPoint extends Period {
  /** The distribution at the end of the period. */
  distribution: Distribution;
  up: ReturnType<typeof zero>;
  down: ReturnType<typeof zero>;
  net: ReturnType<typeof zero>;
  entered: ReturnType<typeof zero>;
  left: ReturnType<typeof zero>;
}

/**
 * The level distribution (through the lens) at the end of each period, and per period the
 * accounts that moved up or down (level just before the period vs. at its end), got a level, or
 * lost it (the customer's answers aged out).
 *
 * From lensChanges, grouped into (period, from level, to level) counts, plus one total over the
 * accounts in scope (k = -1): every account starts without a level, the baseline rows (k = 0)
 * give the levels just before the period, and each later row moves its accounts from one level
 * (or none) to another. The distributions are running sums of those.
 */
export async function trendQuery(db: DashboardDb, filters: Filters): Promise<{ currency: string; periods: TrendPoint[] }> {
  const { from, to } = resolvePeriod(filters);
  const periods = periodsBetween(from, to, filters.granularity);
  const start = startOfDay(from);
  const end = endOfDay(to);
  const cuts = cutsArray(
    start,
    periods.map((p) => endOfDay(p.end)),
  );
  const rows = await query<{ currency: string; k: number; from_level: number | null; to_level: number | null; n: number; revenue: number }>(
    db.tx,
    sql`with ${scopeCtes(db, filters)}
      select (select code from reporting) as currency, s.k, s.from_level, s.to_level, ${tallyColumns}
      from (${lensChanges(db, filters.source, cuts, start, end)}) s
      group by 1, 2, 3, 4
      union all
      -- k = -1: every account in scope, first counted without a level.
      select (select code from reporting), -1, null, null, ${tallyColumns} from scope s`,
  );
  const distribution: Distribution = { byLevel: zeros(5), none: zero() };
  const byPeriod = periods.map(() => ({ deltas: zeros(5), none: zero(), up: zero(), down: zero(), entered: zero(), left: zero() }));
  for (const row of rows) {
    const tally = tallyOf(row);
    if (row.k === -1) {
      add(distribution.none, tally);
      continue;
    }
    if (row.k === 0) {
      if (row.to_level !== null) {
        add(distribution.byLevel[row.to_level - 1]!, tally);
        add(distribution.none, tally, -1);
      }
      continue;
    }
    const period = byPeriod[row.k - 1]!;
    add(row.to_level === null ? period.none : period.deltas[row.to_level - 1]!, tally);
    add(row.from_level === null ? period.none : period.deltas[row.from_level - 1]!, tally, -1);
    if (row.from_level === null) {
      if (row.to_level !== null) add(period.entered, tally);
    } else if (row.to_level === null) add(period.left, tally);
    else if (row.to_level > row.from_level) add(period.up, tally);
    else if (row.to_level < row.from_level) add(period.down, tally);
  }
  const points = periods.map((period, index) => {
    const changes = byPeriod[index]!;
    distribution.byLevel.forEach((tally, level) => add(tally, changes.deltas[level]!));
    add(distribution.none, changes.none);
    const movement: Omit<Movement, keyof Period> = {
      up: changes.up,
      down: changes.down,
      net: { count: changes.up.count - changes.down.count, revenue: changes.up.revenue - changes.down.revenue },
      entered: changes.entered,
      left: changes.left,
    };
    return {
      ...period,
      distribution: { byLevel: distribution.byLevel.map((t) => ({ ...t })), none: { ...distribution.none } },
      ...movement,
    };
  });
  return { currency: rows[0]?.currency ?? (await reportingCurrencyOf(db)), periods: points };
}
