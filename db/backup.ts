import 'server-only';
import { execFile, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { appRoleProblems, provideAppGrants, provideAppRole } from './app-role';
import { openPostgres, type Db, type Queryable } from './client';
import { lockDataDir } from './data-dir-lock';

/*
 * `npm run db:backup` and `npm run db:restore` (scripts/db-backup.ts, scripts/db-restore.ts).
 * - Embedded: the whole data folder as a tar.gz, taken while this process holds the folder's
 *   lock, so never under a running server. Roles live in the folder.
 * - Server: pg_dump's custom format of the DATABASE_URL database. Roles live in the cluster and
 *   are not in a dump; the restore creates rung_app (db/app-role.ts) before pg_restore, so that
 *   the grants in the dump land on it.
 * A restore never replaces a database that holds anything unless told to (--force).
 */

/** A refusal or a failure the operator can act on: the scripts print its message alone, without a stack. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

type Say = (line: string) => void;

export interface BackupResult {
  file: string;
  bytes: number;
  seconds: number;
}

/** 2026-11-30T14-13-34Z: sorts by time, and is a valid file name everywhere. */
function stamp(now = new Date()): string {
  return now
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-');
}

const seconds = (startedAt: number) => Math.round((performance.now() - startedAt) / 10) / 100;

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 2 : 1)} MB`;
}

function folderBytes(folder: string): number {
  let total = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}

/** A backup never replaces another one (two in the same second would have the same name). */
function newBackupFile(folder: string, name: string): string {
  const file = path.resolve(folder, name);
  if (existsSync(file)) throw new BackupError(`${file} exists already; run the backup again in a second.`);
  return file;
}

/** Written under another name and renamed when complete: a file with the final name is a finished backup. */
async function writeThenRename(file: string, write: (partial: string) => Promise<unknown>): Promise<void> {
  const partial = `${file}.partial`;
  try {
    await write(partial);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  renameSync(partial, file);
}

const execFileAsync = promisify(execFile);

async function runProgram(program: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  try {
    const { stdout } = await execFileAsync(program, args, { env, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === 'ENOENT') {
      const name = path.basename(program);
      const hint = name.startsWith('pg_')
        ? 'install the PostgreSQL client (apt-get install postgresql-client) or set PG_BIN'
        : `install ${name}`;
      throw new BackupError(`${name} was not found: ${hint}.`);
    }
    throw new BackupError(`${path.basename(program)} failed: ${(failure.stderr ?? failure.message).trim()}`);
  }
}

/** What a backup file holds, from its first bytes: an embedded database folder (tar.gz) or a pg_dump custom-format file. */
function backupKind(file: string): 'embedded' | 'postgres' {
  if (!existsSync(file)) throw new BackupError(`No such backup file: ${file}`);
  const head = Buffer.alloc(5);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (head.subarray(0, 5).toString('latin1') === 'PGDMP') return 'postgres';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'embedded';
  throw new BackupError(`${file} is neither an embedded database backup (.tar.gz) nor a pg_dump custom-format file (.dump).`);
}

function wrongKind(file: string, kind: 'embedded' | 'postgres'): BackupError {
  return kind === 'postgres'
    ? new BackupError(
        `${file} is a PostgreSQL server backup; set DATABASE_URL to the server database to restore it into (without it, restore targets the embedded database).`,
      )
    : new BackupError(
        `${file} is an embedded database backup; unset DATABASE_URL to restore it into the embedded database (PGLITE_DATA_DIR).`,
      );
}

async function rowsOf<T>(db: Queryable, query: ReturnType<typeof sql>): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

interface Contents {
  tables: number;
  organizations: number | null;
  users: number | null;
  migrations: number | null;
}

/** A short inventory, to say what a restore brought back. */
async function contentsOf(db: Queryable): Promise<Contents> {
  const [found] = await rowsOf<{ tables: number; orgs: boolean; users: boolean; migrations: boolean }>(
    db,
    sql`select (select count(*)::int from pg_class c join pg_namespace n on n.oid = c.relnamespace
                 where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema')
                   and n.nspname not like 'pg\_%') as tables,
               to_regclass('public.organizations') is not null as orgs,
               to_regclass('public.users') is not null as users,
               to_regclass('drizzle.__drizzle_migrations') is not null as migrations`,
  );
  const count = async (exists: boolean, table: string) =>
    exists ? (await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0]!.n : null;
  return {
    tables: found!.tables,
    organizations: await count(found!.orgs, 'public.organizations'),
    users: await count(found!.users, 'public.users'),
    migrations: await count(found!.migrations, 'drizzle.__drizzle_migrations'),
  };
}

const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function describeContents(contents: Contents): string {
  const parts = [counted(contents.tables, 'table', 'tables')];
  if (contents.organizations !== null) parts.push(counted(contents.organizations, 'organization', 'organizations'));
  if (contents.users !== null) parts.push(counted(contents.users, 'user', 'users'));
  if (contents.migrations !== null) parts.push(`${counted(contents.migrations, 'migration', 'migrations')} applied`);
  return parts.join(', ');
}

/**
 * After a restore: creates the grants a backup lacks, then checks that withOrg will work. A
 * backup from an older version lacks the newer tables; migrations create them at the next start.
 */
async function settleAppRole(db: Queryable, say: Say): Promise<void> {
  for (const line of await provideAppGrants(db)) say(`${capitalized(line)}.`);
  const problems = await appRoleProblems(db);
  const missingTables = problems.filter((problem) => problem.startsWith('tables missing'));
  const others = problems.filter((problem) => !problem.startsWith('tables missing'));
  if (missingTables.length > 0)
    say(`The backup is from an older version (${missingTables.join('; ')}): migrations add them at the next start.`);
  if (others.length > 0) throw new BackupError(`Restored, but the app will refuse to start: ${others.join('; ')}.`);
  say('Role rung_app and its grants are in place.');
}

const capitalized = (line: string) => line.charAt(0).toUpperCase() + line.slice(1);

/* ------------------------------------------------------------------ embedded (PGlite) */

/** The lock, or a refusal that says a server (or another script) has the folder open. */
async function takeFolder(dataDir: string, doing: string): Promise<() => Promise<void>> {
  try {
    return await lockDataDir(dataDir);
  } catch (error) {
    if ((error as Error).name !== 'DataDirInUseError') throw error;
    const holder = existsSync(`${dataDir}.lock`) ? readFileSync(`${dataDir}.lock`, 'utf8').trim() : '';
    throw new BackupError(
      `${doing} refused: the embedded database in ${dataDir} is in use${holder ? ` by ${holder}` : ''}, most likely a running Rung server. ` +
        'Stop it first: only one process may open the folder, and a copy taken under a running server would not be consistent.',
    );
  }
}

const isEmptyFolder = (folder: string) => !existsSync(folder) || readdirSync(folder).length === 0;

export async function backupEmbedded(dataDir: string, toFolder: string, say: Say): Promise<BackupResult> {
  if (isEmptyFolder(dataDir))
    throw new BackupError(`There is no embedded database in ${dataDir} to back up (set PGLITE_DATA_DIR to its folder).`);
  const startedAt = performance.now();
  const release = await takeFolder(dataDir, 'Backup');
  try {
    const file = newBackupFile(toFolder, `rung-embedded-${stamp()}.tar.gz`);
    mkdirSync(path.dirname(file), { recursive: true });
    // Nothing writes to the folder while we hold its lock, so a plain copy is consistent (after a crash too:
    // PostgreSQL replays its log when the copy is opened). tar streams it; PGlite's dumpDataDir would hold
    // the whole archive in memory, several times the folder's size.
    await writeThenRename(file, (partial) => runProgram('tar', ['-C', dataDir, '-czf', partial, '.'], process.env));
    const result = { file, bytes: statSync(file).size, seconds: seconds(startedAt) };
    say(
      `Backed up the embedded database in ${dataDir} (${megabytes(folderBytes(dataDir))} on disk) to ${file} ` +
        `(${megabytes(result.bytes)}, gzip) in ${result.seconds} s.`,
    );
    return result;
  } finally {
    await release();
  }
}

export async function restoreEmbedded(file: string, dataDir: string, options: { force: boolean }, say: Say): Promise<void> {
  const kind = backupKind(file);
  if (kind !== 'embedded') throw wrongKind(file, kind);
  const startedAt = performance.now();
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const release = await takeFolder(dataDir, 'Restore');
  try {
    if (!isEmptyFolder(dataDir) && !options.force) {
      throw new BackupError(
        `Restore refused: ${dataDir} already holds a database (${megabytes(folderBytes(dataDir))}). Run again with --force to replace it; ` +
          `the current folder is then kept next to it as ${path.basename(dataDir)}.before-restore-<time>.`,
      );
    }
    say(`Restoring ${file} (${megabytes(statSync(file).size)}) into ${dataDir}.`);
    // Unpacked next to the folder first: the folder is replaced only by a complete, readable database.
    const unpacked = `${dataDir}.restoring-${stamp()}`;
    try {
      mkdirSync(unpacked);
      await runProgram('tar', ['-C', unpacked, '-xzf', file], process.env);
      if (!existsSync(path.join(unpacked, 'PG_VERSION'))) throw new BackupError(`${file} holds no database folder (no PG_VERSION in it).`);
      const client = await PGlite.create(unpacked);
      try {
        const db = drizzlePglite({ client }) as unknown as Db;
        say(`Unpacked ${describeContents(await contentsOf(db))} (${megabytes(folderBytes(unpacked))} on disk) in ${seconds(startedAt)} s.`);
        await settleAppRole(db, say);
      } finally {
        await client.close();
      }
    } catch (error) {
      rmSync(unpacked, { recursive: true, force: true });
      throw error;
    }
    if (!isEmptyFolder(dataDir)) {
      const setAside = `${dataDir}.before-restore-${stamp()}`;
      renameSync(dataDir, setAside);
      say(`Moved the database that was there aside to ${setAside}; delete it once the restored one is good.`);
    } else if (existsSync(dataDir)) {
      rmSync(dataDir, { recursive: true });
    }
    renameSync(unpacked, dataDir);
    say(`Restored into ${dataDir} in ${seconds(startedAt)} s.`);
  } finally {
    await release();
  }
}

/* ------------------------------------------------------------------ PostgreSQL server */

/** pg_dump and pg_restore: PG_BIN, else the newest in /usr/lib/postgresql (Debian keeps every version there), else PATH. */
function pgProgram(name: 'pg_dump' | 'pg_restore' | 'psql'): string {
  if (process.env.PG_BIN) return path.join(process.env.PG_BIN, name);
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const newest = readdirSync(root)
      .filter((version) => existsSync(path.join(root, version, 'bin', name)))
      .sort((a, b) => Number(b) - Number(a))[0];
    if (newest) return path.join(root, newest, 'bin', name);
  }
  return name;
}

interface Connection {
  /** The URL without its password (which goes in PGPASSWORD, never on a command line). */
  url: string;
  env: NodeJS.ProcessEnv;
  /** "database rung on db:5432 as rung" */
  label: string;
  database: string;
}

function connection(databaseUrl: string): Connection {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  const database = decodeURIComponent(url.pathname.slice(1)) || 'postgres';
  const user = decodeURIComponent(url.username) || process.env.USER || '';
  return {
    url: url.toString(),
    env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
    label: `database ${database} on ${url.host}${user ? ` as ${user}` : ''}`,
    database,
  };
}

export async function backupServer(databaseUrl: string, toFolder: string, say: Say): Promise<BackupResult> {
  const target = connection(databaseUrl);
  const pgDump = pgProgram('pg_dump');
  const startedAt = performance.now();
  const file = newBackupFile(toFolder, `rung-postgres-${target.database.replace(/[^\w.-]/g, '_')}-${stamp()}.dump`);
  mkdirSync(path.dirname(file), { recursive: true });
  await writeThenRename(file, (partial) =>
    runProgram(pgDump, ['--format=custom', `--file=${partial}`, `--dbname=${target.url}`], target.env),
  );
  const result = { file, bytes: statSync(file).size, seconds: seconds(startedAt) };
  const listing = await runProgram(pgProgram('pg_restore'), ['--list', file], target.env);
  const tables = listing.split('\n').filter((line) => / TABLE DATA /.test(line)).length;
  const version = (await runProgram(pgDump, ['--version'], target.env)).trim();
  say(
    `Backed up ${target.label} (${tables} tables) to ${file} (${megabytes(result.bytes)}, custom format, ${version}) in ${result.seconds} s.`,
  );
  return result;
}

/** Schema public as a new database has it (PostgreSQL 15 and later): the database owner's, usable by everyone. */
const CREATE_PUBLIC_SCHEMA = ['CREATE SCHEMA public AUTHORIZATION pg_database_owner;', 'GRANT USAGE ON SCHEMA public TO PUBLIC;'];

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * pg_restore writes the backup as SQL, and psql runs it after `prelude` in one transaction that
 * commits only once pg_restore has finished without error: a backup cut short, or a statement that
 * fails, leaves the database exactly as it was, what the prelude dropped included.
 */
function restoreInOneTransaction(file: string, target: Connection, prelude: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const psql = spawn(pgProgram('psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', '-', `--dbname=${target.url}`], {
      env: target.env,
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    // Objects belong to the restoring user (the app's), whoever owned them where the backup was taken.
    const pgRestore = spawn(pgProgram('pg_restore'), ['--no-owner', '--file=-', file], {
      env: target.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const errors = { psql: '', pgRestore: '' };
    psql.stderr.on('data', (chunk: Buffer) => (errors.psql += chunk.toString()));
    pgRestore.stderr.on('data', (chunk: Buffer) => (errors.pgRestore += chunk.toString()));
    // psql stops at the first error; what pg_restore still writes then has nowhere to go.
    psql.stdin.on('error', () => {});
    let restored: number | null = null;
    const missing = (name: string) => (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new BackupError(`${name} was not found: install the PostgreSQL client or set PG_BIN.`) : error);
    psql.once('error', missing('psql'));
    pgRestore.once('error', missing('pg_restore'));
    psql.stdin.write(['BEGIN;', ...prelude, ''].join('\n'));
    pgRestore.stdout.pipe(psql.stdin, { end: false });
    pgRestore.once('close', (code) => {
      restored = code;
      psql.stdin.end(code === 0 ? 'COMMIT;\n' : '');
    });
    psql.once('close', (code) => {
      if (code === 0 && restored === 0) return resolve();
      const why = restored !== 0 && errors.pgRestore ? `pg_restore: ${errors.pgRestore.trim()}` : `psql: ${errors.psql.trim()}`;
      reject(new BackupError(`The restore failed and was rolled back; the database is as it was. ${why}`));
    });
  });
}

export async function restoreServer(file: string, databaseUrl: string, options: { force: boolean }, say: Say): Promise<void> {
  const kind = backupKind(file);
  if (kind !== 'postgres') throw wrongKind(file, kind);
  const target = connection(databaseUrl);
  const startedAt = performance.now();
  const database = openPostgres(databaseUrl, { max: 1 });
  try {
    const { db } = database;
    const [before] = await rowsOf<{ schemas: string[]; tables: number; sessions: number }>(
      db,
      sql`select (select coalesce(array_agg(n.nspname order by n.nspname), '{}') from pg_namespace n
                   where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\_%') as schemas,
                 (select count(*)::int from pg_class c join pg_namespace n on n.oid = c.relnamespace
                   where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema')
                     and n.nspname not like 'pg\_%') as tables,
                 (select count(*)::int from pg_stat_activity
                   where datname = current_database() and pid <> pg_backend_pid()) as sessions`,
    );
    const { schemas, tables, sessions } = before!;
    if ((tables > 0 || sessions > 0) && !options.force) {
      const why = [
        ...(tables > 0 ? [`it holds ${tables} tables`] : []),
        ...(sessions > 0 ? [`${sessions} other sessions are connected to it (a running Rung server?)`] : []),
      ];
      throw new BackupError(
        `Restore refused: ${target.label} is not empty or not idle (${why.join('; ')}). ` +
          'Stop the app, and run again with --force to replace everything in it.',
      );
    }
    say(`Restoring ${file} (${megabytes(statSync(file).size)}) into ${target.label}.`);
    if (sessions > 0) say(`${sessions} other sessions are connected; they see the database change under them.`);
    for (const line of await provideAppRole(db)) say(`${capitalized(line)}.`);
    // Everything goes, not only what the backup holds: tables a newer version added would otherwise survive.
    const prelude =
      tables > 0
        ? ["SET lock_timeout = '15s';", ...schemas.map((schema) => `DROP SCHEMA ${quoted(schema)} CASCADE;`), ...CREATE_PUBLIC_SCHEMA]
        : schemas.includes('public')
          ? []
          : CREATE_PUBLIC_SCHEMA;
    await restoreInOneTransaction(file, target, prelude);
    if (tables > 0) say(`Dropped schemas ${schemas.join(', ')} (${tables} tables) and everything in them, in the restore's transaction.`);
    const version = (await runProgram(pgProgram('pg_restore'), ['--version'], target.env)).trim();
    say(
      `Restored ${describeContents(await contentsOf(db))} with ${version} in one transaction in ${seconds(startedAt)} s; ` +
        'its objects belong to the restoring user.',
    );
    await settleAppRole(db, say);
  } finally {
    await database.close();
  }
}
