import 'server-only';
import path from 'node:path';
import { getDatabase, pgliteDataDir } from '@/db/client';
import { demoSeedWanted, DEMO_PASSWORD, DEMO_PEOPLE, seedDemoOrganization } from '@/server/demo/seed';
import type { Db } from '@/db/client';
import { requireAppRole } from './app-role-check';
import { startJobWorker, type JobWorker } from './worker';

/**
 * Called once from instrumentation.ts when the Node.js server starts: checks the configuration,
 * opens the database (applying migrations) and seeds the demo organization, before the first
 * request is served.
 */
export async function startServer(): Promise<void> {
  if (process.env.NODE_ENV === 'production' && !process.env.AUTH_SECRET) {
    console.error(
      '\nRung cannot start: AUTH_SECRET is not set.\n' +
        'It signs session cookies. Generate one with `openssl rand -base64 32` and set AUTH_SECRET in the environment.\n',
    );
    process.exit(1);
  }

  const database = await getDatabase();
  await requireAppRole(database);
  startBackgroundJobs(database.db);
  if (!demoSeedWanted()) return;
  const created = await seedDemoOrganization(database.db);
  const [owner, , , viewer] = DEMO_PEOPLE;
  const where =
    database.kind === 'pglite' ? `the embedded database (${path.relative(process.cwd(), pgliteDataDir())})` : 'the PostgreSQL server';
  console.log(
    `\n  Rung ${created ? 'created' : 'has'} a demo organization on ${where}.\n` +
      `  Sign in at http://localhost:${process.env.PORT ?? 3000}/sign-in as\n` +
      `    ${owner.email} / ${DEMO_PASSWORD}  (owner)\n` +
      `    ${viewer.email} / ${DEMO_PASSWORD}  (viewer, read-only)\n`,
  );
}

const running = globalThis as typeof globalThis & { __rungJobWorker?: JobWorker };

/**
 * The worker that sends campaign emails and reminders (server/runtime/worker.ts), one per server process
 * (kept on globalThis so hot reload never starts a second). JOBS_WORKER=off leaves the jobs to
 * other processes on the same database; JOBS_POLL_MS sets how often it looks for due work.
 * A stop signal ends polling; a job in flight either commits or is taken over after its lease.
 */
function startBackgroundJobs(db: Db): void {
  if (process.env.JOBS_WORKER === 'off' || running.__rungJobWorker) return;
  const intervalMs = Number(process.env.JOBS_POLL_MS) || 3000;
  const worker = startJobWorker(db, { intervalMs });
  running.__rungJobWorker = worker;
  // Stop polling on a stop signal; if nobody else handles the signal, end the process as it would have.
  const stop = (signal: NodeJS.Signals) =>
    void worker.stop().finally(() => {
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
