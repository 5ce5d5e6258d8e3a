import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClock } from '@/components/ui/clock';

describe('createClock', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-30T12:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('ticks for every reader at once while someone listens', () => {
    const clock = createClock(30_000);
    const first = vi.fn();
    const second = vi.fn();
    const stopFirst = clock.subscribe(first);
    clock.subscribe(second);
    const start = clock.now();

    vi.advanceTimersByTime(29_999);
    expect(clock.now()).toBe(start);
    vi.advanceTimersByTime(1);
    expect(clock.now()).toBe(start + 30_000);
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(1);

    stopFirst();
    vi.advanceTimersByTime(30_000);
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(2);
  });

  it('stops with the last listener and reads the present when listened to again', () => {
    const clock = createClock(30_000);
    const stop = clock.subscribe(() => {});
    stop();
    vi.advanceTimersByTime(5 * 60_000);
    expect(vi.getTimerCount()).toBe(0);
    clock.subscribe(() => {});
    expect(clock.now()).toBe(Date.now());
  });

  it('catches up when something newer than the clock is shown, so older items age with it', () => {
    const clock = createClock(30_000);
    const listener = vi.fn();
    clock.subscribe(listener);
    const older = clock.now() - 3_000;
    vi.advanceTimersByTime(10_000);
    const arrived = Date.now() - 1_000;

    clock.catchUp(arrived);
    expect(listener).toHaveBeenCalledTimes(1);
    // Both items measured against one clock: the older reads older, not "3 seconds ago" above "1 second ago".
    expect(clock.now() - older).toBe(13_000);
    expect(clock.now() - arrived).toBe(1_000);

    clock.catchUp(older);
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
