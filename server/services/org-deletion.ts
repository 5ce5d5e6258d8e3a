import 'server-only';
import { and, eq, isNotNull, isNull, lte, ne, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { memberships, organizations, users } from '@/db/schema';
import type { Locale } from '@/i18n/config';
import { deliverEmail, queueEmail } from '../adapters/mail';
import { serverTranslator } from '../adapters/i18n';
import { userError } from '../api/errors';
import { deletionConfirmed, ORGANIZATION_DELETION_GRACE_DAYS, organizationPurgeAt, purgeCutoff } from '../domain/org-deletion';
import { recordAudit } from './audit';
import { tenantTables } from './tenant-tables';

/*
 * Deleting an organization (server/domain/org-deletion.ts has the rules, docs/operations.md the
 * story). Requesting and restoring run inside the organization's own transaction like any other
 * change; the removal itself runs in the worker on the owner connection, because the application
 * role may delete nothing.
 */

interface Caller {
  org: { id: string; name: string };
  user: { id: string; name: string };
}

/**
 * Schedules the organization for deletion when `confirmName` is its exact name, records it in the
 * audit log and emails the other owners, who can restore it until the grace period ends. Emails
 * leave after commit through `afterCommit` (the invitation's pattern): a slow mail server never
 * holds the change.
 */
export async function requestOrganizationDeletion(
  tx: Tx,
  caller: Caller & { locale: Locale; appUrl: string; afterCommit: (fn: () => Promise<void>) => void; db: Db },
  confirmName: string,
  now: Date = new Date(),
): Promise<{ purgeAt: Date }> {
  if (!deletionConfirmed(confirmName, caller.org.name)) throw userError('BAD_REQUEST', 'errors.deletionNameMismatch');
  const [scheduled] = await tx
    .update(organizations)
    .set({ deletionRequestedAt: now, deletionRequestedByUserId: caller.user.id })
    .where(and(eq(organizations.id, caller.org.id), isNull(organizations.deletionRequestedAt)))
    .returning({ id: organizations.id });
  // Someone else scheduled it a moment ago: to this caller it is gone, as it is to everyone.
  if (!scheduled) throw userError('NOT_FOUND', 'errors.orgNotFound');
  const purgeAt = organizationPurgeAt(now);
  await recordAudit(tx, {
    orgId: caller.org.id,
    actorUserId: caller.user.id,
    action: 'organization.deletion_requested',
    entityType: 'organization',
    entityId: caller.org.id,
    after: { purgeAt: purgeAt.toISOString(), graceDays: ORGANIZATION_DELETION_GRACE_DAYS },
  });

  const otherOwners = await tx
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.role, 'owner'), isNull(memberships.removedAt), ne(memberships.userId, caller.user.id)));
  const t = serverTranslator(caller.locale);
  const date = new Intl.DateTimeFormat(caller.locale, { dateStyle: 'long', timeZone: 'UTC' }).format(purgeAt);
  const values = { requester: caller.user.name, org: caller.org.name, date, days: ORGANIZATION_DELETION_GRACE_DAYS };
  for (const owner of otherOwners) {
    const messageId = await queueEmail(tx, caller.org.id, {
      to: owner.email,
      subject: t('email.organizationDeletion.subject', values),
      bodyText: `${t('email.organizationDeletion.body', values)}\n\n${caller.appUrl}/orgs\n\n${t('email.organizationDeletion.footer', values)}`,
      kind: 'organization_deletion',
    });
    const { db } = caller;
    caller.afterCommit(async () => void (await deliverEmail(db, caller.org.id, messageId)));
  }
  return { purgeAt };
}

/** Takes the organization off the schedule: everything in it is as it was, and usable again. */
export async function restoreOrganization(tx: Tx, caller: Caller): Promise<void> {
  const [restored] = await tx
    .update(organizations)
    .set({ deletionRequestedAt: null, deletionRequestedByUserId: null })
    .where(and(eq(organizations.id, caller.org.id), isNotNull(organizations.deletionRequestedAt)))
    .returning({ id: organizations.id });
  if (!restored) throw userError('NOT_FOUND', 'errors.orgNotFound');
  await recordAudit(tx, {
    orgId: caller.org.id,
    actorUserId: caller.user.id,
    action: 'organization.restored',
    entityType: 'organization',
    entityId: caller.org.id,
  });
}

export interface PurgedOrganization {
  id: string;
  slug: string;
  /** Rows removed per tenant table, the organization's own row not counted. */
  rows: Record<string, number>;
}

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * Removes, for good, every organization whose grace period ended by `now`: each in one
 * transaction on the owner connection (row-level security does not apply to it), every row of
 * every tenant table (found in the database, children before parents), then the organization
 * itself. The organization's row is locked and its schedule read again first, so an owner who
 * restores it at the same moment wins or loses cleanly, and two workers never remove the same one.
 * The audit log goes with the organization; what survives is one line in the server log.
 * Running it again finds nothing more to do.
 */
export async function purgeDueOrganizations(
  db: Db,
  options: { now?: Date; log?: (line: string) => void } = {},
): Promise<PurgedOrganization[]> {
  const cutoff = purgeCutoff(options.now ?? new Date());
  const log = options.log ?? ((line: string) => console.info(line));
  const due = await db.select({ id: organizations.id }).from(organizations).where(lte(organizations.deletionRequestedAt, cutoff));
  const purged: PurgedOrganization[] = [];
  for (const { id } of due) {
    const outcome = await db.transaction(async (tx) => {
      const [org] = await tx
        .select({
          id: organizations.id,
          slug: organizations.slug,
          requestedAt: organizations.deletionRequestedAt,
          requestedBy: organizations.deletionRequestedByUserId,
        })
        .from(organizations)
        .where(and(eq(organizations.id, id), lte(organizations.deletionRequestedAt, cutoff)))
        .for('update', { skipLocked: true });
      if (!org) return null;
      const rows: Record<string, number> = {};
      for (const table of (await tenantTables(tx)).reverse()) {
        const [deleted] = rowsOf<{ n: number }>(
          await tx.execute(
            sql`with gone as (delete from ${sql.identifier(table)} where org_id = ${id}::uuid returning 1) select count(*)::int as n from gone`,
          ),
        );
        rows[table] = Number(deleted?.n ?? 0);
      }
      await tx.delete(organizations).where(eq(organizations.id, id));
      return { org, rows };
    });
    if (!outcome) continue;
    const { org, rows } = outcome;
    const total = Object.values(rows).reduce((sum, n) => sum + n, 0);
    log(
      `organization deleted for good: ${org.slug} (${org.id}), scheduled ${org.requestedAt?.toISOString()} by user ${org.requestedBy}; ` +
        `${total} rows removed from ${Object.keys(rows).length} tables`,
    );
    purged.push({ id: org.id, slug: org.slug, rows });
  }
  return purged;
}
