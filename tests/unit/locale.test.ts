import { describe, expect, it } from 'vitest';
import { isLocale, negotiateLocale, resolveLocale } from '@/i18n/config';

describe("negotiateLocale: the browser's Accept-Language picks the language", () => {
  it.each([
    ['sv-SE,sv;q=0.9,en;q=0.8', 'sv'],
    ['de-DE,en;q=0.5', 'en'],
    ['de-DE,sv;q=0.5', 'sv'],
    ['en-US,en;q=0.9,sv;q=0.8', 'en'],
    ['en;q=0.4, SV;q=0.6', 'sv'],
    ['fr-FR,de;q=0.9', 'en'],
    ['*', 'en'],
  ])('%j -> %s', (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });

  it('falls back to English without a header', () => {
    expect(negotiateLocale('')).toBe('en');
    expect(negotiateLocale(null)).toBe('en');
    expect(negotiateLocale(undefined)).toBe('en');
  });

  it('never picks a language the browser marked q=0 (not acceptable)', () => {
    expect(negotiateLocale('sv;q=0')).toBe('en');
    expect(negotiateLocale('sv-SE;q=0, sv;q=0.0, en;q=0.1')).toBe('en');
  });
});

describe('resolveLocale: a language the person chose beats the browser', () => {
  it('uses the cookie when it names a supported language', () => {
    expect(resolveLocale('sv', 'en-US,en;q=0.9')).toBe('sv');
    expect(resolveLocale('en', 'sv-SE')).toBe('en');
  });

  it('ignores a cookie naming an unsupported language', () => {
    expect(resolveLocale('de', 'sv-SE')).toBe('sv');
    expect(resolveLocale(undefined, null)).toBe('en');
  });

  it('isLocale accepts exactly the supported languages', () => {
    expect(['en', 'sv', 'SV', 'de', '', 1, null].map(isLocale)).toEqual([true, true, false, false, false, false, false]);
  });
});
