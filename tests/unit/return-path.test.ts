import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeReturnPath } from '@/server/domain/return-path';

const APP = 'https://rung.example';

/** Where a browser on the app goes when sent to `path`, as it parses it (WHATWG URL, as browsers do). */
const landsOn = (path: string) => new URL(path, `${APP}/sign-in`).origin;

const ATTACKS = [
  '//evil.example',
  '//evil.example/acme',
  '///evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '/\\/evil.example',
  '\\/evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '\t//evil.example',
  ' //evil.example',
  'https://evil.example',
  'HTTPS://evil.example/acme',
  'http:evil.example',
  'https:/evil.example',
  '//rung.example@evil.example',
  `${APP}@evil.example`,
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'evil.example',
  '%2F%2Fevil.example',
  '/%2Fevil.example',
  '/%2F/evil.example',
  '/%5Cevil.example',
  '/%5C%5Cevil.example',
  '/%09/evil.example',
  '/%0A/evil.example',
  '/%252F/evil.example',
  '/%25252F%25252Fevil.example',
  '/%E2%80%AE/evil.example',
  '/\u202Eelpmaxe.live/',
  '/\u0000/evil.example',
  '',
  ' ',
  '/'.repeat(3000),
  `/${'a'.repeat(2001)}`,
];

describe('safeReturnPath: after sign-in, only ever a path of this app', () => {
  it.each(ATTACKS)('%j leads to the front page', (attack) => {
    expect(safeReturnPath(attack)).toBe('/');
  });

  it('keeps odd paths that still lead into the app on the app, as parsed', () => {
    expect(safeReturnPath('/ /evil.example')).toBe('/%20/evil.example');
    expect(safeReturnPath('/\u3000/evil.example')).toBe('/%E3%80%80/evil.example');
    expect(safeReturnPath('/．/evil.example')).toBe('/%EF%BC%8E/evil.example');
    expect(safeReturnPath('/acme/../../evil.example')).toBe('/evil.example');
  });

  it('refuses what is not text: a missing value, an array (a repeated query parameter), a number, an object', () => {
    for (const value of [undefined, null, ['/a', '//evil.example'], 42, { toString: () => '//evil.example' }]) {
      expect(safeReturnPath(value)).toBe('/');
    }
  });

  it('keeps a path of the app as it is, with its query and fragment', () => {
    for (const path of [
      '/',
      '/acme',
      '/acme/accounts/0195f2c8-1111-7000-8000-000000000000',
      '/acme/accounts?q=Nordic%20Steel&stale=1',
      '/invite/abc-DEF_123',
      '/acme/dashboard#movers',
      '/acme/accounts?q=50%25',
    ]) {
      expect(safeReturnPath(path)).toBe(path);
    }
  });

  it('takes an absolute address on the app’s own origin (as Auth.js hands them over), and no other origin', () => {
    expect(safeReturnPath(`${APP}/acme/dashboard?from=2026-01-01`, APP)).toBe('/acme/dashboard?from=2026-01-01');
    expect(safeReturnPath(APP, APP)).toBe('/');
    for (const other of [
      'https://evil.example/acme',
      'http://rung.example/acme',
      'https://rung.example.evil.example/acme',
      'https://rung.example:8443/acme',
      `${APP}@evil.example/`,
      `${APP}\\@evil.example`,
      `${APP}//evil.example`,
    ]) {
      expect(landsOn(safeReturnPath(other, APP)), other).toBe(APP);
      expect(safeReturnPath(other, APP)).not.toMatch(/evil/);
    }
  });

  it('for any text at all, the browser stays on the app, and so it does after any server decodes the path once more', () => {
    const pieces = fc.constantFrom(
      '/',
      '\\',
      '//',
      '%2F',
      '%5C',
      '%25',
      '\t',
      '\n',
      ' ',
      'evil.example',
      '@',
      ':',
      '.',
      'https:',
      '?',
      '#',
      '\u202E',
      'a',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(pieces, { maxLength: 12 }).map((parts) => parts.join('')),
        ),
        (value) => {
          const path = safeReturnPath(value);
          expect(landsOn(path)).toBe(APP);
          expect(landsOn(decodeURIComponent(path.replace(/%(?![0-9a-f]{2})/gi, '%25')))).toBe(APP);
        },
      ),
      { numRuns: 2000, seed: 7 },
    );
  });
});
