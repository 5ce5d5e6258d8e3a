/**
 * Deleting an organization: only an owner schedules it, and only with its exact name; while it
 * waits nobody can use it and its customer links are dead; an owner restores it with every row
 * intact; once the grace period has passed the purge removes every row of every tenant table of
 * that organization and nothing of any other. The clock is driven by passing `now`.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Queryable } from '@/db/client';
import { organizations, outboxMessages, users } from '@/db/schema';
import { withOrg } from '@/db/tenant';
import { DEMO_ORG_NAME, DEMO_PEOPLE, seedDemoOrganization } from '@/server/demo/seed';
import { guessMapping } from '@/server/domain/account-import';
import { parseCsv } from '@/server/domain/csv';
import { ORGANIZATION_DELETION_GRACE_DAYS } from '@/server/domain/org-deletion';
import { answerConfirmation, viewConfirmation } from '@/server/services/confirmations';
import { findUserByEmail } from '@/server/services/identity';
import { claimJobs } from '@/server/services/jobs';
import { purgeDueOrganizations } from '@/server/services/org-deletion';
import { startJobWorker } from '@/server/runtime/worker';
import { insertAccount } from '../helpers/accounts';
import { useOwnDatabase } from '../helpers/db';
import { expectTRPCError } from '../helpers/errors';
import { addMember, callerFor, confirmationToken, createTenant, type Caller } from '../helpers/factories';
import { rows } from '../helpers/sql';
import { openText } from '@/server/adapters/secrets';
import { createTeam } from '../helpers/team';

const DAY = 24 * 60 * 60 * 1000;
// The demo organization fills nearly every tenant table, and it can be seeded once per database.
const { db } = await useOwnDatabase();

/** Every table with an org_id column, found here independently of the service under test. */
async function tenantTableNames(q: Queryable): Promise<string[]> {
  const found = await rows<{ t: string }>(
    q,
    sql`select table_name::text as t from information_schema.columns where table_schema = 'public' and column_name = 'org_id' order by 1`,
  );
  return found.map((r) => r.t);
}

/** One organization's rows, table by table, each row as PostgreSQL prints it (read as the root connection). */
async function rowsPerTable(orgId: string): Promise<Record<string, string[]>> {
  const snapshot: Record<string, string[]> = {};
  for (const table of await tenantTableNames(db)) {
    const found = await rows<{ r: string }>(
      db,
      sql`select t::text as r from ${sql.identifier(table)} t where org_id = ${orgId}::uuid order by 1`,
    );
    snapshot[table] = found.map((row) => row.r);
  }
  return snapshot;
}

/** The organizations whose jobs a worker would claim a day from now; rolled back, so nothing is claimed. */
async function organizationsWithClaimableJobs(): Promise<string[]> {
  let orgIds: string[] = [];
  await db
    .transaction(async (tx) => {
      const claimed = await claimJobs(tx, {
        workerId: 'orgdel-test',
        limit: 1000,
        now: new Date(Date.now() + DAY),
      });
      orgIds = [...new Set(claimed.map((job) => job.orgId))];
      throw new RolledBack();
    })
    .catch((error: unknown) => {
      if (!(error instanceof RolledBack)) throw error;
    });
  return orgIds;
}
class RolledBack extends Error {}

const counts = (snapshot: Record<string, string[]>) =>
  Object.fromEntries(Object.entries(snapshot).map(([table, list]) => [table, list.length]));

let demo: { id: string; slug: string };
let people: Record<'owner' | 'admin' | 'member' | 'viewer', { id: string; caller: Caller }>;
let secondOwner: { userId: string; email: string; caller: Caller };
let demoLinkToken: string;
let other: Awaited<ReturnType<typeof createTeam<['member'], true>>>;
let otherBefore: Record<string, string[]>;

async function customerLink(caller: Caller, orgSlug: string, accountId: string): Promise<string> {
  const link = await caller.confirmation.create({ orgSlug, accountId, contactId: null, language: 'en' });
  return confirmationToken(link.url);
}

beforeAll(async () => {
  expect(await seedDemoOrganization(db, new Date(Date.now() - 2 * DAY))).toBe(true);
  const [org] = await db
    .select({ id: organizations.id, slug: organizations.slug })
    .from(organizations)
    .where(eq(organizations.name, DEMO_ORG_NAME));
  demo = org!;
  const byRole = async (role: (typeof DEMO_PEOPLE)[number]['role']) => {
    const user = (await findUserByEmail(db, DEMO_PEOPLE.find((p) => p.role === role)!.email))!;
    return { id: user.id, caller: callerFor(db, user.id) };
  };
  people = { owner: await byRole('owner'), admin: await byRole('admin'), member: await byRole('member'), viewer: await byRole('viewer') };
  secondOwner = await addMember(db, people.owner.caller, demo.slug, 'owner', { name: 'Otto Owner' });
  const [account] = await rows<{ id: string }>(
    db,
    sql`select id::text as id from accounts where org_id = ${demo.id}::uuid and archived_at is null limit 1`,
  );
  demoLinkToken = await customerLink(people.owner.caller, demo.slug, account!.id);
  // What the demo leaves empty: an import, and a campaign with its messages and jobs.
  const csv = 'Name,Website\nNorrsken Logistik,norrsken.example\n';
  await people.member.caller.account.importCommit({
    orgSlug: demo.slug,
    csv,
    mapping: guessMapping(parseCsv(csv).headers),
    fileName: 'more.csv',
  });
  const asked = await insertAccount(db, demo.slug, { name: 'Fjäll Frakt' });
  await people.member.caller.contact.create({
    orgSlug: demo.slug,
    accountId: asked.id,
    name: 'Kim Köpare',
    email: 'kim@fjall.example',
    buyingRole: 'user',
  });
  await people.member.caller.campaign.start({ orgSlug: demo.slug, selection: { kind: 'accounts', accountIds: [asked.id] } });

  // Another organization with rows of its own, which nothing here may touch.
  other = await createTeam(db, { members: ['member'], account: true });
  const token = await customerLink(other.owner.caller, other.slug, other.account.id);
  const answered = await answerConfirmation(token, `orgdel-${randomUUID()}`, { level: '3', submissionKey: randomUUID() }, db);
  expect(answered.kind).toBe('ok');
  await insertAccount(db, other.slug);
  otherBefore = await rowsPerTable(other.orgId);
});

describe('who may schedule an organization for deletion', () => {
  it('refuses admins, members and viewers, and answers a non-member as if the organization did not exist', async () => {
    for (const role of ['admin', 'member', 'viewer'] as const)
      await expectTRPCError(
        people[role].caller.organization.requestDeletion({ orgSlug: demo.slug, confirmName: DEMO_ORG_NAME }),
        'FORBIDDEN',
      );
    await expectTRPCError(other.owner.caller.organization.requestDeletion({ orgSlug: demo.slug, confirmName: DEMO_ORG_NAME }), 'NOT_FOUND');
    await people.member.caller.organization.get({ orgSlug: demo.slug });
  });

  it('refuses a name that is not exactly the organization’s, with a sentence that says so', async () => {
    for (const confirmName of ['', 'polar supply (demo)', `${DEMO_ORG_NAME} `, other.slug])
      await expectTRPCError(
        people.owner.caller.organization.requestDeletion({ orgSlug: demo.slug, confirmName }),
        'BAD_REQUEST',
        'errors.deletionNameMismatch',
      );
    const [org] = await db.select({ at: organizations.deletionRequestedAt }).from(organizations).where(eq(organizations.id, demo.id));
    expect(org!.at).toBeNull();
  });
});

describe('scheduled, then restored', () => {
  let before: Record<string, string[]>;

  it('closes the organization to everyone and kills its customer links', async () => {
    before = await rowsPerTable(demo.id);
    // The test means something only if the organization fills most tenant tables.
    const empty = Object.keys(before).filter((table) => before[table]!.length === 0);
    expect(empty).toEqual([]);
    expect(await organizationsWithClaimableJobs()).toContain(demo.id);

    const requestedAt = Date.now();
    const { purgeAt } = await people.owner.caller.organization.requestDeletion({ orgSlug: demo.slug, confirmName: DEMO_ORG_NAME });
    expect(purgeAt.getTime() - requestedAt).toBeGreaterThanOrEqual(ORGANIZATION_DELETION_GRACE_DAYS * DAY - 5_000);
    expect(purgeAt.getTime() - requestedAt).toBeLessThanOrEqual(ORGANIZATION_DELETION_GRACE_DAYS * DAY + 5_000);

    for (const role of ['owner', 'admin', 'member', 'viewer'] as const) {
      await expectTRPCError(people[role].caller.organization.get({ orgSlug: demo.slug }), 'NOT_FOUND', 'errors.orgNotFound');
      await expectTRPCError(people[role].caller.account.list({ orgSlug: demo.slug }), 'NOT_FOUND', 'errors.orgNotFound');
      expect((await people[role].caller.me.get()).organizations.map((o) => o.slug)).not.toContain(demo.slug);
    }
    await expectTRPCError(
      people.owner.caller.organization.requestDeletion({ orgSlug: demo.slug, confirmName: DEMO_ORG_NAME }),
      'NOT_FOUND',
    );

    expect((await viewConfirmation(demoLinkToken, `orgdel-${randomUUID()}`, db)).kind).toBe('unavailable');
    const answer = await answerConfirmation(demoLinkToken, `orgdel-${randomUUID()}`, { level: '4', submissionKey: randomUUID() }, db);
    expect(answer.kind).not.toBe('ok');
    // Its campaign emails wait: no worker claims them.
    expect(await organizationsWithClaimableJobs()).not.toContain(demo.id);
  });

  it('lists the organization, with its date, to its owners only', async () => {
    for (const owner of [people.owner, { caller: secondOwner.caller }]) {
      const scheduled = await owner.caller.me.scheduledForDeletion();
      expect(scheduled).toEqual([{ slug: demo.slug, name: DEMO_ORG_NAME, purgeAt: expect.any(Date) }]);
    }
    for (const role of ['admin', 'member', 'viewer'] as const) expect(await people[role].caller.me.scheduledForDeletion()).toEqual([]);
    expect(await other.owner.caller.me.scheduledForDeletion()).toEqual([]);
  });

  it('records the request in the audit log and emails the other owners, not the one who asked', async () => {
    const audit = await rows<{ action: string; actor: string }>(
      db,
      sql`select action, actor_user_id::text as actor from audit_events where org_id = ${demo.id}::uuid and action like 'organization.%' order by created_at`,
    );
    expect(audit.at(-1)).toEqual({ action: 'organization.deletion_requested', actor: people.owner.id });
    const mail = await db
      .select({ to: outboxMessages.toEmail, subject: outboxMessages.subject, body: outboxMessages.bodyText })
      .from(outboxMessages)
      .where(eq(outboxMessages.kind, 'organization_deletion'));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.to).toBe(secondOwner.email);
    expect(mail[0]!.subject).toBe(`Dana Demo scheduled ${DEMO_ORG_NAME} for deletion`);
    expect(openText(mail[0]!.body)).toContain('http://rung.test/orgs');
  });

  it('lets only an owner restore it', async () => {
    for (const role of ['admin', 'member', 'viewer'] as const)
      await expectTRPCError(people[role].caller.organization.restore({ orgSlug: demo.slug }), 'FORBIDDEN');
    await expectTRPCError(other.owner.caller.organization.restore({ orgSlug: demo.slug }), 'NOT_FOUND');
    // A organization in use has nothing to restore.
    await expectTRPCError(other.owner.caller.organization.restore({ orgSlug: other.slug }), 'NOT_FOUND');
  });

  it('brings back every row, and the organization and its links work again', async () => {
    await secondOwner.caller.organization.restore({ orgSlug: demo.slug });
    const after = await rowsPerTable(demo.id);
    const changed = Object.keys(before).filter((table) => JSON.stringify(before[table]) !== JSON.stringify(after[table]));
    // The request and the restore are audited, and the other owner got one email; nothing else moved.
    expect(changed.sort()).toEqual(['audit_events', 'outbox_messages']);
    expect(counts(after)).toEqual({
      ...counts(before),
      audit_events: before.audit_events!.length + 2,
      outbox_messages: before.outbox_messages!.length + 1,
    });
    expect(after.audit_events!.filter((row) => !before.audit_events!.includes(row))).toHaveLength(2);

    for (const role of ['owner', 'admin', 'member', 'viewer'] as const)
      expect((await people[role].caller.organization.get({ orgSlug: demo.slug })).slug).toBe(demo.slug);
    expect(await people.owner.caller.me.scheduledForDeletion()).toEqual([]);
    expect((await viewConfirmation(demoLinkToken, `orgdel-${randomUUID()}`, db)).kind).toBe('ok');
    expect(await organizationsWithClaimableJobs()).toContain(demo.id);
    const [last] = await rows<{ action: string; actor: string }>(
      db,
      sql`select action, actor_user_id::text as actor from audit_events where org_id = ${demo.id}::uuid order by created_at desc, id desc limit 1`,
    );
    expect(last).toEqual({ action: 'organization.restored', actor: secondOwner.userId });
  });
});

describe('after the grace period', () => {
  const logged: string[] = [];
  let requestedAt: Date;

  it('keeps the organization until the grace period has passed', async () => {
    await people.owner.caller.organization.requestDeletion({ orgSlug: demo.slug, confirmName: DEMO_ORG_NAME });
    const [org] = await db.select({ at: organizations.deletionRequestedAt }).from(organizations).where(eq(organizations.id, demo.id));
    requestedAt = org!.at!;
    const almost = new Date(requestedAt.getTime() + ORGANIZATION_DELETION_GRACE_DAYS * DAY - 60_000);
    expect(await purgeDueOrganizations(db, { now: almost, log: (line) => logged.push(line) })).toEqual([]);
    expect(Object.values(counts(await rowsPerTable(demo.id))).some((n) => n > 0)).toBe(true);
    expect(logged).toEqual([]);
  });

  it('removes every row of every tenant table of that organization, and nothing of another', async () => {
    const before = counts(await rowsPerTable(demo.id));
    const due = new Date(requestedAt.getTime() + ORGANIZATION_DELETION_GRACE_DAYS * DAY + 60_000);
    const purged = await purgeDueOrganizations(db, { now: due, log: (line) => logged.push(line) });
    expect(purged).toHaveLength(1);
    expect(purged[0]!.id).toBe(demo.id);
    expect(purged[0]!.rows).toEqual(before);

    const left = counts(await rowsPerTable(demo.id));
    expect(Object.values(left).every((n) => n === 0)).toBe(true);
    expect(await db.select().from(organizations).where(eq(organizations.id, demo.id))).toEqual([]);
    // The other organization: every row as it was, and still usable.
    expect(await rowsPerTable(other.orgId)).toEqual(otherBefore);
    expect((await other.member.caller.organization.get({ orgSlug: other.slug })).slug).toBe(other.slug);
    // People are not the organization's: they stay, and can sign in to whatever else they belong to.
    expect(await db.select({ id: users.id }).from(users).where(eq(users.id, people.member.id))).toHaveLength(1);
    await expectTRPCError(people.owner.caller.organization.restore({ orgSlug: demo.slug }), 'NOT_FOUND');
    expect((await viewConfirmation(demoLinkToken, `orgdel-${randomUUID()}`, db)).kind).toBe('unavailable');

    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain(demo.slug);
    expect(logged[0]).toContain(demo.id);
    expect(logged[0]).toContain(`by user ${people.owner.id}`);
  });

  it('is safe to run again: nothing more to do, nothing else touched', async () => {
    const later = new Date(Date.now() + 2 * ORGANIZATION_DELETION_GRACE_DAYS * DAY);
    expect(await purgeDueOrganizations(db, { now: later, log: (line) => logged.push(line) })).toEqual([]);
    expect(await rowsPerTable(other.orgId)).toEqual(otherBefore);
    expect(logged).toHaveLength(1);
  });

  it('lets the slug be used again by a new organization', async () => {
    const fresh = await createTenant(db, { orgName: DEMO_ORG_NAME });
    expect(fresh.orgSlug).toBe(demo.slug);
    await withOrg(db, fresh.orgId, async (tx) => {
      expect(await tx.select({ id: organizations.id }).from(organizations)).toEqual([{ id: fresh.orgId }]);
    });
  });
});

describe('the background worker', () => {
  it('removes an organization whose grace period has ended while it runs', async () => {
    const doomed = await createTeam(db, { members: ['member'], account: true });
    const name = (await doomed.owner.caller.organization.get({ orgSlug: doomed.slug })).name;
    await doomed.owner.caller.organization.requestDeletion({ orgSlug: doomed.slug, confirmName: name });
    // As if it had been scheduled 31 days ago (the root connection moves the date).
    await db
      .update(organizations)
      .set({ deletionRequestedAt: new Date(Date.now() - (ORGANIZATION_DELETION_GRACE_DAYS + 1) * DAY) })
      .where(eq(organizations.id, doomed.orgId));
    const lines: string[] = [];
    const worker = startJobWorker(db, {
      intervalMs: 20,
      log: { error: (message) => lines.push(message), warn: (message) => lines.push(message), info: (message) => lines.push(message) },
    });
    try {
      await vi.waitFor(async () => expect(await db.select().from(organizations).where(eq(organizations.id, doomed.orgId))).toEqual([]), {
        timeout: 15_000,
        interval: 50,
      });
    } finally {
      await worker.stop();
    }
    expect(Object.values(counts(await rowsPerTable(doomed.orgId))).every((n) => n === 0)).toBe(true);
    expect(lines.filter((line) => line.includes(doomed.orgId))).toHaveLength(1);
    expect(await rowsPerTable(other.orgId)).toEqual(otherBefore);
  });
});
