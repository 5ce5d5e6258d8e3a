import { describe, expect, it } from 'vitest';
import { conversionFactor, reportingCurrency, revenueIn } from '@/server/domain/currency';

describe('revenue in one currency', () => {
  it('converts through the reference rates and knows what it cannot convert', () => {
    expect(conversionFactor('SEK', 'SEK')).toBe(1);
    expect(revenueIn(1000, 'EUR', 'SEK')).toBeCloseTo(11100);
    expect(revenueIn(1000, 'XYZ', 'SEK')).toBeNull();
    expect(revenueIn(null, 'SEK', 'SEK')).toBeNull();
  });

  it('reports in the currency most accounts use', () => {
    expect(reportingCurrency(['SEK', 'EUR', 'SEK', null, 'XYZ', 'XYZ', 'XYZ'])).toBe('SEK');
    expect(reportingCurrency(['NOK', 'EUR'])).toBe('EUR');
    expect(reportingCurrency([])).toBe('EUR');
  });
});
