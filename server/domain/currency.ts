/**
 * Revenue on one scale. The dashboard weights accounts by their annual revenue, and accounts
 * may each keep theirs in a different currency. The queries in server/dashboard/ convert with
 * RATES_PER_EUR (turned into a table of values in server/dashboard/sql.ts) and the reporting
 * currency rule below; revenueIn and reportingCurrency state the same conversion for the
 * dashboard's test oracle.
 */

/**
 * Units of each currency per euro: fixed reference rates (rounded ECB rates of 2025), used only
 * to put accounts in different currencies on one scale for revenue weighting. Revenue in a
 * currency not listed here counts as unknown.
 */
export const RATES_PER_EUR: Readonly<Record<string, number>> = {
  EUR: 1,
  SEK: 11.1,
  NOK: 11.7,
  DKK: 7.46,
  USD: 1.13,
  GBP: 0.85,
  CHF: 0.94,
  PLN: 4.26,
  ISK: 145,
  CAD: 1.58,
  AUD: 1.76,
  JPY: 163,
};

/** The factor that turns an amount in `currency` into `reporting`, or null for an unknown currency. */
export function conversionFactor(currency: string | null, reporting: string): number | null {
  if (currency === null) return null;
  const from = RATES_PER_EUR[currency];
  const to = RATES_PER_EUR[reporting];
  return from === undefined || to === undefined ? null : to / from;
}

/** Annual revenue in the reporting currency, or null when the amount or its currency is unknown. */
export function revenueIn(amount: number | null, currency: string | null, reporting: string): number | null {
  const factor = conversionFactor(currency, reporting);
  return amount === null || factor === null ? null : amount * factor;
}

/** The currency most accounts use (ties: alphabetical), the dashboard's scale for revenue; EUR when none has one. */
export function reportingCurrency(currencies: ReadonlyArray<string | null>): string {
  const counts = new Map<string, number>();
  for (const c of currencies) if (c !== null && RATES_PER_EUR[c] !== undefined) counts.set(c, (counts.get(c) ?? 0) + 1);
  let best = 'EUR';
  let bestCount = 0;
  for (const [currency, count] of [...counts].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (count > bestCount) {
      best = currency;
      bestCount = count;
    }
  }
  return best;
}
