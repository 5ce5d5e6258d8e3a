import { foreignKey, index, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, orgIdColumn } from './columns';
import { organizations } from './identity';
import { invitations } from './memberships';

/** outbox: kept for admins to read because no SMTP server is configured; sent / failed: SMTP tried. */
export const outboxStatus = pgEnum('outbox_status', ['outbox', 'sent', 'failed']);

/** Every email the organization would send is recorded here, whether or not SMTP delivered it. */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    toEmail: text().notNull(),
    subject: text().notNull(),
    bodyText: text().notNull(),
    kind: text().notNull(),
    /** Set when the message carries an invitation link. */
    invitationId: uuid(),
    status: outboxStatus().notNull().default('outbox'),
    error: text(),
    sentAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('outbox_messages_org_created_idx').on(t.orgId, t.createdAt),
    index('outbox_messages_invitation_idx').on(t.orgId, t.invitationId),
    foreignKey({ columns: [t.orgId], foreignColumns: [organizations.id] }),
    // Tenant-safe key: the invitation must belong to the same organization.
    foreignKey({ columns: [t.orgId, t.invitationId], foreignColumns: [invitations.orgId, invitations.id] }),
  ],
);
