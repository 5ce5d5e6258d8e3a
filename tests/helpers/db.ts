import { readFileSync } from 'node:fs';
import { afterAll, inject } from 'vitest';
import postgres from 'postgres';
import { migrateDatabase, openPglite, openPostgres, type Database } from '@/db/client';

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

/**
 * A migrated database that no other test file touches, for tests that need one to themselves
 * (there is one demo organization per database; the job queue is shared by the whole database):
 * the file's own embedded copy, or on the server a new database, dropped after the file's tests.
 * `url` is that database's address on the server, for tests that open connections of their own.
 */
export async function useOwnDatabase(): Promise<Database & { url: string | null }> {
  const url = serverDatabaseUrl();
  if (!url) return { ...(await useTestDatabase()), url: null };
  const name = `rung_own_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = openPostgres(target.toString(), { max: 2 });
  afterAll(async () => {
    await database.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });
  await migrateDatabase(database, target.toString());
  return { ...database, url: target.toString() };
}
