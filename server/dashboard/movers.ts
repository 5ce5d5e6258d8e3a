import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { endOfDay, startOfDay } from '../domain/calendar';
import { compareIds, compareRevenueDesc } from '../domain/dashboard';
import { resolvePeriod, type Filters } from './filters';
import { at, lensLevel, needs, probesAt, query, reportingCurrencyOf, scopeCtes, type DashboardDb } from './sql';

const TOP_MOVERS = 10;

export interface MoverRow {
  accountId: string;
  name: string;
  revenue: number | null;
  fromLevel: number;
  toLevel: number;
  /** The last change of the level inside the period. */
  changedAt: Date;
  /** What made it: a team assessment, or the customer level (an answer, or answers ageing out). */
  via: 'team' | 'customer';
  /** via team: the assessment and who closed (or recorded) it. */
  assessmentId: string | null;
  recordedByName: string | null;
  /** via customer: the answer at that instant (its level, and who gave it), or none: answers aged out. */
  answerLevel: number | null;
  contactName: string | null;
  agedOut: boolean;
}

/**
 * The last change inside [start, end) of the lens' level for the account `sh.id`: when (`t`) and
 * whether a customer level run starts there (`run`). Team: the last team event whose level differs
 * from the one before it. Customer: the last run start. Effective: of the team events and run
 * starts in the period, the last at which the effective level after it differs from just before.
 */
function lastChange(db: DashboardDb, filters: Filters, start: Date, end: Date): SQL {
  const org = sql`${db.orgId}::uuid`;
  const runAt = (op: SQL, t: SQL) =>
    sql`(select r.level from customer_level_runs r where r.org_id = ${org} and r.account_id = sh.id and r.starts_at ${op} ${t} order by r.starts_at desc limit 1)`;
  const teamAt = (op: SQL, t: SQL) =>
    sql`(select e.level from level_events e where e.org_id = ${org} and e.account_id = sh.id and e.source = 'team'::level_source and e.effective_at ${op} ${t} order by e.effective_at desc, e.id desc limit 1)`;
  const runStarts = sql`select r.starts_at as t, true as run from customer_level_runs r
      where r.org_id = ${org} and r.account_id = sh.id and r.starts_at >= ${at(start)} and r.starts_at < ${at(end)}`;
  switch (filters.source) {
    case 'team':
      return sql`(
        select x.effective_at as t, false as run from (
          select e.effective_at, e.id, e.level, coalesce(lag(e.level) over (order by e.effective_at, e.id), sh.from_level) as previous
          from level_events e
          where e.org_id = ${org} and e.account_id = sh.id and e.source = 'team'::level_source
            and e.effective_at >= ${at(start)} and e.effective_at < ${at(end)}
        ) x
        where x.level <> x.previous
        order by x.effective_at desc, x.id desc limit 1)`;
    case 'customer':
      return sql`(select q.t, q.run from (${runStarts}) q order by q.t desc limit 1)`;
    case 'effective':
      return sql`(
        select q.t, bool_or(q.run) as run from (
          ${runStarts}
          union all
          select e.effective_at, false from level_events e
          where e.org_id = ${org} and e.account_id = sh.id and e.source = 'team'::level_source
            and e.effective_at >= ${at(start)} and e.effective_at < ${at(end)}
        ) q
        group by q.t
        having coalesce(${runAt(sql`<=`, sql`q.t`)}, ${teamAt(sql`<=`, sql`q.t`)}) is distinct from coalesce(${runAt(sql`<`, sql`q.t`)}, ${teamAt(sql`<`, sql`q.t`)})
        order by q.t desc limit 1)`;
  }
}

/**
 * The accounts that moved most over the period through the lens. Probes per account at the
 * period's start and end find the movers; only for the few shown is the last change looked up,
 * with who or what was behind it: the team event at that instant (its assessment and who closed
 * it), or the customer answer given then (and its contact), or none: answers aged out.
 */
export async function topMoversQuery(
  db: DashboardDb,
  filters: Filters,
  limit = TOP_MOVERS,
): Promise<{ currency: string; up: MoverRow[]; down: MoverRow[] }> {
  const { from, to } = resolvePeriod(filters);
  const start = startOfDay(from);
  const end = endOfDay(to);
  const kinds = needs(filters.source);
  const org = sql`${db.orgId}::uuid`;
  const rows = await query<{
    currency: string;
    direction: 'up' | 'down';
    id: string;
    name: string;
    revenue: number | null;
    from_level: number;
    to_level: number;
    changed_at_ms: number;
    run: boolean;
    assessment_id: string | null;
    recorded_by_name: string | null;
    answer_level: number | null;
    contact_name: string | null;
  }>(
    db.tx,
    sql`with ${scopeCtes(db, filters)},
      moved as materialized (
        select s.id, s.name, s.revenue, ${lensLevel(filters.source, 'a_t', 'a_c')} as from_level, ${lensLevel(filters.source, 'b_t', 'b_c')} as to_level
        from scope s
        ${probesAt(db, start, 'a_', kinds)}
        ${probesAt(db, end, 'b_', kinds)}
      ),
      shown as (
        (select 'up' as direction, m.* from moved m where m.to_level > m.from_level
          order by m.to_level - m.from_level desc, m.revenue desc nulls last, m.id limit ${limit})
        union all
        (select 'down' as direction, m.* from moved m where m.to_level < m.from_level
          order by m.from_level - m.to_level desc, m.revenue desc nulls last, m.id limit ${limit})
      )
      select (select code from reporting) as currency, sh.direction, sh.id, sh.name, sh.revenue, sh.from_level, sh.to_level,
        (extract(epoch from ch.t) * 1000)::float8 as changed_at_ms, ch.run,
        te.assessment_id, u.name as recorded_by_name, an.level as answer_level, coalesce(ac.name, an.respondent_name) as contact_name
      from shown sh
      cross join lateral ${lastChange(db, filters, start, end)} ch
      left join lateral (
        select e.assessment_id, e.recorded_by_user_id from level_events e
        where not ch.run and e.org_id = ${org} and e.account_id = sh.id and e.source = 'team'::level_source and e.effective_at = ch.t
        order by e.id desc limit 1
      ) te on true
      left join users u on u.id = te.recorded_by_user_id
      left join lateral (
        select a.level, a.contact_id, a.respondent_name from confirmation_answers a
        left join contacts c on c.org_id = a.org_id and c.id = a.contact_id
        where ch.run and a.org_id = ${org} and a.account_id = sh.id and a.created_at = ch.t and (a.contact_id is null or c.archived_at is null)
        order by a.id desc limit 1
      ) an on true
      left join contacts ac on ac.org_id = ${org} and ac.id = an.contact_id`,
  );
  const toMover = (row: (typeof rows)[number]): MoverRow => ({
    accountId: row.id,
    name: row.name,
    revenue: row.revenue,
    fromLevel: row.from_level,
    toLevel: row.to_level,
    changedAt: new Date(row.changed_at_ms),
    via: row.run ? 'customer' : 'team',
    assessmentId: row.assessment_id,
    recordedByName: row.recorded_by_name,
    answerLevel: row.answer_level,
    contactName: row.contact_name,
    agedOut: row.run && row.answer_level === null,
  });
  const order = (a: MoverRow, b: MoverRow) =>
    Math.abs(b.toLevel - b.fromLevel) - Math.abs(a.toLevel - a.fromLevel) ||
    compareRevenueDesc(a.revenue, b.revenue) ||
    compareIds(a.accountId, b.accountId);
  return {
    currency: rows[0]?.currency ?? (await reportingCurrencyOf(db)),
    up: rows
      .filter((r) => r.direction === 'up')
      .map(toMover)
      .sort(order),
    down: rows
      .filter((r) => r.direction === 'down')
      .map(toMover)
      .sort(order),
  };
}
