import { describe, expect, it } from 'vitest';
import { economicBuyerDissents, effectiveLevelOf, levelsOf } from '@/server/services/account-levels';

describe('effectiveLevelOf', () => {
  it('is the customer level where there is one, whatever the team says', () => {
    expect(effectiveLevelOf(4, 2)).toEqual({ level: 2, source: 'customer' });
    expect(effectiveLevelOf(null, 3)).toEqual({ level: 3, source: 'customer' });
  });

  it('falls back to the team level, marked as the team’s, and is none without either', () => {
    expect(effectiveLevelOf(4, null)).toEqual({ level: 4, source: 'team' });
    expect(effectiveLevelOf(null, null)).toEqual({ level: null, source: null });
  });
});

describe('economicBuyerDissents', () => {
  it.each([
    [2, 4, true],
    [5, 3, true],
    [1, 5, true],
    [3, 4, false],
    [4, 4, false],
    [null, 4, false],
    [2, null, false],
  ] as const)('economic buyer %s against customer level %s: %s', (economicBuyer, customer, expected) => {
    expect(economicBuyerDissents(economicBuyer, customer)).toBe(expected);
  });
});

describe('levelsOf', () => {
  it('gives the gap, the effective level with its source and the flag together', () => {
    expect(levelsOf({ teamLevel: 3, customerLevel: 4, economicBuyerLevel: 4 })).toEqual({
      gap: -1,
      effectiveLevel: 4,
      effectiveSource: 'customer',
      economicBuyerDissent: false,
    });
    expect(levelsOf({ teamLevel: 2, customerLevel: null, economicBuyerLevel: null })).toEqual({
      gap: null,
      effectiveLevel: 2,
      effectiveSource: 'team',
      economicBuyerDissent: false,
    });
    expect(levelsOf({ teamLevel: 4, customerLevel: 4, economicBuyerLevel: 2 })).toMatchObject({ gap: 0, economicBuyerDissent: true });
  });
});
