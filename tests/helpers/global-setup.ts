import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, openPglite, openPostgres } from '@/db/client';

/**
 * Migrates one database for the whole integration run.
 * - Embedded (default): an in-memory PGlite, migrated once and dumped to a file; each test file
 *   loads its own copy, so files never share state and never pay for migrations again.
 * - Server (TEST_DATABASE_URL set): a brand-new database on that server, migrated once and used
 *   as the template each test file copies its own database from; dropped at the end, so parallel
 *   runs and earlier runs never interfere.
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const template = `rung_test_${process.pid}_${Date.now().toString(36)}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${template}`);
    const url = new URL(serverUrl);
    url.pathname = `/${template}`;
    const database = openPostgres(url.toString(), { max: 1 });
    await migrateDatabase(database, url.toString());
    // Nobody may stay connected to a template while it is copied.
    await database.close();
    project.provide('testDatabase', { kind: 'postgres', serverUrl, template });
    return async () => {
      await admin.unsafe(`drop database if exists ${template} with (force)`);
      await admin.end();
    };
  }

  const database = await openPglite();
  await migrateDatabase(database);
  const dump = await ((database.db as unknown as { $client: unknown }).$client as { dumpDataDir(c: 'none'): Promise<Blob> }).dumpDataDir(
    'none',
  );
  await database.close();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rung-test-'));
  const file = path.join(dir, 'migrated.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('testDatabase', { kind: 'pglite', file });
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: { kind: 'pglite'; file: string } | { kind: 'postgres'; serverUrl: string; template: string };
  }
}
