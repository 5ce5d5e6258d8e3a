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
import { DatabaseUnavailableError } from './failures';
import { gatePool } from './pool-gate';
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

/**
 * How long the app waits on its PostgreSQL server before giving up, in milliseconds, each set by
 * an environment variable (README, Configuration). 0 switches one off. The first three are the
 * server's own settings for every session of the app's pool: a statement, a wait for a row lock, a
 * transaction left idle. The last two are the driver's: opening a connection, and waiting for a
 * free one in the pool.
 */
export interface DatabaseTimeouts {
  statementMs: number;
  lockMs: number;
  idleInTransactionMs: number;
  connectMs: number;
  poolMs: number;
}

const TIMEOUT_VARIABLES: Record<keyof DatabaseTimeouts, [variable: string, defaultMs: number]> = {
  statementMs: ['DB_STATEMENT_TIMEOUT_MS', 30_000],
  lockMs: ['DB_LOCK_TIMEOUT_MS', 5_000],
  idleInTransactionMs: ['DB_IDLE_IN_TRANSACTION_TIMEOUT_MS', 60_000],
  connectMs: ['DB_CONNECT_TIMEOUT_MS', 5_000],
  poolMs: ['DB_POOL_TIMEOUT_MS', 10_000],
};

/** The timeouts the environment sets; throws, naming the variable, on a value that is not a whole number of milliseconds. */
export function databaseTimeouts(): DatabaseTimeouts {
  const entries = Object.entries(TIMEOUT_VARIABLES).map(([key, [variable, defaultMs]]) => {
    const raw = process.env[variable]?.trim();
    const value = raw ? Number(raw) : defaultMs;
    if (!Number.isInteger(value) || value < 0)
      throw new Error(`${variable} must be a whole number of milliseconds (0 for none), not "${raw}".`);
    return [key, value];
  });
  return Object.fromEntries(entries) as DatabaseTimeouts;
}

/*
 * How long postgres.js waits before opening a connection again after one failed, in seconds. Its
 * own default grows to 20 s during an outage, and work waits that long before it even tries: a
 * server back after a restart would stay unused for up to 20 s. A failed attempt costs little.
 */
const reconnectDelay = (retries: number) => Math.min(0.05 * 2 ** retries, 1);

/**
 * Server settings for each session, sent when it starts. postgres.js leaves out a setting whose
 * value is falsy, so 0 (off) goes as the text "0", which still overrides the server's own default.
 */
function sessionSettings(settings: Record<string, number>): Partial<postgres.ConnectionParameters> {
  return Object.fromEntries(Object.entries(settings).map(([name, ms]) => [name, String(ms)]));
}

/**
 * A pool of connections to a PostgreSQL server. Opening it connects to nothing yet; the first
 * query does. `timeouts` overrides the environment's (see DatabaseTimeouts); `false` waits as long
 * as it takes, for scripts that load data in bulk.
 */
export function openPostgres(url: string, options: { max?: number; timeouts?: Partial<DatabaseTimeouts> | false } = {}): Database {
  const max = options.max ?? 10;
  const limits = options.timeouts === false ? null : { ...databaseTimeouts(), ...options.timeouts };
  const pool = postgres(url, {
    max,
    onnotice: () => {},
    backoff: reconnectDelay,
    ...(limits && {
      connect_timeout: limits.connectMs > 0 ? limits.connectMs / 1000 : undefined,
      connection: sessionSettings({
        statement_timeout: limits.statementMs,
        lock_timeout: limits.lockMs,
        idle_in_transaction_session_timeout: limits.idleInTransactionMs,
      }),
    }),
  });
  const client = limits && limits.poolMs > 0 ? gatePool(pool, max, limits.poolMs) : pool;
  const db = drizzlePostgres({ client, schema, casing }) as unknown as Db;
  return { db, kind: 'postgres', close: () => pool.end() };
}

/** Applies the committed migrations; on a server, an advisory lock keeps two app instances from racing. */
export async function migrateDatabase(database: Database, url?: string): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  const connectMs = databaseTimeouts().connectMs;
  const client = postgres(url!, { max: 1, onnotice: () => {}, connect_timeout: connectMs > 0 ? connectMs / 1000 : undefined });
  try {
    const db = drizzlePostgres({ client, schema, casing });
    await db.execute(sql`select pg_advisory_lock(724011)`);
    await migratePostgres(db, { migrationsFolder: MIGRATIONS_FOLDER });
    await db.execute(sql`select pg_advisory_unlock(724011)`);
  } finally {
    await client.end();
  }
}

interface AppDatabase {
  database?: Database;
  /** The attempt to open it in progress, shared by everyone who asks meanwhile. */
  opening?: Promise<Database>;
  failures: number;
  /** Until then, asking fails at once instead of trying again. */
  retryAt: number;
  lastError?: unknown;
}

// On globalThis so that hot reload in `next dev` never opens the embedded folder a second time.
const app = ((globalThis as typeof globalThis & { __rungAppDatabase?: AppDatabase }).__rungAppDatabase ??= { failures: 0, retryAt: 0 });

/** After the nth failed attempt to open the database, the next waits 0.25 s, 0.5 s, 1 s, then 2 s at most. */
const reopenDelayMs = (failures: number) => Math.min(250 * 2 ** (failures - 1), 2000);

async function openAppDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  const database = url ? openPostgres(url) : await openPglite({ dataDir: pgliteDataDir() });
  try {
    await migrateDatabase(database, url);
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
  return database;
}

/**
 * The running app's database, opened once per process; migrations run before the first query,
 * on either driver. A failed attempt is not kept: until the next one is due (backoff, at most
 * 2 s apart) asking fails at once with DatabaseUnavailableError, and the first request after
 * that tries again, so the app heals by itself when the database comes back. Once open, a
 * PostgreSQL pool reconnects by itself after the server restarts.
 */
export function getDatabase(): Promise<Database> {
  if (app.database) return Promise.resolve(app.database);
  if (app.opening) return app.opening;
  if (Date.now() < app.retryAt) return Promise.reject(new DatabaseUnavailableError(app.lastError));
  app.opening = openAppDatabase().then(
    (database) => {
      Object.assign(app, { database, opening: undefined, failures: 0, retryAt: 0, lastError: undefined });
      return database;
    },
    (error: unknown) => {
      app.failures += 1;
      app.retryAt = Date.now() + reopenDelayMs(app.failures);
      app.lastError = error;
      app.opening = undefined;
      throw error instanceof DatabaseUnavailableError ? error : new DatabaseUnavailableError(error);
    },
  );
  return app.opening;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}
