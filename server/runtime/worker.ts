import 'server-only';
import { hostname } from 'node:os';
import type { Db } from '@/db/client';
import { CAMPAIGN_MESSAGE_JOB, campaignMessageHandler, defaultMailer, type Mailer } from '../services/campaigns';
import { runClaimedJobs, runJobs, type ClaimedJob, type RunResult } from '../services/jobs';
import { purgeDueOrganizations } from '../services/org-deletion';
import { outageLog, type WorkerLog } from './outage-log';

/*
 * The background worker: which kinds of job exist and who runs them (server/services/jobs.ts is the
 * queue itself). Tests call runDueJobs directly; the server process runs startJobWorker.
 */

/** Runs the jobs that are due now (or at `now`), at most `limit`. */
export function runDueJobs(
  db: Db,
  options: { workerId: string; limit?: number; now?: Date; leaseMs?: number; mailer?: Mailer; concurrency?: number },
): Promise<RunResult> {
  return runJobs(db, jobHandlers(options.mailer), options);
}

/** Runs jobs claimed earlier with claimJobs (server/services/jobs.ts): how tests play a worker that was slow or died. */
export function runClaimed(db: Db, claimed: ClaimedJob[], options: { workerId: string; now?: Date; mailer?: Mailer }): Promise<RunResult> {
  return runClaimedJobs(db, jobHandlers(options.mailer), claimed, options);
}

function jobHandlers(mailer: Mailer = defaultMailer) {
  return { [CAMPAIGN_MESSAGE_JOB]: campaignMessageHandler(mailer) };
}

export interface JobWorker {
  /** Stops polling and waits for the round in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Polls for due jobs every `intervalMs` (sooner while there is a backlog) until stopped. Each
 * process gets its own worker id, so claims say who holds them. Every `purgeIntervalMs` it also
 * removes the organizations whose deletion grace period has ended (server/services/org-deletion.ts).
 * While the database is down, the log gets the first failure in full, a short line a minute and
 * one line when it is back, not a stack trace every few seconds.
 */
export function startJobWorker(
  db: Db,
  options: {
    intervalMs?: number;
    limit?: number;
    concurrency?: number;
    purgeIntervalMs?: number;
    log?: WorkerLog;
    now?: () => number;
  } = {},
): JobWorker {
  const intervalMs = options.intervalMs ?? 3000;
  const limit = options.limit ?? 20;
  const concurrency = options.concurrency ?? 4;
  const purgeIntervalMs = options.purgeIntervalMs ?? 10 * 60 * 1000;
  const log = options.log ?? console;
  const now = options.now ?? Date.now;
  const workerId = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const rounds = outageLog({ what: 'job worker', log, now });
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> = Promise.resolve();
  let lastPurgeAt = -Infinity;

  const tick = () => {
    round = (async () => {
      let backlog = false;
      try {
        const result = await runDueJobs(db, { workerId, limit, concurrency });
        backlog = result.claimed === limit;
        rounds.succeeded();
      } catch (error) {
        rounds.failed(error);
      }
      if (!rounds.failing && now() - lastPurgeAt >= purgeIntervalMs) {
        lastPurgeAt = now();
        await purgeDueOrganizations(db, { log: (line) => log.info(line) }).catch((error: unknown) =>
          log.error('removing organizations whose deletion is due failed; trying again later', error),
        );
      }
      if (!stopped) timer = setTimeout(tick, backlog ? 0 : intervalMs);
    })();
  };
  timer = setTimeout(tick, 0);

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await round;
    },
  };
}
