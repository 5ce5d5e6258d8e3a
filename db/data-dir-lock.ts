import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { hostname } from 'node:os';

/*
 * One process at a time per embedded database folder. Two processes writing one PGlite folder
 * lose acknowledged writes without any error, so whoever opens it first holds an exclusive
 * flock(2) on `<dataDir>.lock` for as long as it runs:
 * - the kernel decides between two openers racing, so both can never win;
 * - the kernel drops the lock when its holder dies, however it dies (SIGKILL, a crash, a
 *   container stopped), so there is never a stale lock to take over, and no process id to trust
 *   that another container cannot see.
 * Node has no flock of its own. util-linux's `flock` command holds it for us in a small child
 * process whose stdin is a pipe from this one: when this process ends, the pipe closes, the
 * child's `cat` sees end of input and exits, and the lock goes with it.
 * Where the `flock` command is missing (macOS), an exclusive create of the lock file stands in:
 * atomic too, but a lock left by a killed process is taken over only when its process id no
 * longer runs on this machine.
 */

export class DataDirInUseError extends Error {
  constructor(dataDir: string, holder: string | null) {
    super(
      `The embedded database in ${dataDir} is in use${holder ? ` by ${holder}` : ''}. ` +
        'Stop that process first (only one process may open it), or set DATABASE_URL to use a PostgreSQL server.',
    );
    this.name = 'DataDirInUseError';
  }
}

/** Who holds the lock, as the holder wrote it ("process 123 on host"), if it did. */
function holderOf(lockFile: string): string | null {
  try {
    return readFileSync(lockFile, 'utf8').trim() || null;
  } catch {
    return null;
  }
}

const IN_USE = 75;

function lockWithFlockCommand(dataDir: string, lockFile: string): Promise<(() => Promise<void>) | 'unavailable'> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'flock',
      ['--exclusive', '--nonblock', '--conflict-exit-code', String(IN_USE), lockFile, 'sh', '-c', 'echo locked; exec cat >/dev/null'],
      { stdio: ['pipe', 'pipe', 'ignore'] },
    );
    let settled = false;
    child.once('error', (error: NodeJS.ErrnoException) => {
      settled = true;
      if (error.code === 'ENOENT') resolve('unavailable');
      else reject(error);
    });
    child.once('exit', (code) => {
      if (settled) return;
      settled = true;
      if (code === IN_USE) reject(new DataDirInUseError(dataDir, holderOf(lockFile)));
      else reject(new Error(`Could not lock the embedded database in ${dataDir} (flock exited with ${code}).`));
    });
    child.stdout.once('data', () => {
      if (settled) return;
      settled = true;
      child.removeAllListeners('exit');
      writeFileSync(lockFile, `process ${process.pid} on ${hostname()}\n`);
      // The lock must not keep a finished script alive: only an open database should.
      child.unref();
      (child.stdin as Socket).unref();
      (child.stdout as Socket).unref();
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      const release = () => {
        // Waiting for the exit must keep the process alive: unreferenced, a script whose last
        // step is closing the database would end with its top-level await unsettled (exit code 13).
        child.ref();
        child.stdin.end();
        return exited;
      };
      process.once('exit', () => child.stdin.end());
      resolve(release);
    });
  });
}

function lockWithExclusiveCreate(dataDir: string, lockFile: string): () => Promise<void> {
  const mine = `process ${process.pid} on ${hostname()}\n`;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeFileSync(fd, mine);
      closeSync(fd);
      const release = () => {
        if (holderOf(lockFile) === mine.trim()) rmSync(lockFile, { force: true });
      };
      process.once('exit', release);
      return () => Promise.resolve(release());
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = holderOf(lockFile);
      const match = holder ? /^process (\d+) on (.+)$/.exec(holder) : null;
      const deadHere = match && match[2] === hostname() && !isAlive(Number(match[1]));
      if (!deadHere) throw new DataDirInUseError(dataDir, holder);
      rmSync(lockFile, { force: true });
    }
  }
  throw new DataDirInUseError(dataDir, holderOf(lockFile));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the folder for this process, or throws DataDirInUseError naming who holds it. The
 * returned function gives it back, resolving once another process can take it (closing the
 * database does this); exiting gives it back too.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockFile = `${dataDir}.lock`;
  const viaFlock = await lockWithFlockCommand(dataDir, lockFile);
  return viaFlock === 'unavailable' ? lockWithExclusiveCreate(dataDir, lockFile) : viaFlock;
}
