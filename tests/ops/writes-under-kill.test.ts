/**
 * The PostgreSQL server is killed (SIGKILL, no shutdown at all) in the middle of a run of writes
 * and started again. Every write the app acknowledged must be in the database afterwards, the
 * writes in between must fail quickly with "unavailable", and the app must serve again within
 * 10 s of the server being back, without a restart. In-process: the writes go through the app's
 * tRPC route handler, which asks getDatabase for the database on every request.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { accounts } from '@/db/schema';
import { startServer } from '@/server/runtime/startup';
import { findOrganizationBySlug, findUserByEmail } from '@/server/services/identity';
import { appClient } from '../helpers/app-requests';
import { TEST_PASSWORD, uniqueEmail } from '../helpers/factories';
import { isTRPCClientError } from '@/components/trpc';
import type { Queryable } from '@/db/client';
import { startPrivateCluster, type PrivateCluster } from '../helpers/private-cluster';

const session = vi.hoisted(() => ({ userId: null as string | null }));
// The session as the test sets it: the request context reads the person through signedInUserFromHeaders.
vi.mock('@/server/auth/config', () => {
  const currentUserId = () => Promise.resolve(session.userId);
  return {
    currentUserId,
    signedInUserFromHeaders: async (database: Queryable) => {
      const id = await currentUserId();
      return id ? (await import('@/server/services/identity')).findUserById(database, id) : null;
    },
  };
});

const WRITES = 300;
const KILL_AT = 100;
const DOWN_FOR_MS = 2_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let cluster: PrivateCluster;
beforeAll(async () => {
  cluster = await startPrivateCluster();
  Object.assign(process.env, { DATABASE_URL: cluster.url, JOBS_WORKER: 'off', SEED_DEMO: 'false' });
});
afterAll(() => cluster?.destroy());

describe('writes while the database server is killed and restarted', () => {
  it('loses no acknowledged write, fails fast meanwhile, and serves again within 10 s of the server', async () => {
    await startServer();
    const email = uniqueEmail('writer');
    const { orgSlug } = await appClient().auth.signUp.mutate({
      name: 'Writer',
      email,
      password: TEST_PASSWORD,
      organizationName: 'Writes',
    });
    session.userId = (await findUserByEmail(await getDb(), email))!.id;
    const client = appClient();

    const outage: { killedAt?: number; upAt?: number } = {};
    let restarted: Promise<void> = Promise.resolve();
    const acknowledged: string[] = [];
    const failures: Array<{ ms: number; shown: string }> = [];
    let servedAgainAt: number | null = null;

    const write = async (name: string) => {
      const began = Date.now();
      try {
        await client.account.create.mutate({ orgSlug, name });
        acknowledged.push(name);
        if (outage.upAt && !servedAgainAt) servedAgainAt = Date.now();
      } catch (error) {
        const shown = isTRPCClientError(error) ? `${error.data?.httpStatus} ${error.message}` : String(error);
        failures.push({ ms: Date.now() - began, shown });
        await sleep(100);
      }
    };

    for (let i = 0; i < WRITES; i += 1) {
      if (i === KILL_AT) {
        restarted = (async () => {
          await cluster.kill();
          outage.killedAt = Date.now();
          await sleep(DOWN_FOR_MS);
          await cluster.start();
          outage.upAt = Date.now();
        })();
      }
      await write(`Account ${String(i).padStart(3, '0')}`);
    }
    await restarted;
    // Should the loop have ended before the server was back, keep asking, as people would.
    for (let extra = 0; !servedAgainAt && extra < 300; extra += 1) await write(`Account late ${extra}`);

    const org = (await findOrganizationBySlug(await getDb(), orgSlug))!;
    const stored = new Set(
      (await (await getDb()).select({ name: accounts.name }).from(accounts).where(eq(accounts.orgId, org.id))).map((row) => row.name),
    );
    const found = acknowledged.filter((name) => stored.has(name));
    const recoverSeconds = (servedAgainAt! - outage.upAt!) / 1000;
    const kinds = [...new Set(failures.map((f) => f.shown))];
    console.log(
      `writes attempted ${acknowledged.length + failures.length}, acknowledged ${acknowledged.length}, ` +
        `found ${found.length} (lost ${acknowledged.length - found.length}); failed meanwhile ${failures.length} ` +
        `(slowest failure ${Math.max(0, ...failures.map((f) => f.ms))} ms: ${kinds.join(' | ')}); ` +
        `database down ${((outage.upAt! - outage.killedAt!) / 1000).toFixed(1)} s, seconds to recover after it was back: ${recoverSeconds.toFixed(1)}`,
    );

    expect(found).toEqual(acknowledged);
    expect(recoverSeconds).toBeLessThan(10);
    expect(failures.length).toBeGreaterThan(0);
    // Each failure was quick, and said what happened.
    expect(Math.max(...failures.map((f) => f.ms))).toBeLessThan(6_000);
    for (const failure of failures) expect(failure.shown).toMatch(/^503 /);
  });
});
