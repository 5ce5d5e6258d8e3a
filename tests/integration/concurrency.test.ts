/**
 * Two requests at the same moment. These run on the PostgreSQL server only: PGlite executes one
 * transaction at a time, so the interleavings below cannot happen there. Each race is made
 * deterministic with a lock held by a third connection (see helpers/race.ts).
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memberships } from '@/db/schema';
import { serverDatabaseUrl, useTestDatabase } from '../helpers/db';
import { addMember, callerFor, createTenant, signUpUser, TEST_PASSWORD, uniqueEmail, uniqueTag } from '../helpers/factories';
import { raceBehindLock, racingDb } from '../helpers/race';

const { db } = await useTestDatabase();
const url = serverDatabaseUrl();
const APP = `rung-race-${uniqueTag()}`;
const raceDb = url ? racingDb(url, APP) : null;

describe.skipIf(!url)('requests racing each other on a PostgreSQL server', () => {
  it('two organizations created with the same name at the same moment both succeed, with different slugs', async () => {
    const [a, b] = [await signUpUser(db), await signUpUser(db)];
    const name = `Same Moment ${uniqueTag()}`;
    // Both requests read the free slugs, then wait to insert until the lock is released.
    const results = await raceBehindLock(url!, APP, (sql) => sql`lock table organizations in share row exclusive mode`, 2, [
      () => callerFor(raceDb!, a.userId).organization.create({ name }),
      () => callerFor(raceDb!, b.userId).organization.create({ name }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    const slugs = results.map((r) => (r.status === 'fulfilled' ? r.value.orgSlug : '')).sort();
    const base = name.toLowerCase().replaceAll(' ', '-');
    expect(slugs).toEqual([base, `${base}-2`]);
  });

  /*
   * The slug is picked by reading the free ones, then inserting: two sign-ups with the same
   * organization name at the same moment collide on organizations_slug_key. The second must retry
   * with the next slug, not be told that its (unused) email is taken.
   */
  it('two people signing up with the same organization name at the same moment both get an account', async () => {
    const orgName = `Sign-up Race ${uniqueTag()}`;
    const emails = [uniqueEmail('racer-a'), uniqueEmail('racer-b')];
    const results = await raceBehindLock(
      url!,
      APP,
      (sql) => sql`lock table organizations in share row exclusive mode`,
      2,
      emails.map(
        (email) => () => callerFor(raceDb!, null).auth.signUp({ name: 'Racer', email, password: TEST_PASSWORD, organizationName: orgName }),
      ),
    );
    const refused = results.filter((r) => r.status === 'rejected').map((r) => r.reason as Error);
    expect(refused.map((e) => e.message)).toEqual([]);
  });

  /*
   * The "last owner" rule counts owners, then changes a role. Without locking the owner rows,
   * two owners demoting each other at the same moment both count two and both commit, leaving
   * nobody in charge.
   */
  it('two owners demoting each other at the same moment leave the organization with an owner', async () => {
    const first = await createTenant(db);
    const second = await addMember(db, first.caller, first.orgSlug, 'owner');
    const orgSlug = first.orgSlug;

    // The blocker holds the owner rows: both requests count two owners, then wait to update.
    const results = await raceBehindLock(
      url!,
      APP,
      (sql) => sql`select id from memberships where org_id = ${first.orgId} and role = 'owner' for update`,
      2,
      [
        () => callerFor(raceDb!, first.userId).member.changeRole({ orgSlug, membershipId: second.membershipId, role: 'admin' }),
        () => callerFor(raceDb!, second.userId).member.changeRole({ orgSlug, membershipId: first.membershipId, role: 'admin' }),
      ],
    );
    const owners = await db.select().from(memberships).where(eq(memberships.orgId, first.orgId));
    expect({
      succeeded: results.filter((r) => r.status === 'fulfilled').length,
      owners: owners.filter((m) => m.role === 'owner').length,
    }).toEqual({
      succeeded: 1,
      owners: 1,
    });
  });
});
