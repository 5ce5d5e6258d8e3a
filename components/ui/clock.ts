/**
 * One clock for every relative time on the page ("3 minutes ago"). Each time reading its own
 * clock froze it at the moment it appeared, so a list that grew live went out of order ("3
 * seconds ago" above "1 second ago"); with one clock they all tick together. Pure (no React):
 * relative-time.tsx reads it through useSyncExternalStore.
 */
export interface Clock {
  /** Starts the ticking with the first listener and stops it with the last. */
  subscribe: (listener: () => void) => () => void;
  /** The clock's current time in milliseconds: the same for every reader until the next tick. */
  now: () => number;
  /** Something was shown that is newer than the clock (it arrived live): every reader moves to the present now. */
  catchUp: (time: number) => void;
}

export function createClock(intervalMs: number, read: () => number = Date.now): Clock {
  let current = read();
  const listeners = new Set<() => void>();
  let timer: ReturnType<typeof setInterval> | undefined;
  const set = (time: number) => {
    current = time;
    for (const listener of listeners) listener();
  };
  return {
    subscribe(listener) {
      listeners.add(listener);
      if (timer === undefined) {
        // A page that was hidden or idle may come back to a clock long stopped.
        current = read();
        timer = setInterval(() => set(read()), intervalMs);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer !== undefined) {
          clearInterval(timer);
          timer = undefined;
        }
      };
    },
    now: () => current,
    catchUp(time) {
      if (time > current) set(Math.max(time, read()));
    },
  };
}
