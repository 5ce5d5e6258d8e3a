import 'server-only';
import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '@/db/client';
import { accounts, confirmationAnswers, confirmationLinks, levelEvents, levelSpans } from '@/db/schema';

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
 * moves the account's current team level when the new event is the latest and rewrites the
 * account's runs of that source (level_spans). The only way levels are written. A customer
 * event records one answer as given; the combined customer level is kept by
 * server/services/customer-level-runs.ts.
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
  if (event.source === 'team') {
    await tx
      .update(accounts)
      // Not an edit of the account: its version (for concurrent edits of name, owner, ...) stays.
      .set({ teamLevel: event.level, teamLevelAt: effectiveAt, updatedAt: sql`${accounts.updatedAt}` })
      .where(and(eq(accounts.id, event.accountId), or(isNull(accounts.teamLevelAt), lte(accounts.teamLevelAt, effectiveAt))));
  }
  await rebuildLevelSpans(tx, event.orgId, { accountId: event.accountId, source: event.source });
  return row!;
}

/**
 * Rewrites level_spans from the history: for one account and source after an append, or for a
 * whole organization after a bulk load (scripts/seed-large.ts). A run starts at every event whose
 * level differs from the one before it (order: effective_at, then id, as everywhere) and ends
 * where the next run starts. Set-based: one delete and one insert.
 */
export async function rebuildLevelSpans(
  tx: Queryable,
  orgId: string,
  only?: { accountId: string; source: 'team' | 'customer' },
): Promise<void> {
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
