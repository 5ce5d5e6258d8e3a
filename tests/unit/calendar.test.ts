/** Calendar days and the dashboard's periods: examples, and a property over random ranges of days. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, endOfDay, isIsoDay, periodsBetween, previousPeriod } from '@/server/domain/calendar';

describe('days and periods', () => {
  it('validates calendar days', () => {
    expect(isIsoDay('2024-02-29')).toBe(true);
    expect(isIsoDay('2025-02-29')).toBe(false);
    expect(isIsoDay('2025-1-01')).toBe(false);
  });

  it('ends a day at the next midnight UTC', () => {
    expect(endOfDay('2025-12-31').toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
  });

  it('compares a period with the days of the same number just before it', () => {
    expect(previousPeriod('2026-04-01', '2026-09-30')).toEqual({ from: '2025-09-30', to: '2026-03-31' });
    expect(previousPeriod('2026-03-01', '2026-03-01')).toEqual({ from: '2026-02-28', to: '2026-02-28' });
    // A leap day inside the period makes the previous one start a day earlier.
    expect(previousPeriod('2024-01-01', '2024-12-31')).toEqual({ from: '2022-12-31', to: '2023-12-31' });
  });

  it('splits a period into calendar months, the first and last partial', () => {
    expect(periodsBetween('2025-01-15', '2025-03-10', 'month')).toEqual([
      { label: '2025-01', start: '2025-01-15', end: '2025-01-31' },
      { label: '2025-02', start: '2025-02-01', end: '2025-02-28' },
      { label: '2025-03', start: '2025-03-01', end: '2025-03-10' },
    ]);
  });

  it('splits into quarters across a year end', () => {
    expect(periodsBetween('2024-11-01', '2025-04-30', 'quarter').map((p) => [p.label, p.start, p.end])).toEqual([
      ['2024-Q4', '2024-11-01', '2024-12-31'],
      ['2025-Q1', '2025-01-01', '2025-03-31'],
      ['2025-Q2', '2025-04-01', '2025-04-30'],
    ]);
  });

  it('gives one period for a single day', () => {
    expect(periodsBetween('2025-06-15', '2025-06-15', 'month')).toEqual([{ label: '2025-06', start: '2025-06-15', end: '2025-06-15' }]);
  });
});

const BASE = Date.UTC(2023, 0, 1);
const DAY = 86_400_000;
/** A day in three years from 2023 on, as "YYYY-MM-DD". */
const dayArb = fc.integer({ min: 0, max: 1095 }).map((d) => new Date(BASE + d * DAY).toISOString().slice(0, 10));
const ordered = (a: string, b: string): [string, string] => (a <= b ? [a, b] : [b, a]);

describe('periods', () => {
  it('cover the period day by day without gaps or overlaps', () => {
    fc.assert(
      fc.property(dayArb, dayArb, fc.constantFrom('month' as const, 'quarter' as const), (d1, d2, granularity) => {
        const [from, to] = ordered(d1, d2);
        const periods = periodsBetween(from, to, granularity);
        expect(periods[0]!.start).toBe(from);
        expect(periods.at(-1)!.end).toBe(to);
        for (let i = 1; i < periods.length; i++) expect(periods[i]!.start).toBe(addDays(periods[i - 1]!.end, 1));
        for (const p of periods) expect(p.start <= p.end).toBe(true);
      }),
    );
  });
});
