/**
 * A connection the database drops in the middle of a query. Unmended, the PostgreSQL driver
 * (postgres 3.4.9) writes the transaction's ROLLBACK to a socket that is gone, from a timer:
 * an uncaught TypeError that ends the app process, and the first query on the reconnected pool
 * fails with the old connection's "terminating connection" error. `postinstall` mends both
 * (scripts/patch-postgres-driver.mjs); these tests end a backend the way a restarting or
 * overloaded server does and check that only the query in flight fails.
 */
import { sql as drizzleSql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '@/db/client';
import { startPrivateCluster, type PrivateCluster } from '../helpers/private-cluster';

let cluster: PrivateCluster;
/** The test's own connection, which ends the other connections' backends. */
let admin: postgres.Sql;
const uncaught: unknown[] = [];
const recordUncaught = (error: unknown) => uncaught.push(error);

beforeAll(async () => {
  cluster = await startPrivateCluster();
  admin = postgres(cluster.url, { max: 1, onnotice: () => {} });
  process.on('uncaughtException', recordUncaught);
});

afterAll(async () => {
  process.off('uncaughtException', recordUncaught);
  await admin?.end({ timeout: 1 });
  await cluster?.destroy();
});

afterEach(() => {
  uncaught.length = 0;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Ends the backend of whichever connection is running `pg_sleep`, once it is running. */
async function terminateSleepingBackend(): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const ended = await admin<{ ok: boolean }[]>`
      select pg_terminate_backend(pid) as ok from pg_stat_activity
      where query like '%pg_sleep%' and pid <> pg_backend_pid()`;
    if (ended.length > 0) return;
    await sleep(20);
  }
  throw new Error('no backend ran pg_sleep within 2 s');
}

/** The error code a promise rejects with, or 'resolved'. */
const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: { code?: string; message?: string }) => error.code ?? error.message ?? 'rejected',
  );

describe('the database drops a connection in the middle of a query', () => {
  it('a transaction fails with CONNECTION_CLOSED, the process lives on, and the next queries succeed', async () => {
    const sql = postgres(cluster.url, { max: 1, onnotice: () => {} });
    try {
      for (let round = 1; round <= 3; round += 1) {
        // The outcome is read before the backend ends: a rejection with no handler yet is an error of its own.
        const transaction = outcome(
          sql.begin(async (tx) => {
            await tx`select pg_sleep(5)`;
          }),
        );
        await terminateSleepingBackend();
        expect(await transaction, `round ${round}`).toBe('CONNECTION_CLOSED');
        // The driver's ROLLBACK runs from a timer; give it its turn before looking.
        await sleep(50);
        expect(uncaught, `round ${round}`).toEqual([]);
        expect(await sql`select ${round}::int as round`, `round ${round}`).toEqual([{ round }]);
      }
    } finally {
      await sql.end({ timeout: 5 });
    }
  });

  it('a plain query fails alone: the very next query is served by a new connection', async () => {
    const sql = postgres(cluster.url, { max: 1, onnotice: () => {} });
    try {
      const query = sql`select pg_sleep(5)`;
      const result = outcome(query);
      await terminateSleepingBackend();
      expect(await result).toBe('CONNECTION_CLOSED');
      expect(await sql`select 1::int as one`).toEqual([{ one: 1 }]);
      expect(uncaught).toEqual([]);
    } finally {
      await sql.end({ timeout: 5 });
    }
  });

  it("the app's own transactions (Drizzle over the driver) behave the same", async () => {
    const app: Database = openPostgres(cluster.url, { max: 1 });
    try {
      const transaction = app.db.transaction(async (tx) => {
        await tx.execute(drizzleSql`select pg_sleep(5)`);
      });
      const result = outcome(transaction);
      await terminateSleepingBackend();
      expect(await result).toBe('CONNECTION_CLOSED');
      await sleep(50);
      expect(uncaught).toEqual([]);
      const rows = await app.db.execute<{ seven: number }>(drizzleSql`select 7::int as seven`);
      expect(Array.from(rows as Iterable<{ seven: number }>)).toEqual([{ seven: 7 }]);
    } finally {
      await app.close();
    }
  });
});
