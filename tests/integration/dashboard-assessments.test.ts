/**
 * Starting team assessments on the accounts behind a dashboard number: every listed account of the
 * organization without an open round gets one (asking its owner and followers, as a start from the
 * account page does), the others are counted, and nothing reaches another organization.
 */
import { eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { assessments, assessmentVoters, auditEvents } from '@/db/schema';
import { followAccount, insertAccount } from '../helpers/accounts';
import { useTestDatabase } from '../helpers/db';
import { expectTRPCError } from '../helpers/errors';
import { createTenant } from '../helpers/factories';
import { createTeam } from '../helpers/team';

const { db } = await useTestDatabase();

type Team = Awaited<ReturnType<typeof setUp>>;

async function setUp() {
  const team = await createTeam(db, { members: ['member', 'admin', 'viewer'] });
  const owned = await insertAccount(db, team.slug, { name: 'Owned by the admin', ownerUserId: team.admin.userId });
  const followed = await insertAccount(db, team.slug, { name: 'Followed by the owner' });
  await followAccount(db, team.orgId, followed.id, [team.owner.userId]);
  const busy = await insertAccount(db, team.slug, { name: 'Already being assessed' });
  const archived = await insertAccount(db, team.slug, { name: 'Archived', archivedAt: new Date() });
  const open = await team.admin.caller.assessment.start({ orgSlug: team.slug, accountId: busy.id });
  return { ...team, owned, followed, busy, archived, open };
}

let team: Team;
let foreignAccountId: string;

beforeAll(async () => {
  team = await setUp();
  const other = await createTenant(db);
  foreignAccountId = (await insertAccount(db, other.orgSlug, { name: 'Someone else’s' })).id;
}, 60_000);

describe('starting assessments on a list of accounts', () => {
  it('starts one on each account without an open round, and counts the rest', async () => {
    const result = await team.member.caller.assessment.startMany({
      orgSlug: team.slug,
      accountIds: [team.owned.id, team.followed.id, team.busy.id, team.archived.id, foreignAccountId, team.owned.id],
    });
    expect(result).toEqual({ started: 2, alreadyOpen: 1, unavailable: 2 });

    const rounds = await db
      .select()
      .from(assessments)
      .where(inArray(assessments.accountId, [team.owned.id, team.followed.id]));
    expect(rounds.map((r) => [r.accountId, r.status, r.blind, r.startedByUserId]).sort()).toEqual(
      [
        [team.owned.id, 'open', true, team.member.userId],
        [team.followed.id, 'open', true, team.member.userId],
      ].sort(),
    );
    // Asked as from the account page: the starter, and the account's owner or followers.
    const askedOn = async (accountId: string) => {
      const round = rounds.find((r) => r.accountId === accountId)!;
      const voters = await db.select().from(assessmentVoters).where(eq(assessmentVoters.assessmentId, round.id));
      return voters.map((v) => v.userId).sort();
    };
    expect(await askedOn(team.owned.id)).toEqual([team.member.userId, team.admin.userId].sort());
    expect(await askedOn(team.followed.id)).toEqual([team.member.userId, team.owner.userId].sort());
    // The open round is untouched, and nothing was started outside the organization.
    expect((await db.select().from(assessments).where(eq(assessments.accountId, team.busy.id))).map((r) => r.id)).toEqual([team.open.id]);
    expect(
      await db
        .select()
        .from(assessments)
        .where(inArray(assessments.accountId, [foreignAccountId, team.archived.id])),
    ).toEqual([]);
    // Each start is audited like one from the account page.
    const audited = await db.select().from(auditEvents).where(eq(auditEvents.action, 'assessment.started'));
    expect(audited.filter((e) => rounds.some((r) => r.id === e.entityId))).toHaveLength(2);
  });

  it('a second time, every account is already being assessed', async () => {
    const again = await team.member.caller.assessment.startMany({
      orgSlug: team.slug,
      accountIds: [team.owned.id, team.followed.id, team.busy.id],
    });
    expect(again).toEqual({ started: 0, alreadyOpen: 3, unavailable: 0 });
  });

  it('is for members and up: a viewer is refused, and a stranger finds no organization', async () => {
    await expectTRPCError(
      team.viewer.caller.assessment.startMany({ orgSlug: team.slug, accountIds: [team.owned.id] }),
      'FORBIDDEN',
      'errors.forbidden',
    );
    const stranger = await createTenant(db);
    await expectTRPCError(
      stranger.caller.assessment.startMany({ orgSlug: team.slug, accountIds: [team.owned.id] }),
      'NOT_FOUND',
      'errors.orgNotFound',
    );
  });

  it('refuses an empty list and more accounts than one go takes', async () => {
    await expectTRPCError(team.member.caller.assessment.startMany({ orgSlug: team.slug, accountIds: [] }), 'BAD_REQUEST');
    const tooMany = Array.from({ length: 501 }, () => team.owned.id);
    await expectTRPCError(team.member.caller.assessment.startMany({ orgSlug: team.slug, accountIds: tooMany }), 'BAD_REQUEST');
  });
});
