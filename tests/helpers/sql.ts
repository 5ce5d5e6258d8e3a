import type { SQL } from 'drizzle-orm';
import type { Queryable } from '@/db/client';

/**
 * Raw SQL through either driver: postgres.js returns an array of rows, PGlite `{ rows }`.
 * Cast counts to int in the SQL (postgres.js returns bigint as a string).
 */
export async function rows<T extends Record<string, unknown>>(db: Queryable, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** Exactly one row, or the test fails. */
export async function one<T extends Record<string, unknown>>(db: Queryable, query: SQL): Promise<T> {
  const found = await rows<T>(db, query);
  if (found.length !== 1) throw new Error(`expected exactly one row, got ${found.length}`);
  return found[0]!;
}
