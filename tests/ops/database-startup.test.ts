/**
 * The app starts while its PostgreSQL server is down, then the server comes up. Run in-process:
 * startServer is what instrumentation.ts runs when Next.js starts, and the requests go through
 * the app's own route handlers. Under Next.js, a startServer that throws leaves every request,
 * sign-in page included, answering 500 for as long as the process lives, so it must not throw;
 * and the database must be opened again once it is there, without a restart.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { messages } from '@/i18n/messages';
import { startServer } from '@/server/runtime/startup';
import { appClient, health } from '../helpers/app-requests';
import { TEST_PASSWORD, uniqueEmail } from '../helpers/factories';
import { shownError } from '../helpers/http';
import type { Queryable } from '@/db/client';
import { startPrivateCluster, type PrivateCluster } from '../helpers/private-cluster';

// The session as the test sets it: the request context reads the person through signedInUserFromHeaders.
vi.mock('@/server/auth/config', () => {
  const currentUserId = () => Promise.resolve(null);
  return {
    currentUserId,
    signedInUserFromHeaders: async (database: Queryable) => {
      const id = await currentUserId();
      return id ? (await import('@/server/services/identity')).findUserById(database, id) : null;
    },
  };
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const signUp = (locale: 'en' | 'sv' = 'en') =>
  appClient(locale).auth.signUp.mutate({
    name: 'Early Bird',
    email: uniqueEmail('early'),
    password: TEST_PASSWORD,
    organizationName: 'Early',
  });

let cluster: PrivateCluster;
beforeAll(async () => {
  cluster = await startPrivateCluster();
  await cluster.stop('fast');
  Object.assign(process.env, { DATABASE_URL: cluster.url, JOBS_WORKER: 'off', SEED_DEMO: 'false' });
});
afterAll(() => cluster?.destroy());

describe('the app started before its database', () => {
  it('answers "unavailable" quickly while the database is down, and serves within 10 s of it coming up, without a restart', async () => {
    // As Next.js does with a failing instrumentation hook: note the error and serve anyway.
    let startupError: unknown = null;
    await startServer().catch((error: unknown) => (startupError = error));

    for (const locale of ['en', 'sv'] as const) {
      const asked = Date.now();
      const shown = await shownError(signUp(locale));
      expect(Date.now() - asked).toBeLessThan(3_000);
      expect(shown).toMatchObject({ httpStatus: 503, code: 'SERVICE_UNAVAILABLE', message: messages[locale].errors.databaseUnavailable });
    }
    expect(await health()).toEqual({ status: 503, body: { status: 'unavailable' } });

    await cluster.start();
    const up = Date.now();
    let served: Awaited<ReturnType<typeof signUp>> | null = null;
    while (!served && Date.now() - up < 30_000) {
      served = await signUp().catch(() => sleep(100).then(() => null));
    }
    const seconds = (Date.now() - up) / 1000;
    console.log(`database up → first sign-up served: ${seconds.toFixed(1)} s (no restart)`);
    expect(served?.orgSlug).toBeTruthy();
    expect(seconds).toBeLessThan(10);
    expect(await health()).toEqual({ status: 200, body: { status: 'ok' } });
    expect(startupError).toBeNull();
  });
});
