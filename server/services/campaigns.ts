import 'server-only';
import { createHmac } from 'node:crypto';
import { and, eq, gt, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '@/db/client';
import { uuidv7 } from '@/db/ids';
import { accounts, campaignMessages, campaigns, confirmationLinks, contacts, organizations, users } from '@/db/schema';
import { recordAudit } from './audit';
import {
  BUYING_ROLES,
  DEFAULT_QUIET_DAYS,
  DEFAULT_REMINDER_DAYS,
  DEFAULT_REMINDERS,
  MAX_CAMPAIGN_CONTACTS,
  MAX_REMINDER_DAYS,
  MAX_REMINDERS,
  linkLanguage,
  skipReason,
  type BuyingRole,
  type SkipReason,
} from '../domain/campaigns';
import { LINK_DEFAULT_DAYS, LINK_MAX_DAYS } from '../domain/customer-level';
import { userError } from '../api/errors';
import { EVENTS_CHANNEL, publishAccountEvent } from '../runtime/events';
import { serverTranslator } from '../adapters/i18n';
import { enqueueJobs, NotYet, type JobHandler } from './jobs';
import { hitRateLimit } from '../adapters/rate-limit';
import { CUSTOMER_EMAIL_LIMITS } from '../domain/customer-email';
import { sendEmailNow, type OutgoingEmail } from '../adapters/mail';
import { accountFiltersSchema } from '../inputs/accounts';
import { filterConditions } from './account-list';
import { hashToken } from '../adapters/tokens';
import { serverSecret } from '../adapters/secrets';
import { idSchema, personalMessageSchema } from '../inputs/common';

/*
 * Confirmation campaigns: ask many contacts at many accounts at once. Starting one creates, in
 * one transaction, the campaign, a confirmation link per contact asked and a job per first email;
 * the jobs (server/services/jobs.ts) send the emails, and each sent email schedules the next reminder,
 * which checks again at send time whether it is still wanted.
 */

const DAY = 24 * 60 * 60 * 1000;
export const CAMPAIGN_MESSAGE_JOB = 'campaign.message';

/* ------------------------------------------------------------------------------------------------
 * The organization's quiet period
 * ---------------------------------------------------------------------------------------------- */

/** No contact is asked twice within this many days (Settings → General). */
export async function quietDaysOf(tx: Tx): Promise<number> {
  const [org] = await tx.select({ days: organizations.confirmationQuietDays }).from(organizations);
  return org?.days ?? DEFAULT_QUIET_DAYS;
}

/**
 * A contact counts as asked when a link to them was created within the quiet period and is still
 * live or was answered (a link withdrawn unanswered, e.g. sent to the wrong address, does not).
 */
function askedWithin(quietDays: number, now: Date = new Date()) {
  return sql<boolean>`exists (
    select 1 from ${confirmationLinks}
     where ${confirmationLinks.contactId} = ${contacts.id}
       and ${confirmationLinks.createdAt} > ${new Date(now.getTime() - quietDays * DAY).toISOString()}::timestamptz
       and (${confirmationLinks.revokedAt} is null or ${confirmationLinks.lastAnsweredAt} is not null))`;
}

/** The contacts of this organization asked within the quiet period, among `contactIds`. */
export async function contactsAskedWithin(tx: Tx, contactIds: string[], quietDays: number): Promise<Set<string>> {
  if (contactIds.length === 0 || quietDays === 0) return new Set();
  const rows = await tx
    .selectDistinct({ contactId: confirmationLinks.contactId })
    .from(confirmationLinks)
    .where(
      and(
        inArray(confirmationLinks.contactId, contactIds),
        gt(confirmationLinks.createdAt, new Date(Date.now() - quietDays * DAY)),
        or(isNull(confirmationLinks.revokedAt), isNotNull(confirmationLinks.lastAnsweredAt)),
      ),
    );
  return new Set(rows.map((r) => r.contactId!));
}

/**
 * Asking a contact reads "asked recently?" and then writes a link: two requests doing that at
 * once could both ask. Everything that asks takes this organization-wide lock first (it ends
 * with the transaction).
 */
export async function lockAsking(tx: Tx, orgId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`rung:confirmation-ask:${orgId}`}))`);
}

/* ------------------------------------------------------------------------------------------------
 * Links whose token can be rebuilt at send time
 * ---------------------------------------------------------------------------------------------- */

/**
 * The token of a campaign link. A campaign's emails are written later, by a job, and reminders
 * must carry the same link as the first email, yet the database keeps only the token's hash.
 * So the token is derived from the link's identity with a server secret (HMAC-SHA256): the
 * database alone can still open nothing, and the job can rebuild the link whenever it sends.
 */
function campaignLinkToken(orgId: string, linkId: string): string {
  return createHmac('sha256', serverSecret()).update(`rung:campaign-link:${orgId}:${linkId}`).digest('base64url');
}

/* ------------------------------------------------------------------------------------------------
 * Choosing whom to ask
 * ---------------------------------------------------------------------------------------------- */

const uuid = idSchema;

const campaignSelectionSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('filters'), filters: accountFiltersSchema }),
    z.object({
      kind: z.literal('accounts'),
      accountIds: z.array(uuid).min(1, { error: 'validation.invalid' }).max(10_000, { error: 'validation.invalid' }),
    }),
  ],
  { error: 'validation.invalid' },
);

export const campaignOptionsSchema = z
  .object({
    selection: campaignSelectionSchema,
    /** Empty: every contact with an email, whatever the buying role. */
    buyingRoles: z
      .array(z.enum(BUYING_ROLES, { error: 'validation.invalid' }))
      .max(BUYING_ROLES.length)
      .default([]),
    languageMode: z.enum(['contact', 'fixed'], { error: 'validation.invalid' }).default('contact'),
    /** The fixed language, or the fallback for contacts without one; the member's own by default. */
    language: z.enum(['en', 'sv'], { error: 'validation.invalid' }).optional(),
    personalMessage: personalMessageSchema.optional(),
    expiresInDays: z
      .int({ error: 'validation.expiryInvalid' })
      .min(1, { error: 'validation.expiryInvalid' })
      .max(LINK_MAX_DAYS, { error: 'validation.expiryInvalid' })
      .default(LINK_DEFAULT_DAYS),
    reminders: z
      .int({ error: 'validation.remindersInvalid' })
      .min(0, { error: 'validation.remindersInvalid' })
      .max(MAX_REMINDERS, { error: 'validation.remindersInvalid' })
      .default(DEFAULT_REMINDERS),
    reminderDays: z
      .int({ error: 'validation.reminderDaysInvalid' })
      .min(1, { error: 'validation.reminderDaysInvalid' })
      .max(MAX_REMINDER_DAYS, { error: 'validation.reminderDaysInvalid' })
      .default(DEFAULT_REMINDER_DAYS),
  })
  // A reminder after the link stopped working would never be sent: say so before starting.
  .refine((o) => o.reminders === 0 || o.reminders * o.reminderDays < o.expiresInDays, {
    path: ['reminderDays'],
    error: 'validation.remindersAfterExpiry',
  });
export type CampaignOptions = z.output<typeof campaignOptionsSchema>;

interface CandidateRow {
  accountId: string;
  accountName: string;
  contactId: string;
  contactName: string;
  email: string | null;
  contactLanguage: string | null;
  buyingRole: BuyingRole;
  reason: SkipReason | null;
}

/** Every contact of the chosen accounts in the chosen roles, each with the reason it is skipped (or null: ask). */
async function candidates(tx: Tx, options: CampaignOptions, quietDays: number) {
  const { selection } = options;
  let accountCondition;
  if (selection.kind === 'accounts') {
    const ids = [...new Set(selection.accountIds)];
    // Another organization's account (hidden by row-level security) or one that never existed: not found.
    const [found] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(accounts)
      .where(inArray(accounts.id, ids));
    if ((found?.n ?? 0) !== ids.length) throw userError('NOT_FOUND', 'errors.accountNotFound');
    accountCondition = inArray(accounts.id, ids);
  } else {
    accountCondition = filterConditions(selection.filters);
  }
  const [accountCount] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(accounts)
    .where(accountCondition);

  const rows = await tx
    .select({
      accountId: accounts.id,
      accountName: accounts.name,
      accountArchived: sql<boolean>`${accounts.archivedAt} is not null`,
      contactId: contacts.id,
      contactName: contacts.name,
      email: contacts.email,
      contactLanguage: contacts.language,
      buyingRole: contacts.buyingRole,
      contactArchived: sql<boolean>`${contacts.archivedAt} is not null`,
      askedRecently: quietDays > 0 ? askedWithin(quietDays) : sql<boolean>`false`,
    })
    .from(accounts)
    .innerJoin(contacts, eq(contacts.accountId, accounts.id))
    .where(and(accountCondition, options.buyingRoles.length > 0 ? inArray(contacts.buyingRole, options.buyingRoles) : undefined))
    .orderBy(accounts.name, accounts.id, contacts.name, contacts.id);

  const list: CandidateRow[] = rows.map((row) => ({
    accountId: row.accountId,
    accountName: row.accountName,
    contactId: row.contactId,
    contactName: row.contactName,
    email: row.email,
    contactLanguage: row.contactLanguage,
    buyingRole: row.buyingRole,
    reason: skipReason(row),
  }));
  return { accounts: accountCount?.n ?? 0, list };
}

export interface CampaignPreview {
  accounts: number;
  asked: number;
  skipped: Record<SkipReason, number>;
  byRole: Record<BuyingRole, number>;
  quietDays: number;
  tooMany: boolean;
}

function summarize(accountCount: number, list: CandidateRow[], quietDays: number): CampaignPreview {
  const skipped: Record<SkipReason, number> = { accountArchived: 0, contactArchived: 0, noEmail: 0, askedRecently: 0 };
  const byRole = Object.fromEntries(BUYING_ROLES.map((role) => [role, 0])) as Record<BuyingRole, number>;
  let asked = 0;
  for (const candidate of list) {
    if (candidate.reason) skipped[candidate.reason] += 1;
    else {
      asked += 1;
      byRole[candidate.buyingRole] += 1;
    }
  }
  return { accounts: accountCount, asked, skipped, byRole, quietDays, tooMany: asked > MAX_CAMPAIGN_CONTACTS };
}

/** How many contacts a campaign with these options would ask now, and why the others would be skipped. */
export async function previewCampaign(tx: Tx, options: CampaignOptions): Promise<CampaignPreview> {
  const quietDays = await quietDaysOf(tx);
  const { accounts: accountCount, list } = await candidates(tx, options, quietDays);
  return summarize(accountCount, list, quietDays);
}

export interface CampaignStarter {
  tx: Tx;
  org: { id: string; name: string };
  user: { id: string; name: string };
  locale: 'en' | 'sv';
  appUrl: string;
}

/**
 * Starts a campaign: the campaign, one link per contact asked and one send job per link, all in
 * the caller's transaction, so either everything exists or nothing does.
 */
export async function startCampaign(ctx: CampaignStarter, options: CampaignOptions) {
  const { tx } = ctx;
  await lockAsking(tx, ctx.org.id);
  const quietDays = await quietDaysOf(tx);
  const { accounts: accountCount, list } = await candidates(tx, options, quietDays);
  const summary = summarize(accountCount, list, quietDays);
  if (summary.tooMany) throw userError('BAD_REQUEST', 'campaigns.errors.tooMany', { max: MAX_CAMPAIGN_CONTACTS });
  const asked = list.filter((c) => c.reason === null);
  if (asked.length === 0) throw userError('BAD_REQUEST', 'campaigns.errors.nobodyToAsk');

  const now = new Date();
  const language = options.language ?? ctx.locale;
  const t = serverTranslator(ctx.locale);
  const campaignId = uuidv7();
  await tx.insert(campaigns).values({
    orgId: ctx.org.id,
    id: campaignId,
    name: t('campaigns.defaultName', { date: now }),
    createdByUserId: ctx.user.id,
    selection:
      options.selection.kind === 'filters'
        ? { kind: 'filters', filters: options.selection.filters }
        : { kind: 'accounts', count: accountCount },
    buyingRoles: options.buyingRoles,
    languageMode: options.languageMode,
    language,
    personalMessage: options.personalMessage || null,
    expiresInDays: options.expiresInDays,
    reminders: options.reminders,
    reminderDays: options.reminderDays,
    appUrl: ctx.appUrl,
    accountCount,
    askedCount: asked.length,
    skipped: summary.skipped,
  });

  const expiresAt = new Date(now.getTime() + options.expiresInDays * DAY);
  const links = asked.map((candidate) => {
    const id = uuidv7();
    return {
      id,
      account_id: candidate.accountId,
      contact_id: candidate.contactId,
      token_hash: hashToken(campaignLinkToken(ctx.org.id, id)),
      language: linkLanguage(options.languageMode, language, candidate.contactLanguage),
      message_id: uuidv7(),
    };
  });
  // Thousands of rows: each statement takes them as one JSON parameter.
  const rows = sql`jsonb_to_recordset(${JSON.stringify(links)}::jsonb)
    as t(id uuid, account_id uuid, contact_id uuid, token_hash text, language text, message_id uuid)`;
  await tx.execute(sql`
    insert into confirmation_links (org_id, id, account_id, contact_id, respondent_link_id, token_hash, language,
                                    personal_message, expires_at, created_by_user_id, campaign_id)
    select ${ctx.org.id}::uuid, t.id, t.account_id, t.contact_id, t.id, t.token_hash, t.language,
           ${options.personalMessage || null}, ${expiresAt.toISOString()}::timestamptz, ${ctx.user.id}::uuid, ${campaignId}::uuid
      from ${rows}`);
  await tx.execute(sql`
    insert into campaign_messages (org_id, id, campaign_id, link_id, sequence, due_at)
    select ${ctx.org.id}::uuid, t.message_id, ${campaignId}::uuid, t.id, 0, ${now.toISOString()}::timestamptz
      from ${rows}`);
  await enqueueJobs(
    tx,
    links.map((link) => ({
      orgId: ctx.org.id,
      kind: CAMPAIGN_MESSAGE_JOB,
      payload: { messageId: link.message_id },
      idempotencyKey: `campaign-message:${link.message_id}`,
      runAt: now,
    })),
  );

  await recordAudit(tx, {
    orgId: ctx.org.id,
    actorUserId: ctx.user.id,
    action: 'campaign.started',
    entityType: 'campaign',
    entityId: campaignId,
    after: {
      accounts: accountCount,
      asked: asked.length,
      skipped: summary.skipped,
      reminders: options.reminders,
      reminderDays: options.reminderDays,
    },
  });
  // Open account pages show their new links at once: one notification per account, in one statement.
  const accountIds = [...new Set(asked.map((c) => c.accountId))];
  const payloads = accountIds.map((accountId) =>
    JSON.stringify({ orgId: ctx.org.id, type: 'confirmation.changed', accountId, actorUserId: ctx.user.id }),
  );
  for (let i = 0; i < payloads.length; i += 1000) {
    const batch = payloads.slice(i, i + 1000);
    await tx.execute(
      sql`select pg_notify(${EVENTS_CHANNEL}, p) from unnest(${sql`array[${sql.join(
        batch.map((p) => sql`${p}::text`),
        sql`, `,
      )}]`}) as p`,
    );
  }
  return { campaignId, asked: asked.length, skipped: summary.skipped };
}

/**
 * Stops a campaign: every email of it not sent yet (first emails and reminders) is cancelled now.
 * One that a job is sending at this very moment holds its row and goes out; nothing after it does,
 * since the sending job checks the stop too. The links already sent keep working, so a customer
 * who has the email can still answer. Stopping twice changes nothing. Returns how many emails
 * were cancelled.
 */
export async function stopCampaign(tx: Tx, ctx: { orgId: string; userId: string }, campaignId: string): Promise<{ cancelled: number }> {
  const [campaign] = await tx
    .select({ id: campaigns.id, stoppedAt: campaigns.stoppedAt })
    .from(campaigns)
    .where(eq(campaigns.id, campaignId))
    .for('update');
  if (!campaign) throw userError('NOT_FOUND', 'campaigns.errors.notFound');
  if (campaign.stoppedAt) return { cancelled: 0 };
  const now = new Date();
  await tx.update(campaigns).set({ stoppedAt: now, stoppedByUserId: ctx.userId }).where(eq(campaigns.id, campaignId));
  const cancelled = await tx
    .update(campaignMessages)
    .set({ status: 'cancelled', reason: 'campaignStopped', cancelledAt: now })
    .where(and(eq(campaignMessages.campaignId, campaignId), eq(campaignMessages.status, 'queued')))
    .returning({ id: campaignMessages.id });
  await recordAudit(tx, {
    orgId: ctx.orgId,
    actorUserId: ctx.userId,
    action: 'campaign.stopped',
    entityType: 'campaign',
    entityId: campaignId,
    after: { cancelledEmails: cancelled.length },
  });
  return { cancelled: cancelled.length };
}

/* ------------------------------------------------------------------------------------------------
 * Sending: the job behind each email
 * ---------------------------------------------------------------------------------------------- */

/** Puts an email on its way inside the job's transaction; throws when it cannot (the job retries). Returns the outbox id. */
export type Mailer = (tx: Tx, orgId: string, email: OutgoingEmail) => Promise<string>;
export const defaultMailer: Mailer = sendEmailNow;

/** Why a queued email is no longer sent. */
type StopReason = 'campaignStopped' | 'answered' | 'revoked' | 'expired' | 'accountArchived' | 'contactArchived' | 'noEmail';

function appUrlFor(campaignAppUrl: string): string {
  return (process.env.APP_URL || campaignAppUrl).replace(/\/+$/, '');
}

/**
 * Sends one campaign email (the first one or a reminder), unless it is no longer wanted: the
 * contact answered, the link was withdrawn or expired, the account or contact was archived. A
 * sent email schedules the next reminder. Runs inside withOrg, in the same transaction that
 * marks the job done, so it happens once.
 */
export function campaignMessageHandler(mailer: Mailer = defaultMailer): JobHandler {
  return {
    async run({ tx, job, now }) {
      const messageId = String(job.payload.messageId);
      const [row] = await tx
        .select({
          message: campaignMessages,
          link: confirmationLinks,
          campaign: campaigns,
          accountName: accounts.name,
          accountArchivedAt: accounts.archivedAt,
          contactEmail: contacts.email,
          contactArchivedAt: contacts.archivedAt,
          orgName: organizations.name,
          senderName: users.name,
        })
        .from(campaignMessages)
        .innerJoin(confirmationLinks, eq(confirmationLinks.id, campaignMessages.linkId))
        .innerJoin(campaigns, eq(campaigns.id, campaignMessages.campaignId))
        .innerJoin(accounts, eq(accounts.id, confirmationLinks.accountId))
        .innerJoin(contacts, eq(contacts.id, confirmationLinks.contactId))
        .innerJoin(organizations, eq(organizations.id, campaignMessages.orgId))
        .innerJoin(users, eq(users.id, campaigns.createdByUserId))
        .where(eq(campaignMessages.id, messageId))
        .for('update', { of: campaignMessages });
      if (!row || row.message.status !== 'queued') return; // gone, or already handled: nothing to repeat

      const { message, link, campaign } = row;
      let stop: StopReason | null = null;
      if (campaign.stoppedAt) stop = 'campaignStopped';
      else if (link.lastAnsweredAt) stop = 'answered';
      else if (link.revokedAt) stop = 'revoked';
      else if (link.expiresAt <= now) stop = 'expired';
      else if (row.accountArchivedAt) stop = 'accountArchived';
      else if (row.contactArchivedAt) stop = 'contactArchived';
      else if (!row.contactEmail) stop = 'noEmail';
      if (stop) {
        await tx
          .update(campaignMessages)
          .set({ status: 'cancelled', reason: stop, cancelledAt: now })
          .where(eq(campaignMessages.id, message.id));
        return;
      }

      // The organization's hourly ceiling on campaign emails: counted in this transaction, so an
      // email that is not sent (a failure, a postponement) is not counted either.
      const budget = await hitRateLimit(
        tx,
        `customer-email:campaign:${link.orgId}`,
        CUSTOMER_EMAIL_LIMITS.campaignPerOrganizationPerHour,
        CUSTOMER_EMAIL_LIMITS.windowSeconds,
      );
      if (!budget.allowed) throw new NotYet(budget.resetAt, 'hourly limit of campaign emails reached');

      const token = campaignLinkToken(link.orgId, link.id);
      if (hashToken(token) !== link.tokenHash) {
        // The server secret changed since the campaign started: this link can no longer be rebuilt.
        await tx
          .update(campaignMessages)
          .set({ status: 'failed', reason: 'link secret changed', failedAt: now })
          .where(eq(campaignMessages.id, message.id));
        return;
      }
      const url = `${appUrlFor(campaign.appUrl)}/c/${token}`;
      const language = link.language === 'sv' ? 'sv' : 'en';
      const t = serverTranslator(language);
      const values = { sender: row.senderName, org: row.orgName, account: row.accountName };
      const subject = message.sequence === 0 ? t('email.confirmation.subject', values) : t('campaigns.email.reminderSubject', values);
      const body = message.sequence === 0 ? t('email.confirmation.body', values) : t('campaigns.email.reminderBody', values);
      const outboxMessageId = await mailer(tx, link.orgId, {
        to: row.contactEmail!,
        subject,
        bodyText: [body, link.personalMessage ?? '', url, t('email.confirmation.footer')].filter(Boolean).join('\n\n'),
        kind: 'confirmation',
      });

      await tx
        .update(campaignMessages)
        .set({ status: 'sent', sentAt: now, outboxMessageId, reason: null })
        .where(eq(campaignMessages.id, message.id));
      if (!link.sentAt) await tx.update(confirmationLinks).set({ sentAt: now }).where(eq(confirmationLinks.id, link.id));

      if (message.sequence < campaign.reminders) {
        const dueAt = new Date(now.getTime() + campaign.reminderDays * DAY);
        const [next] = await tx
          .insert(campaignMessages)
          .values({ orgId: link.orgId, id: uuidv7(), campaignId: campaign.id, linkId: link.id, sequence: message.sequence + 1, dueAt })
          .onConflictDoNothing()
          .returning({ id: campaignMessages.id });
        if (next) {
          await enqueueJobs(tx, [
            {
              orgId: link.orgId,
              kind: CAMPAIGN_MESSAGE_JOB,
              payload: { messageId: next.id },
              idempotencyKey: `campaign-message:${next.id}`,
              runAt: dueAt,
            },
          ]);
        }
      }
      await publishAccountEvent(tx, link.orgId, { type: 'confirmation.changed', accountId: link.accountId });
    },

    async retrying({ tx, job }, reason) {
      await tx
        .update(campaignMessages)
        .set({ reason })
        .where(and(eq(campaignMessages.id, String(job.payload.messageId)), eq(campaignMessages.status, 'queued')));
    },

    async giveUp({ tx, job, now }, reason) {
      await tx
        .update(campaignMessages)
        .set({ status: 'failed', reason, failedAt: now })
        .where(and(eq(campaignMessages.id, String(job.payload.messageId)), eq(campaignMessages.status, 'queued')));
    },
  };
}
