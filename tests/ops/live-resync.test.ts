/**
 * Live updates across a database restart. Pages subscribed to an account's events stay open
 * while a teammate comments every 100 ms and the database is restarted under them. NOTIFY is
 * fire-and-forget, so the events published while the app's LISTEN connection is down are lost;
 * what must not happen is a page that never learns it: every open subscriber gets a `resync`,
 * and a page that applies the events it received and refetches on resync ends up showing what a
 * fresh load shows.
 */
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openPostgres, type Database } from '@/db/client';
import { createCaller } from '@/server/api/root';
import { accountEvents, EVENTS_CHANNEL, type AccountStreamEvent } from '@/server/runtime/events';
import { startPrivateCluster, type PrivateCluster } from '../helpers/private-cluster';
import { createTeam } from '../helpers/team';

const SUBSCRIBERS = 5;
const WRITE_EVERY_MS = 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let cluster: PrivateCluster;
let app: Database;
/** The test's own superuser connection, for the snapshots below (never the app's pool). */
let admin: postgres.Sql;

beforeAll(async () => {
  cluster = await startPrivateCluster();
  const bootstrap = postgres(cluster.url, { max: 1, onnotice: () => {} });
  await bootstrap.unsafe('create database rung');
  await bootstrap.end();
  const url = cluster.urlOf('rung');
  // One app process: its pool serves the writer and the subscribers' checks, its LISTEN feeds them all.
  app = openPostgres(url, { max: 5 });
  await migrateDatabase(app, url);
  admin = postgres(url, { max: 1, onnotice: () => {} });
});

afterAll(async () => {
  try {
    await admin?.end({ timeout: 1 });
    // After these restarts postgres.js sometimes keeps a pool connection that never finishes ending
    // (no socket and no backend left), so Database.close() would wait forever: drop it after 5 s.
    if (app) await (app.db as unknown as { $client: postgres.Sql }).$client.end({ timeout: 5 });
  } finally {
    await cluster?.destroy();
  }
});

async function waitFor(what: string, condition: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(50);
  }
}

/** `promise`, or a failure after `ms`: a call that hangs fails the test instead of stalling it. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/*
 * A page, reduced to the number of comments it shows. It counts each `comment.added` it
 * receives and refetches on `resync`. Counting is exact only if the refetch and the stream
 * agree on which comments the refetch already saw, so the refetch blocks new comments while it
 * counts and then publishes a marker on the events channel in the same transaction: NOTIFY
 * delivers in commit order, so exactly the events after the marker are news to the refetched
 * count. (A real page refetches on every event and needs none of this.)
 */
const FENCE = 'test.fence';

interface Subscriber {
  name: string;
  /** The comments its first load showed, and the `comment.added` events received after that load. */
  openedWith: number;
  commentsReceived: number;
  resyncs: number;
  /** The count the last refetch saw, and the comments received since its marker; null while pending. */
  base: number | null;
  sinceFence: number | null;
  fence: string | null;
  ended: boolean;
  close(): void;
}

const view = (s: Subscriber) => (s.base === null || s.sinceFence === null ? null : s.base + s.sinceFence);

describe('live account events across a database restart', () => {
  it.each([
    ['stopped in immediate mode', 'immediate'],
    ['killed (SIGKILL to the postmaster)', 'kill'],
  ] as const)('every open page gets a resync and ends up showing what a fresh load shows: database %s', async (_, how) => {
    const t = await createTeam(app.db, { members: { mia: 'member', viewer: 'viewer' }, account: { owner: 'mia' } });
    const input = { orgSlug: t.slug, accountId: t.account.id };
    let fences = 0;

    async function refetch(s: Subscriber): Promise<void> {
      for (let attempt = 1; ; attempt += 1) {
        const fence = `${s.name}-${(fences += 1)}`;
        s.fence = fence;
        s.base = null;
        s.sinceFence = null;
        try {
          const count = await admin.begin(async (tx) => {
            await tx`lock table comments in share mode`;
            const [row] = await tx<[{ count: number }]>`select count(*)::int as count from comments where account_id = ${t.account.id}`;
            await tx`select pg_notify(${EVENTS_CHANNEL}, ${JSON.stringify({ orgId: t.orgId, accountId: t.account.id, type: FENCE, fence })})`;
            return row.count;
          });
          // A newer resync started another refetch meanwhile: that one counts.
          if (s.fence === fence) s.base = count;
          return;
        } catch (error) {
          if (attempt >= 20) throw error;
          await sleep(250);
        }
      }
    }

    async function openSubscriber(name: string): Promise<Subscriber> {
      const controller = new AbortController();
      const caller = createCaller(
        { db: app.db, userId: t.viewer.userId, locale: 'en', appUrl: 'http://rung.test', clientAddress: 'test' },
        { signal: controller.signal },
      );
      const stream = await caller.assessment.onAccountEvent(input);
      const s: Subscriber = {
        name,
        openedWith: 0,
        commentsReceived: 0,
        resyncs: 0,
        base: null,
        sinceFence: null,
        fence: null,
        ended: false,
        close: () => controller.abort(),
      };
      let loaded = false;
      void (async () => {
        for await (const event of stream as AsyncIterable<AccountStreamEvent & { fence?: string }>) {
          if (event.type === 'comment.added') {
            if (s.sinceFence !== null) s.sinceFence += 1;
            if (loaded) s.commentsReceived += 1;
          } else if (event.type === 'resync') {
            s.resyncs += 1;
            void refetch(s);
          } else if ((event.type as string) === FENCE && event.fence === s.fence) {
            s.sinceFence = 0;
            loaded = true;
          }
        }
        s.ended = true;
      })();
      // The page's first load, done like a refetch so the count starts exact.
      await refetch(s);
      await waitFor(`${name}'s first load`, () => view(s) !== null, 10_000);
      s.openedWith = s.base!;
      return s;
    }

    const subscribers: Subscriber[] = [];
    for (let i = 1; i <= SUBSCRIBERS; i += 1) subscribers.push(await openSubscriber(`page ${i}`));

    // The teammate: a comment every 100 ms through the real router, whatever the database is doing.
    let writing = true;
    let downAt = Number.POSITIVE_INFINITY;
    let attempted = 0;
    let failed = 0;
    let unanswered = 0;
    const writer = (async () => {
      while (writing) {
        attempted += 1;
        const startedAt = Date.now();
        try {
          await within(t.mia.caller.comment.create({ ...input, body: `Note ${attempted}` }), 15_000, 'comment.create');
        } catch (error) {
          failed += 1;
          if (String(error).includes('no answer')) {
            unanswered += 1;
            console.log(`write ${attempted} got no answer (sent ${startedAt - downAt} ms after the database went down)`);
          }
        }
        await sleep(WRITE_EVERY_MS);
      }
    })();

    await sleep(1_500);
    downAt = Date.now();
    if (how === 'kill') await cluster.kill();
    else await cluster.stop('immediate');

    // While it is down, a page that tries to subscribe gets an error (its browser retries), never a hang.
    const refusingSince = Date.now();
    const subscribing = createCaller({
      db: app.db,
      userId: t.viewer.userId,
      locale: 'en',
      appUrl: 'http://rung.test',
      clientAddress: 'test',
    }).assessment.onAccountEvent(input);
    const refusal = await within(
      subscribing.then(
        () => null,
        (error: unknown) => error,
      ),
      30_000,
      'subscribing while the database is down',
    );
    expect(refusal).toBeInstanceOf(Error);
    const refusedInMs = Date.now() - refusingSince;
    await sleep(1_000);
    await cluster.start();
    const upAt = Date.now();

    // A page opened as soon as the database is back, possibly before the app's LISTEN is: served all the same.
    const late = await within(
      (async () => {
        for (let attempt = 1; ; attempt += 1) {
          try {
            return await openSubscriber('page opened after the restart');
          } catch (error) {
            if (attempt >= 40) throw error;
            await sleep(250);
          }
        }
      })(),
      30_000,
      'opening a page after the restart',
    );
    subscribers.push(late);

    const opened = subscribers.slice(0, SUBSCRIBERS);
    await waitFor('a resync on every page open through the restart', () => opened.every((s) => s.resyncs > 0), 60_000);
    const resyncAfterMs = Date.now() - upAt;
    await sleep(1_500);
    writing = false;
    await writer;

    // A fresh load, through the router as a page would do it.
    let fresh = 0;
    for (let cursor: { createdAt: Date; id: string } | null | undefined = undefined; ;) {
      const page = await t.viewer.caller.comment.list({ ...input, order: 'oldest', limit: 100, cursor });
      fresh += page.comments.length;
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    const [committed] = await admin<[{ count: number }]>`select count(*)::int as count from comments where account_id = ${t.account.id}`;
    const published = committed.count;

    // The last events may still be on their way; a stale page would never get there.
    await waitFor('every page to show what a fresh load shows', () => subscribers.every((s) => view(s) === fresh), 10_000).catch(() => {});

    console.log(
      [
        `database ${how}: down ${upAt - downAt} ms; a page subscribing meanwhile was refused in ${refusedInMs} ms`,
        `every page open through the restart had its resync ${resyncAfterMs} ms after the database was back`,
        `comment writes: ${attempted} attempted, ${failed} failed (${unanswered} of them with no answer in 15 s); events published (comments committed): ${published}`,
        `events lost to the pages open through the restart (received by none): ${published - Math.max(...opened.map((s) => s.openedWith + s.commentsReceived))}`,
        ...subscribers.map((s) => {
          const missed = published - s.openedWith - s.commentsReceived;
          return (
            `  ${s.name}: events received ${s.commentsReceived}, resyncs ${s.resyncs}, ` +
            `events missed ${missed}${s.resyncs > 0 ? ' (covered by the resync)' : ''}, shows ${view(s)} comments (fresh load: ${fresh})`
          );
        }),
      ].join('\n'),
    );

    expect(fresh).toBe(published);
    expect(published).toBeGreaterThan(10);
    for (const s of subscribers) {
      expect(s.ended, `${s.name} was still open`).toBe(false);
      expect(view(s), `${s.name} shows what a fresh load shows`).toBe(fresh);
    }
    // The LISTEN connection went down with the database: every page open through it was told to refetch.
    for (const s of opened) expect(s.resyncs, s.name).toBeGreaterThan(0);

    for (const s of subscribers) s.close();
  });

  it('a process whose first LISTEN fails (database down) refuses subscribers promptly, then listens once the database is back', async () => {
    const t = await createTeam(app.db, { members: ['member'], account: true });
    await cluster.stop('fast');
    // A process started while its database was down: its first subscriber makes the first LISTEN attempt.
    const late = openPostgres(cluster.urlOf('rung'), { max: 2 });
    try {
      const refusingSince = Date.now();
      const refusal = await within(
        accountEvents(late.db, t.orgId, t.account.id).then(
          () => null,
          (error: unknown) => error,
        ),
        30_000,
        'the first subscriber while the database is down',
      );
      expect(refusal).toBeInstanceOf(Error);
      const refusedInMs = Date.now() - refusingSince;

      await cluster.start();
      const upAt = Date.now();
      // Nobody asks again: the driver keeps retrying the LISTEN by itself, and subscribers are taken as soon as it is in place.
      const controller = new AbortController();
      let events: AsyncGenerator<AccountStreamEvent, void, undefined> | null = null;
      for (let attempt = 1; !events; attempt += 1) {
        try {
          events = await accountEvents(late.db, t.orgId, t.account.id, controller.signal);
        } catch (error) {
          if (attempt >= 240) throw error;
          await sleep(250);
        }
      }
      const listeningAfterMs = Date.now() - upAt;
      await t.member.caller.comment.create({ orgSlug: t.slug, accountId: t.account.id, body: 'Back again' });
      const next = await within(events.next(), 10_000, 'the first event after the database came back');
      expect(next.value).toMatchObject({ type: 'comment.added', accountId: t.account.id });
      controller.abort();
      console.log(`first LISTEN with the database down: refused in ${refusedInMs} ms; listening ${listeningAfterMs} ms after it was back`);
    } finally {
      await late.close();
    }
  });
});
