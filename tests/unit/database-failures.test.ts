import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, databaseTrouble, PoolTimeoutError } from '@/db/failures';

/** What Drizzle and tRPC make of a driver error: wrappers, each with the previous one as its cause. */
function wrapped(error: unknown): Error {
  return new Error('tRPC', { cause: new Error('Failed query: select 1', { cause: error }) });
}

const withCode = (code: string) => Object.assign(new Error(code), { code });

describe('databaseTrouble: a database that is down or busy, told apart from a request that is wrong', () => {
  it('finds a connection failure however deeply it is wrapped', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'CONNECTION_CLOSED', 'CONNECT_TIMEOUT', '57P01', '57P03', '08006']) {
      expect([code, databaseTrouble(wrapped(withCode(code)))]).toEqual([code, 'unavailable']);
    }
    expect(databaseTrouble(wrapped(new DatabaseUnavailableError()))).toBe('unavailable');
  });

  it('finds a refused connection among the errors of an AggregateError (one per address of a host name)', () => {
    expect(databaseTrouble(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]))).toBe('unavailable');
  });

  it('calls a lock wait, a statement or a pool wait over its time "busy"', () => {
    for (const code of ['55P03', '57014', '25P03', '53300'])
      expect([code, databaseTrouble(wrapped(withCode(code)))]).toEqual([code, 'busy']);
    expect(databaseTrouble(wrapped(new PoolTimeoutError(10)))).toBe('busy');
  });

  it('leaves every other error alone: constraint violations, bad input, plain bugs', () => {
    for (const error of [withCode('23505'), withCode('42501'), withCode('ENOENT'), new TypeError('x is undefined'), 'text', null]) {
      expect(databaseTrouble(wrapped(error))).toBeNull();
    }
  });

  it('does not loop on an error that is its own cause', () => {
    const looped = new Error('loop');
    (looped as { cause?: unknown }).cause = looped;
    expect(databaseTrouble(looped)).toBeNull();
  });
});
