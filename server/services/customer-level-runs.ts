import 'server-only';
import { and, desc, eq, lte, sql, type SQL } from 'drizzle-orm';
import type { Queryable, Tx } from '@/db/client';
import { accounts, customerLevelRuns } from '@/db/schema';

/*
 * Keeps customer_level_runs, the customer level as history, exactly in step with the answers.
 * The statement below is customerLevelRuns (server/domain/customer-level.ts) in SQL, set-based:
 *
 *   1. Each answer counts from when it is given until the same stakeholder answers again or its
 *      freshness ends (00:00 UTC of the answer's day plus the window in months), whichever is
 *      first. A stakeholder is the contact, or for a link without one, the first link sent to
 *      that respondent. Answers of archived contacts do not count.
 *   2. The level can change only at those starts and ends: between two consecutive ones, it is
 *      the median (rounded down) of the answers that count, or null when none does.
 *   3. Neighbouring stretches with the same level merge into one run; the last run is null and
 *      open-ended.
 *
 * Migration 0012 backfills the runs with the same statement for every organization (a migration
 * stays static SQL, so it is written out there once more).
 */

/** answerExpiresAt (server/domain/customer-level.ts) in SQL: 00:00 UTC of the answer's day plus the window in months. */
export function answerExpiresAtSql(answeredAt: SQL, months: SQL): SQL {
  return sql`((date_trunc('day', ${answeredAt} at time zone 'UTC') + make_interval(months => ${months})) at time zone 'UTC')`;
}

/** Every run of the answers `answerScope` selects (alias `a`), with a freshness window of `months`. */
function runsSelect(answerScope: SQL, months: SQL): SQL {
  return sql`
    with answers as (
      select a.org_id, a.account_id, a.id, a.level, a.created_at as answered_at,
        coalesce(a.contact_id::text, 'link:' || l.respondent_link_id::text) as stakeholder,
        ${answerExpiresAtSql(sql`a.created_at`, months)} as expires_at
      from confirmation_answers a
      join confirmation_links l on l.org_id = a.org_id and l.id = a.link_id
      left join contacts c on c.org_id = a.org_id and c.id = a.contact_id
      where ${answerScope} and (a.contact_id is null or c.archived_at is null)
    ),
    counted as (
      select org_id, account_id, level, answered_at as valid_from,
        least(expires_at, coalesce(lead(answered_at) over (partition by org_id, account_id, stakeholder order by answered_at, id), 'infinity')) as valid_to
      from answers
    ),
    breaks as (
      select org_id, account_id, valid_from as at from counted
      union
      select org_id, account_id, valid_to from counted where valid_to <> 'infinity'
    ),
    stretches as (
      select b.org_id, b.account_id, b.at as starts_at,
        floor(percentile_cont(0.5) within group (order by c.level))::smallint as level
      from breaks b
      left join counted c on c.org_id = b.org_id and c.account_id = b.account_id and c.valid_from <= b.at and c.valid_to > b.at
      group by b.org_id, b.account_id, b.at
    ),
    changes as (
      select s.*, row_number() over w = 1 or lag(s.level) over w is distinct from s.level as starts_run
      from stretches s
      window w as (partition by s.org_id, s.account_id order by s.starts_at)
    )
    select org_id, account_id, starts_at,
      coalesce(lead(starts_at) over (partition by org_id, account_id order by starts_at), 'infinity') as ends_at, level
    from changes where starts_run`;
}

/**
 * Rewrites the customer level runs of some accounts (after an answer, a contact archived or
 * restored) or of the whole organization (after its freshness window changed): one delete, one
 * insert. Runs inside the caller's transaction, under the organization's row-level security.
 */
export async function rebuildCustomerLevelRuns(
  tx: Queryable,
  orgId: string,
  freshnessMonths: number,
  accountIds?: readonly string[],
): Promise<void> {
  if (accountIds?.length === 0) return;
  const ids = accountIds
    ? sql`array[${sql.join(
        accountIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}]`
    : null;
  await tx.execute(sql`delete from customer_level_runs where org_id = ${orgId}::uuid${ids ? sql` and account_id = any(${ids})` : sql``}`);
  const answerScope = sql`a.org_id = ${orgId}::uuid${ids ? sql` and a.account_id = any(${ids})` : sql``}`;
  await tx.execute(sql`
    insert into customer_level_runs (org_id, account_id, starts_at, ends_at, level)
    ${runsSelect(answerScope, sql`${freshnessMonths}::int`)}`);
}

/**
 * The account's customer level now, from its runs: the run that started last at or before now
 * (runs are contiguous, so it is the one that covers now). One index probe per account, usable
 * in any query over the `accounts` table (not aliased: drizzle leaves single-table columns
 * unqualified, so the correlation names the table itself).
 */
export const customerLevelNow = sql<number | null>`(select r.level from customer_level_runs r
  where r.org_id = accounts.org_id and r.account_id = accounts.id and r.starts_at <= now()
  order by r.starts_at desc limit 1)`.mapWith(Number);

/**
 * When the newest answer that counts now was given, or null when none counts. The newest answer
 * is the last to age out, so it counts whenever any answer does.
 */
export const customerAnsweredAtNow = sql<Date | null>`(case when ${customerLevelNow} is not null then (
  select max(ca.created_at) from confirmation_answers ca left join contacts cc on cc.org_id = ca.org_id and cc.id = ca.contact_id
  where ca.org_id = accounts.org_id and ca.account_id = accounts.id and (ca.contact_id is null or cc.archived_at is null)) end)`.mapWith(
  accounts.teamLevelAt,
);

/** A run's end, or null for the open-ended last run ("infinity" has no Date). */
export const runEndsAt =
  sql<Date | null>`case when ${customerLevelRuns.endsAt} = 'infinity' then null else ${customerLevelRuns.endsAt} end`.mapWith(
    customerLevelRuns.endsAt,
  );

/**
 * Where the customer level stands now, from its runs: the level with when it took this value and
 * until when it holds unless someone answers (an answer ages out then); or, once no answer is
 * fresh, since when and which level it had before. Null when the customer has never answered.
 */
export async function currentCustomerRun(tx: Tx, accountId: string) {
  const [current, previous] = await tx
    .select({ level: customerLevelRuns.level, startsAt: customerLevelRuns.startsAt, endsAt: runEndsAt })
    .from(customerLevelRuns)
    .where(and(eq(customerLevelRuns.accountId, accountId), lte(customerLevelRuns.startsAt, sql`now()`)))
    .orderBy(desc(customerLevelRuns.startsAt))
    .limit(2);
  if (!current) return null;
  return { level: current.level, since: current.startsAt, until: current.endsAt, previousLevel: previous?.level ?? null };
}
