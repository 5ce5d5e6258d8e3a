import { afterAll } from 'vitest';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { Db } from '@/db/client';
import * as schema from '@/db/schema';

/*
 * Deterministic races on a PostgreSQL server (PGlite runs one transaction at a time, so these
 * races cannot happen there). A "blocker" connection takes a lock, two racing requests run up
 * to the point where they wait for it, the blocker lets go, and both continue at once.
 */

/** A pool whose connections carry an application_name, so the test can see when they wait. */
export function racingDb(url: string, applicationName: string): Db {
  const client = postgres(url, { max: 4, onnotice: () => {}, connection: { application_name: applicationName } });
  afterAll(() => client.end());
  return drizzle({ client, schema, casing: 'snake_case' });
}

/**
 * Holds `lock` (run on a connection of its own, in an open transaction) while `race` starts;
 * waits until `waiters` backends of `applicationName` are blocked on a lock (at most 5 s), then
 * commits the blocker and returns what each racer ended with.
 */
export async function raceBehindLock<T>(
  url: string,
  applicationName: string,
  lock: (sql: postgres.TransactionSql) => Promise<unknown>,
  waiters: number,
  racers: Array<() => Promise<T>>,
): Promise<Array<PromiseSettledResult<T>>> {
  const blocker = postgres(url, { max: 1, onnotice: () => {} });
  const watcher = postgres(url, { max: 1, onnotice: () => {} });
  try {
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked = () => {};
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const holding = blocker.begin(async (sql) => {
      await lock(sql);
      locked();
      await released;
    });
    await lockTaken;

    const racing = Promise.allSettled(racers.map((run) => run()));
    for (const deadline = Date.now() + 5_000; Date.now() < deadline;) {
      const [row] = await watcher<Array<{ n: number }>>`
        select count(*)::int as n from pg_stat_activity
         where datname = current_database() and application_name = ${applicationName} and wait_event_type = 'Lock'`;
      if ((row?.n ?? 0) >= waiters) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    release();
    await holding;
    return await racing;
  } finally {
    await blocker.end();
    await watcher.end();
  }
}
