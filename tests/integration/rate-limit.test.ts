import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { hitRateLimit, refundRateLimit } from '@/server/adapters/rate-limit';
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

  it('takes back a refunded hit, exactly, and only in the window it was counted in', async () => {
    const key = `test:${randomUUID()}`;
    const first = await hitRateLimit(db, key, 2, 60);
    const second = await hitRateLimit(db, key, 2, 60);
    await refundRateLimit(db, second.hit);
    expect(await hitRateLimit(db, key, 2, 60)).toMatchObject({ allowed: true, hits: 2 });
    // The window starts over: a refund of a hit from the old one leaves the new count alone.
    await db.execute(sql`update rate_limits set window_start = now() - interval '61 seconds' where key = ${key}`);
    const fresh = await hitRateLimit(db, key, 2, 60);
    await refundRateLimit(db, first.hit);
    expect(await hitRateLimit(db, key, 2, 60)).toMatchObject({ hits: fresh.hits + 1 });
  });
});
