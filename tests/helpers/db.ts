import { readFileSync } from 'node:fs';
import { afterAll, inject } from 'vitest';
import { openPglite, openPostgres, type Database } from '@/db/client';

/**
 * The database for one test file: a private copy of the migrated embedded database, or a
 * connection to this run's database on the server. Closed after the file's tests.
 */
export async function useTestDatabase(): Promise<Database> {
  const target = inject('testDatabase');
  const database =
    target.kind === 'pglite'
      ? await openPglite({ loadDataDir: new Blob([readFileSync(target.file)]) })
      : openPostgres(target.url, { max: 5 });
  afterAll(() => database.close());
  return database;
}

/** This run's server database URL, or null when the tests run on embedded PGlite. */
export function serverDatabaseUrl(): string | null {
  const target = inject('testDatabase');
  return target.kind === 'postgres' ? target.url : null;
}

/**
 * A database handle that is guaranteed to be one single connection, so that what one query
 * leaves behind (role, settings) is what the next query sees. PGlite is one connection
 * already; on a server this opens a pool of one, closed after the file's tests.
 */
export function singleConnection(database: Database): Database {
  const url = serverDatabaseUrl();
  if (!url) return database;
  const single = openPostgres(url, { max: 1 });
  afterAll(() => single.close());
  return single;
}
