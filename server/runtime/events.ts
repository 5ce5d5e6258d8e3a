import 'server-only';
import { EventEmitter } from 'node:events';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';

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

/* ---------------------------------------------------------------------------------------------
 * The listening side. Each process holds ONE `LISTEN` on EVENTS_CHANNEL per database client
 * (PGlite in-process, or a dedicated postgres.js connection that reconnects by itself) and fans
 * the notifications out in memory, so a thousand open account pages cost one connection, not
 * a thousand.
 * ------------------------------------------------------------------------------------------- */

/** What a listener receives: the published event plus the organization it belongs to. */
interface OrgAccountEvent extends AccountEvent {
  orgId: string;
}

interface ListeningClient {
  listen(channel: string, onNotify: (payload: string) => void): Promise<unknown>;
}

interface EventHub {
  emitter: EventEmitter;
  /** Resolves once the LISTEN is in place: events published after that are never missed. */
  ready: Promise<void>;
}

// On globalThis so that hot reload in `next dev` keeps one LISTEN per client, not one per reload.
const hubs = ((globalThis as typeof globalThis & { __rungEventHubs?: WeakMap<object, EventHub> }).__rungEventHubs ??= new WeakMap());

/** The driver's own client under Drizzle: a PGlite instance or a postgres.js `Sql`; both have `listen`. */
function listeningClientOf(db: Db): ListeningClient & object {
  const client = (db as unknown as { $client?: unknown }).$client;
  if (!client || typeof (client as Partial<ListeningClient>).listen !== 'function') {
    throw new Error('This database client cannot LISTEN for account events');
  }
  return client as ListeningClient & object;
}

function parseEvent(payload: string): OrgAccountEvent | null {
  try {
    const event = JSON.parse(payload) as Partial<OrgAccountEvent>;
    return typeof event.orgId === 'string' && typeof event.accountId === 'string' && typeof event.type === 'string'
      ? (event as OrgAccountEvent)
      : null;
  } catch {
    return null;
  }
}

function hubFor(db: Db): EventHub {
  const client = listeningClientOf(db);
  let hub = hubs.get(client);
  if (!hub) {
    const emitter = new EventEmitter();
    // Every open account page adds a listener; that is expected, not a leak.
    emitter.setMaxListeners(0);
    const ready = client
      .listen(EVENTS_CHANNEL, (payload) => {
        const event = parseEvent(payload);
        if (event) emitter.emit('event', event);
      })
      .then(() => undefined);
    hub = { emitter, ready };
    hubs.set(client, hub);
    // A failed LISTEN must not stay cached: the next subscriber tries again.
    ready.catch(() => hubs.delete(client));
  }
  return hub;
}

/**
 * The events of one account of one organization, as they are committed, until `signal` aborts
 * or the consumer stops iterating. Listening starts when this is called (not at the first
 * `next()`), so nothing committed after `await accountEvents(...)` returns is missed.
 */
export async function accountEvents(
  db: Db,
  orgId: string,
  accountId: string,
  signal?: AbortSignal,
): Promise<AsyncGenerator<AccountEvent, void, undefined>> {
  const hub = hubFor(db);
  const queue: AccountEvent[] = [];
  let wake: (() => void) | null = null;
  const onEvent = (event: OrgAccountEvent) => {
    if (event.orgId !== orgId || event.accountId !== accountId) return;
    const { orgId: _org, ...accountEvent } = event;
    queue.push(accountEvent);
    wake?.();
  };
  let started = false;
  const onAbort = () => {
    wake?.();
    // Aborted before anyone read from it: the generator's own cleanup would never run.
    if (!started) stop();
  };
  hub.emitter.on('event', onEvent);
  signal?.addEventListener('abort', onAbort);
  const stop = () => {
    hub.emitter.off('event', onEvent);
    signal?.removeEventListener('abort', onAbort);
  };
  try {
    await hub.ready;
  } catch (error) {
    stop();
    throw error;
  }

  async function* read(): AsyncGenerator<AccountEvent, void, undefined> {
    started = true;
    try {
      while (!signal?.aborted) {
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
