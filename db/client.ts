import 'server-only';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { lockDataDir } from './data-dir-lock';
import * as schema from './schema';

/** One type for both drivers: code never needs to know which database it talks to. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** A database handle or an open transaction: what query helpers accept. */
export type Queryable = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations');
const casing = 'snake_case' as const;

/** The embedded database lives in one folder; only one process may open it at a time. */
export function pgliteDataDir(): string {
  // The ignore comment keeps Turbopack from tracing the whole project into the build output.
  return path.resolve(/*turbopackIgnore: true*/ process.env.PGLITE_DATA_DIR ?? path.join('.data', 'pglite'));
}

export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob } = {}): Promise<Database> {
  let release: () => Promise<void> = () => Promise.resolve();
  if (options.dataDir) {
    mkdirSync(path.dirname(options.dataDir), { recursive: true });
    release = await lockDataDir(options.dataDir);
  }
  let client: PGlite;
  try {
    client = await PGlite.create(options.dataDir, options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
  } catch (error) {
    await release();
    throw error;
  }
  const db = drizzlePglite({ client, schema, casing }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    async close() {
      await client.close();
      await release();
    },
  };
}

export function openPostgres(url: string, options: { max?: number } = {}): Database {
  const client = postgres(url, { max: options.max ?? 10, onnotice: () => {} });
  const db = drizzlePostgres({ client, schema, casing }) as unknown as Db;
  return { db, kind: 'postgres', close: () => client.end() };
}

/** Applies the committed migrations; on a server, an advisory lock keeps two app instances from racing. */
export async function migrateDatabase(database: Database, url?: string): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  const client = postgres(url!, { max: 1, onnotice: () => {} });
  try {
    const db = drizzlePostgres({ client, schema, casing });
    await db.execute(sql`select pg_advisory_lock(724011)`);
    await migratePostgres(db, { migrationsFolder: MIGRATIONS_FOLDER });
    await db.execute(sql`select pg_advisory_unlock(724011)`);
  } finally {
    await client.end();
  }
}

const appDatabase = globalThis as typeof globalThis & { __rungDatabase?: Promise<Database> };

/**
 * The running app's database, opened once per process and kept on globalThis so that hot
 * reload in `next dev` never opens the embedded folder a second time. Migrations run here,
 * before the first query, on either driver.
 */
export function getDatabase(): Promise<Database> {
  appDatabase.__rungDatabase ??= (async () => {
    const url = process.env.DATABASE_URL;
    const database = url ? openPostgres(url) : await openPglite({ dataDir: pgliteDataDir() });
    await migrateDatabase(database, url);
    return database;
  })();
  return appDatabase.__rungDatabase;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}
