import { and, desc, eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import { auditEvents, users } from '@/db/schema';
import { orgProcedure, router } from '../trpc';

const PAGE_SIZE = 50;

export const auditRouter = router({
  /** Newest first, in pages; `before` is the id of the last event already shown (ids are time-ordered UUIDv7). */
  list: orgProcedure('admin')
    .input(z.object({ before: z.uuid().optional() }))
    .query(async ({ ctx, input }) => {
      const rows = await ctx.tx
        .select({
          id: auditEvents.id,
          action: auditEvents.action,
          entityType: auditEvents.entityType,
          before: auditEvents.before,
          after: auditEvents.after,
          createdAt: auditEvents.createdAt,
          actorName: users.name,
        })
        .from(auditEvents)
        .leftJoin(users, eq(users.id, auditEvents.actorUserId))
        .where(and(input.before ? lt(auditEvents.id, input.before) : undefined))
        .orderBy(desc(auditEvents.id))
        .limit(PAGE_SIZE + 1);
      return { events: rows.slice(0, PAGE_SIZE), hasMore: rows.length > PAGE_SIZE };
    }),
});
