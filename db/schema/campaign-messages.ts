import { sql } from 'drizzle-orm';
import { check, foreignKey, index, pgEnum, pgTable, primaryKey, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { campaigns } from './campaigns';
import { createdAt, idColumn, orgIdColumn, updatedAt } from './columns';
import { confirmationLinks } from './confirmations';
import { outboxMessages } from './outbox';

/** queued: a job will send it; sent: handed to the mail server (or the outbox); failed: gave up; cancelled: not needed any more. */
export const campaignMessageStatus = pgEnum('campaign_message_status', ['queued', 'sent', 'failed', 'cancelled']);

/**
 * One email of a campaign to one contact: the first request (sequence 0) or reminder n
 * (sequence n). Opened and answered are read from the link (first_opened_at, last_answered_at).
 */
export const campaignMessages = pgTable(
  'campaign_messages',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    campaignId: uuid().notNull(),
    linkId: uuid().notNull(),
    sequence: smallint().notNull(),
    status: campaignMessageStatus().notNull().default('queued'),
    /** Why it failed (the mail server's answer) or why it was cancelled (answered, revoked, expired, ...). */
    reason: text(),
    /** When it is due: now for the first message, `reminder_days` after the previous one for a reminder. */
    dueAt: timestamp({ withTimezone: true }).notNull(),
    outboxMessageId: uuid(),
    sentAt: timestamp({ withTimezone: true }),
    failedAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    unique('campaign_messages_org_link_sequence_key').on(t.orgId, t.linkId, t.sequence),
    foreignKey({ columns: [t.orgId, t.campaignId], foreignColumns: [campaigns.orgId, campaigns.id] }),
    foreignKey({ columns: [t.orgId, t.linkId], foreignColumns: [confirmationLinks.orgId, confirmationLinks.id] }),
    foreignKey({ columns: [t.orgId, t.outboxMessageId], foreignColumns: [outboxMessages.orgId, outboxMessages.id] }),
    index('campaign_messages_org_campaign_idx').on(t.orgId, t.campaignId),
    index('campaign_messages_org_outbox_idx').on(t.orgId, t.outboxMessageId),
    check('campaign_messages_sequence_check', sql`${t.sequence} between 0 and 5`),
  ],
);
