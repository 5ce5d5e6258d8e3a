import 'server-only';
import { EventEmitter } from 'node:events';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { Db, Queryable, Tx } from '@/db/client';
import { RecentEvents } from './recent-events';

/** Something changed on an account that teammates looking at it should see without reloading. */
export interface AccountEvent {
  type:
    | 'account.changed'
    | 'assessment.started'
    | 'vote.cast'
    | 'assessment.revealed'
    | 'assessment.closed'
    | 'comment.added'
    | 'action.changed'
    | 'contact.changed'
    | 'confirmation.answered'
    | 'confirmation.changed';
  accountId: string;
  assessmentId?: string;
  /** Who caused it, so a client can skip a refetch for its own change. */
  actorUserId?: string;
}

export const EVENTS_CHANNEL = 'rung_account_events';

/**
 * Announces an account event through Postgres NOTIFY inside the caller's transaction: it is
 * delivered only if the transaction commits, and to every app instance listening on the same
 * database (PGlite delivers it in-process). The payload carries ids only, never content:
 * listeners refetch through procedures that check membership.
 */
export async function publishAccountEvent(tx: Tx, orgId: string, event: AccountEvent): Promise<void> {
  await tx.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${JSON.stringify({ orgId, ...event })})`);
}

/**
 * Says that a person's access ended: in one organization (removed from it, or left) or, without
 * `orgId`, everywhere (every session ended: signed out, password changed or reset). Their open
 * streams end at once instead of living on until the page closes. Published with the change, so
 * it is announced only if that commits.
 */
export async function publishAccessEnded(db: Queryable, notice: { userId: string; orgId?: string }): Promise<void> {
  await db.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${JSON.stringify({ type: ACCESS_ENDED, ...notice })})`);
}

const ACCESS_ENDED = 'access.ended';

const NOTIFICATION_CREATED = 'notification.created';

/**
 * Tells each person that they have a new notification in this organization, so their bell
 * updates at once instead of at its next poll. Inside the caller's transaction, like every
 * event: announced only if the notification is committed. The payload names the organization
 * and the recipient, never the content; the bell refetches through procedures that check both.
 */
export async function publishNotifications(tx: Tx, orgId: string, userIds: readonly string[]): Promise<void> {
  const payloads = [...new Set(userIds)].map((userId) => JSON.stringify({ type: NOTIFICATION_CREATED, orgId, userId }));
  if (payloads.length === 0) return;
  await tx.execute(
    sql`select pg_notify(${EVENTS_CHANNEL}, payload) from jsonb_array_elements_text(${JSON.stringify(payloads)}::jsonb) as payload`,
  );
}

interface NotificationNotice {
  orgId: string;
  userId: string;
}

/**
 * What a person's notification stream yields: "you have something new", "refetch, you may have
 * missed some" (after a gap), or, first, "refetch, something came while you were subscribing".
 */
export type NotificationStreamEvent = { type: typeof NOTIFICATION_CREATED } | { type: 'resync' } | { type: 'catch-up' };

interface AccessEndedNotice {
  userId: string;
  orgId?: string;
}

/** Thrown by a stream whose reader lost access to it; the router turns it into the answer a non-member gets. */
export class AccessEndedError extends Error {
  constructor() {
    super('access to this stream ended');
    this.name = 'AccessEndedError';
  }
}

/* ---------------------------------------------------------------------------------------------
 * The listening side. Each process holds ONE `LISTEN` on EVENTS_CHANNEL per database client
 * (PGlite in-process, or a dedicated postgres.js connection that reconnects by itself) and fans
 * the notifications out in memory, so a thousand open account pages cost one connection, not
 * a thousand.
 *
 * NOTIFY is fire-and-forget: whatever is published while the listening connection is down
 * (database restart, network blip) is lost for good. postgres.js LISTENs again by itself once
 * the database is back; every LISTEN after the first therefore marks a gap, and every open
 * subscriber gets a `resync` so its page refetches what it shows instead of going stale.
 * ------------------------------------------------------------------------------------------- */

/**
 * Sent to a subscriber instead of the events it may have missed while the process could not
 * listen: it carries no change of its own, it says "refetch everything".
 */
interface ResyncEvent {
  type: 'resync';
  accountId: string;
}

/**
 * The first thing a new subscriber gets when its account changed after the page loaded what it
 * shows (or when this process cannot tell): events published before a subscription opens never
 * reach it, so the page refetches the account instead.
 */
interface CatchUpEvent {
  type: 'catch-up';
  accountId: string;
}

/** What a subscription to one account yields. */
export type AccountStreamEvent = AccountEvent | ResyncEvent | CatchUpEvent;

/** What a listener receives: the published event plus the organization it belongs to. */
interface OrgAccountEvent extends AccountEvent {
  orgId: string;
}

interface ListeningClient {
  /** The driver's client: one hub per client. */
  key: object;
  /**
   * Starts listening. `onListen` runs each time the LISTEN is in place: once, or again after
   * every reconnect. Rejects when the first attempt fails.
   */
  listen(channel: string, onNotify: (payload: string) => void, onListen: () => void): Promise<unknown>;
  /** postgres.js keeps retrying a LISTEN that failed or dropped, on its own; PGlite never drops one. */
  retriesByItself: boolean;
}

interface EventHub {
  emitter: EventEmitter;
  /** True once a LISTEN has been in place: from then on a subscriber misses nothing without a resync. */
  listening: boolean;
  /** Which streams had events lately, for subscribers whose page loaded before they subscribed. */
  recent: RecentEvents;
  /** The first LISTEN attempt; a subscriber that comes before any LISTEN waits for it. */
  firstAttempt: Promise<void>;
}

// On globalThis so that hot reload in `next dev` keeps one LISTEN per client, not one per reload.
const hubs = ((globalThis as typeof globalThis & { __rungEventHubs?: WeakMap<object, EventHub> }).__rungEventHubs ??= new WeakMap());

/** The driver's own client under Drizzle: a PGlite instance or a postgres.js `Sql`. */
function listeningClientOf(db: Db): ListeningClient {
  const client = (db as unknown as { $client?: unknown }).$client;
  if (client instanceof PGlite) {
    return {
      key: client,
      // PGlite's third parameter is a transaction, not a callback: its LISTEN is in place once this resolves.
      listen: async (channel, onNotify, onListen) => {
        await client.listen(channel, onNotify);
        onListen();
      },
      retriesByItself: false,
    };
  }
  type PostgresJs = (() => unknown) & {
    listen(channel: string, onNotify: (payload: string) => void, onListen: () => void): Promise<unknown>;
  };
  if (typeof client === 'function' && typeof (client as Partial<PostgresJs>).listen === 'function') {
    const postgresJs = client as PostgresJs;
    return {
      key: postgresJs,
      listen: (channel, onNotify, onListen) => postgresJs.listen(channel, onNotify, onListen),
      retriesByItself: true,
    };
  }
  throw new Error('This database client cannot LISTEN for account events');
}

function parseEvent(
  payload: string,
):
  | { kind: 'event'; event: OrgAccountEvent }
  | { kind: 'access-ended'; notice: AccessEndedNotice }
  | { kind: 'notification'; notice: NotificationNotice }
  | null {
  try {
    const event = JSON.parse(payload) as Omit<Partial<OrgAccountEvent>, 'type'> & { type?: string; userId?: unknown };
    if (event.type === ACCESS_ENDED && typeof event.userId === 'string') {
      return { kind: 'access-ended', notice: { userId: event.userId, orgId: typeof event.orgId === 'string' ? event.orgId : undefined } };
    }
    if (event.type === NOTIFICATION_CREATED) {
      return typeof event.userId === 'string' && typeof event.orgId === 'string'
        ? { kind: 'notification', notice: { userId: event.userId, orgId: event.orgId } }
        : null;
    }
    return typeof event.orgId === 'string' && typeof event.accountId === 'string' && typeof event.type === 'string'
      ? { kind: 'event', event: event as unknown as OrgAccountEvent }
      : null;
  } catch {
    return null;
  }
}

/** The keys under which the hub remembers recent events. */
const accountStream = (orgId: string, accountId: string) => `account:${orgId}:${accountId}`;
const notificationStream = (orgId: string, userId: string) => `notification:${orgId}:${userId}`;

function hubFor(db: Db): EventHub {
  const client = listeningClientOf(db);
  const existing = hubs.get(client.key);
  if (existing) return existing;

  const emitter = new EventEmitter();
  // Every open account page adds a listener; that is expected, not a leak.
  emitter.setMaxListeners(0);
  let listens = 0;
  const hub: EventHub = {
    emitter,
    listening: false,
    recent: new RecentEvents(),
    firstAttempt: Promise.resolve(),
  };
  hub.firstAttempt = client
    .listen(
      EVENTS_CHANNEL,
      (payload) => {
        const parsed = parseEvent(payload);
        if (parsed?.kind === 'event') {
          hub.recent.record(accountStream(parsed.event.orgId, parsed.event.accountId));
          emitter.emit('event', parsed.event);
        }
        if (parsed?.kind === 'access-ended') emitter.emit('access-ended', parsed.notice);
        if (parsed?.kind === 'notification') {
          hub.recent.record(notificationStream(parsed.notice.orgId, parsed.notice.userId));
          emitter.emit('notification', parsed.notice);
        }
      },
      () => {
        hub.listening = true;
        hub.recent.listening();
        listens += 1;
        // Any LISTEN after the first follows a dropped connection: what was published in between never arrived.
        if (listens > 1) emitter.emit('resync');
      },
    )
    .then(() => undefined);
  hubs.set(client.key, hub);
  hub.firstAttempt.catch(() => {
    // postgres.js keeps this listener and LISTENs again once it can (onListen then marks the hub
    // listening); asking it again would register a second one. PGlite does not retry: the next
    // subscriber does.
    if (!client.retriesByItself) hubs.delete(client.key);
  });
  return hub;
}

/**
 * The events of one account of one organization, as they are committed, until `signal` aborts
 * or the consumer stops iterating. Listening starts when this is called (not at the first
 * `next()`), so nothing committed after `await accountEvents(...)` returns is missed: it either
 * arrives, or, when the listening connection dropped and came back in between, a `resync`
 * arrives after the reconnect. A subscriber open while the connection is down simply waits.
 *
 * With `readerUserId`, the stream throws AccessEndedError as soon as that person's access to
 * the organization ends (publishAccessEnded): removed, left, or every session of theirs ended.
 *
 * With `dataAgeMs` (how long ago the subscriber loaded what it shows), the stream starts with a
 * `catch-up` when the account had an event since then: what was committed between the page's
 * load and this call would otherwise never reach it.
 */
export function accountEvents(
  db: Db,
  orgId: string,
  accountId: string,
  signal?: AbortSignal,
  readerUserId?: string,
  { dataAgeMs }: { dataAgeMs?: number } = {},
): Promise<AsyncGenerator<AccountStreamEvent, void, undefined>> {
  return openStream<AccountStreamEvent, OrgAccountEvent>(db, {
    first: (hub) =>
      dataAgeMs !== undefined && hub.recent.changedSince(accountStream(orgId, accountId), dataAgeMs)
        ? { type: 'catch-up', accountId }
        : null,
    source: 'event',
    pick: (event) => {
      if (event.orgId !== orgId || event.accountId !== accountId) return null;
      const { orgId: _org, ...accountEvent } = event;
      return accountEvent;
    },
    resync: { type: 'resync', accountId },
    orgId,
    readerUserId,
    signal,
  });
}

/**
 * One person's new notifications in one organization, as they are committed: only theirs, only
 * in this organization. Same guarantees as accountEvents (a `resync` after a gap, a `catch-up`
 * first when given `dataAgeMs` and something came since, the stream ends with AccessEndedError
 * when the person loses access to the organization).
 */
export function notificationEvents(
  db: Db,
  orgId: string,
  userId: string,
  signal?: AbortSignal,
  { dataAgeMs }: { dataAgeMs?: number } = {},
): Promise<AsyncGenerator<NotificationStreamEvent, void, undefined>> {
  return openStream<NotificationStreamEvent, NotificationNotice>(db, {
    first: (hub) =>
      dataAgeMs !== undefined && hub.recent.changedSince(notificationStream(orgId, userId), dataAgeMs) ? { type: 'catch-up' } : null,
    source: 'notification',
    pick: (notice) => (notice.orgId === orgId && notice.userId === userId ? { type: NOTIFICATION_CREATED } : null),
    resync: { type: 'resync' },
    orgId,
    readerUserId: userId,
    signal,
  });
}

/** The hub's events a stream can follow, by the emitter event they arrive as. */
interface HubSources {
  event: OrgAccountEvent;
  notification: NotificationNotice;
}

async function openStream<T extends { type: string }, S extends HubSources[keyof HubSources]>(
  db: Db,
  options: {
    source: keyof HubSources;
    /** What the subscriber gets before any published event, decided once the stream listens. */
    first?: (hub: EventHub) => T | null;
    /** What this subscriber receives of a published event, or null when it is not theirs. */
    pick: (published: S) => T | null;
    resync: T;
    orgId: string;
    readerUserId?: string;
    signal?: AbortSignal;
  },
): Promise<AsyncGenerator<T, void, undefined>> {
  const { source, first, pick, resync, orgId, readerUserId, signal } = options;
  const hub = hubFor(db);
  const queue: T[] = [];
  let wake: (() => void) | null = null;
  let accessEnded = false;
  const onAccessEnded = (notice: AccessEndedNotice) => {
    if (!readerUserId || notice.userId !== readerUserId || (notice.orgId && notice.orgId !== orgId)) return;
    accessEnded = true;
    wake?.();
  };
  const onPublished = (published: S) => {
    const event = pick(published);
    if (!event) return;
    queue.push(event);
    wake?.();
  };
  const onResync = () => {
    // One refetch covers any number of gaps the consumer has not read yet.
    if (queue.at(-1)?.type !== 'resync') queue.push(resync);
    wake?.();
  };
  let started = false;
  const onAbort = () => {
    wake?.();
    // Aborted before anyone read from it: the generator's own cleanup would never run.
    if (!started) stop();
  };
  hub.emitter.on(source, onPublished);
  hub.emitter.on('resync', onResync);
  hub.emitter.on('access-ended', onAccessEnded);
  signal?.addEventListener('abort', onAbort);
  const stop = () => {
    hub.emitter.off(source, onPublished);
    hub.emitter.off('resync', onResync);
    hub.emitter.off('access-ended', onAccessEnded);
    signal?.removeEventListener('abort', onAbort);
  };
  if (!hub.listening) {
    try {
      await hub.firstAttempt;
    } catch (error) {
      // Still not listening: refuse rather than promise events that cannot come. The client retries.
      if (!hub.listening) {
        stop();
        throw error;
      }
    }
  }
  // Decided after the listeners are on: an event from now on is queued, one before is in the hub's memory.
  const opening = first?.(hub);
  if (opening) queue.unshift(opening);

  async function* read(): AsyncGenerator<T, void, undefined> {
    started = true;
    try {
      while (!signal?.aborted) {
        // Nothing more for a reader who lost access, not even what was queued before.
        if (accessEnded) throw new AccessEndedError();
        const next = queue.shift();
        if (next) {
          yield next;
          continue;
        }
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
      }
    } finally {
      stop();
    }
  }
  return read();
}
