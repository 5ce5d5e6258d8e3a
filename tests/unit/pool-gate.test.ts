import type { Sql } from 'postgres';
import { describe, expect, it } from 'vitest';
import { PoolTimeoutError } from '@/db/failures';
import { gatePool } from '@/db/pool-gate';

/** A stand-in for postgres.js: each query or transaction runs until the test lets it finish. */
function fakeClient() {
  const running: Array<() => void> = [];
  const work = () => new Promise<string>((resolve) => running.push(() => resolve('done')));
  // Like a postgres.js query: built at once, run only when awaited.
  const query = () => {
    const pending = { then: (done: (value: string) => unknown) => work().then(done), values: () => pending };
    return pending;
  };
  const client = { begin: () => work(), unsafe: query, listen: () => 'listening' };
  return { client: client as unknown as Sql, finishOne: () => running.shift()?.(), running };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('gatePool: a bounded wait for a pooled connection', () => {
  it('lets as many statements and transactions run as the pool has connections', async () => {
    const fake = fakeClient();
    const gated = gatePool(fake.client, 2, 1000);
    const first = gated.begin(() => {});
    const second = Promise.resolve(gated.unsafe('select 1').values());
    const third = Promise.resolve(gated.unsafe('select 2'));
    await tick();
    expect(fake.running).toHaveLength(2);
    fake.finishOne();
    expect(await first).toBe('done');
    await tick();
    // The third went in as soon as the first gave its connection back.
    expect(fake.running).toHaveLength(2);
    fake.finishOne();
    fake.finishOne();
    expect([await second, await third]).toEqual(['done', 'done']);
  });

  it('fails the next one with PoolTimeoutError when no connection comes free in time, and forgets it', async () => {
    const fake = fakeClient();
    const gated = gatePool(fake.client, 1, 50);
    const holding = gated.begin(() => {});
    const started = Date.now();
    await expect(gated.unsafe('select 1')).rejects.toBeInstanceOf(PoolTimeoutError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    fake.finishOne();
    await holding;
    // The one that gave up holds no place: the next one runs at once.
    const next = Promise.resolve(gated.unsafe('select 2'));
    await tick();
    expect(fake.running).toHaveLength(1);
    fake.finishOne();
    expect(await next).toBe('done');
  });

  it('runs a query only when it is awaited, as postgres.js does', async () => {
    const fake = fakeClient();
    const gated = gatePool(fake.client, 1, 1000);
    const built = gated.unsafe('select 1').values();
    await tick();
    expect(fake.running).toHaveLength(0);
    const result = Promise.resolve(built);
    await tick();
    expect(fake.running).toHaveLength(1);
    fake.finishOne();
    expect(await result).toBe('done');
  });

  it('passes everything else through to the client (LISTEN, ending the pool)', () => {
    const gated = gatePool(fakeClient().client, 1, 1000) as unknown as { listen(): string };
    expect(gated.listen()).toBe('listening');
  });
});
