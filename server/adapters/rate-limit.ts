import 'server-only';
import { sql } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { rateLimits } from '@/db/schema';

export interface RateLimitResult {
  allowed: boolean;
  hits: number;
  /** When the current window ends and the count starts over. */
  resetAt: Date;
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
    .returning({ hits: rateLimits.hits, windowStart: rateLimits.windowStart });
  return { allowed: row!.hits <= limit, hits: row!.hits, resetAt: new Date(row!.windowStart.getTime() + windowSeconds * 1000) };
}

/** The client's address as the proxy in front of the app reports it (first hop of X-Forwarded-For). */
export function clientAddress(headers: Headers): string {
  return headers.get('x-forwarded-for')?.split(',')[0]?.trim() || headers.get('x-real-ip') || 'unknown';
}
