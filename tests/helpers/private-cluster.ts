import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/*
 * A PostgreSQL cluster of a test's own, for the tests that stop, kill, restart or restore a
 * database: its own folder, port and socket directory, so the machine's shared server is never
 * touched. initdb refuses to run as root, so as root the cluster belongs to the `postgres` user.
 */

export interface PrivateCluster {
  /** postgres://postgres@127.0.0.1:<port>/postgres (trust authentication, local only). */
  url: string;
  port: number;
  dataDir: string;
  /** Starts a stopped cluster; resolves when it accepts connections. */
  start(): Promise<void>;
  /** `fast` ends sessions cleanly; `immediate` is a crash as far as the data is concerned. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** SIGKILL to the postmaster: the harshest way a database can go away. Resolves once it is gone. */
  kill(): Promise<void>;
  /** A database URL on this cluster. */
  urlOf(database: string): string;
  /** Stops the cluster and deletes its folder. */
  destroy(): Promise<void>;
}

/** Where the newest installed PostgreSQL's programs are (PG_BIN overrides). */
export function binDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) throw new Error('No PostgreSQL binaries in /usr/lib/postgresql (apt-get install -y postgresql).');
  return path.join('/usr/lib/postgresql', versions[0]!, 'bin');
}

const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL program as the cluster's owner. */
function run(program: string, args: string[]): string {
  const file = path.join(binDir(), program);
  return asRoot
    ? execFileSync('runuser', ['-u', 'postgres', '--', file, ...args], { encoding: 'utf8' })
    : execFileSync(file, args, { encoding: 'utf8' });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startPrivateCluster(): Promise<PrivateCluster> {
  const base = mkdtempSync(path.join(os.tmpdir(), 'rung-cluster-'));
  const dataDir = path.join(base, 'data');
  const socketDir = base;
  if (asRoot) {
    const owner = execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim();
    const group = execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim();
    chownSync(base, Number(owner), Number(group));
  }
  run('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
  const port = await freePort();
  const logFile = path.join(base, 'server.log');
  const options = `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1`;

  const cluster: PrivateCluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    urlOf: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async start() {
      // After a kill, the old backends linger until they notice; until then a start is refused.
      for (let attempt = 1; ; attempt += 1) {
        try {
          run('pg_ctl', ['-D', dataDir, '-o', options, '-l', logFile, '-w', '-t', '60', 'start']);
          return;
        } catch (error) {
          if (attempt >= 40) throw error;
          await sleep(250);
        }
      }
    },
    stop(mode = 'fast') {
      if (existsSync(path.join(dataDir, 'postmaster.pid'))) run('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
      return Promise.resolve();
    },
    async kill() {
      const pidFile = path.join(dataDir, 'postmaster.pid');
      const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      process.kill(pid, 'SIGKILL');
      for (let waited = 0; waited < 20_000 && isRunning(pid); waited += 100) await sleep(100);
    },
    async destroy() {
      try {
        await cluster.stop('immediate');
      } catch {
        // Already down.
      }
      rmSync(base, { recursive: true, force: true });
    },
  };
  await cluster.start();
  return cluster;
}
