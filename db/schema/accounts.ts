import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, idColumn, orgIdColumn, updatedAt } from './columns';
import { organizations, users } from './identity';

/** The customer companies an organization sells to. */
export const accounts = pgTable(
  'accounts',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    name: text().notNull(),
    /** Normalised ("acme.com": lower case, no scheme, no www); the key for duplicate detection. */
    domain: text(),
    /** The account's id in the CRM it was imported from ("0015g00000XyZab"): how a contacts import finds it. */
    externalId: text(),
    segment: text(),
    ownerUserId: uuid(),
    annualRevenue: numeric({ precision: 16, scale: 2 }),
    /** ISO 4217, e.g. SEK, EUR */
    currency: text(),
    targetLevel: smallint(),
    targetDate: date({ mode: 'string' }),
    notes: text(),
    /*
     * The team's current level, kept in step with level_events in the same transaction that
     * appends an event, so the list can filter and sort 10,000 accounts without scanning the
     * history, which stays the source of truth. The customer level has no such column: it also
     * changes when answers age out, so it is read from its own history (customer_level_runs).
     */
    teamLevel: smallint(),
    teamLevelAt: timestamp({ withTimezone: true }),
    /** For optimistic concurrency: an edit names the version it started from. */
    version: integer().notNull().default(1),
    updatedByUserId: uuid(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: timestamp({ withTimezone: true }),
    /** A fictitious account loaded to try Rung (server/demo/sample-accounts.ts): removed with everything tied to it in one go. */
    sample: boolean().notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [organizations.id] }),
    foreignKey({ columns: [t.ownerUserId], foreignColumns: [users.id] }),
    foreignKey({ columns: [t.updatedByUserId], foreignColumns: [users.id] }),
    uniqueIndex('accounts_org_domain_key')
      .on(t.orgId, t.domain)
      .where(sql`${t.domain} is not null and ${t.archivedAt} is null`),
    uniqueIndex('accounts_org_external_id_key')
      .on(t.orgId, t.externalId)
      .where(sql`${t.externalId} is not null and ${t.archivedAt} is null`),
    index('accounts_org_name_idx').on(t.orgId, sql`lower(${t.name})`),
    index('accounts_org_owner_idx').on(t.orgId, t.ownerUserId),
    index('accounts_org_segment_idx').on(t.orgId, t.segment),
    index('accounts_org_team_level_idx').on(t.orgId, t.teamLevel),
    index('accounts_org_team_level_at_idx').on(t.orgId, t.teamLevelAt),
    index('accounts_owner_user_idx').on(t.ownerUserId),
    index('accounts_updated_by_idx').on(t.updatedByUserId),
    check('accounts_target_level_check', sql`${t.targetLevel} between 1 and 5`),
    check('accounts_team_level_check', sql`${t.teamLevel} between 1 and 5`),
    check('accounts_currency_check', sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

export const buyingRole = pgEnum('buying_role', ['economic_buyer', 'user', 'technical', 'coach', 'other']);

/** People at an account: the ones who later confirm the level from the customer's side. */
export const contacts = pgTable(
  'contacts',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    accountId: uuid().notNull(),
    name: text().notNull(),
    email: text(),
    title: text(),
    buyingRole: buyingRole().notNull().default('other'),
    /** en or sv: the language a confirmation link for this person opens in. */
    language: text(),
    version: integer().notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }),
    index('contacts_org_account_idx').on(t.orgId, t.accountId),
  ],
);

/** Members who follow an account: they are asked to vote by default when an assessment starts. */
export const accountFollowers = pgTable(
  'account_followers',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    accountId: uuid().notNull(),
    userId: uuid().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    unique('account_followers_org_account_user_key').on(t.orgId, t.accountId, t.userId),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }),
    foreignKey({ columns: [t.userId], foreignColumns: [users.id] }),
    index('account_followers_user_idx').on(t.userId),
  ],
);
