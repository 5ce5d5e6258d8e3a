import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { invitations, outboxMessages } from '@/db/schema';
import { hasRole } from '../domain/roles';
import { smtpConfigured } from '../adapters/mail';
import { orgProcedure, router } from '../api/trpc';

export const outboxRouter = router({
  /**
   * Every email of the organization, newest first. The body of an owner invitation holds a link
   * that makes its reader an owner, so only owners see it; admins see that it exists. A password
   * reset link makes its reader that person: owners see it only while it waits for them to pass
   * it on (no mail server), and nobody once a mail server has taken it.
   */
  list: orgProcedure('admin').query(async ({ ctx }) => {
    const rows = await ctx.tx
      .select({
        id: outboxMessages.id,
        toEmail: outboxMessages.toEmail,
        subject: outboxMessages.subject,
        bodyText: outboxMessages.bodyText,
        status: outboxMessages.status,
        kind: outboxMessages.kind,
        error: outboxMessages.error,
        createdAt: outboxMessages.createdAt,
        invitationRole: invitations.role,
      })
      .from(outboxMessages)
      .leftJoin(invitations, eq(invitations.id, outboxMessages.invitationId))
      .orderBy(desc(outboxMessages.createdAt))
      .limit(200);
    const isOwner = hasRole(ctx.membership.role, 'owner');
    return {
      smtpConfigured: smtpConfigured(),
      messages: rows.map(({ invitationRole, kind, ...message }) => {
        if (kind === 'password-reset' && (message.status !== 'outbox' || !isOwner)) {
          return { ...message, bodyText: null, ownersOnly: true };
        }
        return invitationRole === 'owner' && !isOwner
          ? { ...message, bodyText: null, ownersOnly: true }
          : { ...message, ownersOnly: false };
      }),
    };
  }),
});
