/**
 * `npm run db:backup` and `npm run db:restore` on PostgreSQL servers of the test's own: the demo
 * organization is backed up from one cluster and restored into a second, brand-new cluster, which
 * has never heard of the role rung_app. Restored, every row of every table is identical and the
 * app reads the organization through withOrg and its router. A dump restored by hand, without the
 * role, is what the start-up check refuses, naming what is missing.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRoleProblems } from '@/db/app-role';
import { migrateDatabase, openPostgres, type Database } from '@/db/client';
import { accounts, organizations } from '@/db/schema';
import { withOrg } from '@/db/tenant';
import { DEMO_ORG_NAME, DEMO_PEOPLE, seedDemoOrganization } from '@/server/demo/seed';
import { findUserByEmail } from '@/server/services/identity';
import { backupFileOf, runDbScript, type ScriptRun } from '../helpers/db-scripts';
import { everyRow, rowCounts } from '../helpers/every-row';
import { one } from '../helpers/sql';
import { callerFor } from '../helpers/factories';
import { binDir, startPrivateCluster, type PrivateCluster } from '../helpers/private-cluster';

const folder = mkdtempSync(path.join(os.tmpdir(), 'rung-backup-postgres-'));
const clusters: PrivateCluster[] = [];
const databases: Database[] = [];
afterAll(async () => {
  await Promise.all(databases.map((database) => database.close()));
  for (const cluster of clusters) await cluster.destroy();
  rmSync(folder, { recursive: true, force: true });
});

async function newCluster(): Promise<PrivateCluster> {
  const cluster = await startPrivateCluster();
  clusters.push(cluster);
  return cluster;
}

function open(url: string): Database {
  const database = openPostgres(url, { max: 2 });
  databases.push(database);
  return database;
}

/** As the cluster's superuser. */
async function admin(cluster: PrivateCluster, statements: string[], database = 'postgres'): Promise<void> {
  const client = postgres(cluster.urlOf(database), { max: 1, onnotice: () => {} });
  try {
    for (const statement of statements) await client.unsafe(statement);
  } finally {
    await client.end();
  }
}

/**
 * A database the way the README asks for one: owned by a login role `rung` that is not a
 * superuser (BYPASSRLS for the lookups before an organization is known, CREATEROLE for rung_app).
 */
async function appDatabase(cluster: PrivateCluster): Promise<string> {
  await admin(cluster, ['create role rung login bypassrls createrole', 'create database rung owner rung']);
  return `postgres://rung@127.0.0.1:${cluster.port}/rung`;
}

async function roleExists(cluster: PrivateCluster, role: string): Promise<boolean> {
  const client = postgres(cluster.url, { max: 1 });
  try {
    return (await client`select 1 from pg_roles where rolname = ${role}`).length === 1;
  } finally {
    await client.end();
  }
}

/** What the accounts page shows to the demo owner, through the router, and the accounts withOrg reads. */
async function demoReads(database: Database) {
  const [org] = await database.db
    .select({ id: organizations.id, slug: organizations.slug })
    .from(organizations)
    .where(eq(organizations.name, DEMO_ORG_NAME));
  const owner = await findUserByEmail(database.db, DEMO_PEOPLE[0].email);
  const list = await callerFor(database.db, owner!.id).account.list({ orgSlug: org!.slug, pageSize: 200 });
  const rows = await withOrg(database.db, org!.id, (tx) => tx.select().from(accounts).orderBy(accounts.id));
  return { orgId: org!.id, list, rows };
}

/** The repair docs/operations.md gives for a database restored without its grants: the migrations' GRANT lines, through psql. */
async function grantAsTheDocsSay(url: string): Promise<void> {
  const command = `grep -h '^GRANT' db/migrations/*.sql | sed 's/-->.*//' | psql -q -v ON_ERROR_STOP=1 "$DATABASE_URL"`;
  await promisify(execFile)('sh', ['-c', command], { env: { ...process.env, DATABASE_URL: url, PATH: `${binDir()}:${process.env.PATH}` } });
}

/**
 * The first two steps of the server's start (server/runtime/startup.ts) in a process of its own:
 * open the database, applying migrations, then check the role. (The whole of startServer needs
 * Next.js's module layers, which a plain Node process does not have.)
 */
function startServerAgainst(url: string): Promise<{ code: number | null; stderr: string }> {
  const { DATABASE_URL: _url, PGLITE_DATA_DIR: _dir, ...env } = process.env;
  const script =
    "Promise.all([import('./db/client.ts'), import('./server/runtime/app-role-check.ts')])" +
    '.then(([client, check]) => client.getDatabase().then(check.requireAppRole))';
  return new Promise((resolve, reject) => {
    const child = spawn(path.join('node_modules', '.bin', 'tsx'), ['--conditions=react-server', '-e', script], {
      env: { ...env, DATABASE_URL: url, SEED_DEMO: 'false', JOBS_WORKER: 'off' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // A start that passes the check keeps its connections open: it has started, and that is the answer.
    const started = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(started);
      resolve({ code, stderr });
    });
  });
}

/** Who owns schema public and who may use it. */
function publicSchema(database: Database) {
  return one<{ owner: string; acl: string }>(
    database.db,
    sql`select pg_get_userbyid(nspowner) as owner, nspacl::text as acl from pg_namespace where nspname = 'public'`,
  );
}

const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(2);

let source: PrivateCluster;
let sourceUrl: string;
let original: Record<string, string[]>;
let originalReads: Awaited<ReturnType<typeof demoReads>>;
let backup: ScriptRun;
let file: string;
let freshRestore: Database;

beforeAll(async () => {
  source = await newCluster();
  await admin(source, ['create database rung']);
  sourceUrl = source.urlOf('rung');
  const database = open(sourceUrl);
  await migrateDatabase(database, sourceUrl);
  expect(await seedDemoOrganization(database.db)).toBe(true);
  original = await everyRow(database.db);
  originalReads = await demoReads(database);
  backup = await runDbScript('db:backup', ['--dir', folder], { DATABASE_URL: sourceUrl });
  file = backupFileOf(backup);
});

describe('PostgreSQL: backup, then restore into a brand-new cluster', () => {
  it('restores every row of every table into a cluster without rung_app, creates the role, and the app reads the organization', async () => {
    expect(path.basename(file)).toMatch(/^rung-postgres-rung-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.dump$/);

    const target = await newCluster();
    const targetUrl = await appDatabase(target);
    expect(await roleExists(target, 'rung_app')).toBe(false);

    const restore = await runDbScript('db:restore', [file], { DATABASE_URL: targetUrl });
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain('Created role "rung_app" (NOLOGIN, not a superuser, no BYPASSRLS).');
    expect(restore.stdout).toContain('Let user "rung" switch to role "rung_app".');
    expect(restore.stdout).toContain('Role rung_app and its grants are in place.');
    expect(await roleExists(target, 'rung_app')).toBe(true);

    const database = open(targetUrl);
    freshRestore = database;
    const restored = await everyRow(database.db);
    expect(Object.keys(restored)).toEqual(Object.keys(original));
    for (const table of Object.keys(original)) expect(restored[table], table).toEqual(original[table]);
    expect(await appRoleProblems(database.db)).toEqual([]);

    const reads = await demoReads(database);
    expect(reads.rows.length).toBeGreaterThan(30);
    expect(reads).toEqual(originalReads);

    const { tables, rows } = rowCounts(original);
    const { bytes } = await one<{ bytes: number }>(database.db, sql`select pg_database_size(current_database())::int as bytes`);
    console.log(
      `postgres round trip: ${tables} tables and sequences, ${rows} rows; restored database ${megabytes(bytes)} MB, ` +
        `dump ${megabytes(statSync(file).size)} MB; ` +
        `db:backup ${backup.seconds} s, db:restore ${restore.seconds} s (wall, with npm and tsx start)`,
    );
    console.log(backup.stdout.trim());
    console.log(restore.stdout.trim());
  });

  it('refuses to restore over a database that holds tables, and --force replaces everything in it', async () => {
    const target = await newCluster();
    const targetUrl = await appDatabase(target);
    const database = open(targetUrl);
    await migrateDatabase(database, targetUrl);
    await database.db.execute(sql`create table left_behind (id int)`);
    await database.close();
    databases.splice(databases.indexOf(database), 1);

    const refused = await runDbScript('db:restore', [file], { DATABASE_URL: targetUrl });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^Restore refused: database rung on 127\.0\.0\.1:\d+ as rung is not empty or not idle \(it holds \d+ tables\)\. Stop the app, and run again with --force/,
    );

    const forced = await runDbScript('db:restore', [file, '--force'], { DATABASE_URL: targetUrl });
    expect(forced.stderr).toBe('');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/Dropped schemas drizzle, public \(\d+ tables\) and everything in them/);
    const restored = open(targetUrl);
    expect(await everyRow(restored.db)).toEqual(original);
    expect(await publicSchema(restored)).toEqual(await publicSchema(freshRestore));
    expect(await demoReads(restored)).toEqual(originalReads);
  });

  it('a backup cut short changes nothing, even with --force: the drop and the restore are one transaction', async () => {
    const target = await newCluster();
    const targetUrl = await appDatabase(target);
    expect((await runDbScript('db:restore', [file], { DATABASE_URL: targetUrl })).code).toBe(0);
    const cutShort = path.join(folder, 'cut-short.dump');
    writeFileSync(cutShort, readFileSync(file).subarray(0, Math.floor(statSync(file).size * 0.6)));

    const failed = await runDbScript('db:restore', [cutShort, '--force'], { DATABASE_URL: targetUrl });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^The restore failed and was rolled back; the database is as it was\. pg_restore: /);
    expect(failed.stdout).not.toContain('Dropped schemas');
    const database = open(targetUrl);
    expect(await everyRow(database.db)).toEqual(original);
  });
});

describe('start-up check: the role and grants withOrg needs', () => {
  let target: PrivateCluster;
  let targetUrl: string;

  beforeAll(async () => {
    // The restore as it used to be done: pg_restore alone, into a cluster that lacks rung_app. It
    // reports the failed grants, yet the data is all there, and every organization page would fail.
    target = await newCluster();
    targetUrl = await appDatabase(target);
    const outcome = await promisify(execFile)(path.join(binDir(), 'pg_restore'), ['--no-owner', `--dbname=${targetUrl}`, file]).catch(
      (error: unknown) => error,
    );
    expect(String((outcome as { stderr?: string }).stderr)).toContain('role "rung_app" does not exist');
  });

  it('every organization read there is a 500, which is what the check is for', async () => {
    const database = open(targetUrl);
    const failure = await demoReads(database).then(
      () => null,
      (error: unknown) => error as Error & { code?: string },
    );
    expect(failure?.code).toBe('INTERNAL_SERVER_ERROR');
    const causes: string[] = [];
    for (let error: unknown = failure; error instanceof Error; error = error.cause) causes.push(error.message);
    expect(causes).toContain('role "rung_app" does not exist');
  });

  it('names the missing role, in one line, and the server refuses to start', async () => {
    const database = open(targetUrl);
    expect(await appRoleProblems(database.db)).toEqual(['role "rung_app" does not exist']);

    const started = await startServerAgainst(targetUrl);
    expect(started.code).toBe(1);
    const lines = started.stderr.trim().split('\n');
    expect(lines).toEqual([
      'Rung cannot start: the database is missing what tenant isolation needs: role "rung_app" does not exist. ' +
        'See "Roles and grants" in docs/operations.md (npm run db:restore creates them).',
    ]);
  });

  it('names the role the app user may not switch to, and each missing grant', async () => {
    await admin(target, ['create role rung_app nologin']);
    const database = open(targetUrl);
    const problems = await appRoleProblems(database.db);
    expect(problems[0]).toBe('user "rung" may not switch to role "rung_app" (GRANT rung_app TO "rung")');
    // USAGE on schema public is there anyway: PostgreSQL grants it to PUBLIC.
    expect(problems[1]).toMatch(
      /^role "rung_app" lacks SELECT, INSERT, UPDATE, DELETE on memberships; .*; SELECT, INSERT on audit_events; /,
    );
    expect(problems[1]).toContain('; SELECT, INSERT, UPDATE on jobs');
    expect(problems).toHaveLength(2);

    await admin(target, ['grant rung_app to rung']);
    const granted = open(targetUrl);
    await grantAsTheDocsSay(targetUrl);
    expect(await appRoleProblems(granted.db)).toEqual([]);
    await admin(target, ['revoke insert on audit_events from rung_app', 'revoke update on jobs from rung_app'], 'rung');
    expect(await appRoleProblems(granted.db)).toEqual(['role "rung_app" lacks INSERT on audit_events; UPDATE on jobs']);

    const started = await startServerAgainst(targetUrl);
    expect(started.code).toBe(1);
    expect(started.stderr).toContain('role "rung_app" lacks INSERT on audit_events; UPDATE on jobs.');
  });
});
