/**
 * Writes one organization, with everything it holds, into one JSON file:
 *
 *   npm run org:export -- <org-slug>                 # into <org-slug>-<date>.json
 *   npm run org:export -- <org-slug> archive.json
 *
 * Reads the PostgreSQL server in DATABASE_URL, or else the embedded database in PGLITE_DATA_DIR
 * (default .data/pglite; refused while the app holds it). Password and link token hashes stay
 * behind. `npm run org:import` reads the file into another instance (docs/operations.md).
 */
import { writeFileSync } from 'node:fs';
import { openPglite, openPostgres, pgliteDataDir } from '@/db/client';
import { findOrganizationBySlug } from '@/server/services/identity';
import { ArchiveError, exportOrganization } from '@/server/services/org-archive';

const [slug, given] = process.argv.slice(2);
if (!slug) {
  console.error('Usage: npm run org:export -- <org-slug> [file]');
  process.exit(2);
}
const file = given ?? `${slug}-${new Date().toISOString().slice(0, 10)}.json`;

const url = process.env.DATABASE_URL;
const database = url ? openPostgres(url, { max: 2, timeouts: false }) : await openPglite({ dataDir: pgliteDataDir() });
try {
  const org = await findOrganizationBySlug(database.db, slug);
  if (!org) throw new ArchiveError(`No organization has the slug ${slug}.`);
  const archive = await exportOrganization(database.db, org.id);
  writeFileSync(file, JSON.stringify(archive));
  console.log(`Exported ${org.name} (${org.slug}, ${org.id}) into ${file}:`);
  console.log(`  users: ${archive.users.length}`);
  for (const [table, rows] of Object.entries(archive.tables)) console.log(`  ${table}: ${rows.length}`);
} catch (error) {
  if (!(error instanceof ArchiveError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
} finally {
  await database.close();
}
