/**
 * Number rules the dashboard's formatting relies on, pure so they are unit-tested.
 */

/**
 * The amount to hand to a number format that shows `fractionDigits` decimals: anything that
 * would round to zero becomes a plain 0, so a tiny negative remainder of revenue sums
 * (-0.0000039) never reads "-SEK 0".
 */
export function withoutNegativeZero(amount: number, fractionDigits: number): number {
  return Math.abs(amount) < 0.5 * 10 ** -fractionDigits ? 0 : amount;
}
