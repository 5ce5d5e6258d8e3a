import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accounts, confirmationAnswers, confirmationLinks, levelEvents, notifications } from '@/db/schema';
import { answerConfirmation, viewConfirmation } from '@/server/services/confirmations';
import { hashToken } from '@/server/adapters/tokens';
import { insertAccount } from '../helpers/accounts';
import { customerLevelOf } from '../helpers/customer-level';
import { useTestDatabase } from '../helpers/db';
import { expectTRPCError } from '../helpers/errors';
import { addMember, confirmationToken, createTenant } from '../helpers/factories';

const { db } = await useTestDatabase();

/** An organization with an account owned by its owner, and two contacts at the account. */
async function customerSetup() {
  const owner = await createTenant(db);
  const account = await insertAccount(db, owner.orgSlug, { ownerUserId: owner.userId });
  const buyer = await owner.caller.contact.create({
    orgSlug: owner.orgSlug,
    accountId: account.id,
    name: 'Bea Buyer',
    buyingRole: 'economic_buyer',
    email: 'bea@customer.example',
  });
  const user = await owner.caller.contact.create({ orgSlug: owner.orgSlug, accountId: account.id, name: 'Ulf User', buyingRole: 'user' });
  const ask = async (contactId: string | null, extra: { override?: boolean; expiresInDays?: number } = {}) => {
    const created = await owner.caller.confirmation.create({
      orgSlug: owner.orgSlug,
      accountId: account.id,
      contactId,
      language: 'sv',
      ...extra,
    });
    return { ...created, token: confirmationToken(created.url) };
  };
  return { owner, account, buyer, user, ask };
}

/** Each test answers from its own address, so rate limits never leak between tests. */
const address = () => `test-${randomUUID()}`;
const answer = (token: string, level: number | string, extra: Record<string, string> = {}, from = address()) =>
  answerConfirmation(token, from, { level: String(level), submissionKey: randomUUID(), ...extra }, db);

async function accountLevels(accountId: string) {
  const [row] = await db.select({ team: accounts.teamLevel }).from(accounts).where(eq(accounts.id, accountId));
  return { team: row!.team, customer: (await customerLevelOf(db, accountId)).level };
}

describe('creating a confirmation link', () => {
  it('returns the link once and stores only the hash of its 256-bit token', async () => {
    const { ask, account } = await customerSetup();
    const { token, linkId } = await ask(null);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = await db.select().from(confirmationLinks).where(eq(confirmationLinks.id, linkId));
    expect(row!.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row).toMatchObject({ accountId: account.id, language: 'sv' });
  });

  it('emails the contact when there is an address (kept in the outbox without SMTP)', async () => {
    const { ask, buyer, owner } = await customerSetup();
    const { emailQueued, url } = await ask(buyer.id);
    expect(emailQueued).toBe(true);
    const { messages } = await owner.caller.outbox.list({ orgSlug: owner.orgSlug });
    expect(messages.find((m) => m.toEmail === 'bea@customer.example')?.bodyText).toContain(url);
  });

  it('does not ask the same contact twice within 30 days unless overridden', async () => {
    const { ask, buyer } = await customerSetup();
    await ask(buyer.id);
    await expectTRPCError(ask(buyer.id), 'CONFLICT', 'errors.contactAskedRecently');
    await expect(ask(buyer.id, { override: true })).resolves.toMatchObject({ url: expect.stringContaining('/c/') });
  });

  it('refuses bad input, viewers and other organizations’ accounts', async () => {
    const { ask, owner, account } = await customerSetup();
    await expectTRPCError(ask(null, { expiresInDays: 181 }), 'BAD_REQUEST');
    const viewer = await addMember(db, owner.caller, owner.orgSlug, 'viewer');
    await expectTRPCError(
      viewer.caller.confirmation.create({ orgSlug: owner.orgSlug, accountId: account.id, contactId: null, language: 'en' }),
      'FORBIDDEN',
    );
    const other = await createTenant(db);
    await expectTRPCError(
      other.caller.confirmation.create({ orgSlug: other.orgSlug, accountId: account.id, contactId: null, language: 'en' }),
      'NOT_FOUND',
    );
    await expectTRPCError(other.caller.confirmation.overview({ orgSlug: other.orgSlug, accountId: account.id }), 'NOT_FOUND');
  });
});

describe('links that cannot be used', () => {
  it('unknown, expired and withdrawn tokens look exactly the same', async () => {
    const { ask, owner } = await customerSetup();
    const expired = await ask(null);
    await db
      .update(confirmationLinks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(confirmationLinks.id, expired.linkId));
    const revoked = await ask(null);
    await owner.caller.confirmation.revoke({ orgSlug: owner.orgSlug, linkId: revoked.linkId });
    const answers = await Promise.all(
      [expired.token, revoked.token, 'x'.repeat(43)].map((token) => viewConfirmation(token, address(), db)),
    );
    expect(answers).toEqual([{ kind: 'unavailable' }, { kind: 'unavailable' }, { kind: 'unavailable' }]);
    expect(await answer(revoked.token, 3)).toEqual({ kind: 'unavailable' });
  });

  it('a live link shows only the allowlisted fields and records when it was first opened', async () => {
    const { ask, buyer, account } = await customerSetup();
    const { token, linkId } = await ask(buyer.id);
    const view = await viewConfirmation(token, address(), db);
    expect(view.kind).toBe('ok');
    if (view.kind !== 'ok') return;
    expect(Object.keys(view.confirmation).sort()).toEqual([
      'accountName',
      'brand',
      'contactName',
      'expiresAt',
      'language',
      'orgName',
      'personalMessage',
      'previous',
    ]);
    expect(view.confirmation).toMatchObject({ accountName: account.name, contactName: 'Bea Buyer', language: 'sv', previous: null });
    expect(view.confirmation.brand).toEqual({ colour: null, logo: null });
    const [row] = await db
      .select({ opened: confirmationLinks.firstOpenedAt })
      .from(confirmationLinks)
      .where(eq(confirmationLinks.id, linkId));
    expect(row!.opened).toBeInstanceOf(Date);
  });
});

describe('how answers count', () => {
  it('appends a customer level event per answer, and the customer level is the median of each stakeholder’s latest', async () => {
    const { ask, buyer, user, account, owner } = await customerSetup();
    const buyerLink = await ask(buyer.id);
    const userLink = await ask(user.id);

    expect(await answer(buyerLink.token, 2, { moveUp: 'Show us the savings in numbers' })).toEqual({ kind: 'ok' });
    expect((await accountLevels(account.id)).customer).toBe(2);
    expect(await answer(userLink.token, 4)).toEqual({ kind: 'ok' });
    expect((await accountLevels(account.id)).customer).toBe(3); // median of 2 and 4

    // The buyer changes their mind: a new row and event, the latest counts, nothing overwritten.
    expect(await answer(buyerLink.token, 4)).toEqual({ kind: 'ok' });
    expect((await accountLevels(account.id)).customer).toBe(4);
    const events = await db
      .select({ level: levelEvents.level, source: levelEvents.source, contactId: levelEvents.contactId })
      .from(levelEvents)
      .where(eq(levelEvents.accountId, account.id));
    expect(events.map((e) => [e.source, e.level, e.contactId])).toEqual([
      ['customer', 2, buyer.id],
      ['customer', 4, user.id],
      ['customer', 4, buyer.id],
    ]);

    const overview = await owner.caller.confirmation.overview({ orgSlug: owner.orgSlug, accountId: account.id });
    expect(overview.customer).toMatchObject({ level: 4, respondents: 2, spread: 0 });
    expect(overview.stakeholders.map((s) => [s.contactName, s.level])).toEqual([
      ['Bea Buyer', 4],
      ['Ulf User', 4],
    ]);
    expect(overview.links.find((l) => l.id === buyerLink.linkId)?.status).toBe('answered');
    // The owner hears about it.
    const mine = await db.select().from(notifications).where(eq(notifications.userId, owner.userId));
    expect(mine.filter((n) => n.kind === 'customer_answer')).toHaveLength(3);
  });

  it('the gap to the team level shows on the account', async () => {
    const { ask, account, owner } = await customerSetup();
    await db.update(accounts).set({ teamLevel: 4 }).where(eq(accounts.id, account.id));
    await answer((await ask(null)).token, 2);
    const shown = await owner.caller.account.get({ orgSlug: owner.orgSlug, accountId: account.id });
    expect({ team: shown.teamLevel, customer: shown.customerLevel, gap: shown.gap }).toEqual({ team: 4, customer: 2, gap: 2 });
  });

  it('the same form sent twice, one after the other or at once, records one answer', async () => {
    const { ask, account } = await customerSetup();
    const { token } = await ask(null);
    const form = { level: '3', submissionKey: randomUUID() };
    const from = address();
    expect(await answerConfirmation(token, from, form, db)).toEqual({ kind: 'ok' });
    expect(await answerConfirmation(token, from, form, db)).toEqual({ kind: 'ok' });
    const again = { level: '2', submissionKey: randomUUID() };
    await Promise.all([answerConfirmation(token, from, again, db), answerConfirmation(token, from, again, db)]);
    const rows = await db.select().from(confirmationAnswers).where(eq(confirmationAnswers.accountId, account.id));
    expect(rows.map((r) => r.level).sort()).toEqual([2, 3]);
  });

  it('bad input gets a message per field and writes nothing', async () => {
    const { ask, account } = await customerSetup();
    const { token } = await ask(null);
    expect(await answer(token, 7)).toEqual({ kind: 'invalid', errors: { level: 'levelRequired' } });
    expect(await answer(token, '')).toMatchObject({ kind: 'invalid', errors: { level: 'levelRequired' } });
    expect(await answer(token, 3, { comment: 'x'.repeat(2001) })).toEqual({ kind: 'invalid', errors: { comment: 'tooLong' } });
    expect(await answer(token, 3, { desiredLevel: '9' })).toEqual({ kind: 'invalid', errors: { desiredLevel: 'desiredInvalid' } });
    expect(await db.select().from(confirmationAnswers).where(eq(confirmationAnswers.accountId, account.id))).toEqual([]);
  });

  it('answers from one address are rate limited', async () => {
    const { ask } = await customerSetup();
    const { token } = await ask(null);
    const from = address();
    const results = [];
    for (let i = 0; i < 21; i++) results.push((await answer(token, 3, {}, from)).kind);
    expect(results.slice(0, 20).every((kind) => kind === 'ok')).toBe(true);
    expect(results[20]).toBe('tooMany');
  });

  it('a link of one organization never reaches another organization’s data', async () => {
    const a = await customerSetup();
    const b = await customerSetup();
    await answer((await a.ask(null)).token, 1, { accountId: b.account.id, orgId: b.owner.orgId });
    expect(await accountLevels(b.account.id)).toEqual({ team: null, customer: null });
    expect(await accountLevels(a.account.id)).toEqual({ team: null, customer: 1 });
    const bAnswers = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(confirmationAnswers)
      .where(eq(confirmationAnswers.orgId, b.owner.orgId));
    expect(bAnswers[0]!.n).toBe(0);
  });

  it('a shorter freshness window, set by an admin, drops old answers from the customer level', async () => {
    const { ask, account, owner } = await customerSetup();
    await answer((await ask(null)).token, 3);
    await db
      .update(confirmationAnswers)
      .set({ createdAt: new Date(Date.now() - 200 * 86_400_000) })
      .where(eq(confirmationAnswers.accountId, account.id));
    const member = await addMember(db, owner.caller, owner.orgSlug, 'member');
    await expectTRPCError(member.caller.confirmation.setFreshness({ orgSlug: owner.orgSlug, months: 3 }), 'FORBIDDEN');
    await expectTRPCError(owner.caller.confirmation.setFreshness({ orgSlug: owner.orgSlug, months: 0 }), 'BAD_REQUEST');
    await owner.caller.confirmation.setFreshness({ orgSlug: owner.orgSlug, months: 3 });
    expect((await accountLevels(account.id)).customer).toBeNull();
    const overview = await owner.caller.confirmation.overview({ orgSlug: owner.orgSlug, accountId: account.id });
    expect(overview).toMatchObject({ freshnessMonths: 3, needsReconfirmation: true });
    expect(overview.stakeholders[0]!.fresh).toBe(false);
  });
});
