import { describe, expect, it } from 'vitest';
import { firstFreeSlug, RESERVED_SLUGS, slugify } from '@/server/domain/slug';

describe('slugify: a readable, URL-safe address from an organization name', () => {
  it.each([
    ['Acme', 'acme'],
    ['Ålö Fläkt', 'alo-flakt'],
    ['Nordic Fläkt & Co AB', 'nordic-flakt-co-ab'],
    ['Øresund Ærø Straße', 'oresund-aero-strasse'],
    ['  --Hello,   World!--  ', 'hello-world'],
    ['Café Crème 2024', 'cafe-creme-2024'],
  ])('%j -> %j', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it('keeps to 48 characters and never ends with a dash', () => {
    const slug = slugify(`${'a'.repeat(47)} ${'b'.repeat(10)}`);
    expect(slug).toBe('a'.repeat(47));
    expect(slugify('x'.repeat(100))).toHaveLength(48);
  });

  it('pads names too short to be an address, and names with no usable letters', () => {
    expect(slugify('Q!')).toBe('org-q');
    expect(slugify('!!')).toBe('org');
    expect(slugify('東京')).toBe('org');
  });

  it('only ever produces lowercase letters, digits and single dashes', () => {
    for (const name of ['Ab', 'A  B', 'Ä--Ö', 'São Paulo Ltd.', 'x'.repeat(60), '12 34']) {
      expect(slugify(name)).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });
});

describe("firstFreeSlug: never another organization's address, never one of the app's own paths", () => {
  it('uses the slug itself when it is free', () => {
    expect(firstFreeSlug('acme', new Set())).toBe('acme');
    expect(firstFreeSlug('acme', new Set(['acme-2']))).toBe('acme');
  });

  it('numbers from 2 upwards, skipping taken numbers', () => {
    expect(firstFreeSlug('acme', new Set(['acme']))).toBe('acme-2');
    expect(firstFreeSlug('acme', new Set(['acme', 'acme-2', 'acme-3']))).toBe('acme-4');
  });

  it('never hands out a reserved path', () => {
    for (const reserved of ['api', 'sign-in', 'invite', 'settings', '_next']) {
      expect(RESERVED_SLUGS.has(reserved)).toBe(true);
      expect(firstFreeSlug(reserved, new Set())).toBe(`${reserved}-2`);
    }
  });
});
