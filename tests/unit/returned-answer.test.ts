import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readReturnedAnswer, returnedAnswerParams } from '@/server/adapters/returned-answer';

/** A repeatable stream of numbers in [0, 1), so the measured sizes are the same on every run. */
function numbers(seed: number) {
  let state = seed;
  return () => {
    // xorshift32
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

const WORDS = 'att vi förstår era kunders krav och levererar i tid är viktigt för oss särskilt när något går sönder på helgen'.split(' ');

/** Swedish prose with line breaks, `length` UTF-16 units long. */
function prose(length: number, seed: number) {
  const next = numbers(seed);
  let text = '';
  while (text.length < length) text += WORDS[Math.floor(next() * WORDS.length)]! + (next() < 0.05 ? '\r\n' : ' ');
  return text.slice(0, length);
}

/** Characters from anywhere in U+0800–U+D7FF (three bytes each in UTF-8, and close to incompressible): the worst case. */
function anyScript(length: number, seed: number) {
  const next = numbers(seed);
  return Array.from({ length }, () => String.fromCharCode(0x800 + Math.floor(next() * (0xd800 - 0x800)))).join('');
}

/** The longest answer the form lets through: both texts at 2,000 characters, both names at 100, all different. */
function longest(text: (length: number, seed: number) => string) {
  return {
    level: '3',
    desiredLevel: '5',
    moveUp: text(2000, 1),
    respondentName: text(100, 2),
    respondentTitle: text(100, 3),
    comment: text(2000, 4),
    submissionKey: '0b6f2c1e-8d4a-4a53-9b7e-3c2d1e0f9a8b',
  };
}

/** The page's address after a refusal: what a browser must send back, and a server read, to show the form again. */
const address = (params: Record<string, string>) => `/c/${'T'.repeat(43)}?lang=sv&${new URLSearchParams(params).toString()}`.length;

describe('an answer sent back to the customer through the page address', () => {
  it('comes back exactly as typed, with the reason', () => {
    const values = longest(prose);
    const saveFailed = returnedAnswerParams({ kind: 'saveFailed' }, values);
    expect(readReturnedAnswer(saveFailed.error, saveFailed.v)).toEqual({ errors: {}, formError: 'saveFailed', values });
    const invalid = returnedAnswerParams({ kind: 'invalid', errors: { level: 'levelRequired', comment: 'tooLong' } }, values);
    expect(readReturnedAnswer(invalid.error, invalid.v)).toEqual({
      errors: { level: 'levelRequired', comment: 'tooLong' },
      formError: 'fix',
      values,
    });
  });

  it('stays short enough for any server to read, even for the longest answer in any script', () => {
    const latin = address(returnedAnswerParams({ kind: 'saveFailed' }, longest(prose)));
    const worst = address(returnedAnswerParams({ kind: 'saveFailed' }, longest(anyScript)));
    console.log(`page address for the longest answer: Swedish prose ${latin} characters, any script ${worst} characters`);
    // Behind common proxies (8 kB request lines) and in Node's own 16 kB limit for a request's head.
    expect(latin).toBeLessThan(4_000);
    expect(worst).toBeLessThan(14_000);
  });

  it('shows nothing it does not know: unknown keys, a broken or oversized `v`', () => {
    expect(readReturnedAnswer(undefined, 'anything')).toBeNull();
    expect(readReturnedAnswer('comment:bogus,unknown,saveFailed', 'not deflated')).toEqual({
      errors: {},
      formError: 'saveFailed',
      values: {},
    });
    const bomb = deflateRawSync(Buffer.from(JSON.stringify({ comment: 'x'.repeat(1_000_000) }))).toString('base64url');
    expect(bomb.length).toBeLessThan(2_000);
    expect(readReturnedAnswer('saveFailed', bomb)?.values).toEqual({});
    const notText = deflateRawSync(Buffer.from(JSON.stringify({ level: 3, comment: 'kept' }))).toString('base64url');
    expect(readReturnedAnswer('saveFailed', notText)?.values).toEqual({ comment: 'kept' });
  });
});
