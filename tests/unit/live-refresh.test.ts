import { describe, expect, it } from 'vitest';
import { ageOfData, initialLiveState, onLiveSignal, type LiveRefetch, type LiveSignal } from '@/components/assessments/live-refresh';

/** The refetches a sequence of signals causes, from a page that has just loaded its data. */
function refetchesFor(signals: LiveSignal[]): LiveRefetch[] {
  let state = initialLiveState;
  return signals.map((signal) => {
    const step = onLiveSignal(state, signal);
    state = step.state;
    return step.refetch;
  });
}

const started: LiveSignal = { kind: 'started' };
const interrupted: LiveSignal = { kind: 'interrupted' };
const event = (type: string): LiveSignal => ({ kind: 'event', type });

describe('onLiveSignal', () => {
  it('does not refetch when the stream first opens: the page has just loaded its data', () => {
    expect(refetchesFor([started])).toEqual(['none']);
  });

  it("refetches the account's queries on an ordinary event, everything on the server's resync", () => {
    expect(refetchesFor([started, event('comment.added'), event('resync'), event('vote.cast')])).toEqual([
      'none',
      'account',
      'everything',
      'account',
    ]);
  });

  it('refetches everything when the stream opens again after an error: events published meanwhile never arrived', () => {
    expect(refetchesFor([started, interrupted, interrupted, started, event('comment.added')])).toEqual([
      'none',
      'none',
      'none',
      'everything',
      'account',
    ]);
  });

  it('refetches everything on a reconnect even without a reported error', () => {
    expect(refetchesFor([started, started])).toEqual(['none', 'everything']);
  });

  it('refetches everything when the stream opens for the first time after failing to: polling may have been seconds behind', () => {
    expect(refetchesFor([interrupted, started, started])).toEqual(['none', 'everything', 'everything']);
  });

  it('refetches once per gap, not again while the stream stays open', () => {
    expect(refetchesFor([started, interrupted, started, event('action.changed'), event('account.changed')])).toEqual([
      'none',
      'none',
      'everything',
      'account',
      'account',
    ]);
  });
});

describe('ageOfData: what a new live stream is told about the page it serves', () => {
  it('is the age of the oldest loaded query, ignores queries not loaded yet, and is never negative', () => {
    const now = 1_000_000;
    expect(ageOfData([now - 4_000, now - 250, 0], now)).toBe(4_000);
    expect(ageOfData([0, 0], now)).toBe(0);
    expect(ageOfData([], now)).toBe(0);
    // Data stamped by a server whose clock runs ahead of the browser's.
    expect(ageOfData([now + 3_000], now)).toBe(0);
  });
});
