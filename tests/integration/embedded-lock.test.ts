import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from '@/db/client';

const folders: string[] = [];
function newDataDir(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'rung-lock-'));
  folders.push(folder);
  return path.join(folder, 'pglite');
}
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

// Two processes writing one PGlite folder lose data silently, so a second opener must refuse.
describe('the embedded database folder has one owner at a time', () => {
  it('refuses to open a folder held by another living process, and says which one', async () => {
    const dataDir = newDataDir();
    writeFileSync(`${dataDir}.lock`, String(process.ppid));
    await expect(openPglite({ dataDir })).rejects.toThrow(`in use by process ${process.ppid}`);
  });

  it('takes over a lock left behind by a process that no longer runs, and releases it on close', async () => {
    const dataDir = newDataDir();
    writeFileSync(`${dataDir}.lock`, '2147483646');
    const database = await openPglite({ dataDir });
    expect(readFileSync(`${dataDir}.lock`, 'utf8')).toBe(String(process.pid));
    await database.close();
    expect(() => readFileSync(`${dataDir}.lock`, 'utf8')).toThrow();
  });
});
