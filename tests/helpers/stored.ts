import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { auditEvents, notifications } from '@/db/schema';

/*
 * What the procedures under test wrote, read through the root connection (no tenant), so a test
 * sees the rows themselves rather than what the API chooses to show. Oldest first: ids are
 * time-ordered.
 */

/** Every audit event of one action ("account.created") in one organization. */
export function auditEventsOf(db: Db, orgId: string, action: string) {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.action, action)))
    .orderBy(asc(auditEvents.id));
}

/** What an organization's audit log says about one kind of thing, by action prefix ("playbook."). */
export function auditTrailOf(db: Db, orgId: string, prefix: string) {
  return db
    .select({
      action: auditEvents.action,
      entityId: auditEvents.entityId,
      accountId: auditEvents.accountId,
      before: auditEvents.before,
      after: auditEvents.after,
    })
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, orgId), sql`${auditEvents.action} like ${`${prefix}%`}`))
    .orderBy(asc(auditEvents.id));
}

/** One person's notifications. */
export function notificationsOf(db: Db, userId: string) {
  return db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(asc(notifications.id));
}
