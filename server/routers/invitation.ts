import 'server-only';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { invitations, memberships, users } from '@/db/schema';
import { recordAudit } from '../services/audit';
import { invitationExpiry, invitationStatus, INVITATION_LIFETIME_DAYS } from '../domain/invitations';
import { canAssignRole } from '../domain/roles';
import { userError } from '../api/errors';
import { serverTranslator } from '../adapters/i18n';
import { findInvitationByToken } from '../services/identity';
import { emailSchema, roleSchema, tokenSchema } from '../inputs/common';
import { joinByInvitation } from '../services/onboarding';
import { deliverEmail, queueEmail, smtpConfigured } from '../adapters/mail';
import { hashToken, newToken } from '../adapters/tokens';
import { authedProcedure, orgProcedure, publicProcedure, router } from '../api/trpc';
import { idSchema } from '../inputs/common';

export const invitationRouter = router({
  list: orgProcedure('admin').query(async ({ ctx }) => {
    const rows = await ctx.tx
      .select({
        id: invitations.id,
        email: invitations.email,
        role: invitations.role,
        createdAt: invitations.createdAt,
        expiresAt: invitations.expiresAt,
        acceptedAt: invitations.acceptedAt,
        revokedAt: invitations.revokedAt,
        invitedByName: users.name,
      })
      .from(invitations)
      .leftJoin(users, eq(users.id, invitations.invitedByUserId))
      .orderBy(desc(invitations.createdAt))
      .limit(200);
    const now = new Date();
    return rows.map((row) => ({ ...row, status: invitationStatus(row, now) }));
  }),

  /**
   * Returns the link once, in the response: only its hash is stored, so it cannot be shown again.
   * Inviting the same address again replaces the earlier pending invitation.
   */
  create: orgProcedure('admin')
    .input(z.object({ email: emailSchema, role: roleSchema }))
    .mutation(async ({ ctx, input }) => {
      if (!canAssignRole(ctx.membership.role, null, input.role)) throw userError('FORBIDDEN', 'errors.onlyOwnerCanManageOwners');
      const [alreadyMember] = await ctx.tx
        .select({ id: memberships.id })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(sql`lower(${users.email})`, input.email), isNull(memberships.removedAt)));
      if (alreadyMember) throw userError('CONFLICT', 'errors.alreadyMember');

      const replaced = await ctx.tx
        .select({ id: invitations.id, role: invitations.role })
        .from(invitations)
        .where(and(eq(invitations.email, input.email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
      for (const earlier of replaced) {
        if (!canAssignRole(ctx.membership.role, earlier.role, null)) throw userError('FORBIDDEN', 'errors.onlyOwnerCanManageOwners');
        await ctx.tx.update(invitations).set({ revokedAt: new Date() }).where(eq(invitations.id, earlier.id));
        await recordAudit(ctx.tx, {
          orgId: ctx.org.id,
          actorUserId: ctx.user.id,
          action: 'invitation.revoked',
          entityType: 'invitation',
          entityId: earlier.id,
          before: { email: input.email, role: earlier.role },
          after: { replacedByNewInvitation: true },
        });
      }

      const token = newToken();
      const [invitation] = await ctx.tx
        .insert(invitations)
        .values({
          orgId: ctx.org.id,
          email: input.email,
          role: input.role,
          tokenHash: hashToken(token),
          invitedByUserId: ctx.user.id,
          expiresAt: invitationExpiry(),
        })
        .returning({ id: invitations.id, expiresAt: invitations.expiresAt });
      const link = `${ctx.appUrl}/invite/${token}`;

      const t = serverTranslator(ctx.locale);
      const values = { inviter: ctx.user.name, org: ctx.org.name, role: t(`roles.${input.role}.name`), days: INVITATION_LIFETIME_DAYS };
      const messageId = await queueEmail(ctx.tx, ctx.org.id, {
        to: input.email,
        subject: t('email.invitation.subject', values),
        bodyText: `${t('email.invitation.body', values)}\n\n${link}\n\n${t('email.invitation.footer', values)}`,
        kind: 'invitation',
        invitationId: invitation!.id,
      });
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: 'invitation.created',
        entityType: 'invitation',
        entityId: invitation!.id,
        after: { email: input.email, role: input.role },
      });
      const db = ctx.db;
      const orgId = ctx.org.id;
      ctx.afterCommit(async () => void (await deliverEmail(db, orgId, messageId)));
      return { invitationId: invitation!.id, link, expiresAt: invitation!.expiresAt, emailed: smtpConfigured() };
    }),

  revoke: orgProcedure('admin')
    .input(z.object({ invitationId: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const [pending] = await ctx.tx.select({ role: invitations.role }).from(invitations).where(eq(invitations.id, input.invitationId));
      if (pending && !canAssignRole(ctx.membership.role, pending.role, null))
        throw userError('FORBIDDEN', 'errors.onlyOwnerCanManageOwners');
      const revoked = await ctx.tx
        .update(invitations)
        .set({ revokedAt: new Date() })
        .where(and(eq(invitations.id, input.invitationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
        .returning({ id: invitations.id, email: invitations.email });
      if (revoked.length === 0) throw userError('NOT_FOUND', 'errors.invitationNotPending');
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: 'invitation.revoked',
        entityType: 'invitation',
        entityId: input.invitationId,
        before: { email: revoked[0]!.email },
      });
      return { revoked: true };
    }),

  /** What the invitation page shows before anyone signs in. Any token that cannot be used gets the same answer. */
  preview: publicProcedure.input(z.object({ token: tokenSchema })).query(async ({ ctx, input }) => {
    const invitation = await findInvitationByToken(ctx.db, input.token);
    if (!invitation || invitationStatus(invitation) !== 'pending') throw userError('NOT_FOUND', 'errors.invitationInvalid');
    return {
      orgName: invitation.orgName,
      invitedByName: invitation.invitedByName,
      email: invitation.email,
      role: invitation.role,
      expiresAt: invitation.expiresAt,
    };
  }),

  accept: authedProcedure.input(z.object({ token: tokenSchema })).mutation(async ({ ctx, input }) => {
    const { orgSlug } = await ctx.db.transaction((tx) => joinByInvitation(tx, input.token, ctx.user.id));
    return { orgSlug };
  }),
});
