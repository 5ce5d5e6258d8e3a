import { describe, expect, it } from 'vitest';
import { uuidv7 } from '@/db/ids';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('uuidv7: time-ordered ids generated in the app (RFC 9562)', () => {
  it('is a UUID with version 7 and the RFC variant', () => {
    for (let i = 0; i < 200; i++) {
      const id = uuidv7();
      expect(id).toMatch(UUID);
      expect(id[14]).toBe('7'); // version nibble
      expect(['8', '9', 'a', 'b']).toContain(id[19]); // variant bits 10xx
    }
  });

  it('starts with the 48-bit Unix time in milliseconds', () => {
    const at = Date.UTC(2026, 2, 10, 12, 0, 0, 123);
    const id = uuidv7(at);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
    expect(id.slice(0, 13)).toBe(`${at.toString(16).padStart(12, '0').slice(0, 8)}-${at.toString(16).padStart(12, '0').slice(8)}`);
  });

  it('sorts by time: ids made at increasing times compare in the same order', () => {
    const start = Date.UTC(2025, 0, 1);
    const times = [0, 1, 2, 1_000, 60_000, 86_400_000, 2 ** 32, 2 ** 40].map((offset) => start + offset);
    const ids = times.map((t) => uuidv7(t));
    expect([...ids].sort()).toEqual(ids);
  });

  it('is unique even within one millisecond', () => {
    const at = Date.now();
    const ids = new Set(Array.from({ length: 5000 }, () => uuidv7(at)));
    expect(ids.size).toBe(5000);
  });
});

describe('ids made in the same millisecond', () => {
  it('still sort in the order they were made', () => {
    const ids = Array.from({ length: 5000 }, () => uuidv7());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
