/**
 * A copy of the database hands out no working link. After an invitation, a single customer link
 * with an email and a campaign (its emails sent by the job worker, one of them answered), every
 * text, JSON and array column of every table is read as the database owner sees it, and every
 * token-shaped string in it is tried against the real lookups of the invitation page and the
 * customer page: none opens. The organization's archive is searched the same way.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { outboxMessages } from '@/db/schema';
import { isSealed, openText, sealText } from '@/server/adapters/secrets';
import { findInvitationByToken } from '@/server/services/identity';
import { answerConfirmation, viewConfirmation } from '@/server/services/confirmations';
import { exportOrganization } from '@/server/services/org-archive';
import { runDueJobs } from '@/server/runtime/worker';
import { campaignTeam, outboxOf, tokenIn } from '../helpers/campaigns';
import { useOwnDatabase } from '../helpers/db';
import { confirmationToken, invite } from '../helpers/factories';

// A database of its own: the scan reads every row of every table, and on the server other files
// share one that grows with every test.
const { db } = await useOwnDatabase();

async function rows<T>(statement: ReturnType<typeof sql>): Promise<T[]> {
  const result: unknown = await db.execute(statement);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** Every value of every text-like column in the public schema, as text. */
async function everyStoredText(): Promise<string[]> {
  const columns = await rows<{ table: string; column: string }>(sql`
    select c.table_name as "table", c.column_name as "column"
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
     where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
       and c.data_type in ('text', 'character varying', 'json', 'jsonb', 'ARRAY', 'USER-DEFINED')`);
  const texts: string[] = [];
  for (const { table, column } of columns) {
    const values = await rows<{ v: string | null }>(
      sql`select ${sql.identifier(column)}::text as v from ${sql.identifier(table)} where ${sql.identifier(column)} is not null`,
    );
    for (const { v } of values) if (v) texts.push(v);
  }
  return texts;
}

/** Everything that could be a token: each run of URL-safe characters as long as the lookups accept (20 to 100). */
function candidates(texts: string[]): Set<string> {
  const found = new Set<string>();
  for (const text of texts) for (const match of text.matchAll(/[A-Za-z0-9_-]{20,100}/g)) found.add(match[0]);
  return found;
}

/** Whether a string opens an invitation or a customer page, through the same lookups the pages use. */
async function opensSomething(candidate: string): Promise<boolean> {
  if (await findInvitationByToken(db, candidate)) return true;
  const view = await viewConfirmation(candidate, `scan-${randomUUID()}`, db);
  return view.kind !== 'unavailable' && view.kind !== 'tooMany';
}

describe('secrets at rest', () => {
  it('no string stored anywhere in the database, or in the organization archive, opens a link', async () => {
    const t = await campaignTeam(db);
    const account = await t.account('Kylhus', [{ name: 'Single Sara' }, { name: 'Campaign Carl' }]);

    const invited = await invite(t.owner.caller, t.slug, 'member');
    const single = await t.member.caller.confirmation.create({
      orgSlug: t.slug,
      accountId: account.id,
      contactId: account.contacts[0]!.id,
      personalMessage: 'Thanks for a good year!',
    });
    expect(single.emailQueued).toBe(true);
    await t.member.caller.campaign.start({
      orgSlug: t.slug,
      selection: { kind: 'accounts', accountIds: [account.id] },
      reminders: 0,
    });
    while ((await runDueJobs(db, { workerId: 'secrets-at-rest', limit: 50 })).claimed > 0);
    const campaignEmail = (await outboxOf(db, t.orgId)).find((m) => m.toEmail === account.contacts[1]!.email)!;
    const campaignToken = tokenIn(campaignEmail.bodyText);
    expect(
      await answerConfirmation(campaignToken, `scan-${randomUUID()}`, { level: '3', comment: 'Fine.', submissionKey: randomUUID() }, db),
    ).toEqual({ kind: 'ok' });

    // The links work: the scan below would find them if they were stored.
    const live = [invited.token, confirmationToken(single.url), campaignToken];
    for (const token of live) expect(await opensSomething(token)).toBe(true);

    const stored = await everyStoredText();
    const dump = stored.join('\n');
    for (const token of live) expect(dump).not.toContain(token);
    const storedCandidates = candidates(stored);
    expect(storedCandidates.size).toBeGreaterThan(10);
    const opening: string[] = [];
    for (const candidate of storedCandidates) if (await opensSomething(candidate)) opening.push(candidate);
    expect(opening).toEqual([]);

    const archive = JSON.stringify(await exportOrganization(db, t.orgId));
    for (const token of live) expect(archive).not.toContain(token);
    const archived: string[] = [];
    for (const candidate of candidates([archive])) if (await opensSomething(candidate)) archived.push(candidate);
    expect(archived).toEqual([]);
  });

  it('stores email bodies sealed, and the outbox page opens them for admins', async () => {
    const t = await campaignTeam(db);
    const invited = await invite(t.owner.caller, t.slug, 'viewer');
    const [stored] = await db.select().from(outboxMessages).where(eq(outboxMessages.invitationId, invited.invitationId));
    expect(isSealed(stored!.bodyText)).toBe(true);
    expect(stored!.bodyText).not.toContain('/invite/');
    const outbox = await t.owner.caller.outbox.list({ orgSlug: t.slug });
    expect(outbox.messages.find((m) => m.id === stored!.id)).toMatchObject({ unreadable: false, ownersOnly: false });
    expect(outbox.messages.find((m) => m.id === stored!.id)?.bodyText).toContain(invited.link);
  });

  it('says a body sealed under an earlier AUTH_SECRET can no longer be read, instead of showing garbage', async () => {
    const t = await campaignTeam(db);
    const invited = await invite(t.owner.caller, t.slug, 'viewer');
    const previous = process.env.AUTH_SECRET;
    process.env.AUTH_SECRET = 'an-earlier-secret-that-was-rotated-away';
    const sealedEarlier = sealText('Join us: https://rung.example/invite/abc');
    process.env.AUTH_SECRET = previous;
    if (previous === undefined) delete process.env.AUTH_SECRET;
    await db.update(outboxMessages).set({ bodyText: sealedEarlier }).where(eq(outboxMessages.invitationId, invited.invitationId));

    expect(openText(sealedEarlier)).toBeNull();
    const outbox = await t.owner.caller.outbox.list({ orgSlug: t.slug });
    expect(outbox.messages.find((m) => m.toEmail === invited.email)).toMatchObject({ bodyText: null, unreadable: true });
  });
});
