/**
 * The newcomer checklist and the sample accounts: the steps are ticked from real data only, the
 * samples load once and go in one click with everything tied to them, and nothing else moves,
 * neither in the organization nor in another one.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { tenantTables } from '@/server/services/tenant-tables';
import { insertAccount } from '../helpers/accounts';
import { giveAnswer } from '../helpers/customer-answers';
import { useTestDatabase } from '../helpers/db';
import { expectTRPCError } from '../helpers/errors';
import { invite } from '../helpers/factories';
import { rows } from '../helpers/sql';
import { auditEventsOf } from '../helpers/stored';
import { createTeam, type Team } from '../helpers/team';

const { db } = await useTestDatabase();

const team = () => createTeam(db, { members: ['admin', 'member', 'viewer'] });

/** Rows per tenant table of one organization, for "nothing else changed". */
async function rowCounts(orgId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await tenantTables(db)) {
    const [row] = await rows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(table)} where org_id = ${orgId}::uuid`);
    counts[table] = row!.n;
  }
  return counts;
}

async function sampleIds(orgId: string): Promise<string[]> {
  const found = await rows<{ id: string }>(db, sql`select id from accounts where org_id = ${orgId}::uuid and sample order by name`);
  return found.map((row) => row.id);
}

/** An assessment with votes, a comment with a mention, an action and a customer's answer on the account. */
async function workOn(t: Team<'admin' | 'member' | 'viewer'>, accountId: string) {
  const { id } = await t.member.caller.assessment.start({ orgSlug: t.slug, accountId, voterUserIds: [t.member.userId, t.admin.userId] });
  await t.member.caller.assessment.vote({ orgSlug: t.slug, assessmentId: id, level: 3, rationale: 'They ask us about roll-out plans' });
  await t.admin.caller.assessment.vote({ orgSlug: t.slug, assessmentId: id, level: 3, rationale: 'Same' });
  await t.member.caller.assessment.close({ orgSlug: t.slug, assessmentId: id, teamLevel: 3 });
  await t.member.caller.comment.create({ orgSlug: t.slug, accountId, body: '@Adam Admin call them', mentionedUserIds: [t.admin.userId] });
  await t.member.caller.action.create({ orgSlug: t.slug, accountId, title: 'Book a review', targetLevel: 4, ownerUserId: t.admin.userId });
  await giveAnswer(db, t.member.caller, { slug: t.slug, id: t.orgId }, accountId, null, 2);
}

describe('onboarding.checklist', () => {
  it('starts with nothing done and ticks each step from what the organization really did', async () => {
    const t = await createTeam(db, { members: [] });
    const checklist = () => t.owner.caller.onboarding.checklist({ orgSlug: t.slug });
    expect(await checklist()).toEqual({
      steps: { accounts: false, team: false, assessment: false, confirmation: false },
      firstAccountId: null,
      dismissed: false,
      sampleAccounts: 0,
    });

    // Sample accounts are not the organization's own: they tick nothing.
    await t.owner.caller.onboarding.loadSampleAccounts({ orgSlug: t.slug });
    const [sample] = await sampleIds(t.orgId);
    await t.owner.caller.assessment.start({ orgSlug: t.slug, accountId: sample! });
    expect(await checklist()).toMatchObject({ steps: { accounts: false, assessment: false }, firstAccountId: null, sampleAccounts: 5 });

    const account = await insertAccount(db, t.slug);
    expect(await checklist()).toMatchObject({ steps: { accounts: true, team: false }, firstAccountId: account.id });
    await invite(t.owner.caller, t.slug, 'member');
    await t.owner.caller.assessment.start({ orgSlug: t.slug, accountId: account.id });
    expect((await checklist()).steps).toEqual({ accounts: true, team: true, assessment: true, confirmation: false });
    await t.owner.caller.confirmation.create({ orgSlug: t.slug, accountId: account.id, contactId: null });
    expect((await checklist()).steps).toEqual({ accounts: true, team: true, assessment: true, confirmation: true });
  });

  it('is put away per person', async () => {
    const t = await team();
    await t.member.caller.onboarding.dismissChecklist({ orgSlug: t.slug });
    expect(await t.member.caller.onboarding.checklist({ orgSlug: t.slug })).toMatchObject({ dismissed: true });
    expect(await t.owner.caller.onboarding.checklist({ orgSlug: t.slug })).toMatchObject({ dismissed: false });
  });
});

describe('sample accounts', () => {
  it('load once: five fictitious accounts with contacts, marked as samples, most with a team level', async () => {
    const t = await team();
    expect(await t.admin.caller.onboarding.loadSampleAccounts({ orgSlug: t.slug })).toEqual({ added: 5 });
    const list = await t.member.caller.account.list({ orgSlug: t.slug });
    expect(list.total).toBe(5);
    const ids = await sampleIds(t.orgId);
    expect(ids).toHaveLength(5);
    const contacts = await rows<{ n: number }>(db, sql`select count(*)::int as n from contacts where org_id = ${t.orgId}::uuid`);
    expect(contacts[0]!.n).toBeGreaterThanOrEqual(10);
    expect(list.rows.filter((row) => row.teamLevel !== null)).toHaveLength(4);
    expect(await auditEventsOf(db, t.orgId, 'accounts.samples_loaded')).toHaveLength(1);

    await expectTRPCError(t.owner.caller.onboarding.loadSampleAccounts({ orgSlug: t.slug }), 'CONFLICT', 'errors.sampleAccountsLoaded');
    expect(await sampleIds(t.orgId)).toHaveLength(5);
  });

  it('remove takes the samples and everything tied to them, and nothing else, here or in another organization', async () => {
    const t = await team();
    const other = await team();
    const real = await insertAccount(db, t.slug, { name: 'Real Customer AB' });
    await workOn(t, real.id);
    await other.admin.caller.onboarding.loadSampleAccounts({ orgSlug: other.slug });
    await workOn(other, (await sampleIds(other.orgId))[0]!);
    const before = await rowCounts(t.orgId);
    const otherBefore = await rowCounts(other.orgId);

    await t.admin.caller.onboarding.loadSampleAccounts({ orgSlug: t.slug });
    const samples = await sampleIds(t.orgId);
    await workOn(t, samples[0]!);
    await workOn(t, samples[1]!);
    await t.member.caller.contact.create({ orgSlug: t.slug, accountId: samples[2]!, name: 'Extra Person', buyingRole: 'user' });

    expect(await t.admin.caller.onboarding.removeSampleAccounts({ orgSlug: t.slug })).toEqual({ removed: 5 });

    // Every table is back where it was before the samples came, but for the two audit lines about them.
    const after = await rowCounts(t.orgId);
    expect({ ...after, audit_events: after.audit_events! - 2 }).toEqual(before);
    expect(await auditEventsOf(db, t.orgId, 'accounts.samples_removed')).toHaveLength(1);
    expect((await t.member.caller.account.list({ orgSlug: t.slug })).rows.map((row) => row.name)).toEqual(['Real Customer AB']);
    expect(await rowCounts(other.orgId)).toEqual(otherBefore);
    expect(await sampleIds(other.orgId)).toHaveLength(5);

    // Nothing left to remove; the samples can be loaded again.
    expect(await t.admin.caller.onboarding.removeSampleAccounts({ orgSlug: t.slug })).toEqual({ removed: 0 });
    expect(await t.admin.caller.onboarding.loadSampleAccounts({ orgSlug: t.slug })).toEqual({ added: 5 });
  });

  it('only admins load or remove them; outsiders are told the organization is not there', async () => {
    const t = await team();
    const other = await team();
    for (const person of [t.viewer, t.member]) {
      await expectTRPCError(person.caller.onboarding.loadSampleAccounts({ orgSlug: t.slug }), 'FORBIDDEN', 'errors.forbidden');
    }
    await t.owner.caller.onboarding.loadSampleAccounts({ orgSlug: t.slug });
    for (const person of [t.viewer, t.member]) {
      await expectTRPCError(person.caller.onboarding.removeSampleAccounts({ orgSlug: t.slug }), 'FORBIDDEN', 'errors.forbidden');
    }
    await expectTRPCError(other.admin.caller.onboarding.removeSampleAccounts({ orgSlug: t.slug }), 'NOT_FOUND', 'errors.orgNotFound');
    expect(await sampleIds(t.orgId)).toHaveLength(5);
  });
});
