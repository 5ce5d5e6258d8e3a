import 'server-only';
import type { Tx } from '@/db/client';
import { auditEvents } from '@/db/schema';

export interface AuditEntry {
  orgId: string;
  actorUserId: string | null;
  /** dotted verb, e.g. "member.role_changed" */
  action: string;
  entityType: string;
  entityId?: string | null;
  /** The account the change belongs to, so it shows in that account's activity feed. */
  accountId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Appends one event to the organization's audit log, in the same transaction as the change. */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.insert(auditEvents).values({
    orgId: entry.orgId,
    actorUserId: entry.actorUserId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    accountId: entry.accountId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
