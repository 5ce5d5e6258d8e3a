/**
 * Runs once when the server starts (never during `next build`): checks the configuration,
 * opens the database, applies migrations and seeds the demo organization, before the first
 * request is served.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;

  if (process.env.NODE_ENV === 'production' && !process.env.AUTH_SECRET) {
    console.error(
      '\nRung cannot start: AUTH_SECRET is not set.\n' +
        'It signs session cookies. Generate one with `openssl rand -base64 32` and set AUTH_SECRET in the environment.\n',
    );
    process.exit(1);
  }

  const { getDatabase } = await import('./db/client');
  const database = await getDatabase();

  const { demoSeedWanted, seedDemoOrganization, DEMO_PEOPLE, DEMO_PASSWORD } = await import('./db/seed');
  if (demoSeedWanted()) {
    const created = await seedDemoOrganization(database.db);
    const owner = DEMO_PEOPLE[0];
    const viewer = DEMO_PEOPLE[3];
    console.log(
      `\n  Rung ${created ? 'created' : 'has'} a demo organization on the ${database.kind === 'pglite' ? 'embedded database (.data/)' : 'PostgreSQL server'}.\n` +
        `  Sign in as ${owner.email} / ${DEMO_PASSWORD} (owner)` +
        ` or ${viewer.email} / ${DEMO_PASSWORD} (viewer, read-only)\n`,
    );
  }
}
