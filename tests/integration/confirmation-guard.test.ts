import { randomUUID } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { confirmationAnswers, confirmationLinks, customerLevelRuns, levelEvents, notifications } from '@/db/schema';
import { answerConfirmation, submitCustomerAnswer, viewConfirmation } from '@/server/services/confirmations';
import { useTestDatabase } from '../helpers/db';
import { addMember, confirmationToken, createTenant } from '../helpers/factories';
import { createTeam } from '../helpers/team';

/*
 * The public confirmation page is the customer's. Someone signed in to the link's organization
 * is on the team: whatever they send from it must not count as the customer's answer.
 */

const { db } = await useTestDatabase();

/** An organization, an account owned by its owner (who hears about answers), a member, and a link to a contact. */
async function setup() {
  const { owner, member, account } = await createTeam(db, { members: ['member'], account: { owner: 'owner' } });
  const contact = await owner.caller.contact.create({
    orgSlug: owner.orgSlug,
    accountId: account.id,
    name: 'Cleo Customer',
    buyingRole: 'user',
  });
  const created = await owner.caller.confirmation.create({
    orgSlug: owner.orgSlug,
    accountId: account.id,
    contactId: contact.id,
    language: 'sv',
  });
  return { owner, account, member, linkId: created.linkId, token: confirmationToken(created.url) };
}

/** Each call answers from its own address, so rate limits never leak between tests. */
const address = () => `guard-${randomUUID()}`;
const form = (level: number | string, extra: Record<string, string> = {}) => ({
  level: String(level),
  submissionKey: randomUUID(),
  ...extra,
});

/** Everything an answer writes for one organization, read through the root connection. */
async function written(orgId: string) {
  const count = async (table: typeof confirmationAnswers | typeof levelEvents | typeof notifications) =>
    (
      await db
        .select({ n: sql<number>`count(*)::int` })
        .from(table)
        .where(eq(table.orgId, orgId))
    )[0]!.n;
  const runs = await db
    .select({
      accountId: customerLevelRuns.accountId,
      startsAt: customerLevelRuns.startsAt,
      endsAt: customerLevelRuns.endsAt,
      level: customerLevelRuns.level,
    })
    .from(customerLevelRuns)
    .where(eq(customerLevelRuns.orgId, orgId))
    .orderBy(asc(customerLevelRuns.accountId), asc(customerLevelRuns.startsAt));
  return {
    answers: await count(confirmationAnswers),
    levelEvents: await count(levelEvents),
    notifications: await count(notifications),
    runs: JSON.stringify(runs),
  };
}

async function linkRow(linkId: string) {
  const [row] = await db
    .select({ firstOpenedAt: confirmationLinks.firstOpenedAt, lastAnsweredAt: confirmationLinks.lastAnsweredAt })
    .from(confirmationLinks)
    .where(eq(confirmationLinks.id, linkId));
  return row!;
}

describe('a member of the link’s organization', () => {
  it('gets the explanation instead of the form: a narrow view with the way back, and the link stays unopened', async () => {
    const { owner, account, member, token, linkId } = await setup();
    const view = await viewConfirmation(token, address(), db, member.userId);
    expect(view).toEqual({
      kind: 'teamMember',
      confirmation: {
        orgName: expect.any(String),
        brand: { colour: null, logo: null },
        accountName: account.name,
        contactName: 'Cleo Customer',
        language: 'sv',
        accountPath: `/${owner.orgSlug}/accounts/${account.id}`,
      },
    });
    expect((await linkRow(linkId)).firstOpenedAt).toBeNull();
    // The owner is a member too.
    expect((await viewConfirmation(token, address(), db, owner.userId)).kind).toBe('teamMember');
  });

  it('cannot answer: nothing is written, whoever on the team sends it and whatever it contains', async () => {
    const { owner, member, token, linkId } = await setup();
    // A real answer first, so that there are runs, events and notifications that must stay as they are.
    expect(await answerConfirmation(token, address(), form(2, { comment: 'From the customer' }), db)).toEqual({ kind: 'ok' });
    const before = await written(owner.orgId);
    const answeredAt = (await linkRow(linkId)).lastAnsweredAt;
    expect(before).toMatchObject({ answers: 1, levelEvents: 1, notifications: 1 });
    expect(JSON.parse(before.runs)).not.toEqual([]);

    const viewer = await addMember(db, owner.caller, owner.orgSlug, 'viewer');
    for (const userId of [member.userId, owner.userId, viewer.userId]) {
      expect(await answerConfirmation(token, address(), form(5, { comment: 'Sent by the team' }), db, userId)).toEqual({
        kind: 'teamMember',
      });
    }
    // Invalid input from a member is refused as a member's, not reported field by field.
    expect(await answerConfirmation(token, address(), form(9), db, member.userId)).toEqual({ kind: 'teamMember' });
    // The check that binds is where the answer is written.
    expect(await submitCustomerAnswer(db, token, { level: 4, submissionKey: randomUUID() }, member.userId)).toEqual({
      ok: false,
      reason: 'teamMember',
    });

    expect(await written(owner.orgId)).toEqual(before);
    expect((await linkRow(linkId)).lastAnsweredAt).toEqual(answeredAt);
    const comments = await db
      .select({ comment: confirmationAnswers.comment })
      .from(confirmationAnswers)
      .where(eq(confirmationAnswers.orgId, owner.orgId));
    expect(comments).toEqual([{ comment: 'From the customer' }]);
  });
});

describe('everyone else answers as the customer', () => {
  it('nobody signed in, someone signed in to another organization, and a former member', async () => {
    const { owner, member, token } = await setup();
    const elsewhere = await createTenant(db); // e.g. the customer, who uses Rung for their own company
    await owner.caller.member.remove({ orgSlug: owner.orgSlug, membershipId: member.membershipId });

    for (const [i, userId] of [null, elsewhere.userId, member.userId, 'not-a-uuid'].entries()) {
      const view = await viewConfirmation(token, address(), db, userId);
      expect(view.kind).toBe('ok');
      const before = await written(owner.orgId);
      expect(await answerConfirmation(token, address(), form(i + 1), db, userId)).toEqual({ kind: 'ok' });
      const after = await written(owner.orgId);
      expect(after).toMatchObject({
        answers: before.answers + 1,
        levelEvents: before.levelEvents + 1,
        notifications: before.notifications + 1,
      });
      expect(after.runs).not.toBe(before.runs);
    }
    // Nothing of the answering organization reached the other one.
    expect(await written(elsewhere.orgId)).toEqual({ answers: 0, levelEvents: 0, notifications: 0, runs: '[]' });
  });

  it('a dead link looks the same to a member as to anyone', async () => {
    const { owner, member, token, linkId } = await setup();
    await owner.caller.confirmation.revoke({ orgSlug: owner.orgSlug, linkId });
    expect(await viewConfirmation(token, address(), db, member.userId)).toEqual({ kind: 'unavailable' });
    expect(await answerConfirmation(token, address(), form(3), db, member.userId)).toEqual({ kind: 'unavailable' });
  });
});
