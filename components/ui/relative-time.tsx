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
      {format.relativeTime(value, now)}
    </time>
  );
}
