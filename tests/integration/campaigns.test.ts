/**
 * Confirmation campaigns: who is asked and who is left out (and why), the organization's quiet
 * period for campaigns and single links alike, reminders that go out after their delay and stop
 * at an answer or a withdrawn link, the campaign's progress as the team reads it, the marker on
 * the account's answers, and who may see or start a campaign.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accounts, auditEvents, campaignMessages, campaigns, confirmationLinks, jobs, users } from '@/db/schema';
import { withOrg } from '@/db/tenant';
import { hashToken } from '@/server/adapters/tokens';
import { answerConfirmation, viewConfirmation } from '@/server/services/confirmations';
import { runDueJobs } from '@/server/runtime/worker';
import { ageLink, campaignTeam, DAY, jobsOf, linksOf, messagesOf, outboxOf, tokenIn } from '../helpers/campaigns';
import { useOwnDatabase } from '../helpers/db';
import { raceBehindLock, racingDb } from '../helpers/race';
import { expectTRPCError, pgError, PG } from '../helpers/errors';
import { callerFor, createTenant } from '../helpers/factories';

// The queue is shared by the whole database: the worker here must not meet other files' jobs.
const { db, url: ownUrl } = await useOwnDatabase();

const answer = (token: string, level: number) =>
  answerConfirmation(token, `campaign-test-${randomUUID()}`, { level: String(level), submissionKey: randomUUID() }, db);
const archiveAccount = (orgId: string, accountId: string) =>
  withOrg(db, orgId, (tx) => tx.update(accounts).set({ archivedAt: new Date() }).where(eq(accounts.id, accountId)));
/**
 * Runs every job due at `at` (default now), as one worker, until none is left; returns how many
 * of this organization's jobs it finished (other tests' jobs share the database).
 */
async function drain(orgId: string, at: Date = new Date(), workerId = 'test-worker') {
  const doneBefore = (await jobsOf(db, orgId)).filter((j) => j.doneAt).length;
  while ((await runDueJobs(db, { workerId, limit: 50, now: at })).claimed > 0);
  return (await jobsOf(db, orgId)).filter((j) => j.doneAt).length - doneBefore;
}
const later = (days: number, minutes = 1) => new Date(Date.now() + days * DAY + minutes * 60_000);

describe('campaign.preview', () => {
  it('counts who will be asked and who is left out, with the reason, for chosen accounts and for list filters', async () => {
    const t = await campaignTeam(db);
    const active = await t.account('Nordkyl', [
      { name: 'Anna Buyer', buyingRole: 'economic_buyer' },
      { name: 'Tom Tech', buyingRole: 'technical' },
      { name: 'Nils Nomail', email: null },
      { name: 'Rita Removed' },
      { name: 'Ada Asked', buyingRole: 'economic_buyer' },
    ]);
    const archived = await t.account('Gamla', [{ name: 'Olle Old' }]);
    await t.member.caller.contact.archive({ orgSlug: t.slug, contactId: active.contacts[3]!.id });
    await t.member.caller.confirmation.create({ orgSlug: t.slug, accountId: active.id, contactId: active.contacts[4]!.id });
    await archiveAccount(t.orgId, archived.id);

    const chosen = { kind: 'accounts' as const, accountIds: [active.id, archived.id] };
    const preview = await t.member.caller.campaign.preview({ orgSlug: t.slug, selection: chosen });
    expect(preview).toMatchObject({
      accounts: 2,
      asked: 2,
      skipped: { accountArchived: 1, contactArchived: 1, noEmail: 1, askedRecently: 1 },
      byRole: { economic_buyer: 1, technical: 1, user: 0 },
      quietDays: 30,
    });

    const buyersOnly = await t.member.caller.campaign.preview({ orgSlug: t.slug, selection: chosen, buyingRoles: ['economic_buyer'] });
    expect(buyersOnly).toMatchObject({ asked: 1, skipped: { accountArchived: 0, contactArchived: 0, noEmail: 0, askedRecently: 1 } });

    // The list's filters: archived accounts are not in the list unless it shows them.
    const byFilter = await t.member.caller.campaign.preview({ orgSlug: t.slug, selection: { kind: 'filters', filters: { q: t.tag } } });
    expect(byFilter).toMatchObject({ accounts: 1, asked: 2, skipped: { accountArchived: 0 } });
    const withArchived = await t.member.caller.campaign.preview({
      orgSlug: t.slug,
      selection: { kind: 'filters', filters: { q: t.tag, showArchived: true } },
    });
    expect(withArchived).toMatchObject({ accounts: 2, asked: 2, skipped: { accountArchived: 1 } });
  });

  it('refuses options whose reminders would come after the links stop working, and a viewer', async () => {
    const t = await campaignTeam(db);
    const a = await t.account('Fjord', [{ name: 'Frida' }]);
    const selection = { kind: 'accounts' as const, accountIds: [a.id] };
    await expectTRPCError(
      t.member.caller.campaign.preview({ orgSlug: t.slug, selection, expiresInDays: 7, reminders: 2, reminderDays: 5 }),
      'BAD_REQUEST',
    );
    await expectTRPCError(t.viewer.caller.campaign.preview({ orgSlug: t.slug, selection }), 'FORBIDDEN', 'errors.forbidden');
    await expectTRPCError(t.viewer.caller.campaign.start({ orgSlug: t.slug, selection }), 'FORBIDDEN', 'errors.forbidden');
    expect(await db.select().from(campaigns).where(eq(campaigns.orgId, t.orgId))).toEqual([]);
  });
});

describe('campaign.start', () => {
  it('creates the campaign, a link per contact asked and a send job per link together; the emails carry working links in each contact’s language', async () => {
    const t = await campaignTeam(db);
    const a = await t.account('Malmö Frakt', [
      { name: 'Sara Svensk', language: 'sv' },
      { name: 'Eric English', language: 'en' },
      { name: 'Nora Nolang' },
    ]);
    const started = await t.member.caller.campaign.start({
      orgSlug: t.slug,
      selection: { kind: 'accounts', accountIds: [a.id] },
      language: 'sv',
      personalMessage: 'Tack för samarbetet!',
      expiresInDays: 21,
    });
    expect(started.asked).toBe(3);

    const links = await linksOf(db, started.campaignId);
    expect(links.map((l) => [l.contactId, l.language]).sort()).toEqual(
      [
        [a.contacts[0]!.id, 'sv'],
        [a.contacts[1]!.id, 'en'],
        [a.contacts[2]!.id, 'sv'],
      ].sort(),
    );
    expect(await messagesOf(db, started.campaignId)).toHaveLength(3);
    expect((await jobsOf(db, t.orgId)).filter((j) => !j.doneAt)).toHaveLength(3);
    expect(await outboxOf(db, t.orgId)).toEqual([]); // nothing is sent until the worker runs

    expect(await drain(t.orgId)).toBe(3);
    const outbox = await outboxOf(db, t.orgId);
    expect(outbox.map((m) => m.toEmail).sort()).toEqual(a.contacts.map((c) => c.email).sort());
    const toSara = outbox.find((m) => m.toEmail === a.contacts[0]!.email)!;
    expect(toSara.subject).toMatch(/Mia Member/);
    expect(toSara.bodyText).toContain('Tack för samarbetet!');
    const token = tokenIn(toSara.bodyText);
    const saraLink = links.find((l) => l.contactId === a.contacts[0]!.id)!;
    expect(hashToken(token)).toBe(saraLink.tokenHash);
    const page = await viewConfirmation(token, `view-${randomUUID()}`, db);
    expect(page).toMatchObject({ kind: 'ok', confirmation: { contactName: 'Sara Svensk', language: 'sv' } });
    expect((await linksOf(db, started.campaignId)).every((l) => l.sentAt)).toBe(true);

    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.entityId, started.campaignId));
    expect(audit).toMatchObject({ action: 'campaign.started', actorUserId: t.member.userId });
  });

  it('leaves nothing behind when nobody can be asked', async () => {
    const t = await campaignTeam(db);
    const a = await t.account('Tomt', [{ name: 'No Mail', email: null }]);
    await expectTRPCError(
      t.member.caller.campaign.start({ orgSlug: t.slug, selection: { kind: 'accounts', accountIds: [a.id] } }),
      'BAD_REQUEST',
      'campaigns.errors.nobodyToAsk',
    );
    expect(await db.select().from(campaigns).where(eq(campaigns.orgId, t.orgId))).toEqual([]);
    expect(await db.select().from(jobs).where(eq(jobs.orgId, t.orgId))).toEqual([]);
  });
});

describe('the quiet period', () => {
  it('keeps a contact asked by a campaign from being asked again by a link or a second campaign, until the period is over', async () => {
    const t = await campaignTeam(db);
    const a = await t.account('Vind', [{ name: 'Vera Vind' }, { name: 'Kalle Kvar' }]);
    const [vera, kalle] = a.contacts;
    const first = await t.member.caller.campaign.start({
      orgSlug: t.slug,
      selection: { kind: 'accounts', accountIds: [a.id] },
      buyingRoles: ['user'],
    });
    expect(first.asked).toBe(2);

    // A single link to Vera is refused (with the organization's period in the message), unless overridden.
    const single = () => t.member.caller.confirmation.create({ orgSlug: t.slug, accountId: a.id, contactId: vera!.id });
    const refused = await expectTRPCError(single(), 'CONFLICT', 'errors.contactAskedRecently');
    expect(refused.cause).toMatchObject({ values: { days: 30 } });
    await t.member.caller.confirmation.create({ orgSlug: t.slug, accountId: a.id, contactId: vera!.id, override: true });

    const again = { orgSlug: t.slug, selection: { kind: 'accounts' as const, accountIds: [a.id] } };
    expect(await t.member.caller.campaign.preview(again)).toMatchObject({ asked: 0, skipped: { askedRecently: 2 } });

    // An admin shortens the period to 10 days; Kalle was asked 11 days ago (Vera's override link is new).
    await t.owner.caller.confirmation.setQuietPeriod({ orgSlug: t.slug, days: 10 });
    for (const link of await linksOf(db, first.campaignId)) await ageLink(db, t.orgId, link.id, 11);
    expect(await t.member.caller.campaign.preview(again)).toMatchObject({ asked: 1, skipped: { askedRecently: 1 }, quietDays: 10 });
    const second = await t.member.caller.campaign.start(again);
    const [kallesLink] = await linksOf(db, second.campaignId);
    expect(kallesLink!.contactId).toBe(kalle!.id);

    // 0 turns the period off.
    await t.owner.caller.confirmation.setQuietPeriod({ orgSlug: t.slug, days: 0 });
    expect(await t.member.caller.campaign.preview(again)).toMatchObject({ asked: 2, skipped: { askedRecently: 0 } });
    await single();
  });

  it('counts a single link too, and only admins change the period, within 0 to 365 days', async () => {
    const t = await campaignTeam(db);
    const a = await t.account('Enkel', [{ name: 'Siri Single' }]);
    await t.member.caller.confirmation.create({ orgSlug: t.slug, accountId: a.id, contactId: a.contacts[0]!.id });
    expect(await t.member.caller.campaign.preview({ orgSlug: t.slug, selection: { kind: 'accounts', accountIds: [a.id] } })).toMatchObject({
      asked: 0,
      skipped: { askedRecently: 1 },
    });

    expect(await t.viewer.caller.confirmation.settings({ orgSlug: t.slug })).toMatchObject({ quietDays: 30 });
    await expectTRPCError(t.member.caller.confirmation.setQuietPeriod({ orgSlug: t.slug, days: 5 }), 'FORBIDDEN', 'errors.forbidden');
    await expectTRPCError(t.owner.caller.confirmation.setQuietPeriod({ orgSlug: t.slug, days: 366 }), 'BAD_REQUEST');
    await expectTRPCError(t.owner.caller.confirmation.setQuietPeriod({ orgSlug: t.slug, days: -1 }), 'BAD_REQUEST');
    await t.owner.caller.confirmation.setQuietPeriod({ orgSlug: t.slug, days: 365 });
    expect(await t.viewer.caller.confirmation.settings({ orgSlug: t.slug })).toMatchObject({ quietDays: 365 });
    const [changed] = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'organization.quiet_period_changed'))
      .orderBy(auditEvents.createdAt);
    expect(changed).toBeDefined();
  });
});

describe('asking at the same moment', () => {
  it('two campaigns started at once over the same contacts ask each contact once', async () => {
    const t = await campaignTeam(db);
    const a = await t.account('Samtidig', [{ name: 'Stina' }, { name: 'Sven' }, { name: 'Sixten' }]);
    const input = { orgSlug: t.slug, selection: { kind: 'accounts' as const, accountIds: [a.id] } };
    const url = ownUrl;
    let results: Array<PromiseSettledResult<unknown>>;
    if (url) {
      // Both requests are held where they read who was asked lately, then let go at the same instant.
      const racing = racingDb(url, 'campaign-race');
      results = await raceBehindLock(url, 'campaign-race', (sql) => sql`lock table confirmation_links in access exclusive mode`, 2, [
        () => callerFor(racing, t.member.userId).campaign.start(input),
        () => callerFor(racing, t.owner.userId).campaign.start(input),
      ]);
    } else {
      results = await Promise.allSettled([t.member.caller.campaign.start(input), t.owner.caller.campaign.start(input)]);
    }
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const links = await withOrg(db, t.orgId, (tx) => tx.select().from(confirmationLinks));
    expect(links.map((l) => l.contactId).sort()).toEqual(a.contacts.map((c) => c.id).sort());
  });
});

describe('row-level security on campaign rows', () => {
  it("refuses a campaign or a campaign message carrying another organization's id", async () => {
    const t = await campaignTeam(db);
    const a = await t.account('Egen', [{ name: 'Elsa' }]);
    const started = await t.member.caller.campaign.start({ orgSlug: t.slug, selection: { kind: 'accounts', accountIds: [a.id] } });
    const [link] = await linksOf(db, started.campaignId);
    const other = await createTenant(db);
    const attempt = (write: (tx: Parameters<Parameters<typeof withOrg>[2]>[0]) => Promise<unknown>) =>
      withOrg(db, other.orgId, (tx) => write(tx)).then(
        () => null,
        (error: unknown) => pgError(error),
      );
    const campaignRow = (await db.select().from(campaigns).where(eq(campaigns.id, started.campaignId)))[0]!;
    expect(await attempt((tx) => tx.insert(campaigns).values({ ...campaignRow, id: randomUUID() }))).toMatchObject({
      code: PG.insufficientPrivilege,
    });
    expect(
      await attempt((tx) =>
        tx
          .insert(campaignMessages)
          .values({ orgId: t.orgId, campaignId: started.campaignId, linkId: link!.id, sequence: 3, dueAt: new Date() }),
      ),
    ).toMatchObject({ code: PG.insufficientPrivilege });
    // And from inside the other organization nothing of this one is visible.
    expect(await withOrg(db, other.orgId, (tx) => tx.select().from(campaigns))).toEqual([]);
  });
});

describe('reminders', () => {
  it('go to those who have not answered after the delay, and stop at an answer, a withdrawn link or an expired one', async () => {
    const t = await campaignTeam(db);
    const a = await t.account('Påminn', [
      { name: 'Ann Answers' },
      { name: 'Rolf Revoked' },
      { name: 'Sam Silent' },
      { name: 'Ebba Expired' },
    ]);
    const [ann, rolf, sam, ebba] = a.contacts;
    const started = await t.member.caller.campaign.start({
      orgSlug: t.slug,
      selection: { kind: 'accounts', accountIds: [a.id] },
      reminders: 2,
      reminderDays: 5,
      expiresInDays: 30,
    });
    expect(await drain(t.orgId)).toBe(4);
    const linkOf = async (contactId: string) => (await linksOf(db, started.campaignId)).find((l) => l.contactId === contactId)!;
    const outboxTo = async (contactId: string) =>
      (await outboxOf(db, t.orgId)).filter((m) => m.toEmail === a.contacts.find((c) => c.id === contactId)!.email);

    // Four days later: no reminder is due yet.
    expect(await drain(t.orgId, later(4))).toBe(0);
    expect(await outboxOf(db, t.orgId)).toHaveLength(4);

    // Ann answers through her email's link; Rolf's link is withdrawn; Ebba's runs out.
    const annToken = tokenIn((await outboxTo(ann!.id))[0]!.bodyText);
    expect(await answer(annToken, 3)).toEqual({ kind: 'ok' });
    await t.member.caller.confirmation.revoke({ orgSlug: t.slug, linkId: (await linkOf(rolf!.id)).id });
    await withOrg(db, t.orgId, async (tx) =>
      tx
        .update(confirmationLinks)
        .set({ expiresAt: new Date(Date.now() + 2 * DAY) })
        .where(eq(confirmationLinks.contactId, ebba!.id)),
    );

    // Day 5: only Sam gets reminder 1, with the same link as the first email.
    expect(await drain(t.orgId, later(5))).toBe(4);
    expect(await outboxTo(sam!.id)).toHaveLength(2);
    const [firstToSam, reminderToSam] = await outboxTo(sam!.id);
    expect(reminderToSam!.subject).toMatch(/reminder/i);
    expect(tokenIn(reminderToSam!.bodyText)).toBe(tokenIn(firstToSam!.bodyText));
    for (const other of [ann, rolf, ebba]) expect(await outboxTo(other!.id)).toHaveLength(1);
    const messages = await messagesOf(db, started.campaignId);
    const reminder1 = (contactId: string, link: { id: string; contactId: string | null }[]) =>
      messages.find((m) => m.sequence === 1 && m.linkId === link.find((l) => l.contactId === contactId)!.id);
    const links = await linksOf(db, started.campaignId);
    expect(reminder1(ann!.id, links)).toMatchObject({ status: 'cancelled', reason: 'answered' });
    expect(reminder1(rolf!.id, links)).toMatchObject({ status: 'cancelled', reason: 'revoked' });
    expect(reminder1(ebba!.id, links)).toMatchObject({ status: 'cancelled', reason: 'expired' });
    expect(reminder1(sam!.id, links)).toMatchObject({ status: 'sent' });

    // Sam answers after the reminder: the second reminder (day 10) is not sent.
    expect(await answer(tokenIn(reminderToSam!.bodyText), 4)).toEqual({ kind: 'ok' });
    expect(await drain(t.orgId, later(10, 2))).toBe(1);
    expect(await outboxTo(sam!.id)).toHaveLength(2);
    expect((await messagesOf(db, started.campaignId)).filter((m) => m.sequence === 2)).toEqual([
      expect.objectContaining({ status: 'cancelled', reason: 'answered' }),
    ]);
    // Nothing is left to run, ever.
    expect(await drain(t.orgId, later(60))).toBe(0);

    // The campaign page: progress, by role, each contact's status; the account shows which answers came through it.
    const page = await t.viewer.caller.campaign.get({ orgSlug: t.slug, campaignId: started.campaignId });
    expect(page.total).toMatchObject({ asked: 4, sent: 4, failed: 0, opened: 2, answered: 2, answeredAfterReminder: 1, responseRate: 0.5 });
    expect(page.byRole).toEqual([expect.objectContaining({ role: 'user', asked: 4, answered: 2 })]);
    const status = Object.fromEntries(page.contacts.map((c) => [c.contactName, [c.status, c.remindersSent, c.answeredAfterReminder]]));
    expect(status).toEqual({
      'Ann Answers': ['answered', 0, false],
      'Ebba Expired': ['sent', 0, false],
      'Rolf Revoked': ['revoked', 0, false],
      'Sam Silent': ['answered', 1, true],
    });
    const overview = await t.member.caller.confirmation.overview({ orgSlug: t.slug, accountId: a.id });
    const byName = new Map(overview.stakeholders.map((s) => [s.contactName, s]));
    expect(byName.get('Sam Silent')).toMatchObject({
      campaignId: started.campaignId,
      campaignName: page.campaign.name,
      afterReminder: true,
    });
    expect(byName.get('Ann Answers')).toMatchObject({ campaignId: started.campaignId, afterReminder: false });

    const list = await t.viewer.caller.campaign.list({ orgSlug: t.slug });
    expect(list).toEqual([expect.objectContaining({ id: started.campaignId, asked: 4, sent: 4, answered: 2, responseRate: 0.5 })]);
  });
});

describe('stopping a campaign', () => {
  it('cancels every email not sent yet, first emails and reminders; sent links keep working; a viewer and another organization cannot', async () => {
    const t = await campaignTeam(db);
    const other = await campaignTeam(db);
    const a = await t.account('Stoppa', [{ name: 'Sent Sara' }, { name: 'Queued Quinn' }, { name: 'Queued Qarin' }]);
    const started = await t.member.caller.campaign.start({
      orgSlug: t.slug,
      selection: { kind: 'accounts', accountIds: [a.id] },
      reminders: 2,
      reminderDays: 3,
      expiresInDays: 30,
    });
    // One first email goes out before the stop (a worker picked it up); the other two are still queued.
    const sara = (await linksOf(db, started.campaignId)).find((l) => l.contactId === a.contacts[0]!.id)!;
    const saraFirst = (await messagesOf(db, started.campaignId)).find((m) => m.linkId === sara.id && m.sequence === 0)!;
    const saraJob = (await jobsOf(db, t.orgId)).find((j) => (j.payload as { messageId?: string }).messageId === saraFirst.id)!;
    await withOrg(db, t.orgId, (tx) =>
      tx
        .update(jobs)
        .set({ runAt: new Date(Date.now() - 60_000) })
        .where(eq(jobs.id, saraJob.id)),
    );
    for (const job of await jobsOf(db, t.orgId)) {
      if (job.id !== saraJob.id)
        await withOrg(db, t.orgId, (tx) =>
          tx
            .update(jobs)
            .set({ runAt: later(1) })
            .where(eq(jobs.id, job.id)),
        );
    }
    expect(await drain(t.orgId)).toBe(1);
    expect((await t.viewer.caller.campaign.get({ orgSlug: t.slug, campaignId: started.campaignId })).emailsQueued).toBe(3);

    await expectTRPCError(t.viewer.caller.campaign.stop({ orgSlug: t.slug, campaignId: started.campaignId }), 'FORBIDDEN');
    await expectTRPCError(other.member.caller.campaign.stop({ orgSlug: other.slug, campaignId: started.campaignId }), 'NOT_FOUND');
    await expectTRPCError(other.member.caller.campaign.stop({ orgSlug: t.slug, campaignId: started.campaignId }), 'NOT_FOUND');

    // Two first emails and Sara's first reminder were waiting.
    expect(await t.member.caller.campaign.stop({ orgSlug: t.slug, campaignId: started.campaignId })).toEqual({ cancelled: 3 });
    expect(await t.member.caller.campaign.stop({ orgSlug: t.slug, campaignId: started.campaignId })).toEqual({ cancelled: 0 });
    const messages = await messagesOf(db, started.campaignId);
    expect(messages.filter((m) => m.status === 'queued')).toEqual([]);
    expect(messages.filter((m) => m.reason === 'campaignStopped')).toHaveLength(3);

    // The worker runs every job left, weeks on: nothing more is sent.
    await drain(t.orgId, later(20));
    expect(await outboxOf(db, t.orgId)).toHaveLength(1);
    expect(await messagesOf(db, started.campaignId)).toHaveLength(3 + 1);

    // Sara still answers through the email she has.
    const [email] = await outboxOf(db, t.orgId);
    expect(await answer(tokenIn(email!.bodyText), 4)).toEqual({ kind: 'ok' });

    const page = await t.viewer.caller.campaign.get({ orgSlug: t.slug, campaignId: started.campaignId });
    const [stopper] = await db.select({ name: users.name }).from(users).where(eq(users.id, t.member.userId));
    expect(page.campaign.stoppedByName).toBe(stopper!.name);
    expect(page.campaign.stoppedAt).toBeInstanceOf(Date);
    expect(page.emailsQueued).toBe(0);
    expect(page.total).toMatchObject({ asked: 3, sent: 1, answered: 1 });
    const list = await t.viewer.caller.campaign.list({ orgSlug: t.slug });
    expect(list.find((c) => c.id === started.campaignId)?.stoppedAt).toBeInstanceOf(Date);
    const [audit] = await withOrg(db, t.orgId, (tx) => tx.select().from(auditEvents).where(eq(auditEvents.action, 'campaign.stopped')));
    expect(audit).toMatchObject({ entityId: started.campaignId, actorUserId: t.member.userId, after: { cancelledEmails: 3 } });
  });
});

describe('renaming a campaign', () => {
  it('a member gives it a name of its own; blank, too long, a viewer and another organization are refused', async () => {
    const t = await campaignTeam(db);
    const other = await campaignTeam(db);
    const a = await t.account('Namnge', [{ name: 'Nina Named' }]);
    const { campaignId } = await t.member.caller.campaign.start({ orgSlug: t.slug, selection: { kind: 'accounts', accountIds: [a.id] } });
    const rename = (caller: typeof t.member.caller, orgSlug: string, name: string) => caller.campaign.rename({ orgSlug, campaignId, name });

    expect(await rename(t.member.caller, t.slug, '  Spring check-in, key accounts  ')).toEqual({ name: 'Spring check-in, key accounts' });
    await expectTRPCError(rename(t.member.caller, t.slug, '   '), 'BAD_REQUEST');
    await expectTRPCError(rename(t.member.caller, t.slug, 'x'.repeat(101)), 'BAD_REQUEST');
    await expectTRPCError(rename(t.viewer.caller, t.slug, 'Viewer was here'), 'FORBIDDEN');
    await expectTRPCError(rename(other.member.caller, other.slug, 'Not yours'), 'NOT_FOUND');
    await expectTRPCError(rename(other.member.caller, t.slug, 'Not yours'), 'NOT_FOUND');

    expect((await t.viewer.caller.campaign.get({ orgSlug: t.slug, campaignId })).campaign.name).toBe('Spring check-in, key accounts');
    expect((await t.viewer.caller.campaign.list({ orgSlug: t.slug })).map((c) => c.name)).toEqual(['Spring check-in, key accounts']);
    const renamed = await withOrg(db, t.orgId, (tx) => tx.select().from(auditEvents).where(eq(auditEvents.action, 'campaign.renamed')));
    expect(renamed).toEqual([expect.objectContaining({ entityId: campaignId, after: { name: 'Spring check-in, key accounts' } })]);
  });
});

describe('tenancy', () => {
  it('another organization can neither see a campaign nor start one on your accounts', async () => {
    const t = await campaignTeam(db);
    const a = await t.account('Hemlig', [{ name: 'Hedda' }]);
    const started = await t.member.caller.campaign.start({ orgSlug: t.slug, selection: { kind: 'accounts', accountIds: [a.id] } });
    const other = await createTenant(db);

    await expectTRPCError(
      other.caller.campaign.get({ orgSlug: other.orgSlug, campaignId: started.campaignId }),
      'NOT_FOUND',
      'campaigns.errors.notFound',
    );
    expect(await other.caller.campaign.list({ orgSlug: other.orgSlug })).toEqual([]);
    const theirs = { orgSlug: other.orgSlug, selection: { kind: 'accounts' as const, accountIds: [a.id] } };
    await expectTRPCError(other.caller.campaign.preview(theirs), 'NOT_FOUND', 'errors.accountNotFound');
    await expectTRPCError(other.caller.campaign.start(theirs), 'NOT_FOUND', 'errors.accountNotFound');
    // Their filters only ever see their own accounts.
    expect(
      await other.caller.campaign.preview({ orgSlug: other.orgSlug, selection: { kind: 'filters', filters: { q: t.tag } } }),
    ).toMatchObject({
      accounts: 0,
      asked: 0,
    });
    // Through your organization's address they are not a member: not found either.
    await expectTRPCError(
      other.caller.campaign.get({ orgSlug: t.slug, campaignId: started.campaignId }),
      'NOT_FOUND',
      'errors.orgNotFound',
    );
    await expectTRPCError(
      other.caller.campaign.start({ orgSlug: t.slug, selection: { kind: 'accounts', accountIds: [a.id] } }),
      'NOT_FOUND',
      'errors.orgNotFound',
    );
  });
});
