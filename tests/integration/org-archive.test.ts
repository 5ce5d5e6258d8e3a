/**
 * An organization exported from one database and imported into a fresh one comes back row for
 * row, ids and timestamps included; only the links' token hashes and the people's password
 * hashes stay behind. Runs on the embedded database and on the server (a second database there).
 */
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { organizations, users } from '@/db/schema';
import { DEMO_ORG_NAME, DEMO_PEOPLE, seedDemoOrganization } from '@/server/demo/seed';
import { exportOrganization, importOrganization, type OrganizationArchive } from '@/server/services/org-archive';
import { openFreshDatabase, useTestDatabase } from '../helpers/db';
import { callerFor, createTenant, invite } from '../helpers/factories';
import { rows } from '../helpers/sql';
import type { Database, Queryable } from '@/db/client';

// The source is this file's database; each import goes into a fresh one of its own (openFreshDatabase).
const source = await useTestDatabase();

/** Every table with an org_id column, found independently of the service. */
async function tenantTableNames(db: Queryable): Promise<string[]> {
  const found = await rows<{ t: string }>(
    db,
    sql`select table_name::text as t from information_schema.columns where table_schema = 'public' and column_name = 'org_id' order by 1`,
  );
  return found.map((r) => r.t);
}

/** The organization's rows of one table as PostgreSQL prints them, without the token hashes. */
async function rowsOf(db: Queryable, table: string, where: ReturnType<typeof sql>, leaveOut: string): Promise<string[]> {
  const found = await rows<{ r: string }>(
    db,
    sql`select (to_jsonb(t) - ${leaveOut})::text as r from ${sql.raw(`"${table}"`)} t where ${where} order by 1`,
  );
  return found.map((r) => r.r);
}

let orgId: string;
let orgSlug: string;
let otherOrgId: string;
let archive: OrganizationArchive;
let target: Database;

beforeAll(async () => {
  expect(await seedDemoOrganization(source.db)).toBe(true);
  const [org] = await source.db
    .select({ id: organizations.id, slug: organizations.slug })
    .from(organizations)
    .where(eq(organizations.name, DEMO_ORG_NAME));
  orgId = org!.id;
  orgSlug = org!.slug;
  // A pending invitation, so that a token hash has to stay behind.
  const [owner] = await source.db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_PEOPLE[0].email));
  const ownerCaller = callerFor(source.db, owner!.id);
  await invite(ownerCaller, org!.slug, 'member');
  otherOrgId = (await createTenant(source.db, { orgName: 'Somebody Else' })).orgId;
  // Values a JavaScript Date or number would not carry: microseconds, a numeric's trailing zero.
  await source.db.execute(
    sql`update accounts set annual_revenue = '12345678901234.50', updated_at = '2026-01-02 03:04:05.123456+00'
         where org_id = ${orgId}::uuid and id = (select id from accounts where org_id = ${orgId}::uuid order by id limit 1)`,
  );

  // Through JSON text, as a file on disk would carry it.
  archive = JSON.parse(JSON.stringify(await exportOrganization(source.db, orgId))) as OrganizationArchive;
  target = await openFreshDatabase();
  const counts = await importOrganization(target.db, archive);
  console.log('org archive: imported', counts);
}, 120_000);

describe('an organization archive', () => {
  it('holds every tenant table and nothing of another organization', async () => {
    expect(Object.keys(archive.tables).sort()).toEqual(await tenantTableNames(source.db));
    const text = JSON.stringify(archive);
    expect(text).not.toContain(otherOrgId);
    expect(text).not.toContain('password_hash');
    expect(text).not.toContain('$argon2');
    for (const [table, list] of Object.entries(archive.tables)) for (const row of list) expect(row.org_id, table).toBe(orgId);
    expect(archive.tables.accounts!.length).toBeGreaterThan(0);
    expect(archive.tables.invitations!.length).toBeGreaterThan(0);
    expect(archive.tables.confirmation_links!.length).toBeGreaterThan(0);
    expect(
      archive.tables.accounts!.some((a) => a.annual_revenue === '12345678901234.50' && a.updated_at === '2026-01-02 03:04:05.123456+00'),
    ).toBe(true);
    for (const link of [...archive.tables.invitations!, ...archive.tables.confirmation_links!]) expect(link.token_hash).toBeNull();
  });

  it('reproduces every row of every tenant table, ids included, except the token hashes', async () => {
    let total = 0;
    for (const table of await tenantTableNames(source.db)) {
      const where = sql`org_id = ${orgId}::uuid`;
      const before = await rowsOf(source.db, table, where, 'token_hash');
      expect(await rowsOf(target.db, table, where, 'token_hash'), table).toEqual(before);
      total += before.length;
    }
    console.log(`org archive: ${Object.keys(archive.tables).length} tenant tables, ${total} rows identical, ${archive.users.length} users`);
    expect(total).toBeGreaterThan(100);
  });

  it('reproduces the organization and its people, without their passwords', async () => {
    const org = sql`id = ${orgId}::uuid`;
    expect(await rowsOf(target.db, 'organizations', org, '')).toEqual(await rowsOf(source.db, 'organizations', org, ''));
    const ids = sql`id = any(${`{${archive.users.map((u) => u.id).join(',')}}`}::uuid[])`;
    expect(await rowsOf(target.db, 'users', ids, 'password_hash')).toEqual(await rowsOf(source.db, 'users', ids, 'password_hash'));
    const hashes = await rows<{ n: number }>(target.db, sql`select count(*)::int as n from users where password_hash is not null`);
    expect(hashes[0]!.n).toBe(0);
  });

  it('gives the links fresh hashes that match none of the originals', async () => {
    for (const table of ['invitations', 'confirmation_links']) {
      const query = sql`select token_hash as h from ${sql.raw(table)} where org_id = ${orgId}::uuid`;
      const old = new Set((await rows<{ h: string }>(source.db, query)).map((r) => r.h));
      const fresh = (await rows<{ h: string }>(target.db, query)).map((r) => r.h);
      expect(
        fresh.every((h) => /^[0-9a-f]{64}$/.test(h) && !old.has(h)),
        table,
      ).toBe(true);
    }
  });

  it('refuses to import an organization that is already there', async () => {
    await expect(importOrganization(target.db, archive)).rejects.toThrow(/already holds/);
    await expect(importOrganization(source.db, archive)).rejects.toThrow(/already holds/);
  });

  it('refuses a person whose email another person already has', async () => {
    const other = await openFreshDatabase();
    const person = archive.users[0]!;
    await other.db.insert(users).values({ email: person.email!.toUpperCase(), name: 'Someone else' });
    await expect(importOrganization(other.db, archive)).rejects.toThrow(/already has the email/);
    const left = await rows<{ n: number }>(other.db, sql`select count(*)::int as n from organizations`);
    expect(left[0]!.n).toBe(0);
  });

  it('is what an owner downloads, and only an owner', async () => {
    const people = await source.db.select({ id: users.id, email: users.email }).from(users);
    const idOf = (email: string) => people.find((p) => p.email === email)!.id;
    const fromOwner = await callerFor(source.db, idOf(DEMO_PEOPLE[0].email)).organization.exportArchive({ orgSlug });
    expect(fromOwner.organization).toEqual(archive.organization);
    expect(fromOwner.users).toEqual(archive.users);
    expect(Object.keys(fromOwner.tables)).toEqual(Object.keys(archive.tables));
    expect(fromOwner.tables.accounts).toEqual(archive.tables.accounts);
    const admin = callerFor(source.db, idOf(DEMO_PEOPLE[1].email));
    await expect(admin.organization.exportArchive({ orgSlug })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
