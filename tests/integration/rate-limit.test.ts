import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { hitRateLimit } from '@/server/adapters/rate-limit';
import { useTestDatabase } from '../helpers/db';

const { db } = await useTestDatabase();

describe('rate limits', () => {
  it('allows up to the limit within a window and refuses after it', async () => {
    const key = `test:${randomUUID()}`;
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await hitRateLimit(db, key, 3, 60));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results.at(-1)!.hits).toBe(4);
  });

  it('counts concurrent hits exactly once each', async () => {
    const key = `test:${randomUUID()}`;
    const results = await Promise.all(Array.from({ length: 10 }, () => hitRateLimit(db, key, 5, 60)));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    expect(Math.max(...results.map((r) => r.hits))).toBe(10);
  });

  it('starts counting again once the window has passed', async () => {
    const key = `test:${randomUUID()}`;
    for (let i = 0; i < 3; i++) await hitRateLimit(db, key, 2, 60);
    await db.execute(sql`update rate_limits set window_start = now() - interval '61 seconds' where key = ${key}`);
    const after = await hitRateLimit(db, key, 2, 60);
    expect(after).toMatchObject({ allowed: true, hits: 1 });
  });

  it('keeps different keys apart', async () => {
    const a = `test:${randomUUID()}`;
    const b = `test:${randomUUID()}`;
    await hitRateLimit(db, a, 1, 60);
    expect((await hitRateLimit(db, a, 1, 60)).allowed).toBe(false);
    expect((await hitRateLimit(db, b, 1, 60)).allowed).toBe(true);
  });
});
