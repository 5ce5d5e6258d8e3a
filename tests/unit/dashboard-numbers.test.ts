import { describe, expect, it } from 'vitest';
import { withoutNegativeZero } from '@/components/dashboard/numbers';

const money = (amount: number, compact: boolean) =>
  new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: 'SEK',
    notation: compact ? 'compact' : 'standard',
    minimumFractionDigits: 0,
    maximumFractionDigits: compact ? 1 : 0,
  })
    .format(withoutNegativeZero(amount, compact ? 1 : 0))
    .replace(/\s/g, ' ');

describe('withoutNegativeZero', () => {
  it('turns what would round to zero into a plain zero', () => {
    expect(Object.is(withoutNegativeZero(-0.0000039, 1), 0)).toBe(true);
    expect(Object.is(withoutNegativeZero(-0.04, 1), 0)).toBe(true);
    expect(Object.is(withoutNegativeZero(-0.49, 0), 0)).toBe(true);
    expect(Object.is(withoutNegativeZero(-0, 0), 0)).toBe(true);
  });

  it('keeps amounts that still show a digit', () => {
    expect(withoutNegativeZero(-0.05, 1)).toBe(-0.05);
    expect(withoutNegativeZero(-0.5, 0)).toBe(-0.5);
    expect(withoutNegativeZero(-1_200_000, 1)).toBe(-1_200_000);
    expect(withoutNegativeZero(0.01, 1)).toBe(0);
  });

  it('makes the dashboard money format read "SEK 0", never "-SEK 0"', () => {
    expect(money(-0.0000039, true)).toBe('SEK 0');
    expect(money(-0.3, false)).toBe('SEK 0');
    expect(money(-2_500_000, true)).toBe('-SEK 2.5M');
  });
});
