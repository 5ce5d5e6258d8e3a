import 'server-only';
import { sql } from 'drizzle-orm';
import { endOfDay, periodsBetween, startOfDay, type IsoDay, type Period } from '../domain/calendar';
import { compareIds, compareRevenueDesc, type Tally } from '../domain/dashboard';
import type { DrillDownRow } from './drill-down';
import { resolvePeriod, type Filters } from './filters';
import {
  add,
  bothAtCuts,
  cutsArray,
  customerRunsAt,
  query,
  reportingCurrencyOf,
  scopeCtes,
  tallyColumns,
  tallyOf,
  teamSpansAt,
  zero,
  zeros,
  type DashboardDb,
} from './sql';

const OVERRATED_PREVIEW = 10;

export interface GapResult {
  asOf: IsoDay;
  currency: string;
  cells: Tally[][];
  averageGap: { count: number | null; revenue: number | null };
  both: Tally;
  overrated: Tally;
  underrated: Tally;
  /** The biggest accounts the team overrates (the full list through drillDown 'overrated'). */
  overratedAccounts: DrillDownRow[];
}

/** Team level × customer level at the end of `to`, and the biggest accounts the team overrates. */
export async function gapQuery(db: DashboardDb, filters: Filters, previewSize = OVERRATED_PREVIEW): Promise<GapResult> {
  const { to } = resolvePeriod(filters);
  const cutoff = endOfDay(to);
  // One walk over the accounts: its rows feed both the matrix (grouped) and the preview list (the top few).
  const rows = await query<{
    currency: string;
    team: number;
    customer: number;
    n: number;
    revenue: number;
    id: string | null;
    name: string | null;
    owner_name: string | null;
    account_revenue: number | null;
  }>(
    db.tx,
    sql`with ${scopeCtes(db, filters)},
      facts as materialized (
        select s.id, s.name, s.owner_user_id, s.revenue, t.level as team, c.level as customer
        from scope s
        join ${customerRunsAt(db, cutoff)} c on c.account_id = s.id and c.level is not null
        join ${teamSpansAt(db, cutoff)} t on t.account_id = s.id
      ),
      preview as (
        select f.* from facts f where f.team > f.customer order by f.revenue desc nulls last, f.team - f.customer desc, f.id limit ${previewSize}
      )
      select (select code from reporting) as currency, s.team, s.customer, ${tallyColumns},
        null::uuid as id, null::text as name, null::text as owner_name, null::float8 as account_revenue
      from facts s group by s.team, s.customer
      union all
      select (select code from reporting), p.team, p.customer, 0, 0, p.id, p.name, u.name, p.revenue
      from preview p left join users u on u.id = p.owner_user_id`,
  );
  const result: GapResult = {
    asOf: to,
    currency: rows[0]?.currency ?? (await reportingCurrencyOf(db)),
    cells: [0, 1, 2, 3, 4].map(() => zeros(5)),
    averageGap: { count: null, revenue: null },
    both: zero(),
    overrated: zero(),
    underrated: zero(),
    overratedAccounts: [],
  };
  const gapSum = zero();
  for (const row of rows) {
    if (row.id !== null) {
      result.overratedAccounts.push({
        accountId: row.id,
        name: row.name!,
        ownerName: row.owner_name,
        revenue: row.account_revenue,
        teamLevel: row.team,
        customerLevel: row.customer,
        effectiveLevel: row.customer,
        effectiveFromTeam: false,
        fromLevel: null,
      });
      continue;
    }
    const tally = tallyOf(row);
    add(result.cells[row.team - 1]![row.customer - 1]!, tally);
    add(result.both, tally);
    if (row.team > row.customer) add(result.overrated, tally);
    if (row.team < row.customer) add(result.underrated, tally);
    add(gapSum, { count: (row.team - row.customer) * tally.count, revenue: (row.team - row.customer) * tally.revenue });
  }
  result.overratedAccounts.sort(
    (a, b) =>
      compareRevenueDesc(a.revenue, b.revenue) ||
      b.teamLevel! - b.customerLevel! - (a.teamLevel! - a.customerLevel!) ||
      compareIds(a.accountId, b.accountId),
  );
  result.averageGap = {
    count: result.both.count ? gapSum.count / result.both.count : null,
    revenue: result.both.revenue ? gapSum.revenue / result.both.revenue : null,
  };
  return result;
}

export interface GapTrendPoint extends Period {
  averageGap: { count: number | null; revenue: number | null };
  both: Tally;
}

/**
 * The average perception gap at the end of each period, over the accounts with both levels then.
 *
 * Both sources' levels at each cut where either changes (bothAtCuts) give the account's gap there
 * (team − customer, or none when either level is missing: a customer level disappears when its
 * answers age out). Each row adds its gap and takes back the previous row's, grouped into
 * (period, previous gap, gap) counts; the sums per period are running sums of those.
 */
export async function gapTrendQuery(db: DashboardDb, filters: Filters): Promise<{ periods: GapTrendPoint[] }> {
  const { from, to } = resolvePeriod(filters);
  const periods = periodsBetween(from, to, filters.granularity);
  const start = startOfDay(from);
  const end = endOfDay(to);
  const cuts = cutsArray(
    start,
    periods.map((p) => endOfDay(p.end)),
  );
  const rows = await query<{ k: number; before: number | null; after: number | null; n: number; revenue: number }>(
    db.tx,
    sql`with ${scopeCtes(db, filters)}
      select s.k, s.before, s.after, ${tallyColumns}
      from (
        select y.account_id, y.revenue, y.k, lag(y.gap) over (partition by y.account_id order by y.k) as before, y.gap as after
        from (select b.account_id, b.revenue, b.k, b.team - b.customer as gap from (${bothAtCuts(db, cuts, start, end)}) b) y
      ) s
      where s.before is distinct from s.after
      group by 1, 2, 3`,
  );
  const byBucket = new Map<number, typeof rows>();
  for (const row of rows) byBucket.set(row.k, [...(byBucket.get(row.k) ?? []), row]);
  const gapSum = zero();
  const both = zero();
  return {
    periods: [{ label: '', start: from, end: from }, ...periods].flatMap((period, bucket) => {
      for (const row of byBucket.get(bucket) ?? []) {
        const tally = tallyOf(row);
        if (row.after !== null) {
          add(both, tally);
          add(gapSum, { count: row.after * tally.count, revenue: row.after * tally.revenue });
        }
        if (row.before !== null) {
          add(both, tally, -1);
          add(gapSum, { count: row.before * tally.count, revenue: row.before * tally.revenue }, -1);
        }
      }
      if (bucket === 0) return [];
      return [
        {
          ...period,
          averageGap: {
            count: both.count ? gapSum.count / both.count : null,
            revenue: both.revenue ? gapSum.revenue / both.revenue : null,
          },
          both: { ...both },
        },
      ];
    }),
  };
}
