import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';

/** How long the health check waits for the database before it answers "unavailable". */
const HEALTH_TIMEOUT_MS = 2000;

/**
 * Whether the database answers a trivial query within a short time. Cheap to poll: one
 * `select 1`, and while the database is down a failed connection attempt at most (none at all
 * between the app's spaced-out attempts to open it).
 */
export async function databaseIsHealthy(): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), HEALTH_TIMEOUT_MS);
  });
  const check = (async () => {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return true;
  })().catch(() => false);
  try {
    return await Promise.race([check, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
