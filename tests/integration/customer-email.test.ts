/**
 * What a member can send a customer: a personal message that is plain text, at most 1,000
 * characters and free of web addresses, and at most so many emails an hour (server/domain/customer-email.ts):
 * 50 single links per member, 1,000 campaign emails per organization, after which campaign
 * emails wait for the next hour instead of failing.
 */
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { campaignMessages, confirmationLinks, jobs, rateLimits } from '@/db/schema';
import { messages } from '@/i18n/messages';
import { CUSTOMER_EMAIL_LIMITS } from '@/server/domain/customer-email';
import { runDueJobs } from '@/server/runtime/worker';
import { campaignTeam, jobsOf, outboxOf } from '../helpers/campaigns';
import { useOwnDatabase } from '../helpers/db';
import { expectTRPCError } from '../helpers/errors';
import { httpClientFor, shownError } from '../helpers/http';

// The queue is shared by the whole database: the worker here must not meet other files' jobs.
const { db } = await useOwnDatabase();
const en = messages.en;

/** Sets a limit's counter as if `hits` emails had gone out in the current window (started `minutesAgo`). */
async function spent(key: string, hits: number, minutesAgo = 0) {
  const windowStart = sql`now() - make_interval(mins => ${minutesAgo})`;
  await db.insert(rateLimits).values({ key, windowStart, hits }).onConflictDoUpdate({ target: rateLimits.key, set: { windowStart, hits } });
}

async function hitsOf(key: string): Promise<number> {
  const [row] = await db.select({ hits: rateLimits.hits }).from(rateLimits).where(eq(rateLimits.key, key));
  return row?.hits ?? 0;
}

describe('the personal message', () => {
  it('is sent as the plain text it was typed, markup and all, without invisible direction overrides', async () => {
    const t = await campaignTeam(db);
    const account = await t.account('Kylhus', [{ name: 'Hanna Html' }]);
    await t.member.caller.confirmation.create({
      orgSlug: t.slug,
      accountId: account.id,
      contactId: account.contacts[0]!.id,
      personalMessage: '  <b>Hej</b> & <script>alert(1)</script>\r\nfile\u202Egpj.exe  ',
    });
    const [email] = await outboxOf(db, t.orgId);
    expect(email!.bodyText).toContain('<b>Hej</b> & <script>alert(1)</script>\nfilegpj.exe');
  });

  it('is refused, translated, when it holds a web address or is longer than 1,000 characters', async () => {
    const t = await campaignTeam(db);
    const account = await t.account('Länkar', [{ name: 'Lars Link' }]);
    const client = httpClientFor(db, t.member.userId, 'en');
    const ask = (personalMessage: string) =>
      client.confirmation.create.mutate({ orgSlug: t.slug, accountId: account.id, contactId: account.contacts[0]!.id, personalMessage });

    for (const message of ['Log in at https://evil.example/login', 'See www.evil.example', 'Go to evil.example/reset now', 'ftp://files']) {
      expect((await shownError(ask(message))).fieldErrors).toEqual({ personalMessage: en.validation.messageHasLink });
    }
    expect((await shownError(ask('x'.repeat(1001)))).fieldErrors).toEqual({ personalMessage: en.validation.messageTooLong });
    const sv = await shownError(
      httpClientFor(db, t.member.userId, 'sv').campaign.start.mutate({
        orgSlug: t.slug,
        selection: { kind: 'accounts', accountIds: [account.id] },
        personalMessage: 'Klicka på https://evil.example',
      }),
    );
    expect(sv.fieldErrors).toEqual({ personalMessage: messages.sv.validation.messageHasLink });
    expect(await outboxOf(db, t.orgId)).toEqual([]);

    // Exactly 1,000 characters, an email address and a version number are fine.
    await ask(`${'Tack för året, skriv till anna@kylhus.se om version 2.5. '.repeat(20)}`.slice(0, 1000));
    expect(await outboxOf(db, t.orgId)).toHaveLength(1);
  });
});

describe('customer emails per member and hour', () => {
  it(`refuses a single link by email beyond ${CUSTOMER_EMAIL_LIMITS.perMemberPerHour} within the hour, creating nothing; other members and links without email go on`, async () => {
    const t = await campaignTeam(db);
    const account = await t.account('Grossist', [{ name: 'Gun Green' }, { name: 'Per Plain', email: null }]);
    const key = `customer-email:member:${t.member.userId}`;
    const askGun = (caller = t.member.caller) =>
      caller.confirmation.create({ orgSlug: t.slug, accountId: account.id, contactId: account.contacts[0]!.id, override: true });

    await askGun();
    expect(await hitsOf(key)).toBe(1);
    await spent(key, CUSTOMER_EMAIL_LIMITS.perMemberPerHour);
    const linksBefore = await db.select().from(confirmationLinks).where(eq(confirmationLinks.accountId, account.id));
    const shown = await shownError(
      httpClientFor(db, t.member.userId, 'en').confirmation.create.mutate({
        orgSlug: t.slug,
        accountId: account.id,
        contactId: account.contacts[0]!.id,
        override: true,
      }),
    );
    expect(shown).toMatchObject({ code: 'TOO_MANY_REQUESTS', httpStatus: 429 });
    expect(shown.message).toMatch(/^You have sent 50 emails to customers in the last hour, .* Try again in 60 minutes\.$/);
    expect(await db.select().from(confirmationLinks).where(eq(confirmationLinks.accountId, account.id))).toHaveLength(linksBefore.length);
    expect(await outboxOf(db, t.orgId)).toHaveLength(1);

    // "Send again" emails too, and is held to the same limit.
    await expectTRPCError(t.member.caller.confirmation.resend({ orgSlug: t.slug, linkId: linksBefore[0]!.id }), 'TOO_MANY_REQUESTS');
    // A link without an email costs nothing; another member has an hour of their own.
    await t.member.caller.confirmation.create({ orgSlug: t.slug, accountId: account.id, contactId: account.contacts[1]!.id });
    await askGun(t.owner.caller);
    expect(await outboxOf(db, t.orgId)).toHaveLength(2);

    // An hour later the member may send again.
    await spent(key, CUSTOMER_EMAIL_LIMITS.perMemberPerHour, 61);
    await askGun();
    expect(await hitsOf(key)).toBe(1);
  });

  it('spends nothing on a request refused for another reason', async () => {
    const t = await campaignTeam(db);
    const account = await t.account('Tyst', [{ name: 'Quiet Quinn' }]);
    const key = `customer-email:member:${t.member.userId}`;
    const ask = () => t.member.caller.confirmation.create({ orgSlug: t.slug, accountId: account.id, contactId: account.contacts[0]!.id });
    await ask();
    await expectTRPCError(ask(), 'CONFLICT', 'errors.contactAskedRecently');
    expect(await hitsOf(key)).toBe(1);
  });
});

describe('campaign emails per organization and hour', () => {
  it('waits for the next hour once the ceiling is reached, without using up attempts, then sends', async () => {
    const t = await campaignTeam(db);
    const account = await t.account('Kampanj', [{ name: 'Cecilia Ceiling' }]);
    const key = `customer-email:campaign:${t.orgId}`;
    await spent(key, CUSTOMER_EMAIL_LIMITS.campaignPerOrganizationPerHour, 10);
    const started = await t.member.caller.campaign.start({ orgSlug: t.slug, selection: { kind: 'accounts', accountIds: [account.id] } });

    const result = await runDueJobs(db, { workerId: 'ceiling', limit: 50 });
    expect(result).toMatchObject({ done: 0, failed: 0, retried: 0 });
    expect(result.postponed).toBeGreaterThanOrEqual(1);
    const [job] = await jobsOf(db, t.orgId);
    expect(job).toMatchObject({ attempts: 0, doneAt: null, failedAt: null, lockedBy: null });
    // The window started 10 minutes ago: the email waits about 50 minutes.
    const wait = job!.runAt.getTime() - Date.now();
    expect(wait).toBeGreaterThan(45 * 60_000);
    expect(wait).toBeLessThan(51 * 60_000);
    const [message] = await db.select().from(campaignMessages).where(eq(campaignMessages.campaignId, started.campaignId));
    expect(message).toMatchObject({ status: 'queued', reason: 'hourly limit of campaign emails reached' });
    expect(await outboxOf(db, t.orgId)).toEqual([]);
    expect(await hitsOf(key)).toBe(CUSTOMER_EMAIL_LIMITS.campaignPerOrganizationPerHour);

    // The next hour.
    await spent(key, CUSTOMER_EMAIL_LIMITS.campaignPerOrganizationPerHour, 61);
    await db
      .update(jobs)
      .set({ runAt: new Date(Date.now() - 1000) })
      .where(eq(jobs.id, job!.id));
    expect(await runDueJobs(db, { workerId: 'ceiling', limit: 50 })).toMatchObject({ done: 1, postponed: 0 });
    expect(await outboxOf(db, t.orgId)).toHaveLength(1);
    expect(await hitsOf(key)).toBe(1);
  });
});
