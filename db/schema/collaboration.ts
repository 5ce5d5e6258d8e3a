import { foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './accounts';
import { createdAt, idColumn, orgIdColumn } from './columns';
import { users } from './identity';

/** Comments on an account; @mentions notify the people named. Append-only. */
export const comments = pgTable(
  'comments',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    accountId: uuid().notNull(),
    authorUserId: uuid().notNull(),
    body: text().notNull(),
    mentionedUserIds: uuid().array().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }),
    foreignKey({ columns: [t.authorUserId], foreignColumns: [users.id] }),
    index('comments_org_account_created_idx').on(t.orgId, t.accountId, t.createdAt),
    index('comments_author_idx').on(t.authorUserId),
  ],
);

/** In-app notifications for one person in one organization (mentions, customer answers, ...). */
export const notifications = pgTable(
  'notifications',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    userId: uuid().notNull(),
    kind: text().notNull(),
    accountId: uuid(),
    payload: jsonb().notNull().default({}),
    readAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.userId], foreignColumns: [users.id] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }),
    index('notifications_org_user_created_idx').on(t.orgId, t.userId, t.createdAt),
    index('notifications_org_account_idx').on(t.orgId, t.accountId),
    index('notifications_user_idx').on(t.userId),
  ],
);

/** A record of each CSV import: who, which file, and what happened to every row. */
export const accountImports = pgTable(
  'account_imports',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    createdByUserId: uuid().notNull(),
    fileName: text().notNull(),
    totalRows: integer().notNull(),
    summary: jsonb().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.createdByUserId], foreignColumns: [users.id] }),
    index('account_imports_org_created_idx').on(t.orgId, t.createdAt),
    index('account_imports_created_by_idx').on(t.createdByUserId),
  ],
);
