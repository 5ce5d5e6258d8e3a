import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { answerExpiresAt } from '../domain/customer-level';
import { endOfDay } from '../domain/calendar';
import { RATES_PER_EUR } from '../domain/currency';
import type { LevelSource, Tally } from '../domain/dashboard';
import { resolvePeriod, type Filters } from './filters';

/*
 * The SQL building blocks every dashboard query shares. The rules they implement are those of
 * server/domain/portfolio-oracle.ts (the oracle the integration tests hold them against):
 *
 * - team level before an instant: the team's level run (level_spans) that covers it, or where the
 *   time of the latest assessment matters (stale accounts) the latest team event before it
 *   (level_events, one index probe per account, skipped when accounts.team_level_at answers it:
 *   that is the latest team event, kept in step by appendLevelEvent in the same transaction);
 * - customer level before an instant: the customer level run (customer_level_runs, derived from
 *   the answers by server/services/customer-level-runs.ts) that covers it; runs are contiguous from the
 *   first answer on, so there is one per account with answers by then (its level null: no fresh
 *   answer). Both run tables are read for all accounts at once by a range scan on (org_id, ends_at);
 * - effective level: the customer level where there is one, else the team level.
 *
 * Period views read runs of both sources (level_spans for the team, customer_level_runs) that
 * overlap the period, in one index range scan each for the whole organization.
 */

/** What every query needs: the transaction (row-level security on), the organization, its freshness window. */
export interface DashboardDb {
  tx: Tx;
  orgId: string;
  /** How long a customer's answer counts, in months (the organization's setting). */
  months: number;
}

export type Row = Record<string, unknown>;

/** Raw rows from either driver (postgres.js returns an array, PGlite `{ rows }`). */
export async function query<T extends Row>(tx: Tx, statement: SQL): Promise<T[]> {
  const result: unknown = await tx.execute(statement);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

export const at = (instant: Date) => sql`${instant.toISOString()}::timestamptz`;

/**
 * The first instant of the earliest UTC day whose answers still count just before `before`: an
 * answer's expiry (answerExpiresAt) never decreases with its day, so the answers that count are
 * exactly those given from this instant on (and before `before`). Worked out here, the query is a
 * plain range on the answers' time instead of a date computation per answer.
 */
export function freshSince(before: Date, months: number): Date {
  const day = new Date(Date.UTC(before.getUTCFullYear(), before.getUTCMonth() - months - 1, before.getUTCDate()));
  while (answerExpiresAt(day, months).getTime() < before.getTime()) day.setUTCDate(day.getUTCDate() + 1);
  return day;
}

/**
 * Some economic buyer of the account (alias `account`) has an answer that counts at the instant
 * just before `before`: given before it and not yet aged out. Answers of archived contacts do not
 * count. A range of the account's answers index (org_id, account_id, created_at), or for all
 * accounts at once a hashed subplan over the organization's answers in that range.
 */
export function economicBuyerFresh(db: DashboardDb, account: SQL, before: Date): SQL {
  return sql`exists (select 1 from confirmation_answers ea
      join contacts ec on ec.org_id = ea.org_id and ec.id = ea.contact_id
      where ea.org_id = ${db.orgId}::uuid and ea.account_id = ${account}
        and ea.created_at >= ${at(freshSince(before, db.months))} and ea.created_at < ${at(before)}
        and ec.buying_role = 'economic_buyer'::buying_role and ec.archived_at is null)`;
}

/** The organization's active accounts (alias `a`) that pass the filters. */
export function scopeConditions(db: DashboardDb, filters: Filters): SQL {
  const conditions: SQL[] = [sql`a.org_id = ${db.orgId}::uuid`, sql`a.archived_at is null`];
  if (filters.owner)
    conditions.push(filters.owner === 'none' ? sql`a.owner_user_id is null` : sql`a.owner_user_id = ${filters.owner}::uuid`);
  if (filters.segment) conditions.push(filters.segment === 'none' ? sql`a.segment is null` : sql`a.segment = ${filters.segment}`);
  if (filters.targetLevel)
    conditions.push(filters.targetLevel === 'none' ? sql`a.target_level is null` : sql`a.target_level = ${filters.targetLevel}`);
  if (filters.noEconomicBuyer) conditions.push(sql`not ${economicBuyerFresh(db, sql`a.id`, endOfDay(resolvePeriod(filters).to))}`);
  return sql.join(conditions, sql` and `);
}

/**
 * `fx`: the reference rates; `scope`: the organization's active accounts that pass the filters,
 * each with its revenue in the reporting currency (the one most accounts use). Accounts of the
 * current organization only: the org id comes from the context, and row-level security holds too.
 */
export function scopeCtes(db: DashboardDb, filters: Filters): SQL {
  const rates = sql.join(
    Object.entries(RATES_PER_EUR).map(([code, rate]) => sql`(${code}::text, ${rate}::float8)`),
    sql`, `,
  );
  const conditions = scopeConditions(db, filters);
  return sql`
    fx(code, per_eur) as (values ${rates}),
    reporting as (
      select coalesce((
        select a.currency from accounts a join fx on fx.code = a.currency
        where a.org_id = ${db.orgId}::uuid and a.archived_at is null
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
      where ${conditions}
    )`;
}

/**
 * The account's (alias `s`) latest team event before `before`: level, effective_at, id. The
 * account's current team level answers it without touching the history when its event is before
 * the cutoff.
 */
function teamBefore(db: DashboardDb, before: Date): SQL {
  return sql`(select s.team_level as level, s.team_level_at as effective_at, null::uuid as id where s.team_level_at < ${at(before)}
      union all (select e.level, e.effective_at, e.id from level_events e
        where e.org_id = ${db.orgId}::uuid and e.account_id = s.id and e.source = 'team'::level_source and e.effective_at < ${at(before)}
        order by e.effective_at desc, e.id desc limit 1) limit 1)`;
}

/**
 * The team level of every account just before `before`, from the team's level runs (level_spans):
 * the run that covers that instant. One index-only range scan of level_spans_team_period_idx for
 * the organization instead of a probe of the history per account (no effective_at: where the
 * time of the latest assessment matters, as for stale accounts, teamBefore answers).
 */
export function teamSpansAt(db: DashboardDb, before: Date): SQL {
  return sql`(select p.account_id, p.level from level_spans p
      where p.org_id = ${db.orgId}::uuid and p.source = 'team'::level_source and p.ends_at >= ${at(before)} and p.starts_at < ${at(before)})`;
}

/**
 * The customer level of every account just before `before`: the run that covers that instant
 * (starts before it, ends at or after it; runs are contiguous, so one per account with answers by
 * then, its level null when no answer is fresh). One index-only range scan of the runs' covering
 * index (org_id, ends_at) for the whole organization, joined to the accounts by id: cheaper than a
 * probe per account, and the runs that end before `before` are never read.
 */
export function customerRunsAt(db: DashboardDb, before: Date): SQL {
  return sql`(select r.account_id, r.level, r.starts_at from customer_level_runs r
      where r.org_id = ${db.orgId}::uuid and r.ends_at >= ${at(before)} and r.starts_at < ${at(before)})`;
}

/** The level through a lens, from the team level (alias `team`) and the customer level (alias `customer`) at one cutoff. */
export function lensLevel(source: LevelSource, team: string, customer: string): SQL {
  const t = sql.raw(`${team}.level`);
  const c = sql.raw(`${customer}.level`);
  return source === 'team' ? t : source === 'customer' ? c : sql`coalesce(${c}, ${t})`;
}

/**
 * Both levels at one cutoff, joined to the accounts (alias `s`) as `${prefix}t` (team) and
 * `${prefix}c` (customer). `teamWhen`: the team side as a probe of the history, with the time of
 * the latest assessment (effective_at), instead of the level runs.
 */
export function probesAt(
  db: DashboardDb,
  before: Date,
  prefix: string,
  kinds: { team: boolean; customer: boolean } = { team: true, customer: true },
  teamWhen = false,
): SQL {
  const parts: SQL[] = [];
  const t = sql.raw(`${prefix}t`);
  if (kinds.team)
    parts.push(
      teamWhen
        ? sql`left join lateral ${teamBefore(db, before)} ${t} on true`
        : sql`left join ${teamSpansAt(db, before)} ${t} on ${t}.account_id = s.id`,
    );
  if (kinds.customer)
    parts.push(sql`left join ${customerRunsAt(db, before)} ${sql.raw(`${prefix}c`)} on ${sql.raw(`${prefix}c`)}.account_id = s.id`);
  return sql.join(parts, sql` `);
}

/** Which probes a lens needs. */
export const needs = (source: LevelSource) => ({ team: source !== 'customer', customer: source !== 'team' });

export const tallyColumns = sql`count(*)::int as n, coalesce(sum(s.revenue), 0)::float8 as revenue`;
export const tallyOf = (row: { n: number; revenue: number }): Tally => ({ count: row.n, revenue: row.revenue });
export const zero = (): Tally => ({ count: 0, revenue: 0 });
export const zeros = (n: number) => Array.from({ length: n }, zero);
export function add(into: Tally, tally: Tally, sign = 1): void {
  into.count += sign * tally.count;
  into.revenue += sign * tally.revenue;
}

export async function reportingCurrencyOf(db: DashboardDb): Promise<string> {
  const [row] = await query<{ code: string }>(
    db.tx,
    sql`with ${scopeCtes(db, { granularity: 'month', source: 'team' })} select code from reporting`,
  );
  return row?.code ?? 'EUR';
}

/** The cut instants of a period view: its start, then the end of each period. width_bucket(t, cuts) = k for t in period k (0: before the start). */
export function cutsArray(start: Date, ends: Date[]): SQL {
  return sql`array[${sql.join([start, ...ends].map(at), sql`, `)}]::timestamptz[]`;
}

/**
 * Per account, the level of one source at each cut it changes at: for each bucket k (0: before
 * the period, k: inside period k) in which a run of the source starts, the last of them, which is
 * the level at the end of bucket k, and stays so until the next row. From the runs that overlap
 * the period: level_spans for the team (partial index per source), customer_level_runs for the
 * customer (its covering (org_id, ends_at) index); both index-only range scans for the organization.
 * `level` is null for a customer run without a fresh answer.
 */
function levelAtCuts(db: DashboardDb, source: 'team' | 'customer', cuts: SQL, start: Date, end: Date): SQL {
  const runs =
    source === 'team'
      ? sql`select p.account_id, s.revenue, p.level, p.starts_at, p.start_event_id as tie from level_spans p join scope s on s.id = p.account_id
          where p.org_id = ${db.orgId}::uuid and p.source = 'team'::level_source and p.ends_at >= ${at(start)} and p.starts_at < ${at(end)}`
      : sql`select r.account_id, s.revenue, r.level, r.starts_at, null::uuid as tie from customer_level_runs r join scope s on s.id = r.account_id
          where r.org_id = ${db.orgId}::uuid and r.ends_at >= ${at(start)} and r.starts_at < ${at(end)}`;
  return sql`
    select x.account_id, x.revenue, x.k, x.level from (
      select p.account_id, p.revenue, p.level, width_bucket(p.starts_at, ${cuts}) as k,
        lead(width_bucket(p.starts_at, ${cuts})) over (partition by p.account_id order by p.starts_at, p.tie) as next_k
      from (${runs}) p
    ) x
    where x.next_k is distinct from x.k`;
}

/**
 * Both sources' levels per account at each cut where either changes (account_id, k, team,
 * customer), in one window pass over the runs of both sources that overlap the period, ordered by
 * their start: each run's start (in microseconds) × 8 + its level grows with the start, so the
 * running maximum over one source's runs is its latest run so far, and modulo 8 gives its level
 * back (6 stands for a customer run without a fresh answer). The last run starting in a bucket
 * (lead()) carries both levels at the end of that bucket. Team runs of length zero (same-instant
 * events) never cover a cut and are left out, so no two runs of one source start together.
 */
export function bothAtCuts(db: DashboardDb, cuts: SQL, start: Date, end: Date): SQL {
  const code = (column: SQL) => sql`(extract(epoch from ${column}) * 1000000)::bigint * 8`;
  return sql`
    select x.account_id, x.revenue, x.k, (x.tcode % 8)::int as team, nullif(x.ccode % 8, 6)::int as customer
    from (
      select u.account_id, u.revenue, width_bucket(u.starts_at, ${cuts}) as k,
        lead(width_bucket(u.starts_at, ${cuts})) over w as next_k,
        max(case when u.src = 0 then u.code end) over w as tcode,
        max(case when u.src = 1 then u.code end) over w as ccode
      from (
        select p.account_id, s.revenue, p.starts_at, 0 as src, ${code(sql`p.starts_at`)} + p.level as code
        from level_spans p join scope s on s.id = p.account_id
        where p.org_id = ${db.orgId}::uuid and p.source = 'team'::level_source and p.ends_at >= ${at(start)} and p.starts_at < ${at(end)} and p.starts_at < p.ends_at
        union all
        select r.account_id, s.revenue, r.starts_at, 1, ${code(sql`r.starts_at`)} + coalesce(r.level, 6)
        from customer_level_runs r join scope s on s.id = r.account_id
        where r.org_id = ${db.orgId}::uuid and r.ends_at >= ${at(start)} and r.starts_at < ${at(end)}
      ) u
      window w as (partition by u.account_id order by u.starts_at, u.src rows between unbounded preceding and current row)
    ) x
    where x.next_k is distinct from x.k`;
}

/**
 * The rows both movement views build on, for one lens: per account, a baseline row (k = 0, the
 * level just before the period, possibly none) and for each period k at whose end its level
 * differs from the end of the previous row's period, `from_level` → `to_level` (either may be
 * null: no level). Rows that change nothing are left out.
 */
export function lensChanges(db: DashboardDb, source: LevelSource, cuts: SQL, start: Date, end: Date): SQL {
  const levels =
    source === 'effective'
      ? sql`select b.account_id, b.revenue, b.k, coalesce(b.customer, b.team) as level from (${bothAtCuts(db, cuts, start, end)}) b`
      : levelAtCuts(db, source, cuts, start, end);
  return sql`
    select y.account_id, y.revenue, y.k, y.from_level, y.to_level from (
      select l.account_id, l.revenue, l.k, lag(l.level) over (partition by l.account_id order by l.k) as from_level, l.level as to_level
      from (${levels}) l
    ) y
    where y.k = 0 or y.from_level is distinct from y.to_level`;
}
