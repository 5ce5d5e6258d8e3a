import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { buyingRole } from './accounts';
import { createdAt, idColumn, orgIdColumn, updatedAt } from './columns';
import { users } from './identity';

/** Why a contact of a chosen account was not asked (server/services/campaigns.ts decides, in this order). */
export interface CampaignSkipped {
  accountArchived: number;
  contactArchived: number;
  noEmail: number;
  askedRecently: number;
}

/**
 * A confirmation campaign: many contacts at many accounts asked at once, each through a
 * confirmation link of their own (confirmation_links.campaign_id) sent by a background job, with
 * up to `reminders` reminders `reminder_days` apart for those who have not answered.
 */
export const campaigns = pgTable(
  'campaigns',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    name: text().notNull(),
    createdByUserId: uuid().notNull(),
    /** What was chosen, as the member chose it: the accounts list's filters, or a count of explicitly chosen accounts. */
    selection: jsonb().$type<{ kind: 'filters'; filters: Record<string, unknown> } | { kind: 'accounts'; count: number }>().notNull(),
    /** Empty: every contact with an email, whatever their buying role. */
    buyingRoles: buyingRole()
      .array()
      .notNull()
      .default(sql`'{}'`),
    /** contact: each contact's own language, else `language`; fixed: `language` for everyone. */
    languageMode: text().notNull(),
    language: text().notNull(),
    personalMessage: text(),
    expiresInDays: integer().notNull(),
    reminders: smallint().notNull(),
    reminderDays: smallint().notNull(),
    /** Where links in the emails point when APP_URL is not set: the address the campaign was started from. */
    appUrl: text().notNull(),
    accountCount: integer().notNull(),
    askedCount: integer().notNull(),
    skipped: jsonb().$type<CampaignSkipped>().notNull(),
    /** Stopped by a member: no email of it goes out any more; the links already sent keep working. */
    stoppedAt: timestamp({ withTimezone: true }),
    stoppedByUserId: uuid(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.createdByUserId], foreignColumns: [users.id] }),
    foreignKey({ columns: [t.stoppedByUserId], foreignColumns: [users.id] }),
    index('campaigns_org_created_idx').on(t.orgId, t.createdAt),
    index('campaigns_created_by_idx').on(t.createdByUserId),
    index('campaigns_stopped_by_idx').on(t.stoppedByUserId),
    check('campaigns_stopped_check', sql`(${t.stoppedAt} is null) = (${t.stoppedByUserId} is null)`),
    check('campaigns_language_mode_check', sql`${t.languageMode} in ('contact', 'fixed')`),
    check('campaigns_language_check', sql`${t.language} in ('en', 'sv')`),
    check('campaigns_reminders_check', sql`${t.reminders} between 0 and 5`),
    check('campaigns_reminder_days_check', sql`${t.reminderDays} between 1 and 60`),
  ],
);
