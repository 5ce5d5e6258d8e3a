import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, integer, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './accounts';
import { createdAt, idColumn, orgIdColumn, updatedAt } from './columns';
import { users } from './identity';

/** The methods that help an account move from one level to the next; each organization edits its own. */
export const playbookMethods = pgTable(
  'playbook_methods',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    /** The transition it serves: from this level to the next (1 → 2 … 4 → 5). */
    fromLevel: smallint().notNull(),
    nameEn: text().notNull(),
    nameSv: text().notNull(),
    descriptionEn: text().notNull(),
    descriptionSv: text().notNull(),
    /** What doing the method sounds like as an action's title ("Run a USP analysis"); null falls back to the name. */
    actionPhraseEn: text(),
    actionPhraseSv: text(),
    position: integer().notNull().default(0),
    version: integer().notNull().default(1),
    retiredAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('playbook_methods_org_level_idx').on(t.orgId, t.fromLevel, t.position),
    check('playbook_methods_from_level_check', sql`${t.fromLevel} between 1 and 4`),
  ],
);

export const actionStatus = pgEnum('action_status', ['open', 'doing', 'done', 'dropped']);

/** A planned step on one account, aimed at a target level. */
export const actions = pgTable(
  'actions',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    accountId: uuid().notNull(),
    methodId: uuid(),
    title: text().notNull(),
    targetLevel: smallint().notNull(),
    ownerUserId: uuid(),
    dueDate: date({ mode: 'string' }),
    status: actionStatus().notNull().default('open'),
    version: integer().notNull().default(1),
    createdByUserId: uuid().notNull(),
    completedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }),
    foreignKey({ columns: [t.orgId, t.methodId], foreignColumns: [playbookMethods.orgId, playbookMethods.id] }),
    foreignKey({ columns: [t.ownerUserId], foreignColumns: [users.id] }),
    foreignKey({ columns: [t.createdByUserId], foreignColumns: [users.id] }),
    index('actions_org_account_idx').on(t.orgId, t.accountId),
    index('actions_org_method_idx').on(t.orgId, t.methodId),
    index('actions_org_owner_status_due_idx').on(t.orgId, t.ownerUserId, t.status, t.dueDate),
    index('actions_owner_user_idx').on(t.ownerUserId),
    index('actions_created_by_idx').on(t.createdByUserId),
    check('actions_target_level_check', sql`${t.targetLevel} between 1 and 5`),
  ],
);
