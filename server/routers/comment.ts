import 'server-only';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '@/db/client';
import { comments, memberships, notifications, users } from '@/db/schema';
import { recordAudit } from '../services/audit';
import { COMMENT_MAX, excerpt, MAX_MENTIONS, mentionedIn } from '../domain/mentions';
import { publishAccountEvent, publishNotifications } from '../runtime/events';
import { accountProcedure, router } from '../api/trpc';
import { idSchema, safeDateSchema, safeText } from '../inputs/common';

/*
 * The conversation on an account. Comments are append-only. A comment may @mention members:
 * the client sends the ids picked from its autocomplete, and the server keeps only people who
 * are current members of this organization and are still named in the text; each of them
 * (except the author) gets a notification.
 */

const COMMENTS_PAGE_SIZE = 30;

const uuid = idSchema;
const bodySchema = safeText({ error: 'validation.commentRequired' })
  .trim()
  .min(1, { error: 'validation.commentRequired' })
  .max(COMMENT_MAX, { error: 'validation.commentTooLong' });
/** Comments are ordered by when they were written; the id breaks ties (one transaction shares a timestamp). */
const cursorSchema = z.object({ createdAt: safeDateSchema, id: uuid });
/**
 * The time as the client holds it: a JavaScript Date has milliseconds, Postgres keeps
 * microseconds, so the cursor compares (and the list orders) at millisecond precision.
 */
const writtenAt = sql`date_trunc('milliseconds', ${comments.createdAt})`;

/** Names for the people comments mention, in one query for a whole page. */
async function namesOf(tx: Tx, userIds: readonly string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, [...new Set(userIds)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

function withMentions<T extends { mentionedUserIds: string[] }>(comment: T, names: Map<string, string>) {
  const { mentionedUserIds, ...rest } = comment;
  return { ...rest, mentions: mentionedUserIds.filter((id) => names.has(id)).map((id) => ({ userId: id, name: names.get(id)! })) };
}

const columns = {
  id: comments.id,
  accountId: comments.accountId,
  body: comments.body,
  createdAt: comments.createdAt,
  authorUserId: comments.authorUserId,
  authorName: users.name,
  mentionedUserIds: comments.mentionedUserIds,
};

export const commentRouter = router({
  /**
   * An account's comments, a page at a time: newest first by default (to show the latest and
   * load earlier ones), or oldest first. `nextCursor` continues in the same direction.
   */
  list: accountProcedure('viewer')
    .input(
      z.object({
        order: z.enum(['newest', 'oldest']).default('newest'),
        cursor: cursorSchema.nullish(),
        limit: z.int().min(1).max(100).default(COMMENTS_PAGE_SIZE),
      }),
    )
    .query(async ({ ctx, input }) => {
      const newest = input.order === 'newest';
      const after = input.cursor
        ? newest
          ? sql`(${writtenAt}, ${comments.id}) < (${input.cursor.createdAt.toISOString()}::timestamptz, ${input.cursor.id}::uuid)`
          : sql`(${writtenAt}, ${comments.id}) > (${input.cursor.createdAt.toISOString()}::timestamptz, ${input.cursor.id}::uuid)`
        : undefined;
      const rows = await ctx.tx
        .select(columns)
        .from(comments)
        .innerJoin(users, eq(users.id, comments.authorUserId))
        .where(and(eq(comments.accountId, ctx.account.id), after))
        .orderBy(...(newest ? [sql`${writtenAt} desc`, desc(comments.id)] : [sql`${writtenAt} asc`, asc(comments.id)]))
        .limit(input.limit + 1);
      const page = rows.slice(0, input.limit);
      const names = await namesOf(
        ctx.tx,
        page.flatMap((c) => c.mentionedUserIds),
      );
      const last = page.at(-1);
      return {
        comments: page.map((c) => withMentions(c, names)),
        nextCursor: rows.length > input.limit && last ? { createdAt: last.createdAt, id: last.id } : null,
      };
    }),

  /** Adds a comment; mentioned members (not the author) are notified in the same transaction. */
  create: accountProcedure('member')
    .input(
      z.object({
        body: bodySchema,
        mentionedUserIds: z.array(uuid).max(MAX_MENTIONS, { error: 'validation.tooManyMentions' }).default([]),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      // Row-level security limits memberships to this organization: a foreign person is simply not found.
      const candidates = input.mentionedUserIds.length
        ? await ctx.tx
            .select({ userId: users.id, name: users.name })
            .from(memberships)
            .innerJoin(users, eq(users.id, memberships.userId))
            .where(and(inArray(memberships.userId, [...new Set(input.mentionedUserIds)]), isNull(memberships.removedAt)))
        : [];
      const mentionedUserIds = mentionedIn(input.body, candidates);
      const [created] = await ctx.tx
        .insert(comments)
        .values({ orgId: ctx.org.id, accountId: ctx.account.id, authorUserId: ctx.user.id, body: input.body, mentionedUserIds })
        .returning({ id: comments.id, createdAt: comments.createdAt });
      const preview = excerpt(input.body);
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: 'comment.added',
        entityType: 'comment',
        entityId: created!.id,
        accountId: ctx.account.id,
        after: { excerpt: preview, mentionedUserIds },
      });
      const notified = mentionedUserIds.filter((id) => id !== ctx.user.id);
      if (notified.length) {
        await ctx.tx.insert(notifications).values(
          notified.map((userId) => ({
            orgId: ctx.org.id,
            userId,
            kind: 'mention',
            accountId: ctx.account.id,
            payload: { commentId: created!.id, actorUserId: ctx.user.id, excerpt: preview },
          })),
        );
        await publishNotifications(ctx.tx, ctx.org.id, notified);
      }
      await publishAccountEvent(ctx.tx, ctx.org.id, { type: 'comment.added', accountId: ctx.account.id, actorUserId: ctx.user.id });
      const names = new Map(candidates.map((c) => [c.userId, c.name]));
      return withMentions(
        {
          id: created!.id,
          accountId: ctx.account.id,
          body: input.body,
          createdAt: created!.createdAt,
          authorUserId: ctx.user.id,
          authorName: ctx.user.name,
          mentionedUserIds,
        },
        names,
      );
    }),
});
