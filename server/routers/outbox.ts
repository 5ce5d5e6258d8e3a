import { desc } from 'drizzle-orm';
import { outboxMessages } from '@/db/schema';
import { smtpConfigured } from '../mail';
import { orgProcedure, router } from '../trpc';

export const outboxRouter = router({
  list: orgProcedure('admin').query(async ({ ctx }) => ({
    smtpConfigured: smtpConfigured(),
    messages: await ctx.tx
      .select({
        id: outboxMessages.id,
        toEmail: outboxMessages.toEmail,
        subject: outboxMessages.subject,
        bodyText: outboxMessages.bodyText,
        status: outboxMessages.status,
        error: outboxMessages.error,
        createdAt: outboxMessages.createdAt,
      })
      .from(outboxMessages)
      .orderBy(desc(outboxMessages.createdAt))
      .limit(200),
  })),
});
