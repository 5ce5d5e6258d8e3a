import 'server-only';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Db, Tx } from '@/db/client';
import { accounts, campaignMessages, campaigns, confirmationAnswers, confirmationLinks, contacts, organizations, users } from '@/db/schema';
import { uuidv7 } from '@/db/ids';
import { withOrg } from '@/db/tenant';
import { recordAudit } from '../services/audit';
import { freshnessMonthsOf } from '../services/confirmations';
import { contactsAskedWithin, lockAsking, quietDaysOf } from '../services/campaigns';
import { MAX_QUIET_DAYS, MIN_QUIET_DAYS } from '../domain/campaigns';
import { CUSTOMER_EMAIL_LIMITS } from '../domain/customer-email';
import { hitRateLimit } from '../adapters/rate-limit';
import {
  answerExpiresAt,
  customerLevelAt,
  LINK_DEFAULT_DAYS,
  LINK_MAX_DAYS,
  linkStatus,
  MAX_FRESHNESS_MONTHS,
  MIN_FRESHNESS_MONTHS,
  needsReconfirmation,
} from '../domain/customer-level';
import { userError } from '../api/errors';
import { publishAccountEvent } from '../runtime/events';
import { serverTranslator } from '../adapters/i18n';
import { customerLevelNow, rebuildCustomerLevelRuns } from '../services/customer-level-runs';
import { respondentOfAnswer } from '../services/level-history';
import { deliverEmail, queueEmail } from '../adapters/mail';
import { hashToken, newToken } from '../adapters/tokens';
import { accountProcedure, orgProcedure, router } from '../api/trpc';
import { idSchema, personalMessageSchema } from '../inputs/common';
import { requireAccount } from '../services/account-access';

/*
 * Confirmation links, the team's side: ask a contact (or someone unnamed) at an account how
 * they see the relationship, follow the links, read each stakeholder's latest answer and the
 * customer level they combine into. The customer's side (the public page) is server/services/confirmations.ts.
 */

const DAY = 24 * 60 * 60 * 1000;
/** Links listed on an account page: far more than a team sends between two reviews. */
const LINKS_SHOWN = 100;
const creator = alias(users, 'creator');
const uuid = idSchema;
const languageSchema = z.enum(['en', 'sv'], { error: 'validation.invalid' });
const expirySchema = z
  .int({ error: 'validation.expiryInvalid' })
  .min(1, { error: 'validation.expiryInvalid' })
  .max(LINK_MAX_DAYS, { error: 'validation.expiryInvalid' });

/** The customer level now, from the account's runs. */
async function customerLevelOf(tx: Tx, accountId: string) {
  const [row] = await tx.select({ level: customerLevelNow }).from(accounts).where(eq(accounts.id, accountId));
  return row?.level ?? null;
}

/** A contact of this account who can still be asked. */
async function loadContact(tx: Tx, accountId: string, contactId: string) {
  const [contact] = await tx
    .select({ id: contacts.id, name: contacts.name, email: contacts.email, language: contacts.language })
    .from(contacts)
    .where(and(eq(contacts.id, contactId), eq(contacts.accountId, accountId), isNull(contacts.archivedAt)));
  if (!contact) throw userError('NOT_FOUND', 'errors.contactNotFound');
  return contact;
}

/**
 * A contact is not asked twice within the organization's quiet period, by a campaign or a single
 * link (server/services/campaigns.ts says what counts as asked).
 */
async function assertNotAskedRecently(tx: Tx, contact: { id: string; name: string }) {
  const days = await quietDaysOf(tx);
  const asked = await contactsAskedWithin(tx, [contact.id], days);
  if (asked.has(contact.id)) throw userError('CONFLICT', 'errors.contactAskedRecently', { name: contact.name, days });
}

type Ctx = {
  tx: Tx;
  db: Db;
  org: { id: string; name: string };
  user: { id: string; name: string };
  appUrl: string;
  afterCommit: (fn: () => Promise<void>) => void;
};

/**
 * Counts one customer email against the member's hourly limit, or refuses it. Counted inside the
 * procedure's transaction: a request that fails for another reason spends nothing.
 */
async function spendCustomerEmail(ctx: Ctx) {
  const { perMemberPerHour, windowSeconds } = CUSTOMER_EMAIL_LIMITS;
  const spent = await hitRateLimit(ctx.tx, `customer-email:member:${ctx.user.id}`, perMemberPerHour, windowSeconds);
  if (!spent.allowed) {
    const minutes = Math.max(1, Math.ceil((spent.resetAt.getTime() - Date.now()) / 60_000));
    throw userError('TOO_MANY_REQUESTS', 'errors.customerEmailLimit', { limit: perMemberPerHour, minutes });
  }
}

/**
 * Creates a link and returns its URL, once: only the SHA-256 of the token is stored. With a
 * contact who has an email address, the link goes out by email in the link's language (into
 * the outbox when no mail server is set up); `sent_at` is set once the mail server took it.
 */
async function issueLink(
  ctx: Ctx,
  link: {
    account: { id: string; name: string };
    contact: { id: string; email: string | null } | null;
    language: 'en' | 'sv';
    personalMessage: string | null;
    expiresInDays: number;
    /** The respondent of the link this one replaces ("send again"); a new respondent otherwise. */
    respondentLinkId?: string;
  },
) {
  const token = newToken();
  const expiresAt = new Date(Date.now() + link.expiresInDays * DAY);
  const id = uuidv7();
  const [created] = await ctx.tx
    .insert(confirmationLinks)
    .values({
      orgId: ctx.org.id,
      id,
      accountId: link.account.id,
      contactId: link.contact?.id ?? null,
      respondentLinkId: link.respondentLinkId ?? id,
      tokenHash: hashToken(token),
      language: link.language,
      personalMessage: link.personalMessage,
      expiresAt,
      createdByUserId: ctx.user.id,
    })
    .returning({ id: confirmationLinks.id });
  const linkId = created!.id;
  const url = `${ctx.appUrl}/c/${token}`;

  let messageId: string | null = null;
  if (link.contact?.email) {
    await spendCustomerEmail(ctx);
    const t = serverTranslator(link.language);
    const values = { sender: ctx.user.name, org: ctx.org.name, account: link.account.name };
    messageId = await queueEmail(ctx.tx, ctx.org.id, {
      to: link.contact.email,
      subject: t('email.confirmation.subject', values),
      bodyText: [t('email.confirmation.body', values), link.personalMessage ?? '', url, t('email.confirmation.footer')]
        .filter(Boolean)
        .join('\n\n'),
      kind: 'confirmation',
    });
  }
  if (messageId) {
    const { db } = ctx;
    const orgId = ctx.org.id;
    const id = messageId;
    ctx.afterCommit(async () => {
      if ((await deliverEmail(db, orgId, id)) === 'sent') {
        await withOrg(db, orgId, (tx) => tx.update(confirmationLinks).set({ sentAt: new Date() }).where(eq(confirmationLinks.id, linkId)));
      }
    });
  }
  return { linkId, url, expiresAt, emailQueued: messageId !== null };
}

export const confirmationRouter = router({
  /**
   * The customer's side of an account: the customer level now (from its history, as every other
   * page reads it) with the stakeholders and spread behind it, each stakeholder's latest answer
   * with whether and until when it counts, and the links. Read only.
   */
  overview: accountProcedure('viewer').query(async ({ ctx }) => {
    const { account } = ctx;
    const months = await freshnessMonthsOf(ctx.tx);
    const now = new Date();

    // Each stakeholder once, with their latest answer.
    const latest = await ctx.tx
      .selectDistinctOn([respondentOfAnswer], {
        id: confirmationAnswers.id,
        respondentKey: respondentOfAnswer,
        linkId: confirmationAnswers.linkId,
        contactId: confirmationAnswers.contactId,
        contactName: contacts.name,
        contactTitle: contacts.title,
        buyingRole: contacts.buyingRole,
        level: confirmationAnswers.level,
        desiredLevel: confirmationAnswers.desiredLevel,
        moveUp: confirmationAnswers.moveUp,
        respondentName: confirmationAnswers.respondentName,
        respondentTitle: confirmationAnswers.respondentTitle,
        comment: confirmationAnswers.comment,
        answeredAt: confirmationAnswers.createdAt,
        contactArchived: sql<boolean>`${contacts.archivedAt} is not null`,
        // Which campaign asked (if one did), and whether the answer came after one of its reminders
        // (a reminder is only ever sent while the link is unanswered).
        campaignId: campaigns.id,
        campaignName: campaigns.name,
        afterReminder: sql<boolean>`exists (select 1 from ${campaignMessages} r
            where r.link_id = ${confirmationAnswers.linkId} and r.sequence > 0 and r.status = 'sent')`,
      })
      .from(confirmationAnswers)
      .innerJoin(confirmationLinks, eq(confirmationLinks.id, confirmationAnswers.linkId))
      .leftJoin(campaigns, eq(campaigns.id, confirmationLinks.campaignId))
      .leftJoin(contacts, eq(contacts.id, confirmationAnswers.contactId))
      .where(eq(confirmationAnswers.accountId, account.id))
      .orderBy(respondentOfAnswer, desc(confirmationAnswers.createdAt), desc(confirmationAnswers.id));

    // Answers of archived contacts no longer count (the contact has left the buying team).
    const counting = latest.filter((answer) => !answer.contactArchived);
    const combined = customerLevelAt(counting, now, months);
    const customer = { ...combined, level: await customerLevelOf(ctx.tx, account.id) };
    const stakeholders = latest
      .map(({ respondentKey: _, ...answer }) => {
        const countsUntil = answerExpiresAt(answer.answeredAt, months);
        return { ...answer, countsUntil, fresh: !answer.contactArchived && now < countsUntil };
      })
      .sort((a, b) => b.answeredAt.getTime() - a.answeredAt.getTime());

    const links = await ctx.tx
      .select({
        id: confirmationLinks.id,
        contactId: confirmationLinks.contactId,
        contactName: contacts.name,
        contactArchived: sql<boolean>`${contacts.archivedAt} is not null`,
        language: confirmationLinks.language,
        createdAt: confirmationLinks.createdAt,
        expiresAt: confirmationLinks.expiresAt,
        sentAt: confirmationLinks.sentAt,
        firstOpenedAt: confirmationLinks.firstOpenedAt,
        lastAnsweredAt: confirmationLinks.lastAnsweredAt,
        revokedAt: confirmationLinks.revokedAt,
        createdByName: creator.name,
      })
      .from(confirmationLinks)
      .leftJoin(contacts, eq(contacts.id, confirmationLinks.contactId))
      .leftJoin(creator, eq(creator.id, confirmationLinks.createdByUserId))
      .where(eq(confirmationLinks.accountId, account.id))
      .orderBy(desc(confirmationLinks.createdAt), desc(confirmationLinks.id))
      .limit(LINKS_SHOWN);

    return {
      freshnessMonths: months,
      customer,
      /** No customer answer within the freshness window (or none at all): time to ask again. */
      needsReconfirmation: needsReconfirmation(customer.latestAt),
      stakeholders,
      links: links.map((link) => ({ ...link, status: linkStatus(link, now) })),
    };
  }),

  /**
   * Creates a link for a contact (or an unnamed respondent) and returns it once. A contact
   * asked within the organization's quiet period is not asked again unless `override` is set. The language defaults
   * to the contact's, else the member's own.
   */
  create: accountProcedure('member', { writable: true })
    .input(
      z.object({
        contactId: uuid.nullable(),
        language: languageSchema.optional(),
        expiresInDays: expirySchema.default(LINK_DEFAULT_DAYS),
        personalMessage: personalMessageSchema.optional(),
        override: z.boolean().default(false),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { account } = ctx;
      const contact = input.contactId ? await loadContact(ctx.tx, account.id, input.contactId) : null;
      if (contact) await lockAsking(ctx.tx, ctx.org.id);
      if (contact && !input.override) await assertNotAskedRecently(ctx.tx, contact);
      const contactLanguage = contact?.language === 'en' || contact?.language === 'sv' ? contact.language : null;
      const language = input.language ?? contactLanguage ?? ctx.locale;

      const issued = await issueLink(ctx, {
        account,
        contact,
        language,
        personalMessage: input.personalMessage || null,
        expiresInDays: input.expiresInDays,
      });
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: 'confirmation.link_created',
        entityType: 'confirmation_link',
        entityId: issued.linkId,
        accountId: account.id,
        after: { contactName: contact?.name ?? null, language, expiresAt: issued.expiresAt.toISOString(), override: input.override },
      });
      await publishAccountEvent(ctx.tx, ctx.org.id, { type: 'confirmation.changed', accountId: account.id, actorUserId: ctx.user.id });
      return issued;
    }),

  /**
   * "Send again": withdraws a link and creates a new one for the same person, language and
   * message, valid as long as the first one was. Not throttled: it replaces a link, it does not
   * ask anyone an extra time.
   */
  resend: orgProcedure('member')
    .input(z.object({ linkId: uuid }))
    .mutation(async ({ ctx, input }) => {
      const [old] = await ctx.tx.select().from(confirmationLinks).where(eq(confirmationLinks.id, input.linkId));
      if (!old) throw userError('NOT_FOUND', 'errors.linkNotFound');
      const account = await requireAccount(ctx.tx, old.accountId, { writable: true });
      const contact = old.contactId ? await loadContact(ctx.tx, account.id, old.contactId) : null;
      const now = new Date();
      if (!old.revokedAt)
        await ctx.tx.update(confirmationLinks).set({ revokedAt: now, updatedAt: now }).where(eq(confirmationLinks.id, old.id));

      const originalDays = Math.round((old.expiresAt.getTime() - old.createdAt.getTime()) / DAY);
      const expiresInDays = Math.min(LINK_MAX_DAYS, Math.max(1, originalDays));
      const language = old.language === 'sv' ? 'sv' : 'en';
      const issued = await issueLink(ctx, {
        account,
        contact,
        language,
        personalMessage: old.personalMessage,
        expiresInDays,
        respondentLinkId: old.respondentLinkId,
      });
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: 'confirmation.link_resent',
        entityType: 'confirmation_link',
        entityId: issued.linkId,
        accountId: account.id,
        before: { linkId: old.id, revokedAt: (old.revokedAt ?? now).toISOString() },
        after: { contactName: contact?.name ?? null, language, expiresAt: issued.expiresAt.toISOString() },
      });
      await publishAccountEvent(ctx.tx, ctx.org.id, { type: 'confirmation.changed', accountId: account.id, actorUserId: ctx.user.id });
      return issued;
    }),

  /** Withdraws a link: from now on it opens the same neutral page as a link that never existed. */
  revoke: orgProcedure('member')
    .input(z.object({ linkId: uuid }))
    .mutation(async ({ ctx, input }) => {
      const now = new Date();
      const [revoked] = await ctx.tx
        .update(confirmationLinks)
        .set({ revokedAt: now, updatedAt: now })
        .where(and(eq(confirmationLinks.id, input.linkId), isNull(confirmationLinks.revokedAt)))
        .returning({ id: confirmationLinks.id, accountId: confirmationLinks.accountId, contactId: confirmationLinks.contactId });
      if (!revoked) throw userError('NOT_FOUND', 'errors.linkNotFound');
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: 'confirmation.link_revoked',
        entityType: 'confirmation_link',
        entityId: revoked.id,
        accountId: revoked.accountId,
        after: { revokedAt: now.toISOString() },
      });
      await publishAccountEvent(ctx.tx, ctx.org.id, {
        type: 'confirmation.changed',
        accountId: revoked.accountId,
        actorUserId: ctx.user.id,
      });
      return { revoked: true, accountId: revoked.accountId };
    }),

  /** The organization's confirmation settings, for everyone to read. */
  settings: orgProcedure('viewer').query(async ({ ctx }) => ({
    freshnessMonths: await freshnessMonthsOf(ctx.tx),
    quietDays: await quietDaysOf(ctx.tx),
  })),

  /** How many days must pass before a contact is asked again, by a campaign or a single link. */
  setQuietPeriod: orgProcedure('admin')
    .input(
      z.object({
        days: z
          .int({ error: 'validation.quietDaysInvalid' })
          .min(MIN_QUIET_DAYS, { error: 'validation.quietDaysInvalid' })
          .max(MAX_QUIET_DAYS, { error: 'validation.quietDaysInvalid' }),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const before = await quietDaysOf(ctx.tx);
      if (before !== input.days) {
        await ctx.tx
          .update(organizations)
          .set({ confirmationQuietDays: input.days, updatedAt: new Date() })
          .where(eq(organizations.id, ctx.org.id));
        await recordAudit(ctx.tx, {
          orgId: ctx.org.id,
          actorUserId: ctx.user.id,
          action: 'organization.quiet_period_changed',
          entityType: 'organization',
          entityId: ctx.org.id,
          before: { days: before },
          after: { days: input.days },
        });
      }
      return { quietDays: input.days };
    }),

  /** How long a customer's answer counts. Changing it rewrites every account's customer level history, in one statement. */
  setFreshness: orgProcedure('admin')
    .input(
      z.object({
        months: z
          .int({ error: 'validation.freshnessInvalid' })
          .min(MIN_FRESHNESS_MONTHS, { error: 'validation.freshnessInvalid' })
          .max(MAX_FRESHNESS_MONTHS, { error: 'validation.freshnessInvalid' }),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const before = await freshnessMonthsOf(ctx.tx);
      if (before === input.months) return { freshnessMonths: before, quietDays: await quietDaysOf(ctx.tx) };
      await ctx.tx
        .update(organizations)
        .set({ customerAnswerFreshnessMonths: input.months, updatedAt: new Date() })
        .where(eq(organizations.id, ctx.org.id));
      await rebuildCustomerLevelRuns(ctx.tx, ctx.org.id, input.months);
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: 'organization.freshness_changed',
        entityType: 'organization',
        entityId: ctx.org.id,
        before: { months: before },
        after: { months: input.months },
      });
      return { freshnessMonths: input.months, quietDays: await quietDaysOf(ctx.tx) };
    }),
});
