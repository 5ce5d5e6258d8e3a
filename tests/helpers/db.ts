import { readFileSync } from 'node:fs';
import { afterAll, inject } from 'vitest';
import postgres from 'postgres';
import { openPglite, openPostgres, type Database } from '@/db/client';

/*
 * Every test file works on databases of its own, so files can run side by side and never see each
 * other's rows: on embedded PGlite, a copy loaded from the run's migrated dump; on a server, a new
 * database made from the run's migrated template (tests/helpers/global-setup.ts), dropped after the
 * file's tests.
 */

/*
 * What closes (or drops) this file's databases once its tests are done. One hook, registered as the
 * file loads: a hook registered inside another hook or a test would never run.
 */
const disposers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const dispose of disposers.reverse()) await dispose();
});

/** The name this file's own server database gets, unique to this file in this run. */
const fileDatabaseName = (() => {
  const target = inject('testDatabase');
  if (target?.kind !== 'postgres') return null;
  return `${target.template}_f${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
})();
let databasesMade = 0;

function serverUrlOf(name: string): string {
  const target = inject('testDatabase');
  if (target.kind !== 'postgres') throw new Error('not running on a database server');
  const url = new URL(target.serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A new migrated database on the server, copied from the run's template and dropped after the file's tests. */
async function copyTemplate(name: string): Promise<Database> {
  const target = inject('testDatabase');
  if (target.kind !== 'postgres') throw new Error('not running on a database server');
  const admin = postgres(target.serverUrl, { max: 1, onnotice: () => {} });
  // Two files copying the template at the same moment can briefly see each other as its users.
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.unsafe(`create database ${name} template ${target.template}`);
      break;
    } catch (error) {
      if (attempt >= 20 || !String(error).includes('is being accessed by other users')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
  const database = openPostgres(serverUrlOf(name), { max: 5 });
  disposers.push(async () => {
    await database.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });
  return database;
}

/**
 * Another empty migrated database of this file's own, besides the one `useTestDatabase` gives (for
 * moving data from one database to another). Closed, or dropped, after the file's tests; may be
 * called from inside a hook or a test.
 */
export async function openFreshDatabase(): Promise<Database & { url: string | null }> {
  const target = inject('testDatabase');
  if (target.kind === 'pglite') {
    const database = await openPglite({ loadDataDir: new Blob([readFileSync(target.file)]) });
    disposers.push(() => database.close());
    return { ...database, url: null };
  }
  const name = `${fileDatabaseName}_${++databasesMade}`;
  return { ...(await copyTemplate(name)), url: serverUrlOf(name) };
}

let fileDatabase: Promise<Database> | null = null;

/** This file's database: the same one however often it is asked for. */
export function useTestDatabase(): Promise<Database> {
  const target = inject('testDatabase');
  fileDatabase ??= target.kind === 'pglite' ? openFreshDatabase() : copyTemplate(fileDatabaseName!);
  return fileDatabase;
}

/** The address of this file's database on the server, or null when the tests run on embedded PGlite. */
export function serverDatabaseUrl(): string | null {
  return fileDatabaseName ? serverUrlOf(fileDatabaseName) : null;
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
  disposers.push(() => single.close());
  return single;
}

/**
 * This file's database with its address on the server (null on PGlite), for tests that open
 * connections of their own or need a database no other file touches (one demo organization per
 * database; one job queue per database).
 */
export async function useOwnDatabase(): Promise<Database & { url: string | null }> {
  return { ...(await useTestDatabase()), url: serverDatabaseUrl() };
}
