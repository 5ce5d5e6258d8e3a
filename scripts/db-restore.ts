/**
 * Restores a backup made by `npm run db:backup`:
 *
 *   npm run db:restore -- backups/rung-embedded-2026-11-30T14-13-34Z.tar.gz
 *   DATABASE_URL=postgres://… npm run db:restore -- backups/rung-postgres-rung-2026-11-30T14-13-34Z.dump
 *   … -- --force                             # replace a database that is not empty
 *
 * The target is the app's database: DATABASE_URL when set, otherwise the embedded folder in
 * PGLITE_DATA_DIR (default .data/pglite). Stop the app first. A target that holds anything is
 * left alone unless --force is given; then an embedded folder is moved aside (kept), and a
 * server database loses everything in it. On a server the restore creates the role rung_app and
 * its grants when the cluster lacks them (a new cluster does). It prints each step it took.
 */
import { parseArgs } from 'node:util';
import { BackupError, restoreEmbedded, restoreServer } from '@/db/backup';
import { pgliteDataDir } from '@/db/client';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { force: { type: 'boolean', default: false } } });
const say = (line: string) => console.log(line);

try {
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new BackupError('Usage: npm run db:restore -- <backup file> [--force]');
  const url = process.env.DATABASE_URL;
  if (url) await restoreServer(file, url, { force: values.force }, say);
  else await restoreEmbedded(file, pgliteDataDir(), { force: values.force }, say);
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(error.message);
  process.exit(1);
}
