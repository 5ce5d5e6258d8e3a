/**
 * The account activity feed (its audit events, newest first) and each person's notifications.
 * The feed shows exactly one account's events; notifications are private to the person and the
 * organization they belong to.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { notifications } from '@/db/schema';
import { insertAccount } from '../helpers/accounts';
import { useTestDatabase } from '../helpers/db';
import { expectTRPCError } from '../helpers/errors';
import { createTeam } from '../helpers/team';

const { db } = await useTestDatabase();

const team = () =>
  createTeam(db, {
    members: { sara: { role: 'member', name: 'Sara Lind' }, erik: { role: 'admin', name: 'Erik Holm' }, viewer: 'viewer' },
    account: { name: 'Acme' },
  });

async function unreadOf(userId: string) {
  return db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
}

describe('activity.feed', () => {
  it("shows one account's changes, newest first, with who made them; nothing from other accounts or settings", async () => {
    const t = await team();
    const sibling = await insertAccount(db, t.slug, { name: 'Sibling' });
    const action = await t.sara.caller.action.create({ orgSlug: t.slug, accountId: t.account.id, title: 'Book a review', targetLevel: 2 });
    await t.sara.caller.action.create({ orgSlug: t.slug, accountId: sibling.id, title: 'Not here', targetLevel: 2 });
    await t.erik.caller.comment.create({ orgSlug: t.slug, accountId: t.account.id, body: 'Looks good' });
    await t.erik.caller.action.setStatus({ orgSlug: t.slug, actionId: action.id, status: 'done' });
    // Organization-level changes (the playbook) have no account and stay out of every feed.
    const list = await t.erik.caller.playbook.list({ orgSlug: t.slug });
    await t.erik.caller.playbook.retire({ orgSlug: t.slug, methodId: list.transitions[0]!.methods[0]!.id });

    const feed = await t.viewer.caller.activity.feed({ orgSlug: t.slug, accountId: t.account.id });
    expect(feed.events.map((e) => [e.action, e.actorName])).toEqual([
      ['action.status_changed', 'Erik Holm'],
      ['comment.added', 'Erik Holm'],
      ['action.created', 'Sara Lind'],
    ]);
    expect(feed.events[0]).toMatchObject({
      entityType: 'action',
      entityId: action.id,
      before: { status: 'open' },
      after: { status: 'done', title: 'Book a review' },
    });
    expect(feed.nextCursor).toBeNull();
  });

  it('pages with a cursor', async () => {
    const t = await team();
    for (let i = 1; i <= 5; i++) await t.sara.caller.comment.create({ orgSlug: t.slug, accountId: t.account.id, body: `Comment ${i}` });
    const first = await t.viewer.caller.activity.feed({ orgSlug: t.slug, accountId: t.account.id, limit: 2 });
    const second = await t.viewer.caller.activity.feed({ orgSlug: t.slug, accountId: t.account.id, limit: 2, cursor: first.nextCursor });
    const third = await t.viewer.caller.activity.feed({ orgSlug: t.slug, accountId: t.account.id, limit: 2, cursor: second.nextCursor });
    expect([...first.events, ...second.events, ...third.events].map((e) => (e.after as { excerpt: string }).excerpt)).toEqual([
      'Comment 5',
      'Comment 4',
      'Comment 3',
      'Comment 2',
      'Comment 1',
    ]);
    expect(third.nextCursor).toBeNull();
  });

  it("answers NOT_FOUND for another organization's account, and shows an outsider nothing", async () => {
    const t = await team();
    const other = await team();
    await other.sara.caller.comment.create({ orgSlug: other.slug, accountId: other.account.id, body: 'Secret plans' });
    await expectTRPCError(
      t.viewer.caller.activity.feed({ orgSlug: t.slug, accountId: other.account.id }),
      'NOT_FOUND',
      'errors.accountNotFound',
    );
    await expectTRPCError(
      t.viewer.caller.activity.feed({ orgSlug: other.slug, accountId: other.account.id }),
      'NOT_FOUND',
      'errors.orgNotFound',
    );
    await expectTRPCError(t.viewer.caller.activity.feed({ orgSlug: t.slug, accountId: 'nope' }), 'BAD_REQUEST');
  });
});

describe('activity.notifications, unreadCount and markRead', () => {
  it('lists the mentions and assignments for the caller, newest first, with account and author', async () => {
    const t = await team();
    await t.sara.caller.comment.create({
      orgSlug: t.slug,
      accountId: t.account.id,
      body: '@Erik Holm please call them',
      mentionedUserIds: [t.erik.userId],
    });
    await t.sara.caller.action.create({
      orgSlug: t.slug,
      accountId: t.account.id,
      title: 'Call the COO',
      targetLevel: 3,
      ownerUserId: t.erik.userId,
    });

    const { notifications: list, nextCursor } = await t.erik.caller.activity.notifications({ orgSlug: t.slug });
    expect(list).toMatchObject([
      {
        kind: 'action_assigned',
        accountId: t.account.id,
        accountName: 'Acme',
        actorName: 'Sara Lind',
        title: 'Call the COO',
        excerpt: null,
        readAt: null,
      },
      {
        kind: 'mention',
        accountId: t.account.id,
        accountName: 'Acme',
        actorName: 'Sara Lind',
        excerpt: '@Erik Holm please call them',
        title: null,
        readAt: null,
      },
    ]);
    expect(nextCursor).toBeNull();
    expect(await t.erik.caller.activity.unreadCount({ orgSlug: t.slug })).toEqual({ unread: 2 });
    // Nobody else sees them.
    expect((await t.viewer.caller.activity.notifications({ orgSlug: t.slug })).notifications).toEqual([]);
    expect(await t.sara.caller.activity.unreadCount({ orgSlug: t.slug })).toEqual({ unread: 0 });
  });

  it('marks chosen notifications read, or all of them; never anyone else’s', async () => {
    const t = await team();
    for (let i = 0; i < 3; i++) {
      await t.sara.caller.comment.create({
        orgSlug: t.slug,
        accountId: t.account.id,
        body: `@Erik Holm and @Vera Viewer ${i}`,
        mentionedUserIds: [t.erik.userId, t.viewer.userId],
      });
    }
    const eriks = (await t.erik.caller.activity.notifications({ orgSlug: t.slug })).notifications;
    const veras = (await t.viewer.caller.activity.notifications({ orgSlug: t.slug })).notifications;

    // Vera (a viewer) marks one of hers and tries Erik's: only hers changes.
    expect(await t.viewer.caller.activity.markRead({ orgSlug: t.slug, notificationIds: [veras[0]!.id, eriks[0]!.id] })).toEqual({
      updated: 1,
    });
    expect(await unreadOf(t.viewer.userId)).toHaveLength(2);
    expect(await unreadOf(t.erik.userId)).toHaveLength(3);

    expect(await t.erik.caller.activity.markRead({ orgSlug: t.slug })).toEqual({ updated: 3 });
    expect(await t.erik.caller.activity.unreadCount({ orgSlug: t.slug })).toEqual({ unread: 0 });
    expect((await t.erik.caller.activity.notifications({ orgSlug: t.slug })).notifications.every((n) => n.readAt instanceof Date)).toBe(
      true,
    );
    expect(await unreadOf(t.viewer.userId)).toHaveLength(2);
  });

  it('keeps each organization’s notifications apart, and pages', async () => {
    const t = await team();
    const other = await team();
    // Erik of the other organization is mentioned there; Erik here sees none of it.
    await other.sara.caller.comment.create({
      orgSlug: other.slug,
      accountId: other.account.id,
      body: '@Erik Holm hi',
      mentionedUserIds: [other.erik.userId],
    });
    for (let i = 0; i < 3; i++)
      await t.sara.caller.comment.create({
        orgSlug: t.slug,
        accountId: t.account.id,
        body: `@Erik Holm ${i}`,
        mentionedUserIds: [t.erik.userId],
      });
    const first = await t.erik.caller.activity.notifications({ orgSlug: t.slug, limit: 2 });
    const second = await t.erik.caller.activity.notifications({ orgSlug: t.slug, limit: 2, cursor: first.nextCursor });
    expect([...first.notifications, ...second.notifications].map((n) => n.excerpt)).toEqual([
      '@Erik Holm 2',
      '@Erik Holm 1',
      '@Erik Holm 0',
    ]);
    expect(second.nextCursor).toBeNull();
    // Marking "all" in one organization leaves the other's untouched.
    await t.erik.caller.activity.markRead({ orgSlug: t.slug });
    expect(await other.erik.caller.activity.unreadCount({ orgSlug: other.slug })).toEqual({ unread: 1 });
    await expectTRPCError(t.erik.caller.activity.notifications({ orgSlug: other.slug }), 'NOT_FOUND', 'errors.orgNotFound');
  });
});
