'use client';

import { useFormatter, useNow } from 'next-intl';

/** "3 days ago", with the exact date and time on hover and for screen readers. */
export function RelativeTime({ date }: { date: Date | string }) {
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const value = typeof date === 'string' ? new Date(date) : date;
  const exact = format.dateTime(value, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <time dateTime={value.toISOString()} title={exact}>
      {/* A time that arrived live can be a moment ahead of this page's clock: it is "now", not "in 5 seconds". */}
      {format.relativeTime(value, now < value ? value : now)}
    </time>
  );
}
