import { sql } from 'drizzle-orm';
import { check, foreignKey, index, pgTable, primaryKey, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { accounts, contacts } from './accounts';
import { campaigns } from './campaigns';
import { createdAt, idColumn, orgIdColumn, updatedAt } from './columns';
import { users } from './identity';

/**
 * A link a customer opens, without an account, to confirm the level they see. Only the SHA-256
 * of its token is stored, so nothing in the database can be used to open it.
 */
export const confirmationLinks = pgTable(
  'confirmation_links',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    accountId: uuid().notNull(),
    /** Null for an unnamed respondent. */
    contactId: uuid(),
    /**
     * Who answers, when no contact says it: the first link sent to this respondent (this link's
     * own id, or the one a "send again" replaced), so an unnamed respondent who answers a resent
     * link is still one stakeholder.
     */
    respondentLinkId: uuid().notNull(),
    tokenHash: text().notNull(),
    /** en or sv: the language the page opens in. */
    language: text().notNull(),
    personalMessage: text(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdByUserId: uuid().notNull(),
    sentAt: timestamp({ withTimezone: true }),
    firstOpenedAt: timestamp({ withTimezone: true }),
    lastAnsweredAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    /** The campaign that asked, for links a campaign created (db/schema/campaigns.ts); null for a single link. */
    campaignId: uuid(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    unique('confirmation_links_token_hash_key').on(t.tokenHash),
    foreignKey({ columns: [t.orgId, t.campaignId], foreignColumns: [campaigns.orgId, campaigns.id] }),
    index('confirmation_links_org_campaign_idx').on(t.orgId, t.campaignId),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }),
    foreignKey({ columns: [t.createdByUserId], foreignColumns: [users.id] }),
    index('confirmation_links_org_account_idx').on(t.orgId, t.accountId, t.createdAt),
    index('confirmation_links_org_contact_idx').on(t.orgId, t.contactId, t.createdAt),
    index('confirmation_links_created_by_idx').on(t.createdByUserId),
    check('confirmation_links_language_check', sql`${t.language} in ('en', 'sv')`),
  ],
);

/** Every answer a customer gave through a link. Append-only: a changed answer is a new row, the latest counts. */
export const confirmationAnswers = pgTable(
  'confirmation_answers',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    linkId: uuid().notNull(),
    accountId: uuid().notNull(),
    contactId: uuid(),
    level: smallint().notNull(),
    desiredLevel: smallint(),
    moveUp: text(),
    respondentName: text(),
    respondentTitle: text(),
    comment: text(),
    /** Generated when the form is shown: a double click or a retry of the same form records one answer. */
    submissionKey: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    unique('confirmation_answers_org_link_submission_key').on(t.orgId, t.linkId, t.submissionKey),
    foreignKey({ columns: [t.orgId, t.linkId], foreignColumns: [confirmationLinks.orgId, confirmationLinks.id] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }),
    index('confirmation_answers_org_account_created_idx').on(t.orgId, t.accountId, t.createdAt),
    index('confirmation_answers_org_contact_idx').on(t.orgId, t.contactId),
    check('confirmation_answers_level_check', sql`${t.level} between 1 and 5`),
    check('confirmation_answers_desired_level_check', sql`${t.desiredLevel} between 1 and 5`),
  ],
);

/**
 * The customer level as history: the combined level of the customer's fresh answers
 * (server/domain/customer-level.ts defines it) as runs of one level, from `starts_at` up to, not
 * including, `ends_at`. Runs are contiguous from an account's first answer on; `level` null is a
 * stretch in which no answer is fresh, and the last run is one of those, open-ended ("infinity").
 * Derived from confirmation_answers and rebuilt from them (server/services/customer-level-runs.ts) in the
 * same transaction as every change that moves them: an answer, a new freshness window (the whole
 * organization at once), a contact archived or restored. Every reader of a customer level, on
 * any day including today, reads these. The period index (covering, for the dashboard) is in
 * migration 0012.
 */
export const customerLevelRuns = pgTable(
  'customer_level_runs',
  {
    orgId: orgIdColumn(),
    accountId: uuid().notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    level: smallint(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.accountId, t.startsAt] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }),
    check('customer_level_runs_level_check', sql`${t.level} between 1 and 5`),
    check('customer_level_runs_order_check', sql`${t.startsAt} < ${t.endsAt}`),
  ],
);
