import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { invitations, outboxMessages } from '@/db/schema';
import { hasRole } from '../domain/roles';
import { smtpConfigured } from '../adapters/mail';
import { openText } from '../adapters/secrets';
import { orgProcedure, router } from '../api/trpc';

export const outboxRouter = router({
  /**
   * Every email of the organization, newest first. The body of an owner invitation holds a link
   * that makes its reader an owner, so only owners see it; admins see that it exists. Bodies are
   * stored sealed and opened here; one sealed under an earlier AUTH_SECRET cannot be read any more.
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
      messages: rows.map(({ invitationRole, bodyText, ...message }) => {
        if (invitationRole === 'owner' && !isOwner) return { ...message, bodyText: null, ownersOnly: true, unreadable: false };
        const opened = openText(bodyText);
        return { ...message, bodyText: opened, ownersOnly: false, unreadable: opened === null };
      }),
    };
  }),
});
