import 'server-only';
import { sql } from 'drizzle-orm';
import { addDays, endOfDay, previousPeriod, type IsoDay } from '../domain/calendar';
import { shareOf, watershedShare, type Distribution, type Headline, type HeadlinePeriod, type Tally } from '../domain/dashboard';
import { resolvePeriod, type Filters } from './filters';
import {
  add,
  lensLevel,
  needs,
  probesAt,
  query,
  reportingCurrencyOf,
  scopeCtes,
  tallyColumns,
  tallyOf,
  zero,
  zeros,
  type DashboardDb,
} from './sql';

export interface HeadlineResult extends Headline {
  currency: string;
}

/** What one period's numbers are summed from, per group of accounts with the same levels. */
interface Accumulator {
  up: Tally;
  down: Tally;
  distribution: Distribution;
  gapSum: Tally;
  both: Tally;
  overrated: Tally;
  confirmed: Tally;
  total: Tally;
}

const accumulator = (): Accumulator => ({
  up: zero(),
  down: zero(),
  distribution: { byLevel: zeros(5), none: zero() },
  gapSum: zero(),
  both: zero(),
  overrated: zero(),
  confirmed: zero(),
  total: zero(),
});

/** One group of accounts into a period: its lens level before and at the end, and both levels at the end. */
function accumulate(
  into: Accumulator,
  tally: Tally,
  before: number | null,
  after: number | null,
  team: number | null,
  customer: number | null,
) {
  add(into.total, tally);
  if (before !== null && after !== null && after > before) add(into.up, tally);
  if (before !== null && after !== null && after < before) add(into.down, tally);
  add(after === null ? into.distribution.none : into.distribution.byLevel[after - 1]!, tally);
  if (customer !== null) add(into.confirmed, tally);
  if (team !== null && customer !== null) {
    add(into.both, tally);
    if (team > customer) add(into.overrated, tally);
    add(into.gapSum, { count: (team - customer) * tally.count, revenue: (team - customer) * tally.revenue });
  }
}

function periodOf(from: IsoDay, to: IsoDay, acc: Accumulator): HeadlinePeriod {
  return {
    from,
    to,
    up: acc.up,
    down: acc.down,
    net: { count: acc.up.count - acc.down.count, revenue: acc.up.revenue - acc.down.revenue },
    watershed: watershedShare(acc.distribution),
    averageGap: shareOf(acc.gapSum, acc.both),
    overrated: acc.overrated,
    coverage: shareOf(acc.confirmed, acc.total),
  };
}

/**
 * The headline: the period's movement through the lens (level just before it against the level at
 * its end, as the transition matrix and the movers read it), the share at level 4 or higher, the
 * average perception gap and the customer's confirmation coverage at its end; the same for the
 * period of equal length before it. Both periods count the same accounts, those the filters leave
 * as of `to`. One walk over the accounts with the levels at three cutoffs: the end of the day
 * before the previous period, the end of the day before this one, and the end of `to`.
 */
export async function headlineQuery(db: DashboardDb, filters: Filters): Promise<HeadlineResult> {
  const { from, to } = resolvePeriod(filters);
  const previous = previousPeriod(from, to);
  const lens = (prefix: string) => lensLevel(filters.source, `${prefix}t`, `${prefix}c`);
  const rows = await query<{
    currency: string;
    l0: number | null;
    t1: number | null;
    c1: number | null;
    t2: number | null;
    c2: number | null;
    n: number;
    revenue: number;
  }>(
    db.tx,
    sql`with ${scopeCtes(db, filters)}
      select (select code from reporting) as currency, ${lens('p0_')} as l0,
        p1_t.level as t1, p1_c.level as c1, p2_t.level as t2, p2_c.level as c2, ${tallyColumns}
      from scope s
      ${probesAt(db, endOfDay(addDays(previous.from, -1)), 'p0_', needs(filters.source))}
      ${probesAt(db, endOfDay(previous.to), 'p1_')}
      ${probesAt(db, endOfDay(to), 'p2_')}
      group by 1, 2, 3, 4, 5, 6`,
  );
  // The lens level from the team and customer levels of one cutoff, as lensLevel reads them in SQL.
  const through = (team: number | null, customer: number | null) =>
    filters.source === 'team' ? team : filters.source === 'customer' ? customer : (customer ?? team);
  const before = accumulator();
  const now = accumulator();
  for (const row of rows) {
    const tally = tallyOf(row);
    const l1 = through(row.t1, row.c1);
    accumulate(before, tally, row.l0, l1, row.t1, row.c1);
    accumulate(now, tally, l1, through(row.t2, row.c2), row.t2, row.c2);
  }
  return {
    currency: rows[0]?.currency ?? (await reportingCurrencyOf(db)),
    current: periodOf(from, to, now),
    previous: periodOf(previous.from, previous.to, before),
  };
}
