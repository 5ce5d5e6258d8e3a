import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { uuidv7 } from '@/db/ids';
import { jobs } from '@/db/schema';
import { withOrg } from '@/db/tenant';

/*
 * Durable jobs in Postgres (docs/jobs.md). A job is enqueued in the transaction of the change
 * that causes it, so it exists exactly when that change commits. Workers (any number of app
 * processes on one database) claim due jobs with FOR UPDATE SKIP LOCKED and a lease; each job's
 * work and its "done" mark commit in ONE transaction inside withOrg, which first re-checks that
 * this worker still holds the claim. So a job is done at most once, and a worker that dies
 * leaves a claim whose lease runs out and another worker takes the job over.
 */

/** How long a claim holds before another worker may take the job over (the holder is presumed dead). */
export const JOB_LEASE_MS = 5 * 60 * 1000;
const BACKOFF_BASE_MS = 60 * 1000;
const BACKOFF_MAX_MS = 60 * 60 * 1000;

/** Wait after the n-th failed attempt: 1, 2, 4, 8 ... minutes, at most an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

export interface NewJob {
  orgId: string;
  kind: string;
  payload: Record<string, unknown>;
  /** Unique per organization: enqueueing the same key again is a no-op. */
  idempotencyKey: string;
  runAt?: Date;
  maxAttempts?: number;
}

/**
 * Enqueues inside the caller's transaction (withOrg); returns how many jobs were new. The rows
 * travel as one JSON parameter (jsonb_to_recordset): a campaign enqueues thousands at once.
 */
export async function enqueueJobs(tx: Tx, newJobs: NewJob[]): Promise<number> {
  if (newJobs.length === 0) return 0;
  const rows = newJobs.map((job) => ({
    org_id: job.orgId,
    id: uuidv7(),
    kind: job.kind,
    payload: job.payload,
    idempotency_key: job.idempotencyKey,
    run_at: (job.runAt ?? new Date()).toISOString(),
    max_attempts: job.maxAttempts ?? 8,
  }));
  const result: unknown = await tx.execute(sql`
    insert into jobs (org_id, id, kind, payload, idempotency_key, run_at, max_attempts)
    select org_id, id, kind, payload, idempotency_key, run_at, max_attempts
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as t(org_id uuid, id uuid, kind text, payload jsonb, idempotency_key text, run_at timestamptz, max_attempts int)
    on conflict (org_id, idempotency_key) do nothing
    returning id`);
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows).length;
}

export interface ClaimedJob {
  orgId: string;
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
}

/**
 * Claims up to `limit` due jobs for `workerId` across all organizations (the owner connection:
 * row-level security does not apply to it). A job is due when its time has come and nobody holds
 * a live claim on it; rows another worker is claiming right now are skipped, not waited for.
 */
export async function claimJobs(db: Db, options: { workerId: string; limit: number; now?: Date; leaseMs?: number }): Promise<ClaimedJob[]> {
  const now = options.now ?? new Date();
  const lockedUntil = new Date(now.getTime() + (options.leaseMs ?? JOB_LEASE_MS));
  const result: unknown = await db.execute(sql`
    with due as (
      select org_id, id from jobs
       where done_at is null and failed_at is null
         and run_at <= ${now.toISOString()}::timestamptz
         and (locked_until is null or locked_until < ${now.toISOString()}::timestamptz)
         -- An organization scheduled for deletion sends nothing; restored, its jobs run again.
         and not exists (select 1 from organizations o where o.id = jobs.org_id and o.deletion_requested_at is not null)
       order by run_at, id
       limit ${options.limit}
       for update skip locked
    )
    update jobs set locked_by = ${options.workerId}, locked_until = ${lockedUntil.toISOString()}::timestamptz,
                    attempts = jobs.attempts + 1, updated_at = now()
      from due
     where jobs.org_id = due.org_id and jobs.id = due.id
    returning jobs.org_id, jobs.id, jobs.kind, jobs.payload, jobs.attempts, jobs.max_attempts`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<{
    org_id: string;
    id: string;
    kind: string;
    payload: Record<string, unknown> | string;
    attempts: number;
    max_attempts: number;
  }>;
  return rows.map((row) => ({
    orgId: row.org_id,
    id: row.id,
    kind: row.kind,
    payload: typeof row.payload === 'string' ? (JSON.parse(row.payload) as Record<string, unknown>) : row.payload,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
  }));
}

/** What a job's work gets: the organization's transaction and the time the worker runs at. */
interface JobRun {
  tx: Tx;
  job: ClaimedJob;
  now: Date;
}

export interface JobHandler {
  /** The work. Throwing rolls it back and schedules a retry (or gives up after the last attempt). */
  run(run: JobRun): Promise<void>;
  /** After a failed attempt that will be retried at `nextRunAt`: say why where people see it. */
  retrying?(run: JobRun, reason: string, nextRunAt: Date): Promise<void>;
  /** After the last attempt failed: record the outcome where people see it. */
  giveUp?(run: JobRun, reason: string): Promise<void>;
}

/** The claim was taken over by another worker (this one was too slow): leave the job alone. */
class ClaimLost extends Error {}

/**
 * Thrown by a job's work that may not run yet, for a reason that is no failure (an hourly limit
 * reached): its transaction rolls back, the job runs again at `at`, and the attempt does not count
 * towards giving up.
 */
export class NotYet extends Error {
  constructor(
    readonly at: Date,
    reason: string,
  ) {
    super(reason);
  }
}

/** Locks the job row in this transaction, if this worker still holds the claim and nobody finished it. */
async function holdClaim(tx: Tx, job: ClaimedJob, workerId: string) {
  const [row] = await tx
    .select({ attempts: jobs.attempts, maxAttempts: jobs.maxAttempts })
    .from(jobs)
    .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, workerId), isNull(jobs.doneAt), isNull(jobs.failedAt)))
    .for('update');
  return row ?? null;
}

export interface RunResult {
  claimed: number;
  done: number;
  retried: number;
  failed: number;
  /** Not run yet, without counting as an attempt (NotYet). */
  postponed: number;
}

/**
 * Claims due jobs and runs them one after the other. Each job's work commits together with its
 * "done" mark, inside withOrg for the job's organization; a failure rolls the work back and
 * schedules the next attempt after an exponential backoff, or gives up after the last one.
 */
export async function runJobs(
  db: Db,
  handlers: Record<string, JobHandler>,
  options: { workerId: string; limit?: number; now?: Date; leaseMs?: number; concurrency?: number },
): Promise<RunResult> {
  const now = options.now ?? new Date();
  const claimed = await claimJobs(db, { workerId: options.workerId, limit: options.limit ?? 20, now, leaseMs: options.leaseMs });
  return runClaimedJobs(db, handlers, claimed, { workerId: options.workerId, now, concurrency: options.concurrency });
}

/**
 * Runs jobs this worker claimed. A job whose claim was meanwhile taken over (this worker was
 * presumed dead) or finished by someone else is left alone.
 */
export async function runClaimedJobs(
  db: Db,
  handlers: Record<string, JobHandler>,
  claimed: ClaimedJob[],
  options: { workerId: string; now?: Date; concurrency?: number },
): Promise<RunResult> {
  const now = options.now ?? new Date();
  const result: RunResult = { claimed: claimed.length, done: 0, retried: 0, failed: 0, postponed: 0 };
  // A few jobs at a time, each in its own transaction (on a server, its own connection).
  const queue = [...claimed];
  const lanes = Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 1, queue.length)) }, async () => {
    for (let job = queue.shift(); job; job = queue.shift()) await runOne(job);
  });
  await Promise.all(lanes);
  return result;

  async function runOne(job: ClaimedJob) {
    const handler = handlers[job.kind];
    try {
      await withOrg(db, job.orgId, async (tx) => {
        if (!(await holdClaim(tx, job, options.workerId))) throw new ClaimLost();
        if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
        await handler.run({ tx, job, now });
        await tx.update(jobs).set({ doneAt: now, lockedUntil: null, lastError: null }).where(eq(jobs.id, job.id));
      });
      result.done += 1;
    } catch (error) {
      if (error instanceof ClaimLost) return;
      if (error instanceof NotYet) {
        const postponed = await withOrg(db, job.orgId, async (tx) => {
          if (!(await holdClaim(tx, job, options.workerId))) return false;
          await tx
            .update(jobs)
            .set({ runAt: error.at, attempts: sql`${jobs.attempts} - 1`, lastError: error.message, lockedUntil: null, lockedBy: null })
            .where(eq(jobs.id, job.id));
          await handler?.retrying?.({ tx, job, now }, error.message, error.at);
          return true;
        });
        if (postponed) result.postponed += 1;
        return;
      }
      const reason = (error instanceof Error ? error.message : String(error)).slice(0, 500) || 'unknown error';
      const outcome = await withOrg(db, job.orgId, async (tx) => {
        const held = await holdClaim(tx, job, options.workerId);
        if (!held) return 'lost' as const;
        if (held.attempts >= held.maxAttempts) {
          await tx.update(jobs).set({ failedAt: now, lastError: reason, lockedUntil: null, lockedBy: null }).where(eq(jobs.id, job.id));
          await handler?.giveUp?.({ tx, job, now }, reason);
          return 'failed' as const;
        }
        const runAt = new Date(now.getTime() + backoffMs(held.attempts));
        await tx.update(jobs).set({ runAt, lastError: reason, lockedUntil: null, lockedBy: null }).where(eq(jobs.id, job.id));
        await handler?.retrying?.({ tx, job, now }, reason, runAt);
        return 'retried' as const;
      });
      if (outcome === 'failed') result.failed += 1;
      if (outcome === 'retried') result.retried += 1;
    }
  }
}
