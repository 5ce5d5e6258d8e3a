import 'server-only';
import { and, desc, eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import { auditEvents, users } from '@/db/schema';
import { orgProcedure, router } from '../api/trpc';
import { idSchema } from '../inputs/common';

const PAGE_SIZE = 50;

export const auditRouter = router({
  /** Newest first, in pages; `cursor` is the id of the last event already shown (ids are time-ordered UUIDv7). */
  list: orgProcedure('admin')
    .input(z.object({ cursor: idSchema.nullish() }))
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
        .where(and(input.cursor ? lt(auditEvents.id, input.cursor) : undefined))
        .orderBy(desc(auditEvents.id))
        .limit(PAGE_SIZE + 1);
      const events = rows.slice(0, PAGE_SIZE);
      return { events, nextCursor: rows.length > PAGE_SIZE ? events.at(-1)!.id : null };
    }),
});
