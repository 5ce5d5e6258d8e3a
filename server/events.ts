import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';

/** Something changed on an account that teammates looking at it should see without reloading. */
export interface AccountEvent {
  type:
    | 'account.changed'
    | 'assessment.started'
    | 'vote.cast'
    | 'assessment.revealed'
    | 'assessment.closed'
    | 'comment.added'
    | 'action.changed'
    | 'contact.changed';
  accountId: string;
  assessmentId?: string;
  /** Who caused it, so a client can skip a refetch for its own change. */
  actorUserId?: string;
}

export const EVENTS_CHANNEL = 'rung_account_events';

/**
 * Announces an account event through Postgres NOTIFY inside the caller's transaction: it is
 * delivered only if the transaction commits, and to every app instance listening on the same
 * database (PGlite delivers it in-process). The payload carries ids only, never content:
 * listeners refetch through procedures that check membership.
 */
export async function publishAccountEvent(tx: Tx, orgId: string, event: AccountEvent): Promise<void> {
  await tx.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${JSON.stringify({ orgId, ...event })})`);
}
