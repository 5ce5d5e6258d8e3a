import { csvDecimal, type CsvValue } from '@/server/domain/csv';

/**
 * How the dashboard's numbers go into its CSV files, and what the files are called. Pure (no
 * React) so the rules are unit-tested: money in cents, gaps with fixed decimals, and
 * a file name that says which period and which filters the numbers are for.
 */

type Weight = 'count' | 'revenue';

/** Money in the reporting currency, to the cent. */
export const csvMoney = (amount: number | null | undefined): CsvValue => csvDecimal(amount, 2);

/** A perception gap in levels, to a hundredth of a level. */
export const csvGap = (gap: number | null | undefined): CsvValue => csvDecimal(gap, 2);

/** A tally as the weight switch picks it: a whole count of accounts, or revenue in cents. */
export const csvWeighted = (value: number, weight: Weight): CsvValue => (weight === 'count' ? value : csvMoney(value));

/** A column header that holds money names the currency ("1 Supplier (SEK)"); a count column keeps its name. */
export function weightedHeader(label: string, weight: Weight, currency: string | undefined): string {
  return weight === 'revenue' && currency ? `${label} (${currency})` : label;
}

/** The filters that decide which numbers a file holds (a subset of the dashboard's state). */
export interface ExportFilters {
  source: string;
  weight: Weight;
  owner: string;
  segment: string;
  target: string;
  eb: string;
}

/** Lowercase ASCII letters, digits and dashes: safe in a file name on every system. */
function fileSafe(text: string, maxLength = 40): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
}

/**
 * "level-distribution_2025-12-01_2026-11-30_customer_revenue_segment-enterprise": what, the
 * days it covers, the lens and weight, then only the filters that are set. An owner is named by
 * the start of their id (a name could collide or change); "none" stays readable.
 */
export function exportFileName(what: string, days: readonly string[], filters: ExportFilters): string {
  const parts = [fileSafe(what), ...days, filters.source, filters.weight];
  if (filters.owner) parts.push(`owner-${filters.owner === 'none' ? 'none' : fileSafe(filters.owner).slice(0, 8)}`);
  if (filters.segment) parts.push(`segment-${fileSafe(filters.segment) || 'other'}`);
  if (filters.target) parts.push(`target-${filters.target}`);
  if (filters.eb) parts.push(`eb-${filters.eb}`);
  return `${parts.filter(Boolean).join('_')}.csv`;
}
