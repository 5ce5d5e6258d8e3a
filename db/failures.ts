import { DATABASE_UNAVAILABLE_DIGEST } from '@/lib/database-unavailable';

/**
 * The app has no open database: the server is down or unreachable, or has not come back yet. The
 * next attempt to open it is due soon (see getDatabase). The digest reaches a page's error boundary.
 */
export class DatabaseUnavailableError extends Error {
  readonly code = 'DATABASE_UNAVAILABLE';
  readonly digest = DATABASE_UNAVAILABLE_DIGEST;
  constructor(cause?: unknown) {
    super("The database can't be reached", { cause });
    this.name = 'DatabaseUnavailableError';
  }
}

/** No pooled connection came free in time: every connection is busy (see db/pool-gate.ts). */
export class PoolTimeoutError extends Error {
  readonly code = 'POOL_TIMEOUT';
  constructor(waitedMs: number) {
    super(`No database connection came free within ${waitedMs} ms`);
    this.name = 'PoolTimeoutError';
  }
}

/*
 * Codes that say the database, or the way to it, is gone: socket errors, postgres.js's own
 * connection errors, SQLSTATE class 08 (connection exception) and the server shutting down,
 * crashing or still starting up. Nothing the query itself did; the same query works once the
 * server is back.
 */
const UNREACHABLE = new Set([
  'DATABASE_UNAVAILABLE',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down, in recovery)
]);

/*
 * Codes that say the database is there but too busy to do this now: a lock held elsewhere for
 * longer than lock_timeout, a statement over statement_timeout, a session ended for idling in a
 * transaction, no free connection. The transaction rolled back; trying again later may work.
 */
const BUSY = new Set([
  'POOL_TIMEOUT',
  '55P03', // lock_not_available (lock_timeout)
  '57014', // query_canceled (statement_timeout)
  '25P03', // idle_in_transaction_session_timeout
  '53300', // too_many_connections
]);

export type DatabaseTrouble = 'unavailable' | 'busy';

/**
 * Whether an error, or anything in its chain of causes (Drizzle and tRPC wrap the driver's), means
 * the database is unreachable or busy rather than that the request was wrong; null otherwise.
 */
export function databaseTrouble(error: unknown): DatabaseTrouble | null {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0) {
    const current = pending.pop();
    if (!current || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const { code, cause, errors } = current as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string') {
      if (UNREACHABLE.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return 'unavailable';
      if (BUSY.has(code)) return 'busy';
    }
    pending.push(cause);
    // A connection to a name with several addresses fails with an AggregateError of one error per address.
    if (Array.isArray(errors)) pending.push(...(errors as unknown[]));
  }
  return null;
}
