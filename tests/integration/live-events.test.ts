/**
 * Live account events: a subscription per account page, fed by Postgres LISTEN/NOTIFY. Events
 * arrive only after the change commits, only for the account and organization subscribed to,
 * and across app instances that share a database. A subscription never holds a transaction.
 */
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { sql } from 'drizzle-orm';
import superjson from 'superjson';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openPostgres } from '@/db/client';
import type { AccountStreamEvent, NotificationStreamEvent } from '@/server/runtime/events';
import { appRouter, createCaller } from '@/server/api/root';
import { insertAccount } from '../helpers/accounts';
import { serverDatabaseUrl, useTestDatabase } from '../helpers/db';
import { expectTRPCError } from '../helpers/errors';
import { callerFor, invite, signUpUser, verifyEmailOf, type Caller } from '../helpers/factories';
import { createTeam } from '../helpers/team';

const { db } = await useTestDatabase();

/** Mia owns the account and Max follows it: both are asked when an assessment starts. */
const team = () =>
  createTeam(db, {
    members: { mia: 'member', max: { role: 'member', name: 'Max Member' }, viewer: 'viewer' },
    account: { owner: 'mia', followers: ['max'] },
  });

type Events = AsyncIterator<AccountStreamEvent, void, undefined>;
type NotificationEvents = AsyncIterator<NotificationStreamEvent, void, undefined>;

async function subscribe(caller: Caller, orgSlug: string, accountId: string, dataAgeMs?: number): Promise<Events> {
  const iterable = await caller.assessment.onAccountEvent({ orgSlug, accountId, dataAgeMs });
  const iterator = iterable[Symbol.asyncIterator]();
  afterAll(() => iterator.return?.());
  return iterator;
}

async function subscribeToNotifications(caller: Caller, orgSlug: string, dataAgeMs?: number): Promise<NotificationEvents> {
  const iterable = await caller.activity.onNotification({ orgSlug, dataAgeMs });
  const iterator = iterable[Symbol.asyncIterator]();
  afterAll(() => iterator.return?.());
  return iterator;
}

/** The next event, or a failed test after a few seconds (never a hang). */
async function nextEvent<E>(events: AsyncIterator<E, void, undefined>, ms = 5_000): Promise<E> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no event within ${ms} ms`)), ms);
  });
  try {
    const result = await Promise.race([events.next(), timeout]);
    if (result.done) throw new Error('the subscription ended');
    return result.value;
  } finally {
    clearTimeout(timer);
  }
}

describe('assessment.onAccountEvent', () => {
  it('delivers start, votes, reveal and close to a teammate watching the account', async () => {
    const t = await team();
    const events = await subscribe(t.viewer.caller, t.slug, t.account.id);

    const { id } = await t.mia.caller.assessment.start({ orgSlug: t.slug, accountId: t.account.id });
    expect(await nextEvent(events)).toEqual({
      type: 'assessment.started',
      accountId: t.account.id,
      assessmentId: id,
      actorUserId: t.mia.userId,
    });

    await t.max.caller.assessment.vote({ orgSlug: t.slug, assessmentId: id, level: 3, rationale: 'Good support' });
    expect(await nextEvent(events)).toEqual({ type: 'vote.cast', accountId: t.account.id, assessmentId: id, actorUserId: t.max.userId });

    // Mia is the last one asked: her vote reveals the round.
    await t.mia.caller.assessment.vote({ orgSlug: t.slug, assessmentId: id, level: 4, rationale: 'They ask our advice' });
    expect(await nextEvent(events)).toMatchObject({ type: 'vote.cast', assessmentId: id });
    expect(await nextEvent(events)).toMatchObject({ type: 'assessment.revealed', assessmentId: id });

    await t.mia.caller.assessment.close({ orgSlug: t.slug, assessmentId: id, teamLevel: 3 });
    expect(await nextEvent(events)).toMatchObject({ type: 'assessment.closed', assessmentId: id });
  });

  it("never delivers another account's or another organization's events, nor a change that was rolled back", async () => {
    const t = await team();
    const other = await team();
    const sameOrgAccount = await insertAccount(db, t.slug);
    const events = await subscribe(t.viewer.caller, t.slug, t.account.id);

    await t.mia.caller.assessment.start({ orgSlug: t.slug, accountId: sameOrgAccount.id });
    await other.mia.caller.assessment.start({ orgSlug: other.slug, accountId: other.account.id });
    const { id } = await t.mia.caller.assessment.start({ orgSlug: t.slug, accountId: t.account.id });
    await t.max.caller.assessment.vote({ orgSlug: t.slug, assessmentId: id, level: 2, rationale: 'Price talks only' });
    // Refused (second vote): its transaction rolls back, so its NOTIFY is never sent.
    await expectTRPCError(t.max.caller.assessment.vote({ orgSlug: t.slug, assessmentId: id, level: 3, rationale: 'Again' }), 'CONFLICT');
    await t.mia.caller.assessment.reveal({ orgSlug: t.slug, assessmentId: id });

    // Notifications arrive in commit order: had a foreign or rolled-back event come through, it would be first.
    expect(await nextEvent(events)).toMatchObject({ type: 'assessment.started', accountId: t.account.id, assessmentId: id });
    expect(await nextEvent(events)).toMatchObject({ type: 'vote.cast', actorUserId: t.max.userId });
    expect(await nextEvent(events)).toMatchObject({ type: 'assessment.revealed', actorUserId: t.mia.userId });
  });

  it('fans out to every subscriber of the account from one LISTEN', async () => {
    const t = await team();
    const first = await subscribe(t.viewer.caller, t.slug, t.account.id);
    const second = await subscribe(t.max.caller, t.slug, t.account.id);
    const { id } = await t.mia.caller.assessment.start({ orgSlug: t.slug, accountId: t.account.id });
    expect(await nextEvent(first)).toMatchObject({ assessmentId: id });
    expect(await nextEvent(second)).toMatchObject({ assessmentId: id });
  });

  it('a page that subscribes after the account changed starts with a catch-up; a quiet account gets none', async () => {
    const t = await team();
    const quietAccount = await insertAccount(db, t.slug);
    // Someone already watching, so the event below has been heard before the page subscribes.
    const watcher = await subscribe(t.max.caller, t.slug, t.account.id);
    const { id } = await t.mia.caller.assessment.start({ orgSlug: t.slug, accountId: t.account.id });
    expect(await nextEvent(watcher)).toMatchObject({ type: 'assessment.started', assessmentId: id });

    // The page loaded before the start and subscribes after it: 0 ms of age still looks a few seconds back.
    const late = await subscribe(t.viewer.caller, t.slug, t.account.id, 0);
    expect(await nextEvent(late)).toEqual({ type: 'catch-up', accountId: t.account.id });
    await t.max.caller.assessment.vote({ orgSlug: t.slug, assessmentId: id, level: 3, rationale: 'Good support' });
    expect(await nextEvent(late)).toMatchObject({ type: 'vote.cast', assessmentId: id });

    // A minute on (the process has been listening all along), a quiet account's page has nothing to catch up on,
    // and neither has a page whose data is newer than the account's last event.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 60_000);
      const quiet = await subscribe(t.viewer.caller, t.slug, quietAccount.id, 0);
      const fresh = await subscribe(t.viewer.caller, t.slug, t.account.id, 20_000);
      const older = await subscribe(t.viewer.caller, t.slug, t.account.id, 120_000);
      const next = await t.mia.caller.assessment.start({ orgSlug: t.slug, accountId: quietAccount.id });
      expect(await nextEvent(quiet)).toMatchObject({ type: 'assessment.started', assessmentId: next.id });
      expect(await nextEvent(older)).toEqual({ type: 'catch-up', accountId: t.account.id });
      await t.mia.caller.assessment.reveal({ orgSlug: t.slug, assessmentId: id });
      expect(await nextEvent(fresh)).toMatchObject({ type: 'assessment.revealed', assessmentId: id });
    } finally {
      vi.useRealTimers();
    }
  });

  it('ends when the request is aborted (the browser left the page)', async () => {
    const t = await team();
    const controller = new AbortController();
    const caller = createCaller(
      { db, userId: t.viewer.userId, locale: 'en', appUrl: 'http://rung.test', clientAddress: 'test' },
      { signal: controller.signal },
    );
    const iterable = await caller.assessment.onAccountEvent({ orgSlug: t.slug, accountId: t.account.id });
    const iterator = iterable[Symbol.asyncIterator]();
    const pending = iterator.next();
    controller.abort();
    expect(await pending).toEqual({ done: true, value: undefined });
  });

  it('checks membership and the account before listening: outsiders and foreign accounts get NOT_FOUND', async () => {
    const t = await team();
    const other = await team();
    const outsider = await signUpUser(db);
    await expectTRPCError(
      outsider.caller.assessment.onAccountEvent({ orgSlug: t.slug, accountId: t.account.id }),
      'NOT_FOUND',
      'errors.orgNotFound',
    );
    await expectTRPCError(
      t.viewer.caller.assessment.onAccountEvent({ orgSlug: t.slug, accountId: other.account.id }),
      'NOT_FOUND',
      'errors.accountNotFound',
    );
    await expectTRPCError(callerFor(db, null).assessment.onAccountEvent({ orgSlug: t.slug, accountId: t.account.id }), 'UNAUTHORIZED');
    await expectTRPCError(t.viewer.caller.assessment.onAccountEvent({ orgSlug: t.slug, accountId: 'nope' }), 'BAD_REQUEST');
  });

  it('streams over server-sent events through the tRPC route handler, with superjson', async () => {
    const t = await team();
    const controller = new AbortController();
    const input = encodeURIComponent(JSON.stringify(superjson.serialize({ orgSlug: t.slug, accountId: t.account.id })));
    const response = await fetchRequestHandler({
      endpoint: '/api/trpc',
      req: new Request(`http://rung.test/api/trpc/assessment.onAccountEvent?input=${input}`, { signal: controller.signal }),
      router: appRouter,
      createContext: () => ({ db, userId: t.viewer.userId, locale: 'en' as const, appUrl: 'http://rung.test', clientAddress: 'test' }),
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let received = '';
    const readUntil = async (needle: string) => {
      const deadline = Date.now() + 5_000;
      while (!received.includes(needle)) {
        if (Date.now() > deadline) throw new Error(`no "${needle}" in the stream: ${received}`);
        const { value, done } = await reader.read();
        if (done) throw new Error('the stream ended');
        received += value;
      }
    };
    await readUntil('connected');

    const { id } = await t.mia.caller.assessment.start({ orgSlug: t.slug, accountId: t.account.id });
    await readUntil(id);
    expect(received).toContain('assessment.started');
    controller.abort();
    await reader.cancel().catch(() => {});
  });
});

describe('activity.onNotification', () => {
  /**
   * Notifications are announced in commit order: once a person's own has arrived, any that leaked
   * from before it would already be waiting. Nothing more within a moment means nothing leaked.
   */
  async function expectNothingMore(events: NotificationEvents) {
    await expect(nextEvent(events, 300)).rejects.toThrow('no event within 300 ms');
  }

  it('tells the person mentioned or handed an action, at once, and no one else', async () => {
    const t = await team();
    const maxEvents = await subscribeToNotifications(t.max.caller, t.slug);
    const miaEvents = await subscribeToNotifications(t.mia.caller, t.slug);
    const viewerEvents = await subscribeToNotifications(t.viewer.caller, t.slug);

    await t.mia.caller.comment.create({
      orgSlug: t.slug,
      accountId: t.account.id,
      body: '@Max Member can you call them?',
      mentionedUserIds: [t.max.userId],
    });
    expect(await nextEvent(maxEvents)).toEqual({ type: 'notification.created' });
    expect(await t.max.caller.activity.unreadCount({ orgSlug: t.slug })).toEqual({ unread: 1 });

    await t.mia.caller.action.create({
      orgSlug: t.slug,
      accountId: t.account.id,
      title: 'Call the CFO',
      targetLevel: 3,
      ownerUserId: t.max.userId,
    });
    expect(await nextEvent(maxEvents)).toEqual({ type: 'notification.created' });

    // Handed to the viewer's teammate, then one for the viewer: the viewer gets exactly one, the author none.
    await t.max.caller.comment.create({
      orgSlug: t.slug,
      accountId: t.account.id,
      body: '@Vera Viewer FYI',
      mentionedUserIds: [t.viewer.userId],
    });
    expect(await nextEvent(viewerEvents)).toEqual({ type: 'notification.created' });
    await expectNothingMore(viewerEvents);
    await expectNothingMore(miaEvents);
    await expectNothingMore(maxEvents);
  });

  it('a bell that subscribes after a notification came starts with a catch-up; only that person, only in that organization', async () => {
    const t = await team();
    const other = await team();
    // Max's open page hears the mention before his other page's bell subscribes.
    const maxOpen = await subscribeToNotifications(t.max.caller, t.slug);
    await t.mia.caller.comment.create({
      orgSlug: t.slug,
      accountId: t.account.id,
      body: '@Max Member look',
      mentionedUserIds: [t.max.userId],
    });
    expect(await nextEvent(maxOpen)).toEqual({ type: 'notification.created' });

    const maxLate = await subscribeToNotifications(t.max.caller, t.slug, 0);
    expect(await nextEvent(maxLate)).toEqual({ type: 'catch-up' });

    // A minute on, with nothing new for them, neither Vera here nor Max's namesake elsewhere has anything to catch up on.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 60_000);
      const veraLate = await subscribeToNotifications(t.viewer.caller, t.slug, 0);
      const otherMaxLate = await subscribeToNotifications(other.max.caller, other.slug, 0);
      await t.max.caller.comment.create({
        orgSlug: t.slug,
        accountId: t.account.id,
        body: '@Vera Viewer FYI',
        mentionedUserIds: [t.viewer.userId],
      });
      expect(await nextEvent(veraLate)).toEqual({ type: 'notification.created' });
      await expectNothingMore(otherMaxLate);
    } finally {
      vi.useRealTimers();
    }
  });

  it("never tells a person about their notifications in another organization, nor another person's", async () => {
    const t = await team();
    const other = await team();
    // Mia belongs to both organizations; her stream here must not hear what happens to her there.
    const { token } = await invite(other.owner.caller, other.slug, 'member', t.mia.email);
    await verifyEmailOf(db, t.mia.email);
    await t.mia.caller.invitation.accept({ token });
    const miaHere = await subscribeToNotifications(t.mia.caller, t.slug);
    const otherMax = await subscribeToNotifications(other.max.caller, other.slug);

    await other.max.caller.comment.create({
      orgSlug: other.slug,
      accountId: other.account.id,
      body: '@Mia Member over here',
      mentionedUserIds: [t.mia.userId],
    });
    await t.max.caller.comment.create({
      orgSlug: t.slug,
      accountId: t.account.id,
      body: '@Mia Member here',
      mentionedUserIds: [t.mia.userId],
    });
    expect(await nextEvent(miaHere)).toEqual({ type: 'notification.created' });
    await expectNothingMore(miaHere);
    // Max of the other organization wrote the mention there; he hears nothing of either.
    await expectNothingMore(otherMax);
  });

  it('checks membership before listening, and ends when the person is removed', async () => {
    const t = await team();
    const outsider = await signUpUser(db);
    await expectTRPCError(outsider.caller.activity.onNotification({ orgSlug: t.slug }), 'NOT_FOUND', 'errors.orgNotFound');
    await expectTRPCError(callerFor(db, null).activity.onNotification({ orgSlug: t.slug }), 'UNAUTHORIZED');

    const events = await subscribeToNotifications(t.max.caller, t.slug);
    await t.owner.caller.member.remove({ orgSlug: t.slug, membershipId: t.max.membershipId });
    await expect(nextEvent(events)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe.runIf(serverDatabaseUrl())('two app instances on one database', () => {
  it("an instance's subscriber sees events published by the other instance", async () => {
    const t = await team();
    const secondInstance = openPostgres(serverDatabaseUrl()!, { max: 2 });
    afterAll(() => secondInstance.close());
    const watcher = callerFor(secondInstance.db, t.viewer.userId);
    const events = await subscribe(watcher, t.slug, t.account.id);

    // The change goes through the first instance's pool; the event comes back through the second's LISTEN.
    const { id } = await t.mia.caller.assessment.start({ orgSlug: t.slug, accountId: t.account.id });
    expect(await nextEvent(events)).toMatchObject({ type: 'assessment.started', assessmentId: id });
    await t.max.caller.assessment.vote({ orgSlug: t.slug, assessmentId: id, level: 3, rationale: 'Service' });
    expect(await nextEvent(events)).toMatchObject({ type: 'vote.cast', assessmentId: id });
  });

  it('after its LISTEN connection drops and comes back, every open subscriber gets a resync, and events flow again', async () => {
    const t = await team();
    // A name of its own, so that only this instance's LISTEN connection is cut, never another test file's.
    const appName = `rung_resync_${process.pid}_${Date.now().toString(36)}`;
    const url = new URL(serverDatabaseUrl()!);
    url.searchParams.set('application_name', appName);
    const instance = openPostgres(url.toString(), { max: 2 });
    afterAll(() => instance.close());
    const first = await subscribe(callerFor(instance.db, t.viewer.userId), t.slug, t.account.id);
    const second = await subscribe(callerFor(instance.db, t.max.userId), t.slug, t.account.id);

    const cut = await db.execute<{ pid: number }>(
      sql`select pid from pg_stat_activity where application_name = ${appName} and query ilike 'listen%' and pg_terminate_backend(pid)`,
    );
    expect(cut).toHaveLength(1);
    expect(await nextEvent(first)).toEqual({ type: 'resync', accountId: t.account.id });
    expect(await nextEvent(second)).toEqual({ type: 'resync', accountId: t.account.id });

    const { id } = await t.mia.caller.assessment.start({ orgSlug: t.slug, accountId: t.account.id });
    expect(await nextEvent(first)).toMatchObject({ type: 'assessment.started', assessmentId: id });
    expect(await nextEvent(second)).toMatchObject({ type: 'assessment.started', assessmentId: id });
  });
});
