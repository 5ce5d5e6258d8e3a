import path from 'node:path';
import { getDatabase, pgliteDataDir } from '@/db/client';
import { demoSeedWanted, DEMO_PASSWORD, DEMO_PEOPLE, seedDemoOrganization } from '@/db/seed';

/**
 * Called once from instrumentation.ts when the Node.js server starts: checks the configuration,
 * opens the database (applying migrations) and seeds the demo organization, before the first
 * request is served.
 */
export async function startServer(): Promise<void> {
  if (process.env.NODE_ENV === 'production' && !process.env.AUTH_SECRET) {
    console.error(
      '\nRung cannot start: AUTH_SECRET is not set.\n' +
        'It signs session cookies. Generate one with `openssl rand -base64 32` and set AUTH_SECRET in the environment.\n',
    );
    process.exit(1);
  }

  const database = await getDatabase();
  if (!demoSeedWanted()) return;
  const created = await seedDemoOrganization(database.db);
  const [owner, , , viewer] = DEMO_PEOPLE;
  const where = database.kind === 'pglite' ? `the embedded database (${path.relative(process.cwd(), pgliteDataDir())})` : 'the PostgreSQL server';
  console.log(
    `\n  Rung ${created ? 'created' : 'has'} a demo organization on ${where}.\n` +
      `  Sign in at http://localhost:${process.env.PORT ?? 3000}/sign-in as\n` +
      `    ${owner.email} / ${DEMO_PASSWORD}  (owner)\n` +
      `    ${viewer.email} / ${DEMO_PASSWORD}  (viewer, read-only)\n`,
  );
}
