/**
 * Accounts: the list with its filters, sorting and pages; creating, editing (with optimistic
 * concurrency), archiving and restoring; following; the CSV export. Every write is checked for
 * its audit entry, refused to viewers, and refused with NOT_FOUND for another tenant's ids.
 */
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { accountFollowers, accounts, auditEvents, customerLevelRuns } from '@/db/schema';
import { withOrg } from '@/db/tenant';
import { messages } from '@/i18n/messages';
import { parseCsv } from '@/server/domain/csv';
import { accountEvents, type AccountStreamEvent } from '@/server/runtime/events';
import { insertAccount } from '../helpers/accounts';
import { giveAnswer } from '../helpers/customer-answers';
import { useTestDatabase } from '../helpers/db';
import { expectTRPCError } from '../helpers/errors';
import { addMember, signUpUser, uniqueTag } from '../helpers/factories';
import { httpClientFor, shownError } from '../helpers/http';
import { auditEventsOf } from '../helpers/stored';
import { createTeam } from '../helpers/team';

const { db } = await useTestDatabase();
const DAY = 86_400_000;

const team = () => createTeam(db, { members: ['member', 'viewer'] });

/** Everything stored about the organization's accounts, read through the root connection. */
async function accountRows(database: Db, orgId: string) {
  return database.select().from(accounts).where(eq(accounts.orgId, orgId)).orderBy(asc(accounts.createdAt), asc(accounts.id));
}

const acme = {
  name: '  Acme   AB ',
  domain: 'https://www.Acme.se/om-oss',
  segment: 'Manufacturing',
  annualRevenue: 1_200_000.5,
  currency: 'sek',
  targetLevel: 4,
  targetDate: '2027-12-31',
  notes: 'Key account since 2019.',
};

describe('account.create', () => {
  it('stores a normalised account, records who added it, and shows it to the whole team', async () => {
    const t = await team();
    const { id, version } = await t.member.caller.account.create({ orgSlug: t.slug, ...acme, ownerUserId: t.member.userId });
    expect(version).toBe(1);

    const account = await t.viewer.caller.account.get({ orgSlug: t.slug, accountId: id });
    expect(account).toMatchObject({
      name: 'Acme AB',
      domain: 'acme.se',
      segment: 'Manufacturing',
      ownerUserId: t.member.userId,
      ownerName: 'Mia Member',
      annualRevenue: '1200000.50',
      currency: 'SEK',
      targetLevel: 4,
      targetDate: '2027-12-31',
      notes: 'Key account since 2019.',
      teamLevel: null,
      customerLevel: null,
      gap: null,
      version: 1,
      updatedByName: 'Mia Member',
      archivedAt: null,
      followers: [],
      following: false,
    });

    const [audit] = await auditEventsOf(db, t.orgId, 'account.created');
    expect(audit).toMatchObject({ actorUserId: t.member.userId, entityType: 'account', entityId: id, accountId: id });
    expect(audit!.after).toMatchObject({ name: 'Acme AB', domain: 'acme.se', annualRevenue: '1200000.50' });
  });

  it('needs only a name', async () => {
    const t = await team();
    const { id } = await t.owner.caller.account.create({ orgSlug: t.slug, name: 'Globex' });
    expect(await t.owner.caller.account.get({ orgSlug: t.slug, accountId: id })).toMatchObject({
      name: 'Globex',
      domain: null,
      ownerUserId: null,
      currency: null,
    });
  });

  it.each([
    ['an empty name', { name: '   ' }, 'name', 'validation.nameRequired'],
    ['a name over 200 characters', { name: 'x'.repeat(201) }, 'name', 'validation.accountNameTooLong'],
    ['a target level of 0', { name: 'A', targetLevel: 0 }, 'targetLevel', 'validation.levelInvalid'],
    ['a target level of 6', { name: 'A', targetLevel: 6 }, 'targetLevel', 'validation.levelInvalid'],
    ['notes over 5,000 characters', { name: 'A', notes: 'x'.repeat(5001) }, 'notes', 'validation.notesTooLong'],
    ['a negative revenue', { name: 'A', annualRevenue: -1 }, 'annualRevenue', 'validation.revenueNegative'],
    ['an unknown currency', { name: 'A', currency: 'KRONOR' }, 'currency', 'validation.currencyInvalid'],
    ['a website that is not one', { name: 'A', domain: 'not a website' }, 'domain', 'validation.domainInvalid'],
    ['an impossible date', { name: 'A', targetDate: '2027-02-30' }, 'targetDate', 'validation.dateInvalid'],
  ])('refuses %s with a message on the field, and writes nothing', async (_label, input, field, key) => {
    const t = await team();
    const client = httpClientFor(db, t.member.userId);
    const shown = await shownError(client.account.create.mutate({ orgSlug: t.slug, ...input }));
    expect(shown.code).toBe('BAD_REQUEST');
    const expected = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages.en);
    expect(typeof expected).toBe('string');
    expect(shown.fieldErrors?.[field]).toBe(expected);
    expect(await accountRows(db, t.orgId)).toEqual([]);
    expect(await auditEventsOf(db, t.orgId, 'account.created')).toEqual([]);
  });

  it('explains the problem in Swedish to a Swedish speaker', async () => {
    const t = await team();
    const shown = await shownError(httpClientFor(db, t.member.userId, 'sv').account.create.mutate({ orgSlug: t.slug, name: '' }));
    expect(shown.fieldErrors).toEqual({ name: messages.sv.validation.nameRequired });
    expect(messages.sv.validation.nameRequired).not.toBe(messages.en.validation.nameRequired);
  });

  it('refuses an owner who is not a member of the organization', async () => {
    const t = await team();
    const outsider = await signUpUser(db, { name: 'Otto Outsider' });
    await expectTRPCError(
      t.member.caller.account.create({ orgSlug: t.slug, name: 'Acme', ownerUserId: outsider.userId }),
      'BAD_REQUEST',
      'errors.ownerNotMember',
    );
    expect(await accountRows(db, t.orgId)).toEqual([]);
  });

  it('refuses a domain another active account already has, naming that account', async () => {
    const t = await team();
    await t.member.caller.account.create({ orgSlug: t.slug, name: 'Acme AB', domain: 'acme.se' });
    const shown = await shownError(
      httpClientFor(db, t.member.userId).account.create.mutate({ orgSlug: t.slug, name: 'Acme Sverige', domain: 'https://www.acme.se' }),
    );
    expect(shown).toMatchObject({
      code: 'CONFLICT',
      message: 'Acme AB already uses the domain acme.se. Open that account instead, or enter another domain.',
    });
    expect(await accountRows(db, t.orgId)).toHaveLength(1);
  });

  it('allows the same domain in another organization', async () => {
    const a = await team();
    const b = await team();
    await a.member.caller.account.create({ orgSlug: a.slug, name: 'Acme', domain: 'acme.se' });
    await b.member.caller.account.create({ orgSlug: b.slug, name: 'Acme', domain: 'acme.se' });
    expect(await accountRows(db, b.orgId)).toHaveLength(1);
  });
});

describe('account.update and optimistic concurrency', () => {
  it('saves the changes, bumps the version and audits only what changed', async () => {
    const t = await team();
    const { id } = await t.member.caller.account.create({ orgSlug: t.slug, ...acme });
    const before = await t.member.caller.account.get({ orgSlug: t.slug, accountId: id });
    const saved = await t.owner.caller.account.update({
      orgSlug: t.slug,
      accountId: id,
      version: before.version,
      ...acme,
      name: 'Acme Group',
      targetLevel: 5,
      ownerUserId: t.member.userId,
    });
    expect(saved.version).toBe(2);
    const after = await t.member.caller.account.get({ orgSlug: t.slug, accountId: id });
    expect(after).toMatchObject({
      name: 'Acme Group',
      targetLevel: 5,
      ownerUserId: t.member.userId,
      version: 2,
      updatedByName: 'Olga Owner',
    });
    const [audit] = await auditEventsOf(db, t.orgId, 'account.updated');
    expect(audit).toMatchObject({
      actorUserId: t.owner.userId,
      accountId: id,
      before: { name: 'Acme AB', ownerUserId: null, targetLevel: 4 },
      after: { name: 'Acme Group', ownerUserId: t.member.userId, targetLevel: 5 },
    });
  });

  it('treats a save without changes as no edit: same version, no audit entry', async () => {
    const t = await team();
    const { id } = await t.member.caller.account.create({ orgSlug: t.slug, ...acme });
    const result = await t.member.caller.account.update({ orgSlug: t.slug, accountId: id, version: 1, ...acme });
    expect(result.version).toBe(1);
    expect(await auditEventsOf(db, t.orgId, 'account.updated')).toEqual([]);
  });

  it('tells the second of two teammates who saved meanwhile, and keeps the first save', async () => {
    const t = await team();
    const { id } = await t.member.caller.account.create({ orgSlug: t.slug, name: 'Acme' });
    // Both open the form at version 1.
    await t.owner.caller.account.update({ orgSlug: t.slug, accountId: id, version: 1, name: 'Acme (Olga)' });
    const shown = await shownError(
      httpClientFor(db, t.member.userId).account.update.mutate({ orgSlug: t.slug, accountId: id, version: 1, name: 'Acme (Mia)' }),
    );
    expect(shown).toMatchObject({
      code: 'CONFLICT',
      message: 'Olga Owner changed this account meanwhile. Your edits are still in the form: review them and save again.',
    });
    const svShown = await shownError(
      httpClientFor(db, t.member.userId, 'sv').account.update.mutate({ orgSlug: t.slug, accountId: id, version: 1, name: 'Acme (Mia)' }),
    );
    expect(svShown.message).toBe(
      'Olga Owner ändrade kunden under tiden. Dina ändringar finns kvar i formuläret: gå igenom dem och spara igen.',
    );
    const [row] = await accountRows(db, t.orgId);
    expect({ name: row!.name, version: row!.version }).toEqual({ name: 'Acme (Olga)', version: 2 });

    // Reloading gives the latest version, and saving from it works.
    const latest = await t.member.caller.account.get({ orgSlug: t.slug, accountId: id });
    await t.member.caller.account.update({ orgSlug: t.slug, accountId: id, version: latest.version, name: 'Acme (Mia)' });
    expect((await accountRows(db, t.orgId))[0]!.name).toBe('Acme (Mia)');
  });

  it('lets only one of two simultaneous saves of the same version win', async () => {
    const t = await team();
    const { id } = await t.member.caller.account.create({ orgSlug: t.slug, name: 'Acme' });
    const results = await Promise.allSettled([
      t.owner.caller.account.update({ orgSlug: t.slug, accountId: id, version: 1, name: 'One' }),
      t.member.caller.account.update({ orgSlug: t.slug, accountId: id, version: 1, name: 'Two' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [row] = await accountRows(db, t.orgId);
    expect(row!.version).toBe(2);
    expect(await auditEventsOf(db, t.orgId, 'account.updated')).toHaveLength(1);
  });

  it('refuses an owner from outside, and a domain another account has', async () => {
    const t = await team();
    const outsider = await signUpUser(db);
    await t.member.caller.account.create({ orgSlug: t.slug, name: 'Globex', domain: 'globex.com' });
    const { id } = await t.member.caller.account.create({ orgSlug: t.slug, name: 'Acme' });
    await expectTRPCError(
      t.member.caller.account.update({ orgSlug: t.slug, accountId: id, version: 1, name: 'Acme', ownerUserId: outsider.userId }),
      'BAD_REQUEST',
      'errors.ownerNotMember',
    );
    await expectTRPCError(
      t.member.caller.account.update({ orgSlug: t.slug, accountId: id, version: 1, name: 'Acme', domain: 'globex.com' }),
      'CONFLICT',
      'errors.accountDomainTaken',
    );
    const row = (await accountRows(db, t.orgId)).find((a) => a.id === id)!;
    expect({ owner: row.ownerUserId, domain: row.domain, version: row.version }).toEqual({ owner: null, domain: null, version: 1 });
  });

  it('keeps an owner who has since left when the owner is not what changed', async () => {
    const t = await team();
    const leaver = await addMember(db, t.owner.caller, t.slug, 'member', { name: 'Lea Leaver' });
    const { id } = await t.member.caller.account.create({ orgSlug: t.slug, name: 'Acme', ownerUserId: leaver.userId });
    await leaver.caller.member.leave({ orgSlug: t.slug });
    await t.member.caller.account.update({ orgSlug: t.slug, accountId: id, version: 1, name: 'Acme AB', ownerUserId: leaver.userId });
    expect((await accountRows(db, t.orgId))[0]).toMatchObject({ name: 'Acme AB', ownerUserId: leaver.userId });
    await expectTRPCError(
      t.member.caller.account.create({ orgSlug: t.slug, name: 'Globex', ownerUserId: leaver.userId }),
      'BAD_REQUEST',
      'errors.ownerNotMember',
    );
  });

  it('refuses edits to an archived account until it is restored', async () => {
    const t = await team();
    const { id } = await t.member.caller.account.create({ orgSlug: t.slug, name: 'Acme' });
    const { version } = await t.member.caller.account.archive({ orgSlug: t.slug, accountId: id });
    await expectTRPCError(
      t.member.caller.account.update({ orgSlug: t.slug, accountId: id, version, name: 'Changed' }),
      'CONFLICT',
      'errors.accountArchived',
    );
    expect((await accountRows(db, t.orgId))[0]!.name).toBe('Acme');
  });
});

describe('account.archive and account.unarchive', () => {
  it('takes the account out of the list but keeps it, its history and its audit trail', async () => {
    const t = await team();
    const { id } = await t.member.caller.account.create({ orgSlug: t.slug, name: 'Acme', domain: 'acme.se' });
    await t.member.caller.account.create({ orgSlug: t.slug, name: 'Globex' });
    const archived = await t.member.caller.account.archive({ orgSlug: t.slug, accountId: id });
    expect(archived.archivedAt).toBeInstanceOf(Date);
    expect(archived.version).toBe(2);

    const list = await t.viewer.caller.account.list({ orgSlug: t.slug });
    expect(list.rows.map((r) => r.name)).toEqual(['Globex']);
    expect(list.total).toBe(1);
    const withArchived = await t.viewer.caller.account.list({ orgSlug: t.slug, showArchived: true });
    expect(withArchived.rows.map((r) => [r.name, r.archivedAt !== null])).toEqual([
      ['Acme', true],
      ['Globex', false],
    ]);
    expect((await t.viewer.caller.account.get({ orgSlug: t.slug, accountId: id })).archivedAt).toBeInstanceOf(Date);
    expect(await auditEventsOf(db, t.orgId, 'account.archived')).toHaveLength(1);

    // Archiving twice is harmless; restoring brings it back.
    await t.member.caller.account.archive({ orgSlug: t.slug, accountId: id });
    expect(await auditEventsOf(db, t.orgId, 'account.archived')).toHaveLength(1);
    await t.member.caller.account.unarchive({ orgSlug: t.slug, accountId: id });
    expect((await t.viewer.caller.account.list({ orgSlug: t.slug })).total).toBe(2);
    expect(await auditEventsOf(db, t.orgId, 'account.unarchived')).toHaveLength(1);
  });

  it("frees the domain while archived, and won't restore over an account that took it", async () => {
    const t = await team();
    const { id } = await t.member.caller.account.create({ orgSlug: t.slug, name: 'Acme', domain: 'acme.se' });
    await t.member.caller.account.archive({ orgSlug: t.slug, accountId: id });
    await t.member.caller.account.create({ orgSlug: t.slug, name: 'Acme (new)', domain: 'acme.se' });
    await expectTRPCError(t.member.caller.account.unarchive({ orgSlug: t.slug, accountId: id }), 'CONFLICT', 'errors.accountDomainTaken');
    expect((await accountRows(db, t.orgId)).find((a) => a.id === id)!.archivedAt).not.toBeNull();
  });
});

describe('account.follow and account.unfollow', () => {
  it('adds and removes the caller as a follower, idempotently', async () => {
    const t = await team();
    const { id } = await t.owner.caller.account.create({ orgSlug: t.slug, name: 'Acme' });
    await t.member.caller.account.follow({ orgSlug: t.slug, accountId: id });
    await t.member.caller.account.follow({ orgSlug: t.slug, accountId: id });
    await t.owner.caller.account.follow({ orgSlug: t.slug, accountId: id });
    const seenByMember = await t.member.caller.account.get({ orgSlug: t.slug, accountId: id });
    expect(seenByMember.following).toBe(true);
    expect(seenByMember.followers.map((f) => f.name)).toEqual(['Mia Member', 'Olga Owner']);
    expect((await t.viewer.caller.account.get({ orgSlug: t.slug, accountId: id })).following).toBe(false);
    expect(await auditEventsOf(db, t.orgId, 'account.followed')).toHaveLength(2);

    await t.member.caller.account.unfollow({ orgSlug: t.slug, accountId: id });
    await t.member.caller.account.unfollow({ orgSlug: t.slug, accountId: id });
    const rows = await db.select().from(accountFollowers).where(eq(accountFollowers.accountId, id));
    expect(rows.map((r) => r.userId)).toEqual([t.owner.userId]);
    expect(await auditEventsOf(db, t.orgId, 'account.unfollowed')).toHaveLength(1);
  });

  it('no longer lists a follower who has left the organization', async () => {
    const t = await team();
    const leaver = await addMember(db, t.owner.caller, t.slug, 'member', { name: 'Lea Leaver' });
    const { id } = await t.owner.caller.account.create({ orgSlug: t.slug, name: 'Acme' });
    await leaver.caller.account.follow({ orgSlug: t.slug, accountId: id });
    await t.member.caller.account.follow({ orgSlug: t.slug, accountId: id });
    await leaver.caller.member.leave({ orgSlug: t.slug });
    expect((await t.owner.caller.account.get({ orgSlug: t.slug, accountId: id })).followers.map((f) => f.name)).toEqual(['Mia Member']);
  });
});

describe('viewers read, but never write', () => {
  it('refuses every account write to a viewer, and nothing changes', async () => {
    const t = await team();
    const { id } = await t.member.caller.account.create({ orgSlug: t.slug, name: 'Acme' });
    const slug = t.slug;
    const v = t.viewer.caller.account;
    const attempts: Array<[string, () => Promise<unknown>]> = [
      ['create', () => v.create({ orgSlug: slug, name: 'Nope' })],
      ['update', () => v.update({ orgSlug: slug, accountId: id, version: 1, name: 'Nope' })],
      ['archive', () => v.archive({ orgSlug: slug, accountId: id })],
      ['unarchive', () => v.unarchive({ orgSlug: slug, accountId: id })],
      ['follow', () => v.follow({ orgSlug: slug, accountId: id })],
      ['unfollow', () => v.unfollow({ orgSlug: slug, accountId: id })],
      ['importPreview', () => v.importPreview({ orgSlug: slug, csv: 'Name\nNope\n', mapping: { name: 0 } })],
      ['importCommit', () => v.importCommit({ orgSlug: slug, csv: 'Name\nNope\n', mapping: { name: 0 } })],
    ];
    for (const [path, attempt] of attempts) {
      const error = await expectTRPCError(attempt(), 'FORBIDDEN');
      expect(error.message, path).toBe('errors.forbidden');
    }
    expect((await accountRows(db, t.orgId)).map((a) => [a.name, a.version, a.archivedAt])).toEqual([['Acme', 1, null]]);
    expect(await db.select().from(accountFollowers).where(eq(accountFollowers.orgId, t.orgId))).toEqual([]);
    // ...while reading works.
    expect((await v.list({ orgSlug: slug })).total).toBe(1);
    expect((await v.exportCsv({ orgSlug: slug })).rowCount).toBe(1);
  });
});

describe('another organization’s accounts', () => {
  it('are NOT_FOUND through every procedure, and nothing of theirs changes', async () => {
    const a = await team();
    const b = await team();
    const { id } = await a.member.caller.account.create({ orgSlug: a.slug, name: 'Secret', domain: 'secret.se' });
    const before = await accountRows(db, a.orgId);
    const mallory = b.member.caller.account;
    const slug = b.slug;
    const attempts: Array<[string, () => Promise<unknown>]> = [
      ['get', () => mallory.get({ orgSlug: slug, accountId: id })],
      ['update', () => mallory.update({ orgSlug: slug, accountId: id, version: 1, name: 'Hacked' })],
      ['archive', () => mallory.archive({ orgSlug: slug, accountId: id })],
      ['unarchive', () => mallory.unarchive({ orgSlug: slug, accountId: id })],
      ['follow', () => mallory.follow({ orgSlug: slug, accountId: id })],
      ['unfollow', () => mallory.unfollow({ orgSlug: slug, accountId: id })],
    ];
    for (const [path, attempt] of attempts) {
      const error = await expectTRPCError(attempt(), 'NOT_FOUND');
      expect(error.message, path).toBe('errors.accountNotFound');
    }
    // Naming the other organization's slug instead does not help either.
    await expectTRPCError(mallory.get({ orgSlug: a.slug, accountId: id }), 'NOT_FOUND', 'errors.orgNotFound');
    expect(await accountRows(db, a.orgId)).toEqual(before);
    expect(await db.select().from(accountFollowers).where(eq(accountFollowers.accountId, id))).toEqual([]);
    // Their accounts never show up in our list, search or export.
    expect((await mallory.list({ orgSlug: slug, q: 'secret' })).total).toBe(0);
    expect((await mallory.exportCsv({ orgSlug: slug })).csv).not.toContain('Secret');
    expect((await mallory.filterOptions({ orgSlug: slug })).owners.map((o) => o.name).sort()).toEqual([
      'Mia Member',
      'Olga Owner',
      'Vera Viewer',
    ]);
  });
});

/** An organization with accounts at known levels, owners, segments and dates. */
async function portfolio() {
  const t = await team();
  const now = Date.now();
  const add = (values: Partial<typeof accounts.$inferInsert>) => insertAccount(db, t.slug, values);
  const alpha = await add({
    name: 'Alpha',
    domain: 'alpha.se',
    segment: 'Retail',
    ownerUserId: t.member.userId,
    teamLevel: 4,
    teamLevelAt: new Date(now - 10 * DAY),
    annualRevenue: '500000.00',
    currency: 'SEK',
  });
  const bravo = await add({
    name: 'bravo',
    domain: 'bravo.com',
    segment: 'Energy',
    ownerUserId: t.owner.userId,
    teamLevel: 2,
    teamLevelAt: new Date(now - 400 * DAY),
    annualRevenue: '9000000.00',
    currency: 'SEK',
  });
  const charlie = await add({
    name: 'Charlie 100% Natural',
    segment: 'Retail',
    teamLevel: 3,
    teamLevelAt: new Date(now - 30 * DAY),
    annualRevenue: '100.00',
    currency: 'EUR',
  });
  const delta = await add({ name: 'Delta', segment: null, ownerUserId: t.member.userId });
  // The customer levels come from real answers, as customers give them (one unnamed respondent each).
  const org = { slug: t.slug, id: t.orgId };
  await giveAnswer(db, t.member.caller, org, alpha.id, null, 2, { daysAgo: 5 });
  await giveAnswer(db, t.member.caller, org, bravo.id, null, 3);
  await giveAnswer(db, t.member.caller, org, charlie.id, null, 3);
  return { ...t, alpha, bravo, charlie, delta };
}

describe('account.list', () => {
  it('lists the active accounts by name with levels, gap, owner and total', async () => {
    const p = await portfolio();
    const list = await p.viewer.caller.account.list({ orgSlug: p.slug });
    expect(list.total).toBe(4);
    expect(list.hasAnyAccount).toBe(true);
    expect(list.rows.map((r) => r.name)).toEqual(['Alpha', 'bravo', 'Charlie 100% Natural', 'Delta']);
    expect(list.rows[0]).toMatchObject({
      domain: 'alpha.se',
      ownerName: 'Mia Member',
      ownerEmail: p.member.email,
      teamLevel: 4,
      customerLevel: 2,
      gap: 2,
      segment: 'Retail',
    });
    expect(list.rows[3]).toMatchObject({ teamLevel: null, gap: null, ownerName: 'Mia Member' });
  });

  it.each([
    ['search by part of a name, ignoring case', { q: 'ALPH' }, ['Alpha']],
    ['search by domain', { q: 'bravo.co' }, ['bravo']],
    ['search with % taken literally', { q: '100%' }, ['Charlie 100% Natural']],
    ['owner', { ownerUserId: 'member' }, ['Alpha', 'Delta']],
    ['no owner', { ownerUserId: 'none' }, ['Charlie 100% Natural']],
    ['segment', { segment: 'Retail' }, ['Alpha', 'Charlie 100% Natural']],
    ['no segment', { segment: 'none' }, ['Delta']],
    ['team level', { teamLevel: 4 }, ['Alpha']],
    ['not assessed', { teamLevel: 'none' }, ['Delta']],
    ['customer level', { customerLevel: 3 }, ['bravo', 'Charlie 100% Natural']],
    ['no customer level', { customerLevel: 'none' }, ['Delta']],
    ['stale: no team assessment in 180 days, or never', { stale: true }, ['bravo', 'Delta']],
    ['team rates itself higher than the customer', { overrated: true }, ['Alpha']],
    ['combined filters', { segment: 'Retail', customerLevel: 3 }, ['Charlie 100% Natural']],
  ] as const)('filters: %s', async (_label, filter, expected) => {
    const p = await portfolio();
    const input = { ...filter, ...('ownerUserId' in filter && filter.ownerUserId === 'member' ? { ownerUserId: p.member.userId } : {}) };
    const list = await p.viewer.caller.account.list({ orgSlug: p.slug, ...input });
    expect(list.rows.map((r) => r.name)).toEqual(expected);
    expect(list.total).toBe(expected.length);
  });

  it.each([
    ['teamLevel', 'asc', ['bravo', 'Charlie 100% Natural', 'Alpha', 'Delta']],
    ['teamLevel', 'desc', ['Alpha', 'Charlie 100% Natural', 'bravo', 'Delta']],
    ['revenue', 'desc', ['bravo', 'Alpha', 'Charlie 100% Natural', 'Delta']],
    ['revenue', 'asc', ['Charlie 100% Natural', 'Alpha', 'bravo', 'Delta']],
    ['lastAssessed', 'desc', ['Alpha', 'Charlie 100% Natural', 'bravo', 'Delta']],
    ['name', 'desc', ['Delta', 'Charlie 100% Natural', 'bravo', 'Alpha']],
  ] as const)('sorts by %s %s, accounts without a value last', async (sort, direction, expected) => {
    const p = await portfolio();
    const list = await p.viewer.caller.account.list({ orgSlug: p.slug, sort, direction });
    expect(list.rows.map((r) => r.name)).toEqual(expected);
  });

  it('pages through the list without gaps or overlaps', async () => {
    const t = await team();
    const names = Array.from({ length: 7 }, (_, i) => `Account ${String(i).padStart(2, '0')}`);
    // The same name twice: the id breaks the tie, so no row shows on two pages.
    for (const name of [...names, 'Account 03']) await insertAccount(db, t.slug, { name });
    const pages = [];
    for (let page = 1; page <= 3; page += 1) pages.push(await t.viewer.caller.account.list({ orgSlug: t.slug, page, pageSize: 3 }));
    expect(pages.map((p) => p.total)).toEqual([8, 8, 8]);
    const ids = pages.flatMap((p) => p.rows.map((r) => r.id));
    expect(new Set(ids).size).toBe(8);
    expect(pages.map((p) => p.rows.length)).toEqual([3, 3, 2]);
  });

  it('tells an empty organization from a filter that matches nothing', async () => {
    const t = await team();
    expect(await t.viewer.caller.account.list({ orgSlug: t.slug })).toMatchObject({ total: 0, hasAnyAccount: false });
    await insertAccount(db, t.slug, { name: 'Acme' });
    expect(await t.viewer.caller.account.list({ orgSlug: t.slug, q: 'zzz' })).toMatchObject({ total: 0, hasAnyAccount: true });
  });

  it('refuses a level outside 1–5 in a filter and a page size above 200', async () => {
    const t = await team();
    await expectTRPCError(t.viewer.caller.account.list({ orgSlug: t.slug, teamLevel: 6 }), 'BAD_REQUEST');
    await expectTRPCError(t.viewer.caller.account.list({ orgSlug: t.slug, pageSize: 1000 }), 'BAD_REQUEST');
  });

  // Large enough for every page, filter and sort to cross many pages; how fast the list is at
  // 10,000 accounts and more is for `npm run seed-large` and the benchmark, not for this suite.
  it('pages, filters and sorts 2,000 accounts correctly (timings printed, not asserted)', async () => {
    const t = await team();
    const org = t.orgId;
    const now = Date.now();
    const rows = Array.from({ length: 2_000 }, (_, i) => ({
      orgId: org,
      name: `Company ${uniqueTag()} ${i}`,
      segment: ['Retail', 'Energy', 'Health', 'Finance'][i % 4]!,
      ownerUserId: i % 3 === 0 ? t.member.userId : null,
      teamLevel: (i % 5) + 1,
      teamLevelAt: new Date(now - (i % 400) * DAY),
      annualRevenue: String((i * 7919) % 10_000_000),
      currency: 'SEK',
    }));
    await withOrg(db, org, async (tx) => {
      for (let i = 0; i < rows.length; i += 1000) {
        const ids = await tx
          .insert(accounts)
          .values(rows.slice(i, i + 1000))
          .returning({ id: accounts.id });
        // Six in seven accounts have a customer level now: a run since their answer, then none once it ages out.
        const runs = ids.flatMap(({ id }, j) => {
          const n = i + j;
          if (n % 7 === 0) return [];
          const answeredAt = new Date(now - (n % 300) * DAY);
          const agesOut = new Date(answeredAt.getTime() + 365 * DAY);
          return [
            { orgId: org, accountId: id, startsAt: answeredAt, endsAt: agesOut, level: ((n + 2) % 5) + 1 },
            { orgId: org, accountId: id, startsAt: agesOut, endsAt: sql`'infinity'::timestamptz`, level: null },
          ];
        });
        await tx.insert(customerLevelRuns).values(runs);
      }
    });
    const timings: Record<string, number> = {};
    const time = async <T>(label: string, work: () => Promise<T>) => {
      const started = performance.now();
      const result = await work();
      timings[label] = Math.round(performance.now() - started);
      return result;
    };
    const first = await time('first page by name', () => t.viewer.caller.account.list({ orgSlug: t.slug }));
    const last = await time('last page by revenue', () =>
      t.viewer.caller.account.list({ orgSlug: t.slug, sort: 'revenue', direction: 'desc', page: 40 }),
    );
    const filtered = await time('stale + segment + search', () =>
      t.viewer.caller.account.list({ orgSlug: t.slug, stale: true, segment: 'Retail', q: 'company' }),
    );
    const byEffective = await time('effective level 3, sorted by effective level', () =>
      t.viewer.caller.account.list({ orgSlug: t.slug, effectiveLevel: 3, sort: 'effectiveLevel', direction: 'desc' }),
    );
    const sortedByEffective = await time('last page sorted by effective level', () =>
      t.viewer.caller.account.list({ orgSlug: t.slug, sort: 'effectiveLevel', page: 40 }),
    );
    await time('customer level 2 + overrated', () => t.viewer.caller.account.list({ orgSlug: t.slug, customerLevel: 2, overrated: true }));
    await time('export of everything', () => t.viewer.caller.account.exportCsv({ orgSlug: t.slug }));
    console.log('account.list at 2,000 accounts (ms):', timings);
    expect(first.total).toBe(2_000);
    expect(first.rows).toHaveLength(50);
    expect(last.rows).toHaveLength(50);
    expect(filtered.total).toBeGreaterThan(0);
    expect(filtered.rows.every((r) => r.segment === 'Retail')).toBe(true);
    expect(byEffective.total).toBeGreaterThan(0);
    expect(
      byEffective.rows.every((r) => r.effectiveLevel === 3 && r.effectiveSource === (r.customerLevel === null ? 'team' : 'customer')),
    ).toBe(true);
    expect(sortedByEffective.rows.map((r) => r.effectiveLevel)).toEqual(Array(50).fill(5));
  }, 60_000);
});

describe('account.filterOptions', () => {
  it('offers the current members as owners and the segments in use, with counts', async () => {
    const p = await portfolio();
    const options = await p.viewer.caller.account.filterOptions({ orgSlug: p.slug });
    expect(options.owners.map((o) => o.name)).toEqual(['Mia Member', 'Olga Owner', 'Vera Viewer']);
    expect(options.segments).toEqual([
      { segment: 'Energy', accounts: 1 },
      { segment: 'Retail', accounts: 2 },
    ]);
    expect(options.currencies).toContain('SEK');
  });
});

describe('account.exportCsv', () => {
  it('exports the filtered list with current levels and a BOM, ready for Excel', async () => {
    const p = await portfolio();
    const { csv, fileName, rowCount } = await p.viewer.caller.account.exportCsv({
      orgSlug: p.slug,
      segment: 'Retail',
      sort: 'teamLevel',
      direction: 'desc',
    });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(fileName).toMatch(new RegExp(`^${p.slug}-accounts-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    expect(rowCount).toBe(2);
    const parsed = parseCsv(csv);
    expect(parsed.headers).toEqual([
      'Name',
      'Domain',
      'Segment',
      'Owner',
      'Owner email',
      'Team level',
      'Customer level',
      'Effective level',
      'Effective level from',
      'Perception gap',
      'Economic buyer differs',
      'Target level',
      'Target date',
      'Annual revenue',
      'Currency',
      'Last assessed',
      'Customer answered',
      'Archived',
    ]);
    const alpha = parsed.rows[0]!.cells;
    expect(alpha.slice(0, 15)).toEqual([
      'Alpha',
      'alpha.se',
      'Retail',
      'Mia Member',
      p.member.email,
      '4',
      '2',
      '2',
      'Customer',
      '2',
      '',
      '',
      '',
      '500000.00',
      'SEK',
    ]);
    expect(alpha[15]).toBe(new Date(Date.now() - 10 * DAY).toISOString().slice(0, 10));
    expect(alpha[16]).toBe(new Date(Date.now() - 5 * DAY).toISOString().slice(0, 10));
    expect(parsed.rows[1]!.cells[0]).toBe('Charlie 100% Natural');
  });

  it('writes Swedish headers, semicolons and decimal commas for a Swedish speaker', async () => {
    const p = await portfolio();
    const client = httpClientFor(db, p.viewer.userId, 'sv');
    const { csv } = await client.account.exportCsv.mutate({ orgSlug: p.slug, q: 'alpha' });
    const [header, row] = csv.replace('\uFEFF', '').split('\r\n');
    expect(header!.startsWith('Namn;Domän;Segment;Ansvarig;Ansvarig e-post;Teamets nivå;Kundens nivå')).toBe(true);
    expect(row!.split(';')[13]).toBe('500000,00');
  });

  it('keeps an account name that looks like a formula from running in Excel', async () => {
    const t = await team();
    await t.member.caller.account.create({ orgSlug: t.slug, name: '=HYPERLINK("http://evil.example","click")' });
    const { csv } = await t.member.caller.account.exportCsv({ orgSlug: t.slug });
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
  });
});

describe('live updates', () => {
  it('announces account.changed to teammates watching the account after each committed change', async () => {
    const t = await team();
    const { id } = await t.member.caller.account.create({ orgSlug: t.slug, name: 'Acme' });
    const controller = new AbortController();
    afterAll(() => controller.abort());
    const events = await accountEvents(db, t.orgId, id, controller.signal);
    const next = async (): Promise<AccountStreamEvent> => {
      const result = await Promise.race([
        events.next(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no event')), 5000)),
      ]);
      if (result.done) throw new Error('ended');
      return result.value;
    };
    await t.owner.caller.account.update({ orgSlug: t.slug, accountId: id, version: 1, name: 'Acme AB' });
    expect(await next()).toMatchObject({ type: 'account.changed', accountId: id, actorUserId: t.owner.userId });
    // A refused save announces nothing: the next event is the archive.
    await expectTRPCError(t.member.caller.account.update({ orgSlug: t.slug, accountId: id, version: 1, name: 'Stale' }), 'CONFLICT');
    await t.member.caller.account.archive({ orgSlug: t.slug, accountId: id });
    expect(await next()).toMatchObject({ type: 'account.changed', accountId: id, actorUserId: t.member.userId });
  });
});

describe('audit entries for accounts', () => {
  it('carry the account id, so the account page can show its activity', async () => {
    const t = await team();
    const { id } = await t.member.caller.account.create({ orgSlug: t.slug, name: 'Acme' });
    await t.member.caller.account.update({ orgSlug: t.slug, accountId: id, version: 1, name: 'Acme AB' });
    await t.member.caller.account.follow({ orgSlug: t.slug, accountId: id });
    await t.member.caller.account.archive({ orgSlug: t.slug, accountId: id });
    const [row] = await db
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, t.orgId), eq(auditEvents.accountId, id)));
    expect(row!.n).toBe(4);
  });
});
