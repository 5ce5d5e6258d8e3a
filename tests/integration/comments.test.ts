/**
 * Comments on an account with @mentions. Members write, viewers read. The server keeps only
 * mentions of current members who are still named in the text, and notifies each of them except
 * the author, in the same transaction as the comment, its audit event and its live event.
 */
import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { comments } from '@/db/schema';
import { accountEvents } from '@/server/runtime/events';
import { insertAccount } from '../helpers/accounts';
import { useTestDatabase } from '../helpers/db';
import { expectTRPCError } from '../helpers/errors';
import { addMember, createTenant, type Caller } from '../helpers/factories';
import { auditTrailOf, notificationsOf } from '../helpers/stored';
import { createTeam } from '../helpers/team';

const { db } = await useTestDatabase();

const team = () =>
  createTeam(db, {
    members: { sara: { role: 'member', name: 'Sara Lind' }, erik: { role: 'admin', name: 'Erik Holm' }, viewer: 'viewer' },
    account: { name: 'Acme' },
  });
type Team = Awaited<ReturnType<typeof team>>;

function post(t: Team, caller: Caller, body: string, mentionedUserIds: string[] = []) {
  return caller.comment.create({ orgSlug: t.slug, accountId: t.account.id, body, mentionedUserIds });
}

async function storedComments(accountId: string) {
  return db.select().from(comments).where(eq(comments.accountId, accountId)).orderBy(asc(comments.createdAt), asc(comments.id));
}

const commentAudits = (orgId: string) => auditTrailOf(db, orgId, 'comment.');

describe('comment.create', () => {
  it('stores the comment, notifies the member mentioned, audits it on the account and announces it live', async () => {
    const t = await team();
    const events = await accountEvents(db, t.orgId, t.account.id);
    const created = await post(t, t.sara.caller, '@Erik Holm can you bring the downtime numbers on Thursday?', [t.erik.userId]);
    expect(created).toMatchObject({
      accountId: t.account.id,
      authorUserId: t.sara.userId,
      authorName: 'Sara Lind',
      body: '@Erik Holm can you bring the downtime numbers on Thursday?',
      mentions: [{ userId: t.erik.userId, name: 'Erik Holm' }],
    });
    const [stored] = await storedComments(t.account.id);
    expect(stored).toMatchObject({ orgId: t.orgId, mentionedUserIds: [t.erik.userId] });
    expect(await notificationsOf(db, t.erik.userId)).toMatchObject([
      {
        orgId: t.orgId,
        kind: 'mention',
        accountId: t.account.id,
        readAt: null,
        payload: { commentId: created.id, actorUserId: t.sara.userId, excerpt: created.body },
      },
    ]);
    expect(await commentAudits(t.orgId)).toEqual([
      {
        action: 'comment.added',
        entityId: created.id,
        accountId: t.account.id,
        before: null,
        after: { excerpt: created.body, mentionedUserIds: [t.erik.userId] },
      },
    ]);
    expect((await events.next()).value).toEqual({ type: 'comment.added', accountId: t.account.id, actorUserId: t.sara.userId });
    await events.return(undefined);
  });

  it('a viewer can be mentioned (and notified); the author mentioning themselves gets no notification', async () => {
    const t = await team();
    await post(t, t.sara.caller, 'Note to @Sara Lind and @Vera Viewer', [t.sara.userId, t.viewer.userId]);
    expect((await storedComments(t.account.id))[0]!.mentionedUserIds.sort()).toEqual([t.sara.userId, t.viewer.userId].sort());
    expect(await notificationsOf(db, t.sara.userId)).toEqual([]);
    expect(await notificationsOf(db, t.viewer.userId)).toHaveLength(1);
  });

  it('drops a mention of someone from another organization: not stored, not notified', async () => {
    const t = await team();
    const outsider = await createTenant(db, { name: 'Otto Outsider' });
    const created = await post(t, t.sara.caller, 'Ping @Otto Outsider and @Erik Holm', [outsider.userId, t.erik.userId]);
    expect(created.mentions).toEqual([{ userId: t.erik.userId, name: 'Erik Holm' }]);
    expect((await storedComments(t.account.id))[0]!.mentionedUserIds).toEqual([t.erik.userId]);
    expect(await notificationsOf(db, outsider.userId)).toEqual([]);
  });

  it('drops a mention of someone who has left, and of someone no longer named in the text', async () => {
    const t = await team();
    const leaver = await addMember(db, t.owner.caller, t.slug, 'member', { name: 'Lena Left' });
    await leaver.caller.member.leave({ orgSlug: t.slug });
    // Erik was picked from the autocomplete, then his name was deleted from the text.
    await post(t, t.sara.caller, 'Hi @Lena Left, welcome back', [leaver.userId, t.erik.userId]);
    expect((await storedComments(t.account.id))[0]!.mentionedUserIds).toEqual([]);
    expect(await notificationsOf(db, leaver.userId)).toEqual([]);
    expect(await notificationsOf(db, t.erik.userId)).toEqual([]);
  });

  it('refuses an empty or oversized comment and writes nothing; 5,000 characters is fine', async () => {
    const t = await team();
    for (const body of ['', '   \n  ']) {
      const error = await expectTRPCError(post(t, t.sara.caller, body), 'BAD_REQUEST');
      expect(JSON.stringify(error.cause)).toContain('validation.commentRequired');
    }
    const long = await expectTRPCError(post(t, t.sara.caller, `@Erik Holm ${'x'.repeat(5000)}`, [t.erik.userId]), 'BAD_REQUEST');
    expect(JSON.stringify(long.cause)).toContain('validation.commentTooLong');
    await expectTRPCError(post(t, t.sara.caller, 'hi', ['not-a-uuid']), 'BAD_REQUEST');
    expect(await storedComments(t.account.id)).toEqual([]);
    expect(await notificationsOf(db, t.erik.userId)).toEqual([]);
    expect(await commentAudits(t.orgId)).toEqual([]);
    await post(t, t.sara.caller, 'y'.repeat(5000));
    expect(await storedComments(t.account.id)).toHaveLength(1);
  });

  it("viewers can't comment; another organization's account is NOT_FOUND and gets nothing", async () => {
    const t = await team();
    const other = await team();
    await expectTRPCError(post(t, t.viewer.caller, 'Can I?'), 'FORBIDDEN', 'errors.forbidden');
    await expectTRPCError(
      t.sara.caller.comment.create({
        orgSlug: t.slug,
        accountId: other.account.id,
        body: '@Erik Holm hello',
        mentionedUserIds: [other.erik.userId],
      }),
      'NOT_FOUND',
      'errors.accountNotFound',
    );
    expect(await storedComments(other.account.id)).toEqual([]);
    expect(await notificationsOf(db, other.erik.userId)).toEqual([]);
  });
});

describe('comment.list', () => {
  it('pages newest first with a cursor, resolving mentions to names; viewers can read', async () => {
    const t = await team();
    for (let i = 1; i <= 5; i++) await post(t, t.sara.caller, `Comment ${i} for @Erik Holm`, [t.erik.userId]);
    const first = await t.viewer.caller.comment.list({ orgSlug: t.slug, accountId: t.account.id, limit: 2 });
    const second = await t.viewer.caller.comment.list({ orgSlug: t.slug, accountId: t.account.id, limit: 2, cursor: first.nextCursor });
    const third = await t.viewer.caller.comment.list({ orgSlug: t.slug, accountId: t.account.id, limit: 2, cursor: second.nextCursor });
    expect([...first.comments, ...second.comments, ...third.comments].map((c) => c.body.split(' for')[0])).toEqual([
      'Comment 5',
      'Comment 4',
      'Comment 3',
      'Comment 2',
      'Comment 1',
    ]);
    expect(third.nextCursor).toBeNull();
    expect(first.comments[0]).toMatchObject({ authorName: 'Sara Lind', mentions: [{ userId: t.erik.userId, name: 'Erik Holm' }] });
  });

  it('can read oldest first', async () => {
    const t = await team();
    for (let i = 1; i <= 3; i++) await post(t, t.sara.caller, `Comment ${i}`);
    const first = await t.viewer.caller.comment.list({ orgSlug: t.slug, accountId: t.account.id, order: 'oldest', limit: 2 });
    const second = await t.viewer.caller.comment.list({
      orgSlug: t.slug,
      accountId: t.account.id,
      order: 'oldest',
      limit: 2,
      cursor: first.nextCursor,
    });
    expect([...first.comments, ...second.comments].map((c) => c.body)).toEqual(['Comment 1', 'Comment 2', 'Comment 3']);
  });

  it("shows only this account's comments, and another organization's account is NOT_FOUND", async () => {
    const t = await team();
    const other = await team();
    const sibling = await insertAccount(db, t.slug);
    await post(t, t.sara.caller, 'On Acme');
    await t.sara.caller.comment.create({ orgSlug: t.slug, accountId: sibling.id, body: 'On the sibling' });
    expect((await t.viewer.caller.comment.list({ orgSlug: t.slug, accountId: t.account.id })).comments.map((c) => c.body)).toEqual([
      'On Acme',
    ]);
    await expectTRPCError(
      t.viewer.caller.comment.list({ orgSlug: t.slug, accountId: other.account.id }),
      'NOT_FOUND',
      'errors.accountNotFound',
    );
  });
});
