import type { useFormatter } from 'next-intl';

/** A response rate as a whole percentage in the reader's locale ("50 %" in Swedish), or a dash before anyone was asked. */
export function formatRate(format: ReturnType<typeof useFormatter>, rate: number | null, none: string): string {
  return rate === null ? none : format.number(rate, { style: 'percent', maximumFractionDigits: 0 });
}
