import 'server-only';
import { EventEmitter } from 'node:events';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { Db, Queryable, Tx } from '@/db/client';

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

/** What a subscription to one account yields. */
export type AccountStreamEvent = AccountEvent | ResyncEvent;

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
): { kind: 'event'; event: OrgAccountEvent } | { kind: 'access-ended'; notice: AccessEndedNotice } | null {
  try {
    const event = JSON.parse(payload) as Omit<Partial<OrgAccountEvent>, 'type'> & { type?: string; userId?: unknown };
    if (event.type === ACCESS_ENDED && typeof event.userId === 'string') {
      return { kind: 'access-ended', notice: { userId: event.userId, orgId: typeof event.orgId === 'string' ? event.orgId : undefined } };
    }
    return typeof event.orgId === 'string' && typeof event.accountId === 'string' && typeof event.type === 'string'
      ? { kind: 'event', event: event as unknown as OrgAccountEvent }
      : null;
  } catch {
    return null;
  }
}

function hubFor(db: Db): EventHub {
  const client = listeningClientOf(db);
  const existing = hubs.get(client.key);
  if (existing) return existing;

  const emitter = new EventEmitter();
  // Every open account page adds a listener; that is expected, not a leak.
  emitter.setMaxListeners(0);
  let listens = 0;
  const hub: EventHub = { emitter, listening: false, firstAttempt: Promise.resolve() };
  hub.firstAttempt = client
    .listen(
      EVENTS_CHANNEL,
      (payload) => {
        const parsed = parseEvent(payload);
        if (parsed?.kind === 'event') emitter.emit('event', parsed.event);
        if (parsed?.kind === 'access-ended') emitter.emit('access-ended', parsed.notice);
      },
      () => {
        hub.listening = true;
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
 */
export async function accountEvents(
  db: Db,
  orgId: string,
  accountId: string,
  signal?: AbortSignal,
  readerUserId?: string,
): Promise<AsyncGenerator<AccountStreamEvent, void, undefined>> {
  const hub = hubFor(db);
  const queue: AccountStreamEvent[] = [];
  let wake: (() => void) | null = null;
  let accessEnded = false;
  const onAccessEnded = (notice: AccessEndedNotice) => {
    if (!readerUserId || notice.userId !== readerUserId || (notice.orgId && notice.orgId !== orgId)) return;
    accessEnded = true;
    wake?.();
  };
  const onEvent = (event: OrgAccountEvent) => {
    if (event.orgId !== orgId || event.accountId !== accountId) return;
    const { orgId: _org, ...accountEvent } = event;
    queue.push(accountEvent);
    wake?.();
  };
  const onResync = () => {
    // One refetch covers any number of gaps the consumer has not read yet.
    if (queue.at(-1)?.type !== 'resync') queue.push({ type: 'resync', accountId });
    wake?.();
  };
  let started = false;
  const onAbort = () => {
    wake?.();
    // Aborted before anyone read from it: the generator's own cleanup would never run.
    if (!started) stop();
  };
  hub.emitter.on('event', onEvent);
  hub.emitter.on('resync', onResync);
  hub.emitter.on('access-ended', onAccessEnded);
  signal?.addEventListener('abort', onAbort);
  const stop = () => {
    hub.emitter.off('event', onEvent);
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

  async function* read(): AsyncGenerator<AccountStreamEvent, void, undefined> {
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
