import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '@/db/client';
import {
  MAX_PERIODS,
  RATES_PER_EUR,
  addDays,
  coverageCutoff,
  defaultPeriod,
  endOfDay,
  isIsoDay,
  periodsBetween,
  staleCutoff,
  startOfDay,
  toIsoDay,
  watershedShare,
  compareIds,
  compareRevenueDesc,
  type Distribution,
  type DrillDown,
  type IsoDay,
  type LevelSource,
  type Movement,
  type Period,
  type Tally,
  type TargetStatus,
} from '../domain/portfolio';
import { freshnessMonthsOf } from '../confirmations';
import { userError } from '../errors';
import { orgProcedure, router } from '../trpc';

/*
 * The portfolio dashboards. Every number is derived from the level history (level_events) with
 * one rule: an account's level from a source on day D is its latest event of that source before
 * the end of D (ties: the greater id). server/domain/portfolio.ts states the same rules as pure
 * functions; tests/integration/dashboard*.test.ts checks every query here against them.
 *
 * How the SQL stays fast at 10,000 accounts and a million events: the views of one or two days
 * walk the organization's accounts once (the filters narrow that walk) and, per account, descend
 * the per-source history index of level_events for the one event they need ("latest before D":
 * one index probe). The period views read level_spans instead, the history folded into runs of
 * one level (kept in step with every append, rebuilt from level_events at will): one index range
 * scan over the runs that overlap the period, for the whole organization, because a level
 * changes far less often than it is re-confirmed. Nothing is queried per account from
 * JavaScript, and every endpoint is one statement. docs/performance.md has the measurements.
 *
 * Shortcut, exact by invariant: accounts.team_level/team_level_at are the latest team event,
 * kept in step by appendLevelEvent in the same transaction. When that event is before the cutoff
 * it is the level on the day, and the probe is skipped (this makes "today" cheap). The customer
 * side has no such shortcut: accounts.customer_level is the combined level of several contacts'
 * answers, while the dashboard reads the latest customer answer (see docs/performance.md).
 *
 * All numbers come as a count and a revenue (in one reporting currency), so switching the
 * dashboard between the two needs no round trip.
 */

// ---------------------------------------------------------------------------------------------
// Input

const daySchema = z.string().refine(isIsoDay, { error: 'validation.dateInvalid' });
const levelSchema = z.int({ error: 'validation.levelInvalid' }).min(1, { error: 'validation.levelInvalid' }).max(5, { error: 'validation.levelInvalid' });
const sourceSchema = z.enum(['team', 'customer']);

/** The filters every dashboard view shares; the page keeps them in its URL. */
export const dashboardFiltersSchema = z.object({
  /** First day of the period (default: the first of the month eleven months ago). */
  from: daySchema.optional(),
  /** Last day of the period, the "as of" day of the summary (default: today, UTC). */
  to: daySchema.optional(),
  granularity: z.enum(['month', 'quarter']).default('month'),
  /** A member's user id, or "none" for accounts nobody owns. */
  owner: z.union([z.uuid({ error: 'validation.invalid' }), z.literal('none')]).optional(),
  /** A segment, or "none" for accounts without one. */
  segment: z.string().trim().min(1).max(200).optional(),
  /** Accounts aiming at this level, or "none" for accounts without a target. */
  targetLevel: z.union([levelSchema, z.literal('none')]).optional(),
  /** Whose level the movement views follow: the team's assessments or the customer's answers. */
  source: sourceSchema.default('team'),
});
export type DashboardFilters = z.input<typeof dashboardFiltersSchema>;
type Filters = z.output<typeof dashboardFiltersSchema>;

const TOP_MOVERS = 10;
const OVERRATED_PREVIEW = 10;
export const DRILL_DOWN_PAGE_SIZE = 25;

/** The period with its defaults applied; refuses an end before the start and periods of more than MAX_PERIODS months. */
export function resolvePeriod(filters: Pick<Filters, 'from' | 'to'>, now: Date = new Date()): { from: IsoDay; to: IsoDay } {
  const to = filters.to ?? toIsoDay(now);
  const from = filters.from ?? defaultPeriod(to).from;
  if (from > to || periodsBetween(from, to, 'month').length > MAX_PERIODS) throw userError('BAD_REQUEST', 'errors.dashboardPeriodInvalid');
  return { from, to };
}

// ---------------------------------------------------------------------------------------------
// SQL building blocks

type Row = Record<string, unknown>;

/** Raw rows from either driver (postgres.js returns an array, PGlite `{ rows }`). */
async function query<T extends Row>(tx: Tx, statement: SQL): Promise<T[]> {
  const result: unknown = await tx.execute(statement);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * PostgreSQL's JIT compiler starts on statements whose estimated cost is high, which these walks
 * over 10,000 accounts reach, and compiling costs more (20–400 ms measured) than it saves on
 * queries that run for tens of milliseconds. Off for this transaction only.
 */
async function withoutJit(tx: Tx): Promise<void> {
  await tx.execute(sql`select set_config('jit', 'off', true)`);
}

const at = (instant: Date) => sql`${instant.toISOString()}::timestamptz`;

/**
 * `fx`: the reference rates; `scope`: the organization's active accounts that pass the filters,
 * each with its revenue in the reporting currency (the one most accounts use). Accounts of the
 * current organization only: the org id comes from the context, and row-level security holds too.
 */
function scopeCtes(orgId: string, filters: Filters): SQL {
  const rates = sql.join(
    Object.entries(RATES_PER_EUR).map(([code, rate]) => sql`(${code}::text, ${rate}::float8)`),
    sql`, `,
  );
  const conditions: SQL[] = [sql`a.org_id = ${orgId}::uuid`, sql`a.archived_at is null`];
  if (filters.owner) conditions.push(filters.owner === 'none' ? sql`a.owner_user_id is null` : sql`a.owner_user_id = ${filters.owner}::uuid`);
  if (filters.segment) conditions.push(filters.segment === 'none' ? sql`a.segment is null` : sql`a.segment = ${filters.segment}`);
  if (filters.targetLevel) conditions.push(filters.targetLevel === 'none' ? sql`a.target_level is null` : sql`a.target_level = ${filters.targetLevel}`);
  return sql`
    fx(code, per_eur) as (values ${rates}),
    reporting as (
      select coalesce((
        select a.currency from accounts a join fx on fx.code = a.currency
        where a.org_id = ${orgId}::uuid and a.archived_at is null
        group by a.currency order by count(*) desc, a.currency limit 1
      ), 'EUR') as code
    ),
    scope as (
      select a.id, a.name, a.owner_user_id, a.target_level, a.target_date, a.team_level, a.team_level_at,
        a.annual_revenue::float8 * (rp.per_eur / f.per_eur) as revenue
      from accounts a
      cross join reporting r
      join fx rp on rp.code = r.code
      left join fx f on f.code = a.currency
      where ${sql.join(conditions, sql` and `)}
    )`;
}

/**
 * The account's (alias `s`) latest event of a source before `before`: level, effective_at, id.
 * For the team, the account's current level answers it without touching the history when its
 * event is before the cutoff (see the note at the top).
 */
function latestBefore(orgId: string, source: LevelSource, before: Date): SQL {
  const probe = sql`(select e.level, e.effective_at, e.id from level_events e
      where e.org_id = ${orgId}::uuid and e.account_id = s.id and e.source = ${source}::level_source and e.effective_at < ${at(before)}
      order by e.effective_at desc, e.id desc limit 1)`;
  if (source === 'customer') return probe;
  return sql`(select s.team_level as level, s.team_level_at as effective_at, null::uuid as id where s.team_level_at < ${at(before)}
      union all ${probe} limit 1)`;
}

const tallyColumns = sql`count(*)::int as n, coalesce(sum(s.revenue), 0)::float8 as revenue`;
const tallyOf = (row: { n: number; revenue: number }): Tally => ({ count: row.n, revenue: row.revenue });
const zero = (): Tally => ({ count: 0, revenue: 0 });
const zeros = (n: number) => Array.from({ length: n }, zero);
function add(into: Tally, tally: Tally, sign = 1): void {
  into.count += sign * tally.count;
  into.revenue += sign * tally.revenue;
}

async function reportingCurrencyOf(tx: Tx, orgId: string): Promise<string> {
  const [row] = await query<{ code: string }>(tx, sql`with ${scopeCtes(orgId, { granularity: 'month', source: 'team' })} select code from reporting`);
  return row?.code ?? 'EUR';
}

// ---------------------------------------------------------------------------------------------
// Queries (exported for the benchmark and the tests)

export interface SummaryResult {
  asOf: IsoDay;
  currency: string;
  team: Distribution;
  customer: Distribution;
  watershed: { team: { count: number | null; revenue: number | null }; customer: { count: number | null; revenue: number | null } };
  gap: { averageGap: { count: number | null; revenue: number | null }; both: Tally; overrated: Tally };
  /** Accounts with a customer answer in the last `freshnessMonths` months (the organization's setting). */
  confirmed: Tally;
  freshnessMonths: number;
  stale: Tally;
  targets: Record<TargetStatus, Tally>;
  total: Tally;
  /** Accounts whose revenue is unknown (no amount, or a currency without a reference rate). */
  withoutRevenue: number;
}

/** Where the portfolio stands at the end of `to`: one walk over the accounts, two probes each at most. */
export async function summaryQuery(tx: Tx, orgId: string, filters: Filters): Promise<SummaryResult> {
  const { to } = resolvePeriod(filters);
  const cutoff = endOfDay(to);
  // Confirmation coverage counts answers within the organization's freshness window (issue 4's setting).
  const freshnessMonths = await freshnessMonthsOf(tx);
  const targetLevelSql = filters.source === 'team' ? sql`t.level` : sql`c.level`;
  const rows = await query<{
    currency: string;
    team: number | null;
    customer: number | null;
    stale: boolean;
    confirmed: boolean;
    target: TargetStatus | null;
    unknown_revenue: boolean;
    n: number;
    revenue: number;
  }>(
    tx,
    sql`with ${scopeCtes(orgId, filters)}
      select (select code from reporting) as currency, t.level as team, c.level as customer,
        (t.effective_at is null or t.effective_at < ${at(staleCutoff(to))}) as stale,
        (c.effective_at is not null and c.effective_at >= ${at(coverageCutoff(to, freshnessMonths))}) as confirmed,
        case when s.target_level is null then null
             when ${targetLevelSql} >= s.target_level then 'reached'
             when s.target_date is not null and s.target_date < ${to}::date then 'behind'
             else 'onTrack' end as target,
        s.revenue is null as unknown_revenue,
        ${tallyColumns}
      from scope s
      left join lateral ${latestBefore(orgId, 'team', cutoff)} t on true
      left join lateral ${latestBefore(orgId, 'customer', cutoff)} c on true
      group by 2, 3, 4, 5, 6, 7`,
  );
  const result: SummaryResult = {
    asOf: to,
    currency: rows[0]?.currency ?? (await reportingCurrencyOf(tx, orgId)),
    team: { byLevel: zeros(5), none: zero() },
    customer: { byLevel: zeros(5), none: zero() },
    watershed: { team: { count: null, revenue: null }, customer: { count: null, revenue: null } },
    gap: { averageGap: { count: null, revenue: null }, both: zero(), overrated: zero() },
    confirmed: zero(),
    freshnessMonths,
    stale: zero(),
    targets: { reached: zero(), onTrack: zero(), behind: zero() },
    total: zero(),
    withoutRevenue: 0,
  };
  const gapSum = zero();
  for (const row of rows) {
    const tally = tallyOf(row);
    add(result.total, tally);
    add(row.team === null ? result.team.none : result.team.byLevel[row.team - 1]!, tally);
    add(row.customer === null ? result.customer.none : result.customer.byLevel[row.customer - 1]!, tally);
    if (row.team !== null && row.customer !== null) {
      add(result.gap.both, tally);
      if (row.team > row.customer) add(result.gap.overrated, tally);
      add(gapSum, { count: (row.team - row.customer) * tally.count, revenue: (row.team - row.customer) * tally.revenue });
    }
    if (row.confirmed) add(result.confirmed, tally);
    if (row.stale) add(result.stale, tally);
    if (row.target) add(result.targets[row.target], tally);
    if (row.unknown_revenue) result.withoutRevenue += row.n;
  }
  result.gap.averageGap = {
    count: result.gap.both.count ? gapSum.count / result.gap.both.count : null,
    revenue: result.gap.both.revenue ? gapSum.revenue / result.gap.both.revenue : null,
  };
  result.watershed = { team: watershedShare(result.team), customer: watershedShare(result.customer) };
  return result;
}

export interface TrendPoint extends Period {
  /** The distribution at the end of the period. */
  distribution: Distribution;
  up: Tally;
  down: Tally;
  net: Tally;
  entered: Tally;
}

/**
 * The level distribution at the end of each period, and per period the accounts that moved up or
 * down (level just before the period vs. at its end) or got their first level.
 *
 * From the level runs that overlap the period (changesInPeriods): one row per account for the
 * level just before the period (none for accounts without one), and one per account and period
 * in which its level moved, grouped into (period, from level, to level) counts, plus one total
 * over the accounts in scope (k = -1), so those without a level are the total minus the rest.
 * The distributions are running sums of those.
 */
export async function trendQuery(tx: Tx, orgId: string, filters: Filters): Promise<{ currency: string; periods: TrendPoint[] }> {
  const { from, to } = resolvePeriod(filters);
  const periods = periodsBetween(from, to, filters.granularity);
  const start = startOfDay(from);
  // cuts[1] is the start of the period; cuts[k + 1] the end of period k. width_bucket(t, cuts) = k for an event in period k.
  const cuts = sql`array[${sql.join([start, ...periods.map((p) => endOfDay(p.end))].map(at), sql`, `)}]`;
  const end = endOfDay(to);
  const rows = await query<{ currency: string; k: number; from_level: number | null; to_level: number | null; n: number; revenue: number }>(
    tx,
    sql`with ${scopeCtes(orgId, filters)}
      select (select code from reporting) as currency, c.k, c.from_level, c.to_level, ${tallyColumns}
      from (${changesInPeriods(orgId, filters.source, cuts, start, end)}) c
      join scope s on s.id = c.account_id
      group by 1, 2, 3, 4
      union all
      -- k = -1: every account in scope; those without a level before the period are the rest.
      select (select code from reporting), -1, null, null, ${tallyColumns} from scope s`,
  );
  const distribution: Distribution = { byLevel: zeros(5), none: zero() };
  const byPeriod = periods.map(() => ({ deltas: zeros(5), up: zero(), down: zero(), entered: zero() }));
  for (const row of rows) {
    const tally = tallyOf(row);
    if (row.k === -1) {
      add(distribution.none, tally);
      continue;
    }
    if (row.k === 0) {
      add(distribution.byLevel[row.to_level! - 1]!, tally);
      add(distribution.none, tally, -1);
      continue;
    }
    const period = byPeriod[row.k - 1]!;
    add(period.deltas[row.to_level! - 1]!, tally);
    if (row.from_level === null) {
      add(period.entered, tally);
    } else {
      add(period.deltas[row.from_level - 1]!, tally, -1);
      if (row.to_level! > row.from_level) add(period.up, tally);
      else if (row.to_level! < row.from_level) add(period.down, tally);
    }
  }
  const points = periods.map((period, index) => {
    const changes = byPeriod[index]!;
    distribution.byLevel.forEach((tally, level) => add(tally, changes.deltas[level]!));
    add(distribution.none, changes.entered, -1);
    const movement: Omit<Movement, keyof Period> = {
      up: changes.up,
      down: changes.down,
      net: { count: changes.up.count - changes.down.count, revenue: changes.up.revenue - changes.down.revenue },
      entered: changes.entered,
    };
    return { ...period, distribution: { byLevel: distribution.byLevel.map((t) => ({ ...t })), none: { ...distribution.none } }, ...movement };
  });
  return { currency: rows[0]?.currency ?? (await reportingCurrencyOf(tx, orgId)), periods: points };
}

export interface TransitionsResult {
  dayA: IsoDay;
  dayB: IsoDay;
  currency: string;
  cells: Tally[][];
  fromNone: Tally[];
  toNone: Tally[];
  neither: Tally;
}

/** Accounts from level i on day A to level j on day B: two probes per account. */
export async function transitionsQuery(tx: Tx, orgId: string, filters: Filters, dayA: IsoDay, dayB: IsoDay): Promise<TransitionsResult> {
  const rows = await query<{ currency: string; a: number | null; b: number | null; n: number; revenue: number }>(
    tx,
    sql`with ${scopeCtes(orgId, filters)}
      select (select code from reporting) as currency, la.level as a, lb.level as b, ${tallyColumns}
      from scope s
      left join lateral ${latestBefore(orgId, filters.source, endOfDay(dayA))} la on true
      left join lateral ${latestBefore(orgId, filters.source, endOfDay(dayB))} lb on true
      group by 1, 2, 3`,
  );
  const result: TransitionsResult = {
    dayA,
    dayB,
    currency: rows[0]?.currency ?? (await reportingCurrencyOf(tx, orgId)),
    cells: [0, 1, 2, 3, 4].map(() => zeros(5)),
    fromNone: zeros(5),
    toNone: zeros(5),
    neither: zero(),
  };
  for (const row of rows) {
    const target =
      row.a === null ? (row.b === null ? result.neither : result.fromNone[row.b - 1]!) : row.b === null ? result.toNone[row.a - 1]! : result.cells[row.a - 1]![row.b - 1]!;
    add(target, tallyOf(row));
  }
  return result;
}

export interface MoverRow {
  accountId: string;
  name: string;
  revenue: number | null;
  fromLevel: number;
  toLevel: number;
  changedAt: Date;
  /** What made the move: the assessment (who closed it), or the contact who answered. */
  assessmentId: string | null;
  recordedByName: string | null;
  contactName: string | null;
}

/**
 * The accounts that moved most over the period. Two probes per account find the movers; only for
 * the few shown does a range scan find the last event that changed the level, and who or what
 * was behind it.
 */
export async function topMoversQuery(tx: Tx, orgId: string, filters: Filters, limit = TOP_MOVERS): Promise<{ currency: string; up: MoverRow[]; down: MoverRow[] }> {
  const { from, to } = resolvePeriod(filters);
  const start = startOfDay(from);
  const end = endOfDay(to);
  const rows = await query<{
    currency: string;
    direction: 'up' | 'down';
    id: string;
    name: string;
    revenue: number | null;
    from_level: number;
    to_level: number;
    changed_at_ms: number;
    assessment_id: string | null;
    recorded_by_name: string | null;
    contact_name: string | null;
  }>(
    tx,
    sql`with ${scopeCtes(orgId, filters)},
      moved as materialized (
        select s.id, s.name, s.revenue, a.level as from_level, b.level as to_level
        from scope s
        join lateral ${latestBefore(orgId, filters.source, start)} a on true
        join lateral ${latestBefore(orgId, filters.source, end)} b on true
        where a.level <> b.level
      ),
      shown as (
        (select 'up' as direction, m.* from moved m where m.to_level > m.from_level
          order by m.to_level - m.from_level desc, m.revenue desc nulls last, m.id limit ${limit})
        union all
        (select 'down' as direction, m.* from moved m where m.to_level < m.from_level
          order by m.from_level - m.to_level desc, m.revenue desc nulls last, m.id limit ${limit})
      )
      select (select code from reporting) as currency, sh.direction, sh.id, sh.name, sh.revenue, sh.from_level, sh.to_level,
        (extract(epoch from ch.effective_at) * 1000)::float8 as changed_at_ms, ch.assessment_id, u.name as recorded_by_name, ct.name as contact_name
      from shown sh
      cross join lateral (
        select x.effective_at, x.assessment_id, x.recorded_by_user_id, x.contact_id, x.id from (
          select e.effective_at, e.id, e.level, e.assessment_id, e.recorded_by_user_id, e.contact_id,
            coalesce(lag(e.level) over (order by e.effective_at, e.id), sh.from_level) as previous
          from level_events e
          where e.org_id = ${orgId}::uuid and e.account_id = sh.id and e.source = ${filters.source}::level_source
            and e.effective_at >= ${at(start)} and e.effective_at < ${at(end)}
        ) x
        where x.level <> x.previous
        order by x.effective_at desc, x.id desc limit 1
      ) ch
      left join users u on u.id = ch.recorded_by_user_id
      left join contacts ct on ct.org_id = ${orgId}::uuid and ct.id = ch.contact_id`,
  );
  const toMover = (row: (typeof rows)[number]): MoverRow => ({
    accountId: row.id,
    name: row.name,
    revenue: row.revenue,
    fromLevel: row.from_level,
    toLevel: row.to_level,
    changedAt: new Date(row.changed_at_ms),
    assessmentId: row.assessment_id,
    recordedByName: row.recorded_by_name,
    contactName: row.contact_name,
  });
  const order = (a: MoverRow, b: MoverRow) =>
    Math.abs(b.toLevel - b.fromLevel) - Math.abs(a.toLevel - a.fromLevel) || (b.revenue ?? -Infinity) - (a.revenue ?? -Infinity) || (a.accountId < b.accountId ? -1 : 1);
  return {
    currency: rows[0]?.currency ?? (await reportingCurrencyOf(tx, orgId)),
    up: rows.filter((r) => r.direction === 'up').map(toMover).sort(order),
    down: rows.filter((r) => r.direction === 'down').map(toMover).sort(order),
  };
}

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
export async function gapQuery(tx: Tx, orgId: string, filters: Filters, previewSize = OVERRATED_PREVIEW): Promise<GapResult> {
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
    tx,
    sql`with ${scopeCtes(orgId, filters)},
      facts as materialized (
        select s.id, s.name, s.owner_user_id, s.revenue, t.level as team, c.level as customer
        from scope s
        join lateral ${latestBefore(orgId, 'team', cutoff)} t on true
        join lateral ${latestBefore(orgId, 'customer', cutoff)} c on true
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
    currency: rows[0]?.currency ?? (await reportingCurrencyOf(tx, orgId)),
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
    (a, b) => compareRevenueDesc(a.revenue, b.revenue) || b.teamLevel! - b.customerLevel! - (a.teamLevel! - a.customerLevel!) || compareIds(a.accountId, b.accountId),
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
 * The rows both period views build on, for one source, read from the runs of the level history
 * (level_spans, kept in step with level_events) that overlap the period: per account, a baseline
 * row (k = 0, the level just before the period) when it had one, and for each period k at whose
 * end its level differs from the run it had before, `from_level` → `to_level` (`from_level` null:
 * its first level). Runs are bucketed by where they start; the last run starting in a period is
 * the level at its end (lead()); lag() over those gives the level the period started from. Levels
 * change far less often than they are re-confirmed, so this reads a fraction of the events, in
 * one index range scan for the whole organization.
 */
function changesInPeriods(orgId: string, source: LevelSource, cuts: SQL, start: Date, end: Date): SQL {
  return sql`
    select x.account_id, x.k, lag(x.level) over (partition by x.account_id order by x.k) as from_level, x.level as to_level
    from (
      select p.account_id, p.level, width_bucket(p.starts_at, ${cuts}) as k,
        lead(width_bucket(p.starts_at, ${cuts})) over (partition by p.account_id order by p.starts_at, p.start_event_id) as next_k
      from level_spans p
      where p.org_id = ${orgId}::uuid and p.source = ${source}::level_source and p.ends_at >= ${at(start)} and p.starts_at < ${at(end)}
    ) x
    where x.next_k is distinct from x.k`;
}

/**
 * The average perception gap at the end of each period, over the accounts with both levels.
 *
 * An account counts from the first period J at whose end it has both levels (levels never
 * disappear later). From then on its gap moves only where one of its levels changes, so each
 * change row of a source (from → to in period k) adds ±(to − from) to the gap sum of period
 * max(k, J): summed up to J these telescope to the levels at J, after J they are the changes.
 * Both sources' rows come from changesInPeriods, grouped per account by window functions.
 */
export async function gapTrendQuery(tx: Tx, orgId: string, filters: Filters): Promise<{ periods: GapTrendPoint[] }> {
  const { from, to } = resolvePeriod(filters);
  const periods = periodsBetween(from, to, filters.granularity);
  const start = startOfDay(from);
  const end = endOfDay(to);
  const cuts = sql`array[${sql.join([start, ...periods.map((p) => endOfDay(p.end))].map(at), sql`, `)}]`;
  const rows = await query<{ bucket: number; gap_count: number; gap_revenue: number; both_count: number; both_revenue: number }>(
    tx,
    sql`with ${scopeCtes(orgId, filters)}
      select greatest(v.k, v.j) as bucket,
        coalesce(sum(v.sign * (v.to_level - coalesce(v.from_level, 0))), 0)::int as gap_count,
        coalesce(sum(v.sign * (v.to_level - coalesce(v.from_level, 0)) * s.revenue), 0)::float8 as gap_revenue,
        (count(*) filter (where v.first))::int as both_count,
        coalesce(sum(s.revenue) filter (where v.first), 0)::float8 as both_revenue
      from (
        select r.account_id, r.sign, r.k, r.from_level, r.to_level,
          -- greatest() skips nulls; an account without one of the levels must get none.
          case when bool_and(r.sign = 1) over account or bool_and(r.sign = -1) over account then null
               else greatest(min(r.k) filter (where r.sign = 1) over account, min(r.k) filter (where r.sign = -1) over account) end as j,
          -- The account's earliest row, whose period is at or before J: counts it once, in period J.
          row_number() over (partition by r.account_id order by r.k, r.sign) = 1 as first
        from (
          select 1 as sign, t.* from (${changesInPeriods(orgId, 'team', cuts, start, end)}) t
          union all
          select -1 as sign, c.* from (${changesInPeriods(orgId, 'customer', cuts, start, end)}) c
        ) r
        window account as (partition by r.account_id)
      ) v
      join scope s on s.id = v.account_id
      where v.j is not null
      group by 1`,
  );
  const byBucket = new Map(rows.map((row) => [row.bucket, row]));
  const gapSum = zero();
  const both = zero();
  return {
    periods: [{ label: '', start: from, end: from }, ...periods].flatMap((period, bucket) => {
      const row = byBucket.get(bucket);
      if (row) {
        add(gapSum, { count: row.gap_count, revenue: row.gap_revenue });
        add(both, { count: row.both_count, revenue: row.both_revenue });
      }
      if (bucket === 0) return [];
      return [
        {
          ...period,
          averageGap: { count: both.count ? gapSum.count / both.count : null, revenue: both.revenue ? gapSum.revenue / both.revenue : null },
          both: { ...both },
        },
      ];
    }),
  };
}

export interface DrillDownRow {
  accountId: string;
  name: string;
  ownerName: string | null;
  revenue: number | null;
  /** Levels at the end of the drill-down's day (for a transition: day B). */
  teamLevel: number | null;
  customerLevel: number | null;
  /** For a transition: the level on day A. */
  fromLevel: number | null;
}

/** The accounts behind one number, biggest revenue first, a page at a time. */
export async function drillDownQuery(
  tx: Tx,
  orgId: string,
  filters: Filters,
  spec: DrillDown,
  offset: number,
  limit = DRILL_DOWN_PAGE_SIZE,
): Promise<{ total: number; currency: string; rows: DrillDownRow[] }> {
  const day = spec.kind === 'transition' ? spec.dayB : spec.day;
  const cutoff = endOfDay(day);
  let condition: SQL;
  switch (spec.kind) {
    case 'level':
      condition = spec.level === null ? sql`${spec.source === 'team' ? sql`t.level` : sql`c.level`} is null` : sql`${spec.source === 'team' ? sql`t.level` : sql`c.level`} = ${spec.level}`;
      break;
    case 'transition': {
      const b = spec.source === 'team' ? sql`t.level` : sql`c.level`;
      condition = sql`${spec.fromLevel === null ? sql`la.level is null` : sql`la.level = ${spec.fromLevel}`} and ${spec.toLevel === null ? sql`${b} is null` : sql`${b} = ${spec.toLevel}`}`;
      break;
    }
    case 'gap':
      condition = sql`t.level = ${spec.teamLevel} and c.level = ${spec.customerLevel}`;
      break;
    case 'overrated':
      condition = sql`t.level > c.level`;
      break;
    case 'stale':
      condition = sql`(t.effective_at is null or t.effective_at < ${at(staleCutoff(spec.day))})`;
      break;
    case 'unconfirmed':
      condition = sql`(c.effective_at is null or c.effective_at < ${at(coverageCutoff(spec.day, spec.months))})`;
      break;
    case 'target': {
      const level = spec.source === 'team' ? sql`t.level` : sql`c.level`;
      const reached = sql`coalesce(${level} >= s.target_level, false)`;
      const overdue = sql`(s.target_date is not null and s.target_date < ${spec.day}::date)`;
      condition = sql`s.target_level is not null and ${
        spec.status === 'reached' ? reached : spec.status === 'behind' ? sql`not ${reached} and ${overdue}` : sql`not ${reached} and not ${overdue}`
      }`;
      break;
    }
  }
  const fromLevel =
    spec.kind === 'transition' ? sql`left join lateral ${latestBefore(orgId, spec.source, endOfDay(spec.dayA))} la on true` : sql``;
  const rows = await query<{
    currency: string;
    total: number;
    id: string;
    name: string;
    owner_name: string | null;
    revenue: number | null;
    team: number | null;
    customer: number | null;
    from_level: number | null;
  }>(
    tx,
    sql`with ${scopeCtes(orgId, filters)}
      select (select code from reporting) as currency, (count(*) over ())::int as total, s.id, s.name, u.name as owner_name, s.revenue,
        t.level as team, c.level as customer, ${spec.kind === 'transition' ? sql`la.level` : sql`null::smallint`} as from_level
      from scope s
      left join lateral ${latestBefore(orgId, 'team', cutoff)} t on true
      left join lateral ${latestBefore(orgId, 'customer', cutoff)} c on true
      ${fromLevel}
      left join users u on u.id = s.owner_user_id
      where ${condition}
      order by s.revenue desc nulls last, ${spec.kind === 'overrated' ? sql`t.level - c.level desc,` : sql``} s.id
      limit ${limit} offset ${offset}`,
  );
  return {
    total: rows[0]?.total ?? 0,
    currency: rows[0]?.currency ?? (await reportingCurrencyOf(tx, orgId)),
    rows: rows.map((row) => ({
      accountId: row.id,
      name: row.name,
      ownerName: row.owner_name,
      revenue: row.revenue,
      teamLevel: row.team,
      customerLevel: row.customer,
      fromLevel: row.from_level,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Procedures: all read-only, open to every member including viewers (executives).

const transitionInput = dashboardFiltersSchema.extend({ dayA: daySchema.optional(), dayB: daySchema.optional() });

/** Day A defaults to the day before the period starts and day B to its last day: the whole period's movement. */
function transitionDays(input: z.output<typeof transitionInput>) {
  const { from, to } = resolvePeriod(input);
  return { dayA: input.dayA ?? addDays(from, -1), dayB: input.dayB ?? to };
}

const drillDownSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('level'), source: sourceSchema, level: levelSchema.nullable() }),
  z.object({ kind: z.literal('transition'), fromLevel: levelSchema.nullable(), toLevel: levelSchema.nullable() }),
  z.object({ kind: z.literal('gap'), teamLevel: levelSchema, customerLevel: levelSchema }),
  z.object({ kind: z.literal('overrated') }),
  z.object({ kind: z.literal('stale') }),
  z.object({ kind: z.literal('unconfirmed') }),
  z.object({ kind: z.literal('target'), status: z.enum(['reached', 'onTrack', 'behind']) }),
]);
export type DrillDownSpec = z.input<typeof drillDownSpecSchema>;

/** Read-only, open to every member including viewers (executives); JIT off for the transaction. */
const dashboardProcedure = orgProcedure('viewer').use(async ({ ctx, next }) => {
  await withoutJit(ctx.tx);
  return next();
});

export const dashboardRouter = router({
  /** Where the portfolio stands at the end of the period ("now" by default): levels by team and customer, gap, confirmation, stale, targets. */
  summary: dashboardProcedure
    .input(dashboardFiltersSchema)
    .query(({ ctx, input }) => summaryQuery(ctx.tx, ctx.org.id, input)),

  /** Per month or quarter: the level distribution at its end, and the accounts that moved up, down or were assessed for the first time. */
  distributionOverTime: dashboardProcedure
    .input(dashboardFiltersSchema)
    .query(({ ctx, input }) => trendQuery(ctx.tx, ctx.org.id, input)),

  /** The transition matrix between two days (default: the whole period). */
  transitions: dashboardProcedure
    .input(transitionInput)
    .query(({ ctx, input }) => {
      const { dayA, dayB } = transitionDays(input);
      return transitionsQuery(ctx.tx, ctx.org.id, input, dayA, dayB);
    }),

  /** The accounts that moved most up and down over the period, with the move behind it. */
  topMovers: dashboardProcedure
    .input(dashboardFiltersSchema)
    .query(({ ctx, input }) => topMoversQuery(ctx.tx, ctx.org.id, input)),

  /** Team × customer levels at the end of the period, the average gap, and the biggest accounts the team overrates. */
  gap: dashboardProcedure
    .input(dashboardFiltersSchema)
    .query(({ ctx, input }) => gapQuery(ctx.tx, ctx.org.id, input)),

  /** The average perception gap at the end of each month or quarter. */
  gapTrend: dashboardProcedure
    .input(dashboardFiltersSchema)
    .query(({ ctx, input }) => gapTrendQuery(ctx.tx, ctx.org.id, input)),

  /** The accounts behind a number on the dashboard, a page at a time. */
  drillDown: dashboardProcedure
    .input(
      transitionInput.extend({
        spec: drillDownSpecSchema,
        offset: z.int().min(0).max(1_000_000).default(0),
      }),
    )
    .query(async ({ ctx, input }) => {
      const { to } = resolvePeriod(input);
      const { dayA, dayB } = transitionDays(input);
      const spec: DrillDown =
        input.spec.kind === 'transition'
          ? { ...input.spec, source: input.source, dayA, dayB }
          : input.spec.kind === 'level'
            ? { ...input.spec, day: to }
            : input.spec.kind === 'target'
              ? { ...input.spec, source: input.source, day: to }
              : input.spec.kind === 'unconfirmed'
                ? { ...input.spec, day: to, months: await freshnessMonthsOf(ctx.tx) }
                : { ...input.spec, day: to };
      return drillDownQuery(ctx.tx, ctx.org.id, input, spec, input.offset);
    }),
});
