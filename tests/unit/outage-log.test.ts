import { describe, expect, it } from 'vitest';
import { outageLog } from '@/server/runtime/outage-log';

function recorder() {
  const lines: Array<[level: string, message: string, error?: unknown]> = [];
  return {
    lines,
    log: {
      error: (message: string, error?: unknown) => lines.push(['error', message, error]),
      warn: (message: string) => lines.push(['warn', message]),
      info: (message: string) => lines.push(['info', message]),
    },
  };
}

describe('outageLog', () => {
  it('logs the first failure in full, then a short line at most once a minute, then the recovery', () => {
    let clock = 0;
    const { lines, log } = recorder();
    const rounds = outageLog({ what: 'job worker', log, now: () => clock });
    const down = new Error('connect ECONNREFUSED 127.0.0.1:5432\n    at stack line');

    rounds.succeeded();
    expect(lines).toEqual([]);

    // Twenty minutes of a database that is down, a round every 3 seconds.
    for (clock = 0; clock < 20 * 60_000; clock += 3_000) rounds.failed(down);
    expect(rounds.failing).toBe(true);
    expect(lines[0]).toEqual(['error', 'job worker failed; retrying quietly until it works again', down]);
    const repeats = lines.slice(1);
    expect(repeats).toHaveLength(19);
    expect(repeats.every(([level, message]) => level === 'warn' && message.endsWith('(connect ECONNREFUSED 127.0.0.1:5432)'))).toBe(true);
    expect(repeats[0]![1]).toBe('job worker still failing: 21 failures in 60 s (connect ECONNREFUSED 127.0.0.1:5432)');

    rounds.succeeded();
    expect(lines.at(-1)).toEqual(['info', 'job worker works again after 400 failures in 1200 s']);
    expect(rounds.failing).toBe(false);
    rounds.succeeded();
    expect(lines).toHaveLength(21);

    // The next outage starts over with a full report.
    rounds.failed(down);
    expect(lines.at(-1)![0]).toBe('error');
  });
});
