import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { rateLimits } from '@/db/schema';
import { CLIENT_ADDRESS_HEADER, CLIENT_ADDRESS_SERVER_MARK, normalizeAddress, rateLimitBucket } from '@/lib/client-address.mjs';

export interface RateLimitResult {
  allowed: boolean;
  hits: number;
  /** When the current window ends and the count starts over. */
  resetAt: Date;
  /** Which hit this was, for refundRateLimit: the key and its window's start, exactly as stored. */
  hit: { key: string; windowStart: string };
}

/**
 * Counts one hit for `key` in a fixed window and says whether it is still within `limit`.
 * One upsert, atomic in the database, so it holds across app instances on one PostgreSQL server.
 * Inside a transaction (withOrg may count: rung_app may write this table), the hit holds only if
 * the transaction commits.
 */
export async function hitRateLimit(db: Queryable, key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
  const window = sql`make_interval(secs => ${windowSeconds})`;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: sql`now()`, hits: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        hits: sql`case when ${rateLimits.windowStart} <= now() - ${window} then 1 else ${rateLimits.hits} + 1 end`,
        windowStart: sql`case when ${rateLimits.windowStart} <= now() - ${window} then now() else ${rateLimits.windowStart} end`,
      },
    })
    .returning({ hits: rateLimits.hits, windowStart: rateLimits.windowStart, exactStart: sql<string>`${rateLimits.windowStart}::text` });
  return {
    allowed: row!.hits <= limit,
    hits: row!.hits,
    resetAt: new Date(row!.windowStart.getTime() + windowSeconds * 1000),
    hit: { key, windowStart: row!.exactStart },
  };
}

/**
 * Takes back one hit, for a limit that counts only some outcomes (sign-in counts failures): count
 * first, so that concurrent attempts cannot all pass a check before any of them is counted, then
 * refund the ones that turn out not to count. A refund for a window that has since started over
 * does nothing.
 */
export async function refundRateLimit(db: Queryable, { key, windowStart }: RateLimitResult['hit']): Promise<void> {
  await db
    .update(rateLimits)
    .set({ hits: sql`greatest(${rateLimits.hits} - 1, 0)` })
    .where(and(eq(rateLimits.key, key), eq(rateLimits.windowStart, sql`${windowStart}::timestamptz`)));
}

/**
 * The client as rate limits count it: its address as server.mjs saw it (see lib/client-address.mjs
 * and TRUST_PROXY_HOPS), an IPv6 client by its /64 network. Without server.mjs in this process the
 * header may come straight from the client, so it is not read: every client then shares the one
 * bucket 'unknown', which throttles too much rather than letting anyone out of a limit.
 */
export function clientAddress(headers: Headers): string {
  const trusted = (globalThis as { [CLIENT_ADDRESS_SERVER_MARK]?: boolean })[CLIENT_ADDRESS_SERVER_MARK] === true;
  const address = trusted ? normalizeAddress(headers.get(CLIENT_ADDRESS_HEADER)) : null;
  if (!address) warnOnceWithoutServer(trusted);
  return address ? rateLimitBucket(address) : 'unknown';
}

let warned = false;
function warnOnceWithoutServer(trusted: boolean) {
  if (warned) return;
  warned = true;
  console.warn(
    trusted
      ? `A request reached the app without the ${CLIENT_ADDRESS_HEADER} header: rate limits count it as 'unknown'.`
      : "Rung is running without server.mjs (npm start): rate limits cannot tell clients apart and count every one as 'unknown'.",
  );
}
