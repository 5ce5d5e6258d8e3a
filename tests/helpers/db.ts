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
