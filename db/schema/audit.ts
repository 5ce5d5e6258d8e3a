import { foreignKey, index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, orgIdColumn } from './columns';
import { accounts } from './accounts';
import { organizations, users } from './identity';

/**
 * Append-only record of every change: who, what, when, before and after.
 * The application role may insert and read these rows, never update or delete them.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    actorUserId: uuid(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: uuid(),
    /** Set for changes that belong to one account: the account page's activity feed reads these. */
    accountId: uuid(),
    before: jsonb(),
    after: jsonb(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('audit_events_org_created_idx').on(t.orgId, t.createdAt),
    index('audit_events_actor_idx').on(t.actorUserId),
    foreignKey({ columns: [t.orgId], foreignColumns: [organizations.id] }),
    foreignKey({ columns: [t.actorUserId], foreignColumns: [users.id] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }),
    index('audit_events_org_account_created_idx').on(t.orgId, t.accountId, t.createdAt),
  ],
);
