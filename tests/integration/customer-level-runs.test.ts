/**
 * customer_level_runs, the customer level as history, must always be exactly what the pure
 * definition (customerLevelRuns over the answers) says: after random answers from several
 * stakeholders, through the public answer path, after the freshness window changes, when a
 * contact is archived, in the migration's backfill, and never across organizations.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { seededRandom } from '@/server/demo/portfolio';
import { confirmationAnswers, confirmationLinks, contacts, customerLevelRuns as runsTable } from '@/db/schema';
import { withOrg } from '@/db/tenant';
import { answerConfirmation } from '@/server/services/confirmations';
import { rebuildCustomerLevelRuns } from '@/server/services/customer-level-runs';
import { customerLevelRuns, type CustomerAnswer } from '@/server/domain/customer-level';
import { respondentOfAnswer } from '@/server/services/level-history';
import { insertAccount } from '../helpers/accounts';
import { customerLevelOf, rebuildRuns } from '../helpers/customer-level';
import { useTestDatabase } from '../helpers/db';
import { addMember, confirmationToken, createTenant } from '../helpers/factories';

const { db } = await useTestDatabase();
const DAY = 86_400_000;

interface Run {
  accountId: string;
  startsAt: number;
  endsAt: number;
  level: number | null;
}

/** The answers of some accounts as the definition takes them: stakeholders of archived contacts left out, in time order. */
async function answersOf(database: Db, accountIds: string[]): Promise<Map<string, CustomerAnswer[]>> {
  const rows = await database
    .select({
      accountId: confirmationAnswers.accountId,
      respondentKey: respondentOfAnswer,
      level: confirmationAnswers.level,
      answeredAt: confirmationAnswers.createdAt,
    })
    .from(confirmationAnswers)
    .innerJoin(confirmationLinks, eq(confirmationLinks.id, confirmationAnswers.linkId))
    .leftJoin(contacts, eq(contacts.id, confirmationAnswers.contactId))
    .where(and(inArray(confirmationAnswers.accountId, accountIds), sql`${contacts.archivedAt} is null`))
    .orderBy(asc(confirmationAnswers.createdAt), asc(confirmationAnswers.id));
  const byAccount = new Map(accountIds.map((id) => [id, [] as CustomerAnswer[]]));
  for (const row of rows) byAccount.get(row.accountId)!.push(row);
  return byAccount;
}

async function expectedRuns(accountIds: string[], months: number): Promise<Run[]> {
  const runs: Run[] = [];
  for (const [accountId, answers] of await answersOf(db, accountIds)) {
    for (const run of customerLevelRuns(answers, months)) {
      runs.push({ accountId, startsAt: run.startsAt.getTime(), endsAt: run.endsAt?.getTime() ?? Infinity, level: run.level });
    }
  }
  return sortRuns(runs);
}

async function storedRuns(accountIds: string[], database: Db = db): Promise<Run[]> {
  const rows = await database.select().from(runsTable).where(inArray(runsTable.accountId, accountIds));
  return sortRuns(
    rows.map((r) => ({
      accountId: r.accountId,
      startsAt: r.startsAt.getTime(),
      // 'infinity' comes back as an invalid Date from one driver and as Infinity from the other.
      endsAt: Number.isFinite(r.endsAt.getTime()) ? r.endsAt.getTime() : Infinity,
      level: r.level,
    })),
  );
}

const sortRuns = (runs: Run[]) =>
  runs.sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : a.startsAt - b.startsAt));

/** An organization with accounts, contacts and links, and answers written straight into the table at chosen instants. */
async function portfolio(accountCount = 4) {
  const tenant = await createTenant(db);
  const accountIds: string[] = [];
  const stakeholders: Array<{ accountId: string; contactId: string | null; linkId: string }> = [];
  for (let i = 0; i < accountCount; i++) {
    const account = await insertAccount(db, tenant.orgSlug, { name: `Runs ${i} ${randomUUID().slice(0, 4)}` });
    accountIds.push(account.id);
    for (let c = 0; c < 3; c++) {
      const contact = await tenant.caller.contact.create({
        orgSlug: tenant.orgSlug,
        accountId: account.id,
        name: `Person ${c}`,
        buyingRole: c === 0 ? 'economic_buyer' : 'user',
      });
      stakeholders.push({
        accountId: account.id,
        contactId: contact.id,
        linkId: await insertLink(tenant.orgId, tenant.userId, account.id, contact.id),
      });
    }
    // An unnamed respondent too.
    stakeholders.push({ accountId: account.id, contactId: null, linkId: await insertLink(tenant.orgId, tenant.userId, account.id, null) });
  }
  const addAnswer = (who: (typeof stakeholders)[number], level: number, at: Date) =>
    db.insert(confirmationAnswers).values({
      orgId: tenant.orgId,
      linkId: who.linkId,
      accountId: who.accountId,
      contactId: who.contactId,
      level,
      submissionKey: randomUUID(),
      createdAt: at,
    });
  return { ...tenant, accountIds, stakeholders, addAnswer };
}

async function insertLink(orgId: string, userId: string, accountId: string, contactId: string | null): Promise<string> {
  const id = randomUUID();
  await db.insert(confirmationLinks).values({
    orgId,
    id,
    accountId,
    contactId,
    respondentLinkId: id,
    tokenHash: randomUUID(),
    language: 'en',
    expiresAt: new Date(Date.now() + 30 * DAY),
    createdByUserId: userId,
  });
  return id;
}

describe('customer level runs (customer_level_runs)', () => {
  it('match the definition after random answers from several stakeholders, for any window', async () => {
    const p = await portfolio();
    const rng = seededRandom(11);
    const now = Date.now();
    for (let i = 0; i < 60; i++) {
      const who = p.stakeholders[Math.floor(rng() * p.stakeholders.length)]!;
      // Coarse instants over three years: answers collide, supersede each other and age out.
      const at = new Date(now - Math.floor(rng() * 150) * 7 * DAY - Math.floor(rng() * 4) * 6 * 3_600_000);
      await p.addAnswer(who, 1 + Math.floor(rng() * 5), at);
    }
    for (const months of [12, 1, 7, 36]) {
      await withOrg(db, p.orgId, (tx) => rebuildCustomerLevelRuns(tx, p.orgId, months));
      const expected = await expectedRuns(p.accountIds, months);
      expect(await storedRuns(p.accountIds)).toEqual(expected);
      expect(expected.length).toBeGreaterThan(p.accountIds.length * 2);
    }
    // Rebuilding one account leaves the others as they are.
    await withOrg(db, p.orgId, (tx) => rebuildCustomerLevelRuns(tx, p.orgId, 36, [p.accountIds[0]!]));
    expect(await storedRuns(p.accountIds)).toEqual(await expectedRuns(p.accountIds, 36));
  });

  it('follow each answer given through a link, and a change of the window for the whole organization', async () => {
    const p = await portfolio(2);
    const member = await addMember(db, p.caller, p.orgSlug, 'member');
    const [first, second] = p.accountIds as [string, string];
    const ask = async (accountId: string, contactId: string | null) => {
      const { url } = await member.caller.confirmation.create({ orgSlug: p.orgSlug, accountId, contactId, override: true });
      return confirmationToken(url);
    };
    const [buyer, user] = p.stakeholders.filter((s) => s.accountId === first);
    await p.addAnswer(buyer!, 5, new Date(Date.now() - 200 * DAY));
    await rebuildRuns(db, p.orgId);
    expect(
      await answerConfirmation(await ask(first, user!.contactId), `runs-${randomUUID()}`, { level: '2', submissionKey: randomUUID() }, db),
    ).toEqual({ kind: 'ok' });
    expect(
      await answerConfirmation(await ask(second, null), `runs-${randomUUID()}`, { level: '4', submissionKey: randomUUID() }, db),
    ).toEqual({ kind: 'ok' });
    expect(await storedRuns(p.accountIds)).toEqual(await expectedRuns(p.accountIds, 12));
    expect((await customerLevelOf(db, first)).level).toBe(3); // median of 5 and 2, rounded down

    await p.caller.confirmation.setFreshness({ orgSlug: p.orgSlug, months: 3 });
    expect(await storedRuns(p.accountIds)).toEqual(await expectedRuns(p.accountIds, 3));
    expect((await customerLevelOf(db, first)).level).toBe(2); // the 5 from 200 days ago aged out
  });

  it('leave out the answers of an archived contact', async () => {
    const p = await portfolio(1);
    const [buyer, user, coach] = p.stakeholders;
    await p.addAnswer(buyer!, 5, new Date(Date.now() - 3 * DAY));
    await p.addAnswer(user!, 2, new Date(Date.now() - 2 * DAY));
    await p.addAnswer(coach!, 1, new Date(Date.now() - DAY));
    await rebuildRuns(db, p.orgId);
    expect((await customerLevelOf(db, p.accountIds[0]!)).level).toBe(2);
    await db.update(contacts).set({ archivedAt: new Date() }).where(eq(contacts.id, coach!.contactId!));
    await rebuildRuns(db, p.orgId, p.accountIds);
    expect((await customerLevelOf(db, p.accountIds[0]!)).level).toBe(3); // median of 5 and 2
    expect(await storedRuns(p.accountIds)).toEqual(await expectedRuns(p.accountIds, 12));
  });

  it('are what the migration backfills from the answers already stored', async () => {
    const p = await portfolio(3);
    const rng = seededRandom(5);
    for (let i = 0; i < 30; i++) {
      await p.addAnswer(
        p.stakeholders[Math.floor(rng() * p.stakeholders.length)]!,
        1 + Math.floor(rng() * 5),
        new Date(Date.now() - Math.floor(rng() * 500) * DAY),
      );
    }
    await db.update(contacts).set({ archivedAt: new Date() }).where(eq(contacts.id, p.stakeholders[1]!.contactId!));
    await p.caller.confirmation.setFreshness({ orgSlug: p.orgSlug, months: 5 });
    const expected = await expectedRuns(p.accountIds, 5);
    expect(await storedRuns(p.accountIds)).toEqual(expected);

    const migration = readFileSync('db/migrations/0012_customer_level_runs.sql', 'utf8');
    const backfill = migration
      .split('--> statement-breakpoint')
      .find((statement) => statement.includes('INSERT INTO customer_level_runs'))!;
    // Inside a transaction that is rolled back: the other test files share a server database.
    const rollback = new Error('rollback');
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`delete from customer_level_runs`);
        await tx.execute(sql.raw(backfill));
        expect(await storedRuns(p.accountIds, tx as unknown as Db)).toEqual(expected);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
  });

  it('are rewritten for one organization only', async () => {
    const mine = await createTenant(db);
    const theirs = await portfolio(1);
    await theirs.addAnswer(theirs.stakeholders[0]!, 4, new Date());
    await rebuildRuns(db, theirs.orgId);
    const before = await storedRuns(theirs.accountIds);
    expect(before.map((r) => r.level)).toEqual([4, null]);
    // Inside the other organization's transaction, row-level security hides these rows and refuses new ones.
    await withOrg(db, mine.orgId, (tx) => rebuildCustomerLevelRuns(tx, theirs.orgId, 1, theirs.accountIds));
    expect(await storedRuns(theirs.accountIds)).toEqual(before);
  });
});
