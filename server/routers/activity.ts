import 'server-only';
import { and, count, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { accounts, auditEvents, notifications, users } from '@/db/schema';
import { userError } from '../api/errors';
import { accountProcedure, orgProcedure, orgSubscriptionProcedure, router } from '../api/trpc';
import { AccessEndedError, notificationEvents } from '../runtime/events';
import { dataAgeInput, idSchema } from '../inputs/common';

/*
 * What happened on an account (its audit events, as a feed), and each person's notifications
 * (mentions, actions handed to them). Reading and marking notifications read is personal state,
 * not a change to the organization's data, so it is not written to the audit log.
 */

const ACTIVITY_PAGE_SIZE = 30;
const NOTIFICATIONS_PAGE_SIZE = 20;

const uuid = idSchema;
const actor = alias(users, 'actor');

export const activityRouter = router({
  /**
   * The account's activity, newest first, a page at a time: every audited change that belongs
   * to it (edits, assessments, votes, actions, comments, contacts) with who did it. `cursor` is
   * the id of the last event shown; ids are UUIDv7, so they sort by time.
   */
  feed: accountProcedure('viewer')
    .input(z.object({ cursor: uuid.nullish(), limit: z.int().min(1).max(100).default(ACTIVITY_PAGE_SIZE) }))
    .query(async ({ ctx, input }) => {
      const { account } = ctx;
      const rows = await ctx.tx
        .select({
          id: auditEvents.id,
          action: auditEvents.action,
          entityType: auditEvents.entityType,
          entityId: auditEvents.entityId,
          actorUserId: auditEvents.actorUserId,
          actorName: actor.name,
          before: auditEvents.before,
          after: auditEvents.after,
          createdAt: auditEvents.createdAt,
        })
        .from(auditEvents)
        .leftJoin(actor, eq(actor.id, auditEvents.actorUserId))
        .where(and(eq(auditEvents.accountId, account.id), input.cursor ? lt(auditEvents.id, input.cursor) : undefined))
        .orderBy(desc(auditEvents.id))
        .limit(input.limit + 1);
      const events = rows.slice(0, input.limit);
      return { events, nextCursor: rows.length > input.limit ? events.at(-1)!.id : null };
    }),

  /** The caller's notifications in this organization, newest first, with the account and who caused each. */
  notifications: orgProcedure('viewer')
    .input(z.object({ cursor: uuid.nullish(), limit: z.int().min(1).max(50).default(NOTIFICATIONS_PAGE_SIZE) }))
    .query(async ({ ctx, input }) => {
      const rows = await ctx.tx
        .select({
          id: notifications.id,
          kind: notifications.kind,
          accountId: notifications.accountId,
          accountName: accounts.name,
          actorName: actor.name,
          payload: notifications.payload,
          readAt: notifications.readAt,
          createdAt: notifications.createdAt,
        })
        .from(notifications)
        .leftJoin(accounts, eq(accounts.id, notifications.accountId))
        // payload.actorUserId names who caused it; a malformed value (never written by this app) joins nobody instead of failing.
        .leftJoin(
          actor,
          sql`${actor.id} = (case when ${notifications.payload} ->> 'actorUserId' ~* '^[0-9a-f-]{36}$' then (${notifications.payload} ->> 'actorUserId')::uuid end)`,
        )
        .where(and(eq(notifications.userId, ctx.user.id), input.cursor ? lt(notifications.id, input.cursor) : undefined))
        .orderBy(desc(notifications.id))
        .limit(input.limit + 1);
      const page = rows.slice(0, input.limit).map(({ payload, ...row }) => {
        const p = (payload ?? {}) as Record<string, unknown>;
        // An allowlisted shape: only what the list shows.
        return { ...row, excerpt: typeof p.excerpt === 'string' ? p.excerpt : null, title: typeof p.title === 'string' ? p.title : null };
      });
      return { notifications: page, nextCursor: rows.length > input.limit ? page.at(-1)!.id : null };
    }),

  /** How many of the caller's notifications are unread: the number on the bell. */
  unreadCount: orgProcedure('viewer').query(async ({ ctx }) => {
    const [row] = await ctx.tx
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, ctx.user.id), isNull(notifications.readAt)));
    return { unread: row?.n ?? 0 };
  }),

  /**
   * "You have a new notification here" while the app is open, so the bell's count changes at
   * once. Only the caller's own, only in this organization; the payload carries no content: the
   * bell refetches through `unreadCount` and `notifications`. With the age of the bell's data,
   * the stream starts with a catch-up if a notification came since.
   */
  onNotification: orgSubscriptionProcedure('viewer')
    .input(dataAgeInput)
    .subscription(async ({ ctx, input, signal }) => {
      const events = await notificationEvents(ctx.db, ctx.org.id, ctx.user.id, signal, { dataAgeMs: input.dataAgeMs });
      return (async function* () {
        try {
          yield* events;
        } catch (error) {
          // Removed from the organization, or signed out everywhere: the answer a non-member gets.
          if (error instanceof AccessEndedError) throw userError('NOT_FOUND', 'errors.orgNotFound');
          throw error;
        }
      })();
    }),

  /** Marks the given notifications read, or all of them when no ids are given. Only ever the caller's own. */
  markRead: orgProcedure('viewer')
    .input(z.object({ notificationIds: z.array(uuid).min(1).max(200).optional() }))
    .mutation(async ({ ctx, input }) => {
      const updated = await ctx.tx
        .update(notifications)
        .set({ readAt: new Date() })
        .where(
          and(
            eq(notifications.userId, ctx.user.id),
            isNull(notifications.readAt),
            input.notificationIds ? inArray(notifications.id, input.notificationIds) : undefined,
          ),
        )
        .returning({ id: notifications.id });
      return { updated: updated.length };
    }),
});
