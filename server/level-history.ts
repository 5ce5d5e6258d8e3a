import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { accounts, levelEvents } from '@/db/schema';

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
 * moves the account's current level for that source when the new event is the latest.
 * The only way levels are written.
 */
export async function appendLevelEvent(tx: Tx, event: NewLevelEvent) {
  const effectiveAt = event.effectiveAt ?? new Date();
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
  return row!;
}
