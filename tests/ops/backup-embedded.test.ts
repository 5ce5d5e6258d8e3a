/**
 * `npm run db:backup` and `npm run db:restore` on the embedded database: a folder full of the
 * demo organization goes into one file, the folder is deleted, and the restore brings back every
 * row of every table, ids included. Figures (sizes, seconds) are printed for docs/operations.md.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openPglite } from '@/db/client';
import { accounts, organizations } from '@/db/schema';
import { withOrg } from '@/db/tenant';
import { DEMO_ORG_NAME, seedDemoOrganization } from '@/server/demo/seed';
import { backupFileOf, runDbScript } from '../helpers/db-scripts';
import { everyRow, rowCounts } from '../helpers/every-row';

const folder = mkdtempSync(path.join(os.tmpdir(), 'rung-backup-embedded-'));
const dataDir = path.join(folder, 'pglite');
const backups = path.join(folder, 'backups');
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(2);
let original: Record<string, string[]>;
let file: string;

beforeAll(async () => {
  const database = await openPglite({ dataDir });
  await migrateDatabase(database);
  expect(await seedDemoOrganization(database.db)).toBe(true);
  original = await everyRow(database.db);
  await database.close();
});

async function demoAccountsThroughWithOrg(): Promise<string[]> {
  const database = await openPglite({ dataDir });
  try {
    const [org] = await database.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, DEMO_ORG_NAME));
    const rows = await withOrg(database.db, org!.id, (tx) => tx.select({ id: accounts.id, name: accounts.name }).from(accounts));
    return rows.map((row) => `${row.id} ${row.name}`).sort();
  } finally {
    await database.close();
  }
}

describe('embedded database: backup, wipe, restore', () => {
  it('brings back every row of every table, ids included, and withOrg reads the organization again', async () => {
    const { tables, rows } = rowCounts(original);
    expect(original['public.accounts']!.length).toBeGreaterThan(30);
    const before = await demoAccountsThroughWithOrg();

    const backup = await runDbScript('db:backup', ['--dir', backups], { PGLITE_DATA_DIR: dataDir });
    file = backupFileOf(backup);
    expect(path.basename(file)).toMatch(/^rung-embedded-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.tar\.gz$/);
    expect(readdirSync(backups)).toEqual([path.basename(file)]);
    const folderBytes = readdirSync(dataDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .reduce((sum, entry) => sum + statSync(path.join(entry.parentPath, entry.name)).size, 0);

    rmSync(dataDir, { recursive: true });
    const restore = await runDbScript('db:restore', [file], { PGLITE_DATA_DIR: dataDir });
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain(`Restoring ${file}`);
    expect(restore.stdout).toContain('Role rung_app and its grants are in place.');

    const database = await openPglite({ dataDir });
    const restored = await everyRow(database.db);
    await database.close();
    expect(Object.keys(restored)).toEqual(Object.keys(original));
    for (const table of Object.keys(original)) expect(restored[table], table).toEqual(original[table]);
    expect(await demoAccountsThroughWithOrg()).toEqual(before);

    console.log(
      `embedded round trip: ${tables} tables and sequences, ${rows} rows; folder ${megabytes(folderBytes)} MB, ` +
        `backup ${megabytes(statSync(file).size)} MB; db:backup ${backup.seconds} s, db:restore ${restore.seconds} s (wall, with npm and tsx start)`,
    );
    console.log(backup.stdout.trim());
    console.log(restore.stdout.trim());
  });

  it('refuses to replace a database that is not empty, and with --force keeps the old folder aside', async () => {
    const refused = await runDbScript('db:restore', [file], { PGLITE_DATA_DIR: dataDir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`Restore refused: ${dataDir} already holds a database`);
    expect(refused.stderr).toContain('--force');

    const forced = await runDbScript('db:restore', [file, '--force'], { PGLITE_DATA_DIR: dataDir });
    expect(forced.code).toBe(0);
    const aside = /aside to (\S+);/.exec(forced.stdout)?.[1];
    expect(aside).toMatch(/pglite\.before-restore-/);
    expect(existsSync(aside!)).toBe(true);
    const database = await openPglite({ dataDir });
    expect(await everyRow(database.db)).toEqual(original);
    await database.close();
  });

  it('refuses to back up or restore while a server holds the folder, and says who holds it', async () => {
    const server = await openPglite({ dataDir });
    try {
      const backup = await runDbScript('db:backup', ['--dir', backups], { PGLITE_DATA_DIR: dataDir });
      expect(backup.code).toBe(1);
      expect(backup.stderr).toContain(`Backup refused: the embedded database in ${dataDir} is in use by process ${process.pid}`);
      const restore = await runDbScript('db:restore', [file, '--force'], { PGLITE_DATA_DIR: dataDir });
      expect(restore.code).toBe(1);
      expect(restore.stderr).toContain(`Restore refused: the embedded database in ${dataDir} is in use by process ${process.pid}`);
      expect(readdirSync(backups)).toEqual([path.basename(file)]);
    } finally {
      await server.close();
    }
  });

  it('leaves the database alone when the file is cut short or not a database, even with --force', async () => {
    const cutShort = path.join(folder, 'cut-short.tar.gz');
    writeFileSync(cutShort, readFileSync(file).subarray(0, 1024 * 1024));
    const truncated = await runDbScript('db:restore', [cutShort, '--force'], { PGLITE_DATA_DIR: dataDir });
    expect(truncated.code).toBe(1);
    expect(truncated.stderr).toMatch(/^tar failed: .*unexpected end of file/i);

    const notADatabase = path.join(folder, 'notes.tar.gz');
    writeFileSync(notADatabase, gzipSync('just some notes\n'));
    const refused = await runDbScript('db:restore', [notADatabase, '--force'], { PGLITE_DATA_DIR: dataDir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${notADatabase} holds no database folder (no PG_VERSION in it).`);

    const database = await openPglite({ dataDir });
    expect(await everyRow(database.db)).toEqual(original);
    await database.close();
    expect(readdirSync(folder).filter((name) => name.includes('.restoring-'))).toEqual([]);
  });

  it('names what a file is when it does not fit the target', async () => {
    const wrong = await runDbScript('db:restore', [file], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('is an embedded database backup; unset DATABASE_URL');
  });
});
