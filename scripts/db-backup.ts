/**
 * Backs up the app's database into one file:
 *
 *   npm run db:backup                        # into backups/
 *   npm run db:backup -- --dir /srv/backups
 *
 * With DATABASE_URL: that PostgreSQL database, with pg_dump in its custom format
 * (rung-postgres-<database>-<time>.dump); the app may keep running, pg_dump reads one consistent
 * snapshot. Without it: the embedded database in PGLITE_DATA_DIR (default .data/pglite), the whole
 * folder as one archive (rung-embedded-<time>.tar.gz); refused while a server holds the folder.
 * Restore with `npm run db:restore` (docs/operations.md).
 */
import { parseArgs } from 'node:util';
import { backupEmbedded, backupServer, BackupError } from '@/db/backup';
import { pgliteDataDir } from '@/db/client';

const { values } = parseArgs({ options: { dir: { type: 'string', default: 'backups' } } });
const say = (line: string) => console.log(line);

try {
  const url = process.env.DATABASE_URL;
  if (url) await backupServer(url, values.dir, say);
  else await backupEmbedded(pgliteDataDir(), values.dir, say);
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(error.message);
  process.exit(1);
}
