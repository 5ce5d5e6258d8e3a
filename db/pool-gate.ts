import type { Sql } from 'postgres';
import { PoolTimeoutError } from './failures';

/*
 * A bounded wait for a pooled connection. postgres.js queues work for a connection for as long as
 * it takes: with every connection waiting on a lock, an unrelated page waits too, with no end.
 * This gate lets at most `size` statements or transactions (the pool's size) run at once and
 * makes the next one wait at most `waitMs` for its turn, then fail with PoolTimeoutError, which
 * the API turns into "busy, try again". Work inside a transaction runs on that transaction's own
 * connection and never passes the gate a second time.
 */

type Release = () => void;

function createGate(size: number, waitMs: number) {
  let free = size;
  const waiting: Array<{ grant: () => void; timer: NodeJS.Timeout }> = [];

  const release: Release = () => {
    const next = waiting.shift();
    if (next) {
      clearTimeout(next.timer);
      next.grant();
    } else {
      free += 1;
    }
  };

  const acquire = (): Promise<void> => {
    if (free > 0) {
      free -= 1;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const entry = {
        grant: resolve,
        timer: setTimeout(() => {
          waiting.splice(waiting.indexOf(entry), 1);
          reject(new PoolTimeoutError(waitMs));
        }, waitMs),
      };
      waiting.push(entry);
    });
  };

  return async function withTurn<T>(work: () => PromiseLike<T>): Promise<T> {
    await acquire();
    try {
      return await work();
    } finally {
      release();
    }
  };
}

interface Query extends PromiseLike<unknown> {
  values(): PromiseLike<unknown>;
}

/**
 * The same client with its two entry points for work, `unsafe` (every statement Drizzle runs
 * outside a transaction) and `begin` (a transaction), passing the gate first. Everything else,
 * `listen` and `end` included, is the client's own.
 */
export function gatePool(client: Sql, size: number, waitMs: number): Sql {
  const withTurn = createGate(size, waitMs);
  return new Proxy(client, {
    get(target, property) {
      if (property === 'begin') {
        return (...args: Parameters<Sql['begin']>) => withTurn(() => target.begin(...args));
      }
      if (property === 'unsafe') {
        // postgres.js runs a query when it is awaited: the turn is taken then, not when it is built.
        return (...args: Parameters<Sql['unsafe']>): Query => {
          const settle =
            (shape: (query: ReturnType<Sql['unsafe']>) => PromiseLike<unknown>): PromiseLike<unknown>['then'] =>
            (onFulfilled, onRejected) =>
              withTurn(() => shape(target.unsafe(...args))).then(onFulfilled, onRejected);
          return { then: settle((query) => query), values: () => ({ then: settle((query) => query.values()) }) };
        };
      }
      return Reflect.get(target, property) as unknown;
    },
  });
}
