import 'server-only';
import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Tx } from '@/db/client';
import { accounts, campaignMessages, campaigns, confirmationLinks, contacts, users } from '@/db/schema';
import { campaignOptionsSchema, previewCampaign, startCampaign, stopCampaign } from '../services/campaigns';
import { BUYING_ROLES, campaignContactStatus, responseRate } from '../domain/campaigns';
import { userError } from '../api/errors';
import { recordAudit } from '../services/audit';
import { orgProcedure, router } from '../api/trpc';
import { idSchema, safeText } from '../inputs/common';

/*
 * Confirmation campaigns, the team's side: preview and start one (members and up), follow them
 * (everyone in the organization). The sending happens in jobs (server/services/campaigns.ts).
 */

/** Contacts shown per page on a campaign's page. */
const CAMPAIGN_CONTACTS_PAGE = 100;
const campaignIdInput = z.object({ campaignId: idSchema });
const stopper = alias(users, 'stopper');
const campaignNameSchema = safeText().trim().min(1, { error: 'validation.nameRequired' }).max(100, { error: 'validation.nameTooLong' });

const firstMessage = sql`(select m.status from ${campaignMessages} m where m.link_id = ${confirmationLinks.id} and m.sequence = 0)`;
/** Per link: the first message's state, and whether the answer came after a reminder was sent. */
const counts = {
  asked: sql<number>`count(${confirmationLinks.id})::int`,
  sent: sql<number>`(count(*) filter (where ${firstMessage} = 'sent'))::int`,
  failed: sql<number>`(count(*) filter (where ${firstMessage} = 'failed'))::int`,
  // Answering means the link was opened, even where the page never recorded the opening.
  opened: sql<number>`(count(*) filter (where ${confirmationLinks.firstOpenedAt} is not null or ${confirmationLinks.lastAnsweredAt} is not null))::int`,
  answered: sql<number>`(count(*) filter (where ${confirmationLinks.lastAnsweredAt} is not null))::int`,
  answeredAfterReminder: sql<number>`(count(*) filter (where ${confirmationLinks.lastAnsweredAt} is not null and exists (
    select 1 from ${campaignMessages} r where r.link_id = ${confirmationLinks.id} and r.sequence > 0 and r.status = 'sent')))::int`,
};

export const campaignRouter = router({
  /** How many contacts a campaign with these options would ask, and who would be left out and why. */
  preview: orgProcedure('member')
    .input(campaignOptionsSchema)
    .query(({ ctx, input }) => previewCampaign(ctx.tx, input)),

  /** Starts a campaign: its links and the jobs that email them are created together, or not at all. */
  start: orgProcedure('member')
    .input(campaignOptionsSchema)
    .mutation(({ ctx, input }) =>
      startCampaign({ tx: ctx.tx, org: ctx.org, user: ctx.user, locale: ctx.locale, appUrl: ctx.appUrl }, input),
    ),

  /** Renames a campaign: its own name instead of the date it was started. */
  rename: orgProcedure('member')
    .input(campaignIdInput.extend({ name: campaignNameSchema }))
    .mutation(async ({ ctx, input }) => {
      const [before] = await ctx.tx
        .select({ name: campaigns.name })
        .from(campaigns)
        .where(eq(campaigns.id, input.campaignId))
        .for('update');
      if (!before) throw userError('NOT_FOUND', 'campaigns.errors.notFound');
      if (before.name === input.name) return { name: input.name };
      await ctx.tx.update(campaigns).set({ name: input.name }).where(eq(campaigns.id, input.campaignId));
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: 'campaign.renamed',
        entityType: 'campaign',
        entityId: input.campaignId,
        before: { name: before.name },
        after: { name: input.name },
      });
      return { name: input.name };
    }),

  /** Stops a campaign's emails (first emails and reminders not sent yet); the links already sent keep working. */
  stop: orgProcedure('member')
    .input(campaignIdInput)
    .mutation(({ ctx, input }) => stopCampaign(ctx.tx, { orgId: ctx.org.id, userId: ctx.user.id }, input.campaignId)),

  /** The organization's campaigns, newest first, with how far each has come. */
  list: orgProcedure('viewer').query(async ({ ctx }) => {
    const rows = await ctx.tx
      .select({
        id: campaigns.id,
        name: campaigns.name,
        createdAt: campaigns.createdAt,
        createdByName: users.name,
        accountCount: campaigns.accountCount,
        reminders: campaigns.reminders,
        stoppedAt: campaigns.stoppedAt,
        ...counts,
      })
      .from(campaigns)
      .innerJoin(users, eq(users.id, campaigns.createdByUserId))
      .leftJoin(confirmationLinks, eq(confirmationLinks.campaignId, campaigns.id))
      .groupBy(campaigns.orgId, campaigns.id, users.id)
      .orderBy(desc(campaigns.createdAt), desc(campaigns.id))
      .limit(200);
    return rows.map((row) => ({ ...row, responseRate: responseRate(row.asked, row.answered) }));
  }),

  /** One campaign: its options, progress in total and by buying role, and a page of the contacts asked. */
  get: orgProcedure('viewer')
    .input(campaignIdInput.extend({ page: z.int().min(1).max(10_000).default(1) }))
    .query(async ({ ctx, input }) => {
      const [campaign] = await ctx.tx
        .select({
          id: campaigns.id,
          name: campaigns.name,
          createdAt: campaigns.createdAt,
          createdByName: users.name,
          selection: campaigns.selection,
          buyingRoles: campaigns.buyingRoles,
          languageMode: campaigns.languageMode,
          language: campaigns.language,
          personalMessage: campaigns.personalMessage,
          expiresInDays: campaigns.expiresInDays,
          reminders: campaigns.reminders,
          reminderDays: campaigns.reminderDays,
          accountCount: campaigns.accountCount,
          skipped: campaigns.skipped,
          stoppedAt: campaigns.stoppedAt,
          stoppedByName: stopper.name,
        })
        .from(campaigns)
        .innerJoin(users, eq(users.id, campaigns.createdByUserId))
        .leftJoin(stopper, eq(stopper.id, campaigns.stoppedByUserId))
        .where(eq(campaigns.id, input.campaignId));
      if (!campaign) throw userError('NOT_FOUND', 'campaigns.errors.notFound');

      const roleRows = await ctx.tx
        .select({ role: contacts.buyingRole, ...counts })
        .from(confirmationLinks)
        .innerJoin(contacts, eq(contacts.id, confirmationLinks.contactId))
        .where(eq(confirmationLinks.campaignId, campaign.id))
        .groupBy(contacts.buyingRole);
      const empty = { asked: 0, sent: 0, failed: 0, opened: 0, answered: 0, answeredAfterReminder: 0 };
      const total = { ...empty };
      const byRole = BUYING_ROLES.map((role) => {
        const found = roleRows.find((r) => r.role === role);
        const { role: _, ...numbers } = found ?? { role, ...empty };
        for (const key of Object.keys(total) as Array<keyof typeof total>) total[key] += numbers[key];
        return { role, ...numbers, responseRate: responseRate(numbers.asked, numbers.answered) };
      }).filter((r) => r.asked > 0);

      const offset = (input.page - 1) * CAMPAIGN_CONTACTS_PAGE;
      const links = await ctx.tx
        .select({
          linkId: confirmationLinks.id,
          contactId: contacts.id,
          contactName: contacts.name,
          buyingRole: contacts.buyingRole,
          accountId: accounts.id,
          accountName: accounts.name,
          language: confirmationLinks.language,
          expiresAt: confirmationLinks.expiresAt,
          sentAt: confirmationLinks.sentAt,
          firstOpenedAt: confirmationLinks.firstOpenedAt,
          lastAnsweredAt: confirmationLinks.lastAnsweredAt,
          revokedAt: confirmationLinks.revokedAt,
        })
        .from(confirmationLinks)
        .innerJoin(contacts, eq(contacts.id, confirmationLinks.contactId))
        .innerJoin(accounts, eq(accounts.id, confirmationLinks.accountId))
        .where(eq(confirmationLinks.campaignId, campaign.id))
        .orderBy(asc(accounts.name), asc(contacts.name), asc(confirmationLinks.id))
        .limit(CAMPAIGN_CONTACTS_PAGE)
        .offset(offset);

      const messages = links.length
        ? await ctx.tx
            .select({
              linkId: campaignMessages.linkId,
              sequence: campaignMessages.sequence,
              status: campaignMessages.status,
              reason: campaignMessages.reason,
              dueAt: campaignMessages.dueAt,
              sentAt: campaignMessages.sentAt,
            })
            .from(campaignMessages)
            .where(
              and(
                eq(campaignMessages.campaignId, campaign.id),
                inArray(
                  campaignMessages.linkId,
                  links.map((l) => l.linkId),
                ),
              ),
            )
            .orderBy(asc(campaignMessages.sequence))
        : [];

      const now = new Date();
      const contactRows = links.map((link) => {
        const own = messages.filter((m) => m.linkId === link.linkId);
        const first = own.find((m) => m.sequence === 0) ?? {
          status: 'queued' as const,
          reason: null,
          sentAt: null,
          dueAt: now,
          sequence: 0,
        };
        const reminders = own.filter((m) => m.sequence > 0);
        const remindersSent = reminders.filter((m) => m.status === 'sent');
        const pending = reminders.find((m) => m.status === 'queued');
        // A reminder still waiting for its day is as good as stopped once the contact answered or the link was withdrawn.
        const stoppedNow =
          pending && (link.lastAnsweredAt || link.revokedAt)
            ? { status: 'cancelled' as const, reason: link.lastAnsweredAt ? 'answered' : 'revoked' }
            : null;
        const stopped = reminders.find((m) => m.status === 'cancelled' || m.status === 'failed') ?? stoppedNow;
        return {
          ...link,
          status: campaignContactStatus(link, first, now),
          firstMessage: { status: first.status, reason: first.reason, sentAt: first.sentAt },
          remindersSent: remindersSent.length,
          nextReminderAt: pending && !link.lastAnsweredAt && !link.revokedAt ? pending.dueAt : null,
          remindersStopped: stopped ? { status: stopped.status, reason: stopped.reason } : null,
          answeredAfterReminder: Boolean(link.lastAnsweredAt && remindersSent.length > 0),
        };
      });

      return {
        campaign,
        total: { ...total, responseRate: responseRate(total.asked, total.answered) },
        byRole,
        contacts: contactRows,
        page: input.page,
        pageSize: CAMPAIGN_CONTACTS_PAGE,
        /** Reminders still waiting for their day, across the whole campaign. */
        remindersPending: await pendingReminders(ctx.tx, campaign.id),
        /** Emails not sent yet, first ones and reminders: what stopping the campaign would cancel. */
        emailsQueued: await queuedEmails(ctx.tx, campaign.id),
      };
    }),
});

async function pendingReminders(tx: Tx, campaignId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(campaignMessages)
    .where(and(eq(campaignMessages.campaignId, campaignId), gt(campaignMessages.sequence, 0), eq(campaignMessages.status, 'queued')));
  return row?.n ?? 0;
}

async function queuedEmails(tx: Tx, campaignId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(campaignMessages)
    .where(and(eq(campaignMessages.campaignId, campaignId), eq(campaignMessages.status, 'queued')));
  return row?.n ?? 0;
}
