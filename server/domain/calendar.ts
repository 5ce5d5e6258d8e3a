/**
 * Calendar days and periods in UTC: a day is its ISO date ("2026-03-31"), and a dashboard period
 * is split into calendar months or quarters. Shared by the dashboard's queries, its filters (on
 * the server and in the browser), the benchmark and the dashboard's test oracle.
 */

/** A calendar day, "2026-03-31" (UTC). */
export type IsoDay = string;
export type Granularity = 'month' | 'quarter';

export const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** 00:00 UTC of the day. */
export function startOfDay(day: IsoDay): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** The first instant after the day: events before it happened "on or before" the day. */
export function endOfDay(day: IsoDay): Date {
  return new Date(startOfDay(day).getTime() + DAY_MS);
}

export function addDays(day: IsoDay, days: number): IsoDay {
  return new Date(startOfDay(day).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

export function toIsoDay(date: Date): IsoDay {
  return date.toISOString().slice(0, 10);
}

/**
 * The period of the same length that ends the day before `from`: what the dashboard's headline
 * compares with. Counted in days, so a period of 365 days is compared with the 365 days before it.
 */
export function previousPeriod(from: IsoDay, to: IsoDay): { from: IsoDay; to: IsoDay } {
  const days = Math.round((startOfDay(to).getTime() - startOfDay(from).getTime()) / DAY_MS) + 1;
  return { from: addDays(from, -days), to: addDays(from, -1) };
}

/** The dashboard's default period: the first of the month eleven months back up to today (twelve monthly columns). */
export function defaultPeriod(today: IsoDay): { from: IsoDay; to: IsoDay } {
  const date = startOfDay(today);
  return { from: toIsoDay(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - 11, 1))), to: today };
}

export interface Period {
  /** "2026-03" for a month, "2026-Q1" for a quarter */
  label: string;
  start: IsoDay;
  end: IsoDay;
}

/** Periods longer than this are refused: a chart of ten years by month is already 120 columns. */
export const MAX_PERIODS = 120;

/**
 * Calendar months (or quarters) covering from..to, the first starting on `from` and the last
 * ending on `to` (so both may be partial). Each period's numbers are read at its end.
 */
export function periodsBetween(from: IsoDay, to: IsoDay, granularity: Granularity): Period[] {
  const periods: Period[] = [];
  const step = granularity === 'month' ? 1 : 3;
  const first = startOfDay(from);
  let year = first.getUTCFullYear();
  let month = granularity === 'month' ? first.getUTCMonth() : Math.floor(first.getUTCMonth() / 3) * 3;
  let start = from;
  while (start <= to && periods.length <= MAX_PERIODS) {
    const next = new Date(Date.UTC(year, month + step, 1));
    const lastDay = addDays(toIsoDay(next), -1);
    const end = lastDay < to ? lastDay : to;
    const label = granularity === 'month' ? `${year}-${String(month + 1).padStart(2, '0')}` : `${year}-Q${month / 3 + 1}`;
    periods.push({ label, start, end });
    start = toIsoDay(next);
    year = next.getUTCFullYear();
    month = next.getUTCMonth();
  }
  return periods;
}
