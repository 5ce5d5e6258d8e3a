'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useCallback } from 'react';
import type { Level } from '@/components/levels/levels';
import type { Tally } from '@/server/domain/dashboard';
import { withoutNegativeZero } from './numbers';

/** Chart colours of the five levels: the same as --color-level-N in globals.css. */
export const LEVEL_HEX: Record<Level, string> = { 1: '#64748b', 2: '#0284c7', 3: '#0d9488', 4: '#d97706', 5: '#7c3aed' };

/** Numbers on the dashboard in the reader's language: counts, money in the reporting currency, shares, gaps, days. */
export function useDashboardFormat(currency: string | undefined) {
  const format = useFormatter();
  const t = useTranslations('hierarchy');
  const tp = useTranslations('portfolio');

  const count = useCallback((n: number) => format.number(n), [format]);
  const money = useCallback(
    (amount: number, compact = true) =>
      // Compact notation shows at most one decimal (below a thousand), the full form none.
      format.number(withoutNegativeZero(amount, compact ? 1 : 0), {
        style: 'currency',
        currency: currency ?? 'EUR',
        notation: compact ? 'compact' : 'standard',
        minimumFractionDigits: 0,
        maximumFractionDigits: compact ? 1 : 0,
      }),
    [format, currency],
  );
  /** A tally as the weight switch wants it. */
  const tally = useCallback(
    (value: Tally, weight: 'count' | 'revenue') => (weight === 'count' ? count(value.count) : money(value.revenue)),
    [count, money],
  );
  const share = useCallback(
    (value: number | null) => (value === null ? '–' : format.number(value, { style: 'percent', maximumFractionDigits: 0 })),
    [format],
  );
  const gap = useCallback(
    (raw: number | null) => {
      if (raw === null) return '–';
      const value = withoutNegativeZero(raw, 1);
      return `${value > 0 ? '+' : value < 0 ? '−' : '±'}${format.number(Math.abs(value), { minimumFractionDigits: 1, maximumFractionDigits: 1 })}`;
    },
    [format],
  );
  const day = useCallback(
    (iso: string) => format.dateTime(new Date(`${iso}T00:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' }),
    [format],
  );
  const instant = useCallback((date: Date) => format.dateTime(date, { dateStyle: 'medium' }), [format]);
  /**
   * "2026-03" → "Mar 2026", "2026-Q1" → "Q1 2026"; the short form for axes is "Mar ’26" and
   * "Q1 ’26" ("mars -26" in Swedish): a bare "Mar 26" would read as the 26th of March.
   */
  const period = useCallback(
    (label: string, short = false) => {
      const quarter = /^(\d{4})-Q([1-4])$/.exec(label);
      if (quarter) return tp(short ? 'quarterShort' : 'quarter', { quarter: quarter[2]!, year: quarter[1]!, yy: quarter[1]!.slice(2) });
      const first = new Date(`${label}-01T00:00:00Z`);
      if (!short) return format.dateTime(first, { month: 'short', year: 'numeric', timeZone: 'UTC' });
      return tp('monthShort', { month: format.dateTime(first, { month: 'short', timeZone: 'UTC' }), yy: label.slice(2, 4) });
    },
    [format, tp],
  );
  const levelName = useCallback((level: number) => `${level} ${t(`levels.${level as Level}.name`)}`, [t]);
  return { count, money, tally, share, gap, day, instant, period, levelName };
}

/** The value a weight switch picks from a tally. */
export const pick = (value: Tally, weight: 'count' | 'revenue') => (weight === 'count' ? value.count : value.revenue);
