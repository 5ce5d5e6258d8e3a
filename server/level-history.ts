import { and, desc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '@/db/client';
import { accounts, confirmationAnswers, confirmationLinks, levelEvents, levelSpans } from '@/db/schema';
import { combineCustomerAnswers, type CustomerLevel } from './domain/customer-level';

export interface NewLevelEvent {
  orgId: string;
  accountId: string;
  source: 'team' | 'customer';
  level: number;
  effectiveAt?: Date;
  assessmentId?: string | null;
  contactId?: string | null;
  recordedByUserId?: string | null;
  note?: string | null;
}

/**
 * Appends a level to an account's history (never updates one) and, in the same transaction,
 * moves the account's current level for that source when the new event is the latest and
 * rewrites the account's runs of that source (level_spans). The only way levels are written.
 */
export async function appendLevelEvent(tx: Tx, event: NewLevelEvent) {
  const effectiveAt = event.effectiveAt ?? new Date();
  // One writer per account at a time: two appends rewriting the same runs from snapshots that do
  // not see each other would leave runs that overlap. The second waits here for the first to commit.
  await tx.execute(sql`select 1 from ${accounts} where ${accounts.id} = ${event.accountId} for no key update`);
  const [row] = await tx
    .insert(levelEvents)
    .values({
      orgId: event.orgId,
      accountId: event.accountId,
      source: event.source,
      level: event.level,
      effectiveAt,
      assessmentId: event.assessmentId ?? null,
      contactId: event.contactId ?? null,
      recordedByUserId: event.recordedByUserId ?? null,
      note: event.note ?? null,
    })
    .returning();
  const current =
    event.source === 'team'
      ? { level: accounts.teamLevel, at: accounts.teamLevelAt, set: { teamLevel: event.level, teamLevelAt: effectiveAt } }
      : { level: accounts.customerLevel, at: accounts.customerLevelAt, set: { customerLevel: event.level, customerLevelAt: effectiveAt } };
  await tx
    .update(accounts)
    // Not an edit of the account: its version (for concurrent edits of name, owner, ...) stays.
    .set({ ...current.set, updatedAt: sql`${accounts.updatedAt}` })
    .where(and(eq(accounts.id, event.accountId), or(isNull(current.at), lte(current.at, effectiveAt))));
  await rebuildLevelSpans(tx, event.orgId, { accountId: event.accountId, source: event.source });
  return row!;
}

/**
 * Rewrites level_spans from the history: for one account and source after an append, or for a
 * whole organization after a bulk load (scripts/seed-large.ts). A run starts at every event whose
 * level differs from the one before it (order: effective_at, then id, as everywhere) and ends
 * where the next run starts. Set-based: one delete and one insert.
 */
export async function rebuildLevelSpans(tx: Queryable, orgId: string, only?: { accountId: string; source: 'team' | 'customer' }): Promise<void> {
  const scope = only
    ? sql`org_id = ${orgId}::uuid and account_id = ${only.accountId}::uuid and source = ${only.source}::level_source`
    : sql`org_id = ${orgId}::uuid`;
  await tx.execute(sql`delete from ${levelSpans} where ${scope}`);
  await tx.execute(sql`
    insert into ${levelSpans} (org_id, start_event_id, account_id, source, level, starts_at, ends_at)
    select r.org_id, r.id, r.account_id, r.source, r.level, r.effective_at,
      coalesce(lead(r.effective_at) over (partition by r.account_id, r.source order by r.effective_at, r.id), 'infinity')
    from (
      select e.org_id, e.id, e.account_id, e.source, e.level, e.effective_at,
        lag(e.level) over (partition by e.account_id, e.source order by e.effective_at, e.id) as previous_level
      from ${levelEvents} e
      where ${scope}
    ) r
    where r.previous_level is distinct from r.level`);
}

/**
 * Who gave an answer: a contact is one respondent however many links they got; an unnamed
 * respondent is the first link sent to them (a link sent again keeps it). Needs
 * confirmation_links joined on the answer's link.
 */
export const respondentOfAnswer = sql<string>`coalesce(${confirmationAnswers.contactId}::text, 'link:' || ${confirmationLinks.respondentLinkId}::text)`;

/** Accounts updated per statement, well below PostgreSQL's limit of 65,535 parameters. */
const RECOMPUTE_BATCH = 5000;

/**
 * Sets accounts' current customer level to what their customer answers say now: the median of
 * each respondent's latest answer that is still fresh (combineCustomerAnswers), or none when no
 * answer is fresh. The level events stay as they are; this is the derived "now", redone when an
 * answer arrives, when answers age out, and when the organization changes its freshness window.
 * Accounts without any customer answer keep what they have. Set-based: one read of each
 * respondent's latest answer and one update per 5,000 accounts, for `accountIds` or (without
 * them) every account of the organization in this transaction.
 */
export async function recomputeCustomerLevels(
  tx: Tx,
  freshnessMonths: number,
  accountIds?: readonly string[],
  now: Date = new Date(),
): Promise<Map<string, CustomerLevel>> {
  if (accountIds?.length === 0) return new Map();
  const latest = await tx
    .selectDistinctOn([confirmationAnswers.accountId, respondentOfAnswer], {
      accountId: confirmationAnswers.accountId,
      respondentKey: respondentOfAnswer,
      level: confirmationAnswers.level,
      answeredAt: confirmationAnswers.createdAt,
    })
    .from(confirmationAnswers)
    .innerJoin(confirmationLinks, eq(confirmationLinks.id, confirmationAnswers.linkId))
    .where(accountIds ? inArray(confirmationAnswers.accountId, [...accountIds]) : undefined)
    .orderBy(confirmationAnswers.accountId, respondentOfAnswer, desc(confirmationAnswers.createdAt), desc(confirmationAnswers.id));

  const byAccount = new Map<string, typeof latest>();
  for (const row of latest) byAccount.set(row.accountId, [...(byAccount.get(row.accountId) ?? []), row]);
  const combined = new Map([...byAccount].map(([accountId, answers]) => [accountId, combineCustomerAnswers(answers, now, freshnessMonths)]));

  const entries = [...combined];
  for (let start = 0; start < entries.length; start += RECOMPUTE_BATCH) {
    const rows = entries
      .slice(start, start + RECOMPUTE_BATCH)
      .map(([accountId, c]) => sql`(${accountId}::uuid, ${c.level}::smallint, ${c.latestAt?.toISOString() ?? null}::timestamptz)`);
    // Derived from the answers, not an edit of the account: updated_at and version stay.
    await tx.execute(sql`
      update ${accounts} set customer_level = v.level, customer_level_at = v.at
      from (values ${sql.join(rows, sql`, `)}) as v(id, level, at)
      where ${accounts.id} = v.id
        and (${accounts.customerLevel} is distinct from v.level or ${accounts.customerLevelAt} is distinct from v.at)`);
  }
  return combined;
}
