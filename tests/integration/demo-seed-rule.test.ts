/**
 * The demo organization's password is published (in the code and on the sign-in page): a
 * production server must never create it unless told to with SEED_DEMO=true, while `npm run dev`
 * on the embedded database still gets it without asking. The sign-in page offers the demo login
 * only while the organization is really there.
 */
import { describe, expect, it } from 'vitest';
import { demoOrganizationExists, demoSeedWanted, seedDemoIfWanted } from '@/server/demo/seed';
import { useOwnDatabase } from '../helpers/db';

// A database of its own: on the server, other files share one, and the demo is one per database.
const { db } = await useOwnDatabase();

describe('when the demo organization is created', () => {
  it('never in production unless SEED_DEMO=true; always for npm run dev on the embedded database', () => {
    expect(demoSeedWanted({ NODE_ENV: 'production' })).toBe(false);
    expect(demoSeedWanted({ NODE_ENV: 'production', SEED_DEMO: 'yes' })).toBe(false);
    expect(demoSeedWanted({ NODE_ENV: 'production', SEED_DEMO: '1' })).toBe(false);
    expect(demoSeedWanted({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/rung' })).toBe(false);
    expect(demoSeedWanted({ NODE_ENV: 'production', SEED_DEMO: 'true' })).toBe(true);
    expect(demoSeedWanted({ NODE_ENV: 'production', SEED_DEMO: 'true', DATABASE_URL: 'postgres://db/rung' })).toBe(true);

    expect(demoSeedWanted({ NODE_ENV: 'development' })).toBe(true);
    expect(demoSeedWanted({})).toBe(true);
    expect(demoSeedWanted({ NODE_ENV: 'development', SEED_DEMO: 'false' })).toBe(false);
    expect(demoSeedWanted({ NODE_ENV: 'development', DATABASE_URL: 'postgres://db/rung' })).toBe(false);
  });

  it('a production start leaves the database without it, and the sign-in page without the demo login; SEED_DEMO=true creates it once', async () => {
    expect(await seedDemoIfWanted(db, { NODE_ENV: 'production' })).toBe('skipped');
    expect(await demoOrganizationExists(db)).toBe(false);

    expect(await seedDemoIfWanted(db, { NODE_ENV: 'production', SEED_DEMO: 'true' })).toBe('created');
    expect(await demoOrganizationExists(db)).toBe(true);
    expect(await seedDemoIfWanted(db, { NODE_ENV: 'production', SEED_DEMO: 'true' })).toBe('exists');
  }, 60_000);
});
