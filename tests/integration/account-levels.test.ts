/**
 * The one customer level as the account page, the accounts list, the CSV export and the history
 * read it: from the customer level runs, next to the team level, with the effective level (the
 * customer's where there is one, else the team's, marked) and the economic buyer's dissent.
 * Contacts removed from an account stop counting and count again once restored; the playbook
 * coaches from the effective level; other organizations see nothing.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { contacts } from '@/db/schema';
import { withOrg } from '@/db/tenant';
import { parseCsv } from '@/server/domain/csv';
import { answerExpiresAt } from '@/server/domain/customer-level';
import { appendLevelEvent } from '@/server/services/level-history';
import { insertAccount } from '../helpers/accounts';
import { giveAnswer } from '../helpers/customer-answers';
import { useTestDatabase } from '../helpers/db';
import { expectTRPCError } from '../helpers/errors';
import { createTenant } from '../helpers/factories';
import { auditEventsOf } from '../helpers/stored';
import { createTeam } from '../helpers/team';

const { db } = await useTestDatabase();
const DAY = 86_400_000;

type Role = 'economic_buyer' | 'user' | 'technical' | 'coach' | 'other';

async function team() {
  const t = await createTeam(db, { members: ['member', 'viewer'] });
  const { slug, member, viewer } = t;
  const org = { slug, id: t.orgId };

  /** An account the team assessed at `teamLevel` (a closed assessment's level event). */
  const account = async (name: string, teamLevel: number | null) => {
    const row = await insertAccount(db, slug, { name });
    if (teamLevel !== null) {
      await withOrg(db, org.id, (tx) =>
        appendLevelEvent(tx, { orgId: org.id, accountId: row.id, source: 'team', level: teamLevel, recordedByUserId: member.userId }),
      );
    }
    return row;
  };
  const contact = (accountId: string, name: string, buyingRole: Role) =>
    member.caller.contact.create({ orgSlug: slug, accountId, name, buyingRole });
  const answer = (accountId: string, contactId: string | null, level: number, options: { daysAgo?: number } = {}) =>
    giveAnswer(db, member.caller, org, accountId, contactId, level, options);
  const get = (accountId: string) => viewer.caller.account.get({ orgSlug: slug, accountId });
  const listNames = async (filters: Record<string, unknown> = {}) =>
    (await viewer.caller.account.list({ orgSlug: slug, ...filters })).rows.map((r) => r.name);
  const row = async (name: string) => (await viewer.caller.account.list({ orgSlug: slug, q: name })).rows.find((r) => r.name === name)!;
  return { ...t, org, account, contact, answer, get, listNames, row };
}

/** Team 3; three stakeholders answer 4, 4 and then 2: the customer level is 4 (the median), the gap −1, the effective level 4. */
async function fourFourTwo(t: Awaited<ReturnType<typeof team>>) {
  const account = await t.account('Nordkyl', 3);
  const anna = await t.contact(account.id, 'Anna Andersson', 'economic_buyer');
  const bo = await t.contact(account.id, 'Bo Berg', 'user');
  const cia = await t.contact(account.id, 'Cia Chen', 'technical');
  await t.answer(account.id, anna.id, 4);
  await t.answer(account.id, bo.id, 4);
  await t.answer(account.id, cia.id, 2);
  return { account, anna, bo, cia };
}

/** Team 2; one stakeholder answered 5, three years ago: that answer aged out long since, so the effective level is the team's. */
async function staleLoneFive(t: Awaited<ReturnType<typeof team>>) {
  const account = await t.account('Frostfall', 2);
  const dora = await t.contact(account.id, 'Dora Dahl', 'coach');
  await t.answer(account.id, dora.id, 5, { daysAgo: 3 * 365 });
  return { account, dora };
}

describe('the 4-4-2 example', () => {
  it('shows customer level 4, gap −1 and effective level 4 (the customer’s) on the account page', async () => {
    const t = await team();
    const { account } = await fourFourTwo(t);
    const got = await t.get(account.id);
    expect(got).toMatchObject({
      teamLevel: 3,
      customerLevel: 4,
      gap: -1,
      effectiveLevel: 4,
      effectiveSource: 'customer',
      economicBuyerLevel: 4,
      economicBuyerDissent: false,
    });
    expect(got.customerLevelAt).toBeInstanceOf(Date);
    // The level holds until the first of the three answers ages out (they were all given today).
    expect(got.customerRun).toMatchObject({ level: 4, previousLevel: null });
    expect(got.customerRun!.until.getTime()).toBe(answerExpiresAt(got.customerRun!.since, 12).getTime());
  });

  it('is the same level in the list, its filters and its sort', async () => {
    const t = await team();
    const { account } = await fourFourTwo(t);
    const other = await t.account('Other', 5);
    expect(await t.row('Nordkyl')).toMatchObject({
      id: account.id,
      teamLevel: 3,
      customerLevel: 4,
      gap: -1,
      effectiveLevel: 4,
      effectiveSource: 'customer',
      economicBuyerDissent: false,
    });
    expect(await t.row('Other')).toMatchObject({ id: other.id, customerLevel: null, effectiveLevel: 5, effectiveSource: 'team' });
    expect(await t.listNames({ customerLevel: 4 })).toEqual(['Nordkyl']);
    expect(await t.listNames({ customerLevel: 'none' })).toEqual(['Other']);
    expect(await t.listNames({ effectiveLevel: 4 })).toEqual(['Nordkyl']);
    expect(await t.listNames({ effectiveLevel: 3 })).toEqual([]);
    expect(await t.listNames({ overrated: true })).toEqual([]);
    expect(await t.listNames({ staleConfirmation: true })).toEqual(['Other']);
    expect(await t.listNames({ sort: 'effectiveLevel', direction: 'desc' })).toEqual(['Other', 'Nordkyl']);
  });

  it('exports the team, customer and effective levels with the source, the gap and when the customer answered', async () => {
    const t = await team();
    await fourFourTwo(t);
    const { csv } = await t.viewer.caller.account.exportCsv({ orgSlug: t.slug });
    const parsed = parseCsv(csv);
    const column = (name: string) => parsed.headers.indexOf(name);
    const cells = parsed.rows[0]!.cells;
    expect(cells[column('Team level')]).toBe('3');
    expect(cells[column('Customer level')]).toBe('4');
    expect(cells[column('Effective level')]).toBe('4');
    expect(cells[column('Effective level from')]).toBe('Customer');
    expect(cells[column('Perception gap')]).toBe('-1');
    expect(cells[column('Economic buyer differs')]).toBe('');
    expect(cells[column('Customer answered')]).toBe(new Date().toISOString().slice(0, 10));
  });

  it('draws the history from the runs, with every answer and who gave it', async () => {
    const t = await team();
    const { account } = await fourFourTwo(t);
    const history = await t.viewer.caller.account.levelHistory({ orgSlug: t.slug, accountId: account.id });
    expect(history.freshnessMonths).toBe(12);
    expect(history.team.map((e) => [e.level, e.recordedByName])).toEqual([[3, 'Mia Member']]);
    // One run of 4 from the first answer until the answers age out, then none, open-ended.
    expect(history.runs.map((r) => r.level)).toEqual([4, null]);
    expect(history.runs[1]!.endsAt).toBeNull();
    expect(history.runs[0]!.endsAt.getTime()).toBe(history.runs[1]!.startsAt.getTime());
    expect(history.answers.map((a) => [a.name, a.buyingRole, a.level, a.contactArchived])).toEqual([
      ['Anna Andersson', 'economic_buyer', 4, false],
      ['Bo Berg', 'user', 4, false],
      ['Cia Chen', 'technical', 2, false],
    ]);
    expect(history.answers[0]!.countsUntil.getTime()).toBe(answerExpiresAt(history.answers[0]!.at, 12).getTime());
    expect(history.hasEarlier).toBe(false);
  });
});

describe('a stale lone 5', () => {
  it('gives no customer level, so the effective level is the team’s, marked as such', async () => {
    const t = await team();
    const { account } = await staleLoneFive(t);
    const got = await t.get(account.id);
    expect(got).toMatchObject({
      teamLevel: 2,
      customerLevel: null,
      customerLevelAt: null,
      gap: null,
      effectiveLevel: 2,
      effectiveSource: 'team',
    });
    // The level was 5 until the answer aged out; since then no answer is fresh.
    expect(got.customerRun).toMatchObject({ level: null, until: null, previousLevel: 5 });
    expect(got.customerRun!.since.getTime()).toBeLessThan(Date.now() - 365 * DAY);
  });

  it('is counted as unconfirmed in the list and the export', async () => {
    const t = await team();
    await staleLoneFive(t);
    await t.account('Not assessed', null);
    expect(await t.row('Frostfall')).toMatchObject({ customerLevel: null, effectiveLevel: 2, effectiveSource: 'team' });
    expect(await t.listNames({ customerLevel: 5 })).toEqual([]);
    expect(await t.listNames({ customerLevel: 'none' })).toEqual(['Frostfall', 'Not assessed']);
    expect(await t.listNames({ staleConfirmation: true })).toEqual(['Frostfall', 'Not assessed']);
    expect(await t.listNames({ effectiveLevel: 2 })).toEqual(['Frostfall']);
    expect(await t.listNames({ effectiveLevel: 'none' })).toEqual(['Not assessed']);
    expect(await t.listNames({ overrated: true })).toEqual([]);

    const parsed = parseCsv((await t.viewer.caller.account.exportCsv({ orgSlug: t.slug, q: 'Frostfall' })).csv);
    const cells = parsed.rows[0]!.cells;
    const column = (name: string) => parsed.headers.indexOf(name);
    expect([
      cells[column('Customer level')],
      cells[column('Effective level')],
      cells[column('Effective level from')],
      cells[column('Perception gap')],
      cells[column('Customer answered')],
    ]).toEqual(['', '2', 'Team (not confirmed)', '', '']);
  });

  it('shows in the history as a run of 5 that ended when the answer aged out', async () => {
    const t = await team();
    const { account } = await staleLoneFive(t);
    const history = await t.viewer.caller.account.levelHistory({ orgSlug: t.slug, accountId: account.id });
    expect(history.runs.map((r) => r.level)).toEqual([5, null]);
    const [answer] = history.answers;
    expect(answer).toMatchObject({ name: 'Dora Dahl', buyingRole: 'coach', level: 5 });
    expect(history.runs[0]!.endsAt.getTime()).toBe(answer!.countsUntil.getTime());
    expect(answer!.countsUntil.getTime()).toBeLessThan(Date.now());
  });
});

describe('the economic buyer’s dissent, and contacts removed and restored', () => {
  /** Team 4; Bo and Cia answer 4, the economic buyer Anna 2: the customer level is 4 and the economic buyer is two levels below it. */
  async function polar(t: Awaited<ReturnType<typeof team>>) {
    const account = await t.account('Polar', 4);
    const anna = await t.contact(account.id, 'Anna Andersson', 'economic_buyer');
    const bo = await t.contact(account.id, 'Bo Berg', 'user');
    const cia = await t.contact(account.id, 'Cia Chen', 'technical');
    await t.answer(account.id, bo.id, 4);
    await t.answer(account.id, cia.id, 4);
    await t.answer(account.id, anna.id, 2);
    return { account, anna, bo, cia };
  }

  it('flags an economic buyer two levels from the combined level, on the account and in the list', async () => {
    const t = await team();
    const { account } = await polar(t);
    await fourFourTwo(t);
    expect(await t.get(account.id)).toMatchObject({ customerLevel: 4, economicBuyerLevel: 2, economicBuyerDissent: true });
    expect(await t.row('Polar')).toMatchObject({ economicBuyerLevel: 2, economicBuyerDissent: true });
    // In the 4-4-2 account the economic buyer agrees with the combined level: no flag.
    expect(await t.row('Nordkyl')).toMatchObject({ economicBuyerLevel: 4, economicBuyerDissent: false });
    const parsed = parseCsv((await t.viewer.caller.account.exportCsv({ orgSlug: t.slug })).csv);
    const flag = parsed.headers.indexOf('Economic buyer differs');
    expect(parsed.rows.map((r) => [r.cells[0], r.cells[flag]])).toEqual([
      ['Nordkyl', ''],
      ['Polar', 'Yes'],
    ]);
  });

  it('does not flag an economic buyer who was removed from the contacts, and flags them again once restored', async () => {
    const t = await team();
    const { account, anna } = await polar(t);
    await t.member.caller.contact.archive({ orgSlug: t.slug, contactId: anna.id });
    expect(await t.get(account.id)).toMatchObject({ customerLevel: 4, economicBuyerLevel: null, economicBuyerDissent: false });
    expect(await t.row('Polar')).toMatchObject({ economicBuyerDissent: false });
    await t.member.caller.contact.restore({ orgSlug: t.slug, contactId: anna.id });
    expect(await t.row('Polar')).toMatchObject({ customerLevel: 4, economicBuyerLevel: 2, economicBuyerDissent: true });
  });

  it('does not flag an economic buyer whose answer has aged out', async () => {
    const t = await team();
    const account = await t.account('Polar', 4);
    const anna = await t.contact(account.id, 'Anna Andersson', 'economic_buyer');
    const bo = await t.contact(account.id, 'Bo Berg', 'user');
    await t.answer(account.id, anna.id, 1, { daysAgo: 400 });
    await t.answer(account.id, bo.id, 4);
    expect(await t.get(account.id)).toMatchObject({ customerLevel: 4, economicBuyerLevel: null, economicBuyerDissent: false });
  });

  it('stops counting a removed contact’s answers, and counts them again once restored', async () => {
    const t = await team();
    const { account, bo } = await polar(t);

    await t.member.caller.contact.archive({ orgSlug: t.slug, contactId: bo.id });
    // Cia 4 and Anna 2 remain: the median is 3, and the economic buyer is only one level away.
    expect(await t.get(account.id)).toMatchObject({ customerLevel: 3, gap: 1, effectiveLevel: 3, economicBuyerDissent: false });
    expect(await t.listNames({ customerLevel: 3 })).toEqual(['Polar']);
    const archived = await t.viewer.caller.contact.archived({ orgSlug: t.slug, accountId: account.id });
    expect(archived.map((c) => c.name)).toEqual(['Bo Berg']);
    expect((await t.viewer.caller.contact.list({ orgSlug: t.slug, accountId: account.id })).map((c) => c.name)).toEqual([
      'Anna Andersson',
      'Cia Chen',
    ]);
    const history = await t.viewer.caller.account.levelHistory({ orgSlug: t.slug, accountId: account.id });
    expect(history.answers.find((a) => a.name === 'Bo Berg')).toMatchObject({ contactArchived: true });

    const before = (await db.select().from(contacts).where(eq(contacts.id, bo.id)))[0]!;
    await t.member.caller.contact.restore({ orgSlug: t.slug, contactId: bo.id });
    expect(await t.get(account.id)).toMatchObject({ customerLevel: 4, gap: 0, effectiveLevel: 4, economicBuyerDissent: true });
    expect(await t.viewer.caller.contact.archived({ orgSlug: t.slug, accountId: account.id })).toEqual([]);
    const after = (await db.select().from(contacts).where(eq(contacts.id, bo.id)))[0]!;
    expect(after).toMatchObject({ archivedAt: null, version: before.version + 1 });
    const [audit] = await auditEventsOf(db, t.org.id, 'contact.restored');
    expect(audit).toMatchObject({ actorUserId: t.member.userId, entityType: 'contact', entityId: bo.id, accountId: account.id });

    // Restoring a contact who is not removed changes nothing.
    await t.member.caller.contact.restore({ orgSlug: t.slug, contactId: bo.id });
    expect((await db.select().from(contacts).where(eq(contacts.id, bo.id)))[0]!.version).toBe(after.version);
  });

  it('lets only members restore, and not on an archived account', async () => {
    const t = await team();
    const { account, bo } = await polar(t);
    await t.member.caller.contact.archive({ orgSlug: t.slug, contactId: bo.id });
    await expectTRPCError(t.viewer.caller.contact.restore({ orgSlug: t.slug, contactId: bo.id }), 'FORBIDDEN');
    await t.member.caller.account.archive({ orgSlug: t.slug, accountId: account.id });
    await expectTRPCError(t.member.caller.contact.restore({ orgSlug: t.slug, contactId: bo.id }), 'CONFLICT', 'errors.accountArchived');
    expect(await t.viewer.caller.contact.archived({ orgSlug: t.slug, accountId: account.id })).toHaveLength(1);
  });
});

describe('the playbook coaches from the effective level', () => {
  it('coaches an account the team rates 4 and the customer 2 on the step 2 → 3', async () => {
    const t = await team();
    const account = await t.account('Polar', 4);
    const before = await t.viewer.caller.playbook.suggestions({ orgSlug: t.slug, accountId: account.id });
    expect(before).toMatchObject({ teamLevel: 4, level: 4, source: 'team', transition: { fromLevel: 4, toLevel: 5 } });

    await t.answer(account.id, null, 2);
    const after = await t.viewer.caller.playbook.suggestions({ orgSlug: t.slug, accountId: account.id });
    expect(after).toMatchObject({ teamLevel: 4, level: 2, source: 'customer', transition: { fromLevel: 2, toLevel: 3 } });
    expect(after.methods.length).toBeGreaterThan(0);
    expect(after.methods.every((m) => m.fromLevel === 2)).toBe(true);
  });

  it('goes back to the team’s level once the customer’s answer ages out', async () => {
    const t = await team();
    const account = await t.account('Polar', 4);
    await t.answer(account.id, null, 2, { daysAgo: 3 * 365 });
    expect(await t.viewer.caller.playbook.suggestions({ orgSlug: t.slug, accountId: account.id })).toMatchObject({
      level: 4,
      source: 'team',
      transition: { fromLevel: 4 },
    });
  });
});

describe('tenancy', () => {
  it('answers NOT_FOUND for another organization’s account and contacts', async () => {
    const t = await team();
    const { account, bo } = await fourFourTwo(t);
    await t.member.caller.contact.archive({ orgSlug: t.slug, contactId: bo.id });
    const mallory = await createTenant(db, { name: 'Mallory' });
    const m = mallory.caller;
    await expectTRPCError(
      m.account.levelHistory({ orgSlug: mallory.orgSlug, accountId: account.id }),
      'NOT_FOUND',
      'errors.accountNotFound',
    );
    await expectTRPCError(m.account.get({ orgSlug: mallory.orgSlug, accountId: account.id }), 'NOT_FOUND', 'errors.accountNotFound');
    await expectTRPCError(m.contact.archived({ orgSlug: mallory.orgSlug, accountId: account.id }), 'NOT_FOUND', 'errors.accountNotFound');
    await expectTRPCError(m.contact.restore({ orgSlug: mallory.orgSlug, contactId: bo.id }), 'NOT_FOUND', 'errors.contactNotFound');
    await expectTRPCError(
      m.playbook.suggestions({ orgSlug: mallory.orgSlug, accountId: account.id }),
      'NOT_FOUND',
      'errors.accountNotFound',
    );
    // Still removed, and the level still without Bo's answer: [4, 2] gives 3.
    expect((await db.select().from(contacts).where(eq(contacts.id, bo.id)))[0]!.archivedAt).toBeInstanceOf(Date);
    expect(await t.get(account.id)).toMatchObject({ customerLevel: 3 });
    expect((await m.account.list({ orgSlug: mallory.orgSlug })).total).toBe(0);
  });
});
