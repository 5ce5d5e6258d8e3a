import { spawn } from 'node:child_process';

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

/**
 * Runs `npm run db:backup` or `npm run db:restore` as an operator would, in a process of its own.
 * `env` replaces the database settings: DATABASE_URL is set only when given.
 */
export function runDbScript(script: 'db:backup' | 'db:restore', args: string[], env: { DATABASE_URL?: string; PGLITE_DATA_DIR?: string }) {
  const { DATABASE_URL: _url, PGLITE_DATA_DIR: _dir, ...rest } = process.env;
  const startedAt = performance.now();
  return new Promise<ScriptRun>((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', script, '--', ...args], { env: { ...rest, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr, seconds: Math.round((performance.now() - startedAt) / 100) / 10 }));
  });
}

/** The file a backup run wrote, from its report. */
export function backupFileOf(run: ScriptRun): string {
  const match = / to (\/\S+\.(?:tar\.gz|dump)) /.exec(run.stdout);
  if (run.code !== 0 || !match) throw new Error(`backup failed (exit ${run.code}): ${run.stdout}${run.stderr}`);
  return match[1]!;
}
