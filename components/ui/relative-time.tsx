'use client';

import { useFormatter, useNow } from 'next-intl';
import { useEffect, useSyncExternalStore } from 'react';
import { createClock } from './clock';

/** Every relative time on the page reads this clock, so a list stays consistent as it ticks and grows. */
const sharedClock = createClock(30_000);

/** The shared clock's time; null while hydrating, where the server's own "now" must be used. */
function useSharedNow(): number | null {
  return useSyncExternalStore(sharedClock.subscribe, sharedClock.now, () => null);
}

/** "3 days ago", with the exact date and time on hover and for screen readers. */
export function RelativeTime({ date }: { date: Date | string }) {
  const format = useFormatter();
  const renderNow = useNow();
  const shared = useSharedNow();
  const value = typeof date === 'string' ? new Date(date) : date;
  const now = shared ?? renderNow.getTime();
  const time = value.getTime();
  useEffect(() => {
    // An item newer than the clock arrived live: move every time on the page to the present together.
    if (time > sharedClock.now()) sharedClock.catchUp(time);
  }, [time]);
  const exact = format.dateTime(value, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <time dateTime={value.toISOString()} title={exact}>
      {/* A time that arrived live can be a moment ahead of this page's clock: it is "now", not "in 5 seconds". */}
      {format.relativeTime(value, new Date(Math.max(now, time)))}
    </time>
  );
}
