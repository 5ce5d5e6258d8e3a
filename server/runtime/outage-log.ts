import 'server-only';

/** Where the worker's lines go: the console in production, a list in tests. */
export interface WorkerLog {
  error(message: string, error?: unknown): void;
  warn(message: string): void;
  info(message: string): void;
}

/**
 * Keeps a loop that fails every few seconds (the database is down) from flooding the log: the
 * first failure is logged in full, then one short line at most every `repeatMs` while the
 * failures go on, and one line when a round succeeds again.
 */
export function outageLog(options: { what: string; log: WorkerLog; now?: () => number; repeatMs?: number }) {
  const now = options.now ?? Date.now;
  const repeatMs = options.repeatMs ?? 60_000;
  let outage: { since: number; failures: number; lastLineAt: number } | null = null;
  const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200);
  return {
    get failing() {
      return outage !== null;
    },
    failed(error: unknown) {
      const at = now();
      if (!outage) {
        outage = { since: at, failures: 1, lastLineAt: at };
        options.log.error(`${options.what} failed; retrying quietly until it works again`, error);
        return;
      }
      outage.failures += 1;
      if (at - outage.lastLineAt < repeatMs) return;
      outage.lastLineAt = at;
      const seconds = Math.round((at - outage.since) / 1000);
      options.log.warn(`${options.what} still failing: ${outage.failures} failures in ${seconds} s (${reasonOf(error)})`);
    },
    succeeded() {
      if (!outage) return;
      const seconds = Math.round((now() - outage.since) / 1000);
      options.log.info(`${options.what} works again after ${outage.failures} failures in ${seconds} s`);
      outage = null;
    },
  };
}
