/**
 * Recreates an organization from a file that `npm run org:export` wrote:
 *
 *   npm run org:import -- archive.json
 *
 * Into the PostgreSQL server in DATABASE_URL, or else the embedded database in PGLITE_DATA_DIR
 * (default .data/pglite; refused while the app holds it); migrations run first. Refused, with
 * nothing written, when the organization's id or slug is already there, or when one of its people's
 * email belongs to someone else. The archive carries no password hashes: people who
 * are new to this instance sign in through OIDC (the app has no way yet to set a password afresh).
 */
import { readFileSync } from 'node:fs';
import { migrateDatabase, openPglite, openPostgres, pgliteDataDir } from '@/db/client';
import { ArchiveError, importOrganization, type OrganizationArchive } from '@/server/services/org-archive';

const [file] = process.argv.slice(2);
if (!file) {
  console.error('Usage: npm run org:import -- <file>');
  process.exit(2);
}

const archive = JSON.parse(readFileSync(file, 'utf8')) as OrganizationArchive;
const url = process.env.DATABASE_URL;
const database = url ? openPostgres(url, { max: 2, timeouts: false }) : await openPglite({ dataDir: pgliteDataDir() });
try {
  await migrateDatabase(database, url);
  const counts = await importOrganization(database.db, archive);
  console.log(`Imported ${archive.organization.name} (${archive.organization.slug}, ${archive.organization.id}) from ${file}:`);
  for (const [table, rows] of Object.entries(counts)) console.log(`  ${table}: ${rows}`);
} catch (error) {
  if (!(error instanceof ArchiveError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await database.close();
}
