import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { withOrg } from '@/db/tenant';
import { accounts, confirmationAnswers, confirmationLinks, contacts, organizations, users } from '@/db/schema';
import { recordAudit } from '../audit';
import { customerAnswersOf, recomputeCustomerLevel } from '../confirmations';
import { ASK_AGAIN_AFTER_DAYS, combineCustomerAnswers, freshnessCutoff, LINK_DEFAULT_DAYS, LINK_MAX_DAYS, linkStatus } from '../domain/customer-level';
import { userError } from '../errors';
import { publishAccountEvent } from '../events';
import { serverTranslator } from '../i18n';
import { deliverEmail, queueEmail } from '../mail';
import { hashToken, newToken } from '../tokens';
import { orgProcedure, router } from '../trpc';
import { accountIdInput } from './account';

const DAY = 24 * 60 * 60 * 1000;
const creator = alias(users, 'creator');

async function loadAccount(tx: Parameters<typeof recomputeCustomerLevel>[0], accountId: string) {
  const [account] = await tx
    .select({ id: accounts.id, name: accounts.name, archivedAt: accounts.archivedAt })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  if (!account) throw userError('NOT_FOUND', 'errors.accountNotFound');
  return account;
}

export const confirmationRouter = router({
  /** The customer's side of an account: the combined customer level, each stakeholder's latest answer, and the links. */
  overview: orgProcedure('viewer')
    .input(accountIdInput)
    .query(async ({ ctx, input }) => {
      await loadAccount(ctx.tx, input.accountId);
      const [org] = await ctx.tx.select({ months: organizations.customerAnswerFreshnessMonths }).from(organizations);
      const months = org?.months ?? 12;
      const now = new Date();
      const customer = combineCustomerAnswers(await customerAnswersOf(ctx.tx, input.accountId), now, months);

      const answers = await ctx.tx
        .select({
          id: confirmationAnswers.id,
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
        })
        .from(confirmationAnswers)
        .leftJoin(contacts, eq(contacts.id, confirmationAnswers.contactId))
        .where(eq(confirmationAnswers.accountId, input.accountId))
        .orderBy(desc(confirmationAnswers.createdAt), desc(confirmationAnswers.id));
      // Each stakeholder once, with their latest answer.
      const seen = new Set<string>();
      const cutoff = freshnessCutoff(now, months);
      const stakeholders = answers
        .filter((a) => {
          const key = a.contactId ?? `link:${a.linkId}`;
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        })
        .map((a) => ({ ...a, fresh: a.answeredAt >= cutoff }));

      const links = await ctx.tx
        .select({
          id: confirmationLinks.id,
          contactId: confirmationLinks.contactId,
          contactName: contacts.name,
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
        .where(eq(confirmationLinks.accountId, input.accountId))
        .orderBy(desc(confirmationLinks.createdAt))
        .limit(100);

      return {
        freshnessMonths: months,
        customer,
        /** No fresh customer answer: time to ask again. */
        needsReconfirmation: customer.level === null,
        stakeholders,
        links: links.map((link) => ({ ...link, status: linkStatus(link, now) })),
      };
    }),

  /**
   * Creates a link for a contact (or an unnamed respondent) and returns it once: only its hash is
   * stored. A contact asked in the last 30 days is not asked again unless `override` is set.
   */
  create: orgProcedure('member')
    .input(
      accountIdInput.extend({
        contactId: z.uuid().nullable(),
        language: z.enum(['en', 'sv']),
        expiresInDays: z.number().int().min(1, { error: 'validation.expiryInvalid' }).max(LINK_MAX_DAYS, { error: 'validation.expiryInvalid' }).default(LINK_DEFAULT_DAYS),
        personalMessage: z.string().trim().max(1000, { error: 'validation.messageTooLong' }).optional(),
        override: z.boolean().default(false),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const account = await loadAccount(ctx.tx, input.accountId);
      if (account.archivedAt) throw userError('CONFLICT', 'errors.accountArchived');
      let contact: { id: string; name: string; email: string | null } | null = null;
      if (input.contactId) {
        const [row] = await ctx.tx
          .select({ id: contacts.id, name: contacts.name, email: contacts.email })
          .from(contacts)
          .where(and(eq(contacts.id, input.contactId), eq(contacts.accountId, account.id), isNull(contacts.archivedAt)));
        if (!row) throw userError('NOT_FOUND', 'errors.contactNotFound');
        contact = row;
        if (!input.override) {
          const [recent] = await ctx.tx
            .select({ createdAt: confirmationLinks.createdAt })
            .from(confirmationLinks)
            .where(
              and(
                eq(confirmationLinks.contactId, row.id),
                isNull(confirmationLinks.revokedAt),
                gt(confirmationLinks.createdAt, new Date(Date.now() - ASK_AGAIN_AFTER_DAYS * DAY)),
              ),
            )
            .orderBy(desc(confirmationLinks.createdAt))
            .limit(1);
          if (recent) throw userError('CONFLICT', 'errors.contactAskedRecently', { name: row.name, days: ASK_AGAIN_AFTER_DAYS });
        }
      }

      const token = newToken();
      const expiresAt = new Date(Date.now() + input.expiresInDays * DAY);
      const [link] = await ctx.tx
        .insert(confirmationLinks)
        .values({
          orgId: ctx.org.id,
          accountId: account.id,
          contactId: contact?.id ?? null,
          tokenHash: hashToken(token),
          language: input.language,
          personalMessage: input.personalMessage || null,
          expiresAt,
          createdByUserId: ctx.user.id,
        })
        .returning({ id: confirmationLinks.id });
      const url = `${ctx.appUrl}/c/${token}`;

      let messageId: string | null = null;
      if (contact?.email) {
        // The email goes out in the language the customer will answer in.
        const t = serverTranslator(input.language);
        const values = { sender: ctx.user.name, org: ctx.org.name, account: account.name };
        messageId = await queueEmail(ctx.tx, ctx.org.id, {
          to: contact.email,
          subject: t('email.confirmation.subject', values),
          bodyText: [t('email.confirmation.body', values), input.personalMessage ?? '', url, t('email.confirmation.footer')].filter(Boolean).join('\n\n'),
          kind: 'confirmation',
        });
      }
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: 'confirmation.link_created',
        entityType: 'confirmation_link',
        entityId: link!.id,
        accountId: account.id,
        after: { contactName: contact?.name ?? null, language: input.language, expiresAt: expiresAt.toISOString(), override: input.override },
      });
      await publishAccountEvent(ctx.tx, ctx.org.id, { type: 'confirmation.changed', accountId: account.id, actorUserId: ctx.user.id });
      if (messageId) {
        const { db } = ctx;
        const orgId = ctx.org.id;
        const id = messageId;
        ctx.afterCommit(async () => {
          if ((await deliverEmail(db, orgId, id)) === 'sent') {
            await withOrg(db, orgId, (tx) => tx.update(confirmationLinks).set({ sentAt: new Date() }).where(eq(confirmationLinks.id, link!.id)));
          }
        });
      }
      return { linkId: link!.id, url, expiresAt, emailQueued: messageId !== null };
    }),

  revoke: orgProcedure('member')
    .input(z.object({ linkId: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const revoked = await ctx.tx
        .update(confirmationLinks)
        .set({ revokedAt: new Date() })
        .where(and(eq(confirmationLinks.id, input.linkId), isNull(confirmationLinks.revokedAt)))
        .returning({ id: confirmationLinks.id, accountId: confirmationLinks.accountId });
      if (!revoked[0]) throw userError('NOT_FOUND', 'errors.linkNotFound');
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: 'confirmation.link_revoked',
        entityType: 'confirmation_link',
        entityId: input.linkId,
        accountId: revoked[0].accountId,
      });
      await publishAccountEvent(ctx.tx, ctx.org.id, { type: 'confirmation.changed', accountId: revoked[0].accountId, actorUserId: ctx.user.id });
      return { revoked: true };
    }),

  settings: orgProcedure('viewer').query(async ({ ctx }) => {
    const [org] = await ctx.tx.select({ months: organizations.customerAnswerFreshnessMonths }).from(organizations);
    return { freshnessMonths: org?.months ?? 12 };
  }),

  /** How long a customer's answer counts. Changing it recomputes every account's customer level. */
  setFreshness: orgProcedure('admin')
    .input(z.object({ months: z.number().int().min(1, { error: 'validation.freshnessInvalid' }).max(36, { error: 'validation.freshnessInvalid' }) }))
    .mutation(async ({ ctx, input }) => {
      const [before] = await ctx.tx.select({ months: organizations.customerAnswerFreshnessMonths }).from(organizations);
      await ctx.tx.update(organizations).set({ customerAnswerFreshnessMonths: input.months }).where(eq(organizations.id, ctx.org.id));
      const answered = await ctx.tx.selectDistinct({ accountId: confirmationAnswers.accountId }).from(confirmationAnswers);
      for (const { accountId } of answered) await recomputeCustomerLevel(ctx.tx, accountId);
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: 'organization.freshness_changed',
        entityType: 'organization',
        entityId: ctx.org.id,
        before: { months: before?.months ?? 12 },
        after: { months: input.months },
      });
      return { freshnessMonths: input.months };
    }),
});
