import 'server-only';
import path from 'node:path';
import { databaseTimeouts, getDatabase, pgliteDataDir, type Database } from '@/db/client';
import { DataDirInUseError } from '@/db/data-dir-lock';
import { appUrl, appUrlProblem } from '@/lib/app-url';
import { DatabaseUnavailableError } from '@/db/failures';
import { DEMO_PASSWORD, DEMO_PEOPLE, seedDemoIfWanted } from '@/server/demo/seed';
import type { Db } from '@/db/client';
import { requireAppRole } from './app-role-check';
import { startJobWorker, type JobWorker } from './worker';

/**
 * Called once from instrumentation.ts when the Node.js server starts: checks the configuration,
 * opens the database (applying migrations), starts the job worker and seeds the demo organization.
 * A database that cannot be reached yet does not stop the server: it starts anyway, answers
 * "unavailable" (503) meanwhile, and finishes this work as soon as the database is there, without
 * a restart. Next.js would otherwise answer every request, static pages included, with a 500
 * for as long as the process lives. Only what a restart cannot fix either ends the process.
 */
export async function startServer(): Promise<void> {
  if (process.env.NODE_ENV === 'production' && !process.env.AUTH_SECRET) {
    console.error(
      '\nRung cannot start: AUTH_SECRET is not set.\n' +
        'It signs session cookies. Generate one with `openssl rand -base64 32` and set AUTH_SECRET in the environment.\n',
    );
    process.exit(1);
  }
  const appUrlTrouble = appUrlProblem();
  if (appUrlTrouble) exitWith(appUrlTrouble);
  try {
    databaseTimeouts();
  } catch (error) {
    exitWith((error as Error).message);
  }

  let database: Database;
  try {
    database = await getDatabase();
  } catch (error) {
    const cause = error instanceof DatabaseUnavailableError ? error.cause : error;
    // Another process holds the embedded database: exit, so that a supervisor restarts us once it is free.
    if (cause instanceof DataDirInUseError) exitWith(cause.message);
    console.error(`Rung: the database can't be reached yet (${describe(cause)}); serving "unavailable" until it can.`);
    void waitForDatabase()
      .then(async (opened) => {
        console.log('Rung: the database is reachable; starting up.');
        await whenOpen(opened);
      })
      .catch((failure: unknown) => console.error('Rung: starting up after the database came back failed', failure));
    return;
  }
  await whenOpen(database);
}

/** One line on standard error and a non-zero exit: a supervisor restarts the process, and its log says why. */
function exitWith(message: string): never {
  console.error(`Rung cannot start: ${message}`);
  process.exit(1);
}

/** The innermost cause's message ("connect ECONNREFUSED 10.0.0.5:5432"), not a wrapper's ("Failed query: …"). */
function describe(error: unknown): string {
  let innermost = error;
  while (innermost instanceof Error && innermost.cause) innermost = innermost.cause;
  const text = innermost instanceof Error ? innermost.message || innermost.name : String(innermost);
  return text.split('\n')[0]!;
}

/** Asks for the database until it opens. getDatabase spaces the real attempts out; asking in between costs nothing. */
async function waitForDatabase(): Promise<Database> {
  for (;;) {
    try {
      return await getDatabase();
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250).unref());
    }
  }
}

async function whenOpen(database: Database): Promise<void> {
  await requireAppRole(database);
  startBackgroundJobs(database.db);
  const seeded = await seedDemoIfWanted(database.db);
  if (seeded === 'skipped') return;
  const created = seeded === 'created';
  const [owner, , , viewer] = DEMO_PEOPLE;
  const where =
    database.kind === 'pglite' ? `the embedded database (${path.relative(process.cwd(), pgliteDataDir())})` : 'the PostgreSQL server';
  console.log(
    `\n  Rung ${created ? 'created' : 'has'} a demo organization on ${where}.\n` +
      `  Sign in at ${appUrl()}/sign-in as\n` +
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
