'use client';

import { useFormatter } from 'next-intl';
import { useCallback } from 'react';

/**
 * Money and calendar dates in the reader's language. Revenue is stored as numeric text with
 * an ISO currency; target dates are plain dates (YYYY-MM-DD), shown without any time-zone shift.
 */
export function useAccountFormat() {
  const format = useFormatter();
  const money = useCallback(
    (amount: string | null, currency: string | null, options: { compact?: boolean } = {}) => {
      if (amount === null) return null;
      const value = Number(amount);
      const notation = options.compact ? ('compact' as const) : ('standard' as const);
      if (!currency) return format.number(value, { notation, maximumFractionDigits: options.compact ? 1 : 0 });
      return format.number(value, { style: 'currency', currency, notation, maximumFractionDigits: options.compact ? 1 : 0 });
    },
    [format],
  );
  const calendarDate = useCallback(
    (isoDate: string | null) =>
      isoDate ? format.dateTime(new Date(`${isoDate}T00:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' }) : null,
    [format],
  );
  return { money, calendarDate };
}
