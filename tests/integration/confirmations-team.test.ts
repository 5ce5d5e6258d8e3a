/**
 * Confirmation links from the team's side: sending a link again, withdrawing it, the throttle,
 * the link's language, the overview a team reads (statuses, each stakeholder's latest answer,
 * answers that age out), how an answer reaches the team (audit, notifications, live event),
 * the freshness setting, and the accounts list's filters on the customer level.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { accountFollowers, accounts, confirmationLinks, memberships, notifications } from '@/db/schema';
import { withOrg } from '@/db/tenant';
import { messages } from '@/i18n/messages';
import { answerConfirmation, viewConfirmation } from '@/server/services/confirmations';
import type { AccountEvent } from '@/server/runtime/events';
import { insertAccount } from '../helpers/accounts';
import { ageAnswers as ageAccountAnswers, customerLevelOf as readCustomerLevel } from '../helpers/customer-level';
import { useTestDatabase } from '../helpers/db';
import { expectTRPCError } from '../helpers/errors';
import { addMember, callerFor, confirmationToken, createTenant, type Caller } from '../helpers/factories';
import { httpClientFor, shownError } from '../helpers/http';
import { auditEventsOf } from '../helpers/stored';
import { createTeam } from '../helpers/team';

const { db } = await useTestDatabase();
const DAY = 86_400_000;

async function team() {
  const t = await createTeam(db, {
    members: ['member', 'viewer'],
    account: { owner: 'member', name: `Nordkyl ${randomUUID().slice(0, 4)}` },
  });
  const { slug, member, account } = t;
  const contact = (values: { name: string; email?: string; language?: 'en' | 'sv' }) =>
    member.caller.contact.create({ orgSlug: slug, accountId: account.id, buyingRole: 'user', ...values });
  const ask = async (
    contactId: string | null,
    extra: { override?: boolean; language?: 'en' | 'sv'; expiresInDays?: number; personalMessage?: string } = {},
  ) => {
    const created = await member.caller.confirmation.create({ orgSlug: slug, accountId: account.id, contactId, ...extra });
    return { ...created, token: confirmationToken(created.url) };
  };
  const overview = (caller: Caller = member.caller) => caller.confirmation.overview({ orgSlug: slug, accountId: account.id });
  return { ...t, contact, ask, overview };
}

/** Each answer from its own address, so the per-address rate limit never interferes. */
const answer = (token: string, level: number, extra: Record<string, string> = {}) =>
  answerConfirmation(token, `team-test-${randomUUID()}`, { level: String(level), submissionKey: randomUUID(), ...extra }, db);

const linkRow = async (linkId: string) => (await db.select().from(confirmationLinks).where(eq(confirmationLinks.id, linkId)))[0]!;
const customerLevelOf = (accountId: string) => readCustomerLevel(db, accountId);
const ageAnswers = (accountId: string, days: number) => ageAccountAnswers(db, accountId, days);

describe('confirmation.resend', () => {
  it('withdraws the old link and returns a new one for the same person, language and message, without the throttle', async () => {
    const t = await team();
    const bea = await t.contact({ name: 'Bea Buyer', email: 'bea@nordkyl.example' });
    const first = await t.ask(bea.id, { language: 'sv', expiresInDays: 14, personalMessage: 'Tack för ett bra år!' });

    const second = await t.member.caller.confirmation.resend({ orgSlug: t.slug, linkId: first.linkId });
    const token = confirmationToken(second.url);
    expect(token).not.toBe(first.token);
    expect(second.emailQueued).toBe(true);
    expect(await viewConfirmation(first.token, `a-${randomUUID()}`, db)).toEqual({ kind: 'unavailable' });
    const view = await viewConfirmation(token, `a-${randomUUID()}`, db);
    expect(view).toMatchObject({
      kind: 'ok',
      confirmation: { contactName: 'Bea Buyer', language: 'sv', personalMessage: 'Tack för ett bra år!' },
    });

    const [old, renewed] = [await linkRow(first.linkId), await linkRow(second.linkId)];
    expect(old.revokedAt).toBeInstanceOf(Date);
    expect(renewed).toMatchObject({ contactId: bea.id, language: 'sv', revokedAt: null });
    expect(Math.round((renewed.expiresAt.getTime() - renewed.createdAt.getTime()) / DAY)).toBe(14);

    const [audit] = await auditEventsOf(db, t.orgId, 'confirmation.link_resent');
    expect(audit).toMatchObject({
      actorUserId: t.member.userId,
      accountId: t.account.id,
      entityId: second.linkId,
      before: { linkId: first.linkId },
    });
    const listed = await t.overview();
    expect(listed.links.map((l) => [l.id, l.status])).toEqual([
      [second.linkId, 'opened'],
      [first.linkId, 'revoked'],
    ]);
  });

  it('an unnamed respondent who answers the old link and then the resent one is one stakeholder, at their latest answer', async () => {
    const t = await team();
    const first = await t.ask(null);
    expect(await answer(first.token, 2)).toEqual({ kind: 'ok' });
    const second = await t.member.caller.confirmation.resend({ orgSlug: t.slug, linkId: first.linkId });
    const third = await t.member.caller.confirmation.resend({ orgSlug: t.slug, linkId: second.linkId });
    expect(await answer(confirmationToken(third.url), 4)).toEqual({ kind: 'ok' });

    expect((await linkRow(third.linkId)).respondentLinkId).toBe(first.linkId);
    const shown = await t.overview();
    expect(shown.stakeholders.map((s) => s.level)).toEqual([4]);
    // One respondent at 4, not the median of two (2 and 4 would give 3).
    expect(shown.customer).toMatchObject({ level: 4, respondents: 1 });
    expect((await customerLevelOf(t.account.id)).level).toBe(4);

    // A second unnamed link (not a resend) is another respondent.
    const other = await t.ask(null, { override: true });
    expect(await answer(other.token, 2)).toEqual({ kind: 'ok' });
    expect((await t.overview()).customer).toMatchObject({ respondents: 2 });
  });

  it('refuses viewers, other organizations and links that do not exist, and changes nothing', async () => {
    const t = await team();
    const link = await t.ask(null);
    await expectTRPCError(t.viewer.caller.confirmation.resend({ orgSlug: t.slug, linkId: link.linkId }), 'FORBIDDEN');
    const other = await createTenant(db);
    await expectTRPCError(
      other.caller.confirmation.resend({ orgSlug: other.orgSlug, linkId: link.linkId }),
      'NOT_FOUND',
      'errors.linkNotFound',
    );
    await expectTRPCError(
      t.member.caller.confirmation.resend({ orgSlug: t.slug, linkId: randomUUID() }),
      'NOT_FOUND',
      'errors.linkNotFound',
    );
    expect((await linkRow(link.linkId)).revokedAt).toBeNull();
    expect((await t.overview()).links).toHaveLength(1);
  });
});

describe('confirmation.revoke', () => {
  it('withdraws a live link once, audits it on the account, and the link then looks like any unknown link', async () => {
    const t = await team();
    const link = await t.ask(null);
    expect(await t.member.caller.confirmation.revoke({ orgSlug: t.slug, linkId: link.linkId })).toEqual({
      revoked: true,
      accountId: t.account.id,
    });
    expect(await viewConfirmation(link.token, `r-${randomUUID()}`, db)).toEqual({ kind: 'unavailable' });
    await expectTRPCError(
      t.member.caller.confirmation.revoke({ orgSlug: t.slug, linkId: link.linkId }),
      'NOT_FOUND',
      'errors.linkNotFound',
    );
    expect(await auditEventsOf(db, t.orgId, 'confirmation.link_revoked')).toEqual([
      expect.objectContaining({ actorUserId: t.member.userId, accountId: t.account.id, entityId: link.linkId }),
    ]);
  });

  it('a viewer cannot withdraw, nor can another organization (NOT_FOUND, link still works)', async () => {
    const t = await team();
    const link = await t.ask(null);
    await expectTRPCError(t.viewer.caller.confirmation.revoke({ orgSlug: t.slug, linkId: link.linkId }), 'FORBIDDEN');
    const other = await createTenant(db);
    await expectTRPCError(
      other.caller.confirmation.revoke({ orgSlug: other.orgSlug, linkId: link.linkId }),
      'NOT_FOUND',
      'errors.linkNotFound',
    );
    expect((await viewConfirmation(link.token, `r-${randomUUID()}`, db)).kind).toBe('ok');
  });
});

describe('confirmation.create', () => {
  it('opens in the contact’s language, else in the language of the member who asks', async () => {
    const t = await team();
    const sven = await t.contact({ name: 'Sven Svensson', language: 'sv' });
    const anna = await t.contact({ name: 'Anna Andersson' });
    expect((await linkRow((await t.ask(sven.id)).linkId)).language).toBe('sv');
    expect((await linkRow((await t.ask(anna.id)).linkId)).language).toBe('en');
    const swedishMember = callerFor(db, t.member.userId, { locale: 'sv' });
    const created = await swedishMember.confirmation.create({ orgSlug: t.slug, accountId: t.account.id, contactId: null });
    expect((await linkRow(created.linkId)).language).toBe('sv');
    // An explicit choice wins.
    expect((await linkRow((await t.ask(sven.id, { language: 'en', override: true })).linkId)).language).toBe('en');
  });

  it('a link withdrawn unanswered does not count as asking; an answered one does', async () => {
    const t = await team();
    const bea = await t.contact({ name: 'Bea Buyer' });
    const wrong = await t.ask(bea.id);
    await t.member.caller.confirmation.revoke({ orgSlug: t.slug, linkId: wrong.linkId });
    const right = await t.ask(bea.id);
    expect(await answer(right.token, 3)).toEqual({ kind: 'ok' });
    await t.member.caller.confirmation.revoke({ orgSlug: t.slug, linkId: right.linkId });
    await expectTRPCError(t.ask(bea.id), 'CONFLICT', 'errors.contactAskedRecently');
    // After 30 days the contact may be asked again.
    await db
      .update(confirmationLinks)
      .set({ createdAt: new Date(Date.now() - 31 * DAY) })
      .where(eq(confirmationLinks.contactId, bea.id));
    await expect(t.ask(bea.id)).resolves.toMatchObject({ linkId: expect.any(String) });
  });

  it('refuses a contact of another account or organization, an archived account, and says what is wrong with the input', async () => {
    const t = await team();
    const otherAccount = await insertAccount(db, t.slug);
    const elsewhere = await t.member.caller.contact.create({
      orgSlug: t.slug,
      accountId: otherAccount.id,
      name: 'Elsa Elsewhere',
      buyingRole: 'user',
    });
    await expectTRPCError(t.ask(elsewhere.id), 'NOT_FOUND', 'errors.contactNotFound');
    const b = await team();
    const foreign = await b.contact({ name: 'Frida Foreign' });
    await expectTRPCError(t.ask(foreign.id), 'NOT_FOUND', 'errors.contactNotFound');

    const client = httpClientFor(db, t.member.userId);
    const shown = await shownError(
      client.confirmation.create.mutate({
        orgSlug: t.slug,
        accountId: t.account.id,
        contactId: null,
        expiresInDays: 0,
        personalMessage: 'x'.repeat(1001),
      }),
    );
    expect(shown.code).toBe('BAD_REQUEST');
    expect(shown.fieldErrors).toEqual({
      expiresInDays: messages.en.validation.expiryInvalid,
      personalMessage: messages.en.validation.messageTooLong,
    });

    await db.update(accounts).set({ archivedAt: new Date() }).where(eq(accounts.id, t.account.id));
    await expectTRPCError(t.ask(null), 'CONFLICT', 'errors.accountArchived');
    expect(await db.select().from(confirmationLinks).where(eq(confirmationLinks.accountId, t.account.id))).toEqual([]);
  });
});

describe('confirmation.overview', () => {
  it('shows every link’s status, from created to answered, expired and withdrawn, to viewers too', async () => {
    const t = await team();
    const created = await t.ask(null);
    const opened = await t.ask(null);
    await viewConfirmation(opened.token, `o-${randomUUID()}`, db);
    const answered = await t.ask(null);
    await answer(answered.token, 2);
    const expired = await t.ask(null);
    await db
      .update(confirmationLinks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(confirmationLinks.id, expired.linkId));
    const revoked = await t.ask(null);
    await t.member.caller.confirmation.revoke({ orgSlug: t.slug, linkId: revoked.linkId });

    const shown = await t.overview(t.viewer.caller);
    const status = Object.fromEntries(shown.links.map((l) => [l.id, l.status]));
    expect(status).toEqual({
      [created.linkId]: 'created',
      [opened.linkId]: 'opened',
      [answered.linkId]: 'answered',
      [expired.linkId]: 'expired',
      [revoked.linkId]: 'revoked',
    });
    expect(shown.links[0]!.createdByName).toBe('Mia Member');
  });

  it('lists each stakeholder’s latest answer: a contact once across links, each unnamed link on its own', async () => {
    const t = await team();
    const bea = await t.contact({ name: 'Bea Buyer' });
    const beaFirst = await t.ask(bea.id);
    await answer(beaFirst.token, 4, { moveUp: 'Fewer invoices' });
    const beaAgain = await t.ask(bea.id, { override: true });
    await answer(beaAgain.token, 2, { desiredLevel: '4', moveUp: 'Show us the savings', comment: 'Deliveries are late' });
    const anon1 = await t.ask(null);
    await answer(anon1.token, 3, { respondentName: 'Ulla', respondentTitle: 'Planner' });
    const anon2 = await t.ask(null);
    await answer(anon2.token, 5);

    const shown = await t.overview();
    expect(shown.stakeholders.map((s) => [s.contactName ?? s.respondentName, s.level])).toEqual([
      [null, 5],
      ['Ulla', 3],
      ['Bea Buyer', 2],
    ]);
    expect(shown.stakeholders[2]).toMatchObject({
      desiredLevel: 4,
      moveUp: 'Show us the savings',
      comment: 'Deliveries are late',
      fresh: true,
    });
    expect(shown.customer).toMatchObject({ level: 3, spread: 3, respondents: 3 });
    expect(shown.needsReconfirmation).toBe(false);
    expect((await customerLevelOf(t.account.id)).level).toBe(3);
  });

  it('flags the account for re-confirmation and drops the customer level once every answer is older than the window', async () => {
    const t = await team();
    await answer((await t.ask(null)).token, 4);
    expect((await customerLevelOf(t.account.id)).level).toBe(4);
    await ageAnswers(t.account.id, 400); // more than the default 12 months

    const shown = await t.overview(t.viewer.caller);
    expect(shown).toMatchObject({ freshnessMonths: 12, needsReconfirmation: true, customer: { level: null, respondents: 0 } });
    expect(shown.stakeholders.map((s) => [s.level, s.fresh])).toEqual([[4, false]]);
    // The history says so too, so the header and the list agree with the panel.
    expect(await customerLevelOf(t.account.id)).toEqual({ level: null, at: null });
  });

  it('another organization’s account is NOT_FOUND', async () => {
    const t = await team();
    const other = await createTenant(db);
    await expectTRPCError(
      other.caller.confirmation.overview({ orgSlug: other.orgSlug, accountId: t.account.id }),
      'NOT_FOUND',
      'errors.accountNotFound',
    );
  });
});

describe('an answer reaches the team', () => {
  it('is audited as the customer’s (no member), notifies the owner and current followers, and is announced live', async () => {
    const t = await team();
    const follower = await addMember(db, t.owner.caller, t.slug, 'member', { name: 'Fred Follower' });
    const leaver = await addMember(db, t.owner.caller, t.slug, 'member', { name: 'Lena Leaver' });
    for (const who of [follower, leaver]) {
      await withOrg(db, t.orgId, (tx) =>
        tx.insert(accountFollowers).values({ orgId: t.orgId, accountId: t.account.id, userId: who.userId }),
      );
    }
    await db.update(memberships).set({ removedAt: new Date() }).where(eq(memberships.id, leaver.membershipId));
    const bea = await t.contact({ name: 'Bea Buyer' });
    const link = await t.ask(bea.id);

    const iterable = await t.viewer.caller.assessment.onAccountEvent({ orgSlug: t.slug, accountId: t.account.id });
    const events = iterable[Symbol.asyncIterator]();
    afterAll(() => events.return?.());
    expect(await answer(link.token, 2)).toEqual({ kind: 'ok' });
    const event = await Promise.race([
      events.next(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no live event')), 5_000)),
    ]);
    expect(event.value).toMatchObject({ type: 'confirmation.answered', accountId: t.account.id } satisfies Partial<AccountEvent>);

    const [audit] = await auditEventsOf(db, t.orgId, 'confirmation.answered');
    expect(audit).toMatchObject({
      actorUserId: null,
      accountId: t.account.id,
      after: { level: 2, respondent: 'Bea Buyer', customerLevel: 2 },
    });
    const told = await db
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(and(eq(notifications.accountId, t.account.id), eq(notifications.kind, 'customer_answer')));
    expect(told.map((n) => n.userId).sort()).toEqual([t.member.userId, follower.userId].sort());
    const feed = await t.member.caller.activity.feed({ orgSlug: t.slug, accountId: t.account.id });
    expect(feed.events.map((e) => e.action)).toContain('confirmation.answered');
  });
});

describe('confirmation.setFreshness', () => {
  it('recomputes every account’s customer level in one pass, audits the change, and refuses members', async () => {
    const t = await team();
    const second = await insertAccount(db, t.slug);
    const recent = await t.ask(null);
    await answer(recent.token, 2);
    const old = await t.ask(null);
    await answer(old.token, 4);
    await ageAccountAnswers(db, t.account.id, 100, { linkId: old.linkId });
    const other = await t.member.caller.confirmation.create({ orgSlug: t.slug, accountId: second.id, contactId: null });
    await answer(confirmationToken(other.url), 5);
    await ageAnswers(second.id, 100);
    expect((await customerLevelOf(t.account.id)).level).toBe(3);

    await expectTRPCError(t.member.caller.confirmation.setFreshness({ orgSlug: t.slug, months: 2 }), 'FORBIDDEN');
    expect(await t.owner.caller.confirmation.setFreshness({ orgSlug: t.slug, months: 2 })).toEqual({ freshnessMonths: 2, quietDays: 30 });
    expect((await customerLevelOf(t.account.id)).level).toBe(2); // only the recent answer counts
    expect((await customerLevelOf(second.id)).level).toBeNull();
    expect(await t.viewer.caller.confirmation.settings({ orgSlug: t.slug })).toEqual({ freshnessMonths: 2, quietDays: 30 });
    expect(await auditEventsOf(db, t.orgId, 'organization.freshness_changed')).toEqual([
      expect.objectContaining({ actorUserId: t.owner.userId, before: { months: 12 }, after: { months: 2 } }),
    ]);

    // Longer again: the older answers count once more.
    await t.owner.caller.confirmation.setFreshness({ orgSlug: t.slug, months: 12 });
    expect((await customerLevelOf(t.account.id)).level).toBe(3);
    expect((await customerLevelOf(second.id)).level).toBe(5);
  });

  it('says what a valid window is, and leaves another organization alone', async () => {
    const t = await team();
    const b = await team();
    await answer((await b.ask(null)).token, 4);
    await ageAnswers(b.account.id, 100);
    const shown = await shownError(
      httpClientFor(db, t.owner.userId, 'sv').confirmation.setFreshness.mutate({ orgSlug: t.slug, months: 37 }),
    );
    expect(shown.fieldErrors).toEqual({ months: messages.sv.validation.freshnessInvalid });
    await t.owner.caller.confirmation.setFreshness({ orgSlug: t.slug, months: 1 });
    expect((await customerLevelOf(b.account.id)).level).toBe(4);
    expect(await b.viewer.caller.confirmation.settings({ orgSlug: b.slug })).toEqual({ freshnessMonths: 12, quietDays: 30 });
  });
});

describe('the accounts list and the customer level', () => {
  it('“team rates higher” finds accounts whose customers answered lower, and “confirmation stale” those without a fresh answer', async () => {
    const t = await team();
    const overrated = t.account;
    const agreed = await insertAccount(db, t.slug, { teamLevel: 3 });
    const never = await insertAccount(db, t.slug, { teamLevel: 2 });
    const stale = await insertAccount(db, t.slug, { teamLevel: 1 });
    await db.update(accounts).set({ teamLevel: 4 }).where(eq(accounts.id, overrated.id));
    const askFor = async (accountId: string) =>
      confirmationToken((await t.member.caller.confirmation.create({ orgSlug: t.slug, accountId, contactId: null })).url);
    await answer(await askFor(overrated.id), 2);
    await answer(await askFor(agreed.id), 3);
    await answer(await askFor(stale.id), 1);
    await ageAnswers(stale.id, 400);

    const list = (filters: { overrated?: boolean; staleConfirmation?: boolean }) =>
      t.viewer.caller.account.list({ orgSlug: t.slug, ...filters }).then((page) => page.rows.map((r) => r.id).sort());
    expect(await list({ overrated: true })).toEqual([overrated.id]);
    expect(await list({ staleConfirmation: true })).toEqual([never.id, stale.id].sort());
    const [row] = (await t.viewer.caller.account.list({ orgSlug: t.slug, overrated: true })).rows;
    expect(row).toMatchObject({ teamLevel: 4, customerLevel: 2, gap: 2 });
  });
});
