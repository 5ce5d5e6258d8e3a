import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openPglite } from '@/db/client';

const folders: string[] = [];
function newDataDir(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'rung-lock-'));
  folders.push(folder);
  return path.join(folder, 'pglite');
}
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

/** Another process that takes and gives back the lock when told to (tests/helpers/data-dir-holder.ts). */
interface Holder {
  process: ChildProcessWithoutNullStreams;
  ask(command: 'try' | 'release'): Promise<string>;
}
const holders: Holder[] = [];
afterEach(() => {
  for (const holder of holders.splice(0)) holder.process.kill('SIGKILL');
});

async function startHolder(dataDir: string): Promise<Holder> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('tests', 'helpers', 'data-dir-holder.ts'), dataDir]);
  const lines = createInterface({ input: child.stdout });
  const waiting: Array<(line: string) => void> = [];
  const early: string[] = [];
  lines.on('line', (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else early.push(line);
  });
  const nextLine = () => new Promise<string>((resolve) => (early.length > 0 ? resolve(early.shift()!) : waiting.push(resolve)));
  expect(await nextLine()).toBe('ready');
  const holder: Holder = {
    process: child,
    ask(command) {
      child.stdin.write(`${command}\n`);
      return nextLine();
    },
  };
  holders.push(holder);
  return holder;
}

// Two processes writing one PGlite folder lose acknowledged writes without an error, so a
// second opener must be refused, always, and a dead holder must never block the folder.
describe('the embedded database folder has one owner at a time', () => {
  it('refuses to open a folder another process holds, and says which process', async () => {
    const dataDir = newDataDir();
    const holder = await startHolder(dataDir);
    expect(await holder.ask('try')).toBe('won');
    await expect(openPglite({ dataDir })).rejects.toThrow(`in use by process ${holder.process.pid} on ${os.hostname()}`);
    expect(await holder.ask('release')).toBe('released');
    const database = await openPglite({ dataDir });
    await database.close();
  });

  it('two processes racing for the folder never both get it', async () => {
    const dataDir = newDataDir();
    const [a, b] = await Promise.all([startHolder(dataDir), startHolder(dataDir)]);
    const winners: string[] = [];
    for (let round = 0; round < 100; round += 1) {
      const [fromA, fromB] = await Promise.all([a.ask('try'), b.ask('try')]);
      const won = [fromA === 'won' ? a : null, fromB === 'won' ? b : null].filter((h) => h !== null);
      // Exactly one: never both (two writers), never neither (the folder was free).
      expect(won).toHaveLength(1);
      winners.push(won[0] === a ? 'a' : 'b');
      expect(await won[0]!.ask('release')).toBe('released');
    }
    expect(winners).toHaveLength(100);
  });

  it('a holder killed without warning leaves nothing behind that blocks the next opener', async () => {
    const dataDir = newDataDir();
    const holder = await startHolder(dataDir);
    expect(await holder.ask('try')).toBe('won');
    const exited = new Promise((resolve) => holder.process.once('exit', resolve));
    holder.process.kill('SIGKILL');
    await exited;
    // The kernel drops the lock once the killed holder's helper sees its pipe close: moments.
    let database: Awaited<ReturnType<typeof openPglite>> | null = null;
    for (let attempt = 0; attempt < 50 && !database; attempt += 1) {
      database = await openPglite({ dataDir }).catch(async () => {
        await new Promise((resolve) => setTimeout(resolve, 100));
        return null;
      });
    }
    expect(database).not.toBeNull();
    await database!.close();
  });

  /*
   * A server whose folder is taken cannot serve anything until the other process lets go. It must
   * not start anyway and answer 500 to every request: it exits non-zero, so that a supervisor
   * restarts it, with one line that says why.
   */
  it('a server started on a folder another process holds exits non-zero with one line saying so', async () => {
    const dataDir = newDataDir();
    const holder = await startHolder(dataDir);
    expect(await holder.ask('try')).toBe('won');
    const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DATA_DIR: dataDir, JOBS_WORKER: 'off', SEED_DEMO: 'false' };
    delete env.DATABASE_URL;
    const server = spawn(process.execPath, ['--import', 'tsx', path.join('tests', 'helpers', 'start-server.ts')], {
      env,
    });
    let stderr = '';
    server.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exitCode = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        server.kill('SIGKILL');
        resolve(null);
      }, 25_000);
      server.once('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
    expect({ exitCode, lines: stderr.trim().split('\n') }).toEqual({
      exitCode: 1,
      lines: [
        expect.stringMatching(
          new RegExp(`^Rung cannot start: The embedded database in \\S+ is in use by process ${holder.process.pid} on `),
        ),
      ],
    });
  }, 40_000);

  it('opens a folder whose lock file names a process that is gone', async () => {
    const dataDir = newDataDir();
    writeFileSync(`${dataDir}.lock`, `process 2147483646 on ${os.hostname()}\n`);
    const database = await openPglite({ dataDir });
    await database.close();
  });
});
