/**
 * Team assessments: start, blind voting, reveal, close into the level history. Every rule is
 * checked on the server: who may vote, who sees which vote when, what closing writes, and that
 * bad input, wrong roles and foreign ids change nothing.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { accounts, assessments, assessmentVoters, auditEvents, contacts, levelEvents, levelSignals, votes } from '@/db/schema';
import { withOrg } from '@/db/tenant';
import { appendLevelEvent } from '@/server/services/level-history';
import { insertAccount } from '../helpers/accounts';
import { useTestDatabase } from '../helpers/db';
import { caught, expectTRPCError, pgError, PG } from '../helpers/errors';
import { createTenant, type Caller } from '../helpers/factories';
import { httpClientFor, shownError } from '../helpers/http';
import { createTeam } from '../helpers/team';

const { db } = await useTestDatabase();

/**
 * An organization with an owner, an admin, two members, a third member and a viewer; one
 * account owned by Mia and followed by Max (and by the viewer, who cannot vote).
 */
const team = () =>
  createTeam(db, {
    members: {
      admin: 'admin',
      mia: 'member',
      max: { role: 'member', name: 'Max Member' },
      nils: { role: 'member', name: 'Nils Member' },
      viewer: 'viewer',
    },
    account: { name: 'Acme', owner: 'mia', followers: ['max', 'viewer'] },
  });
type Team = Awaited<ReturnType<typeof team>>;

async function signalIds(orgId: string, level?: number): Promise<string[]> {
  const rows = await db
    .select({ id: levelSignals.id })
    .from(levelSignals)
    .where(level ? and(eq(levelSignals.orgId, orgId), eq(levelSignals.level, level)) : eq(levelSignals.orgId, orgId))
    .orderBy(asc(levelSignals.level), asc(levelSignals.position));
  return rows.map((r) => r.id);
}

/** What the database holds for an assessment, read through the root connection. */
async function stored(assessmentId: string) {
  const [assessment] = await db.select().from(assessments).where(eq(assessments.id, assessmentId));
  const voteRows = await db.select().from(votes).where(eq(votes.assessmentId, assessmentId)).orderBy(asc(votes.createdAt));
  const voterRows = await db
    .select({ userId: assessmentVoters.userId })
    .from(assessmentVoters)
    .where(eq(assessmentVoters.assessmentId, assessmentId));
  const events = await db.select().from(levelEvents).where(eq(levelEvents.assessmentId, assessmentId));
  return { assessment: assessment!, votes: voteRows, voters: voterRows.map((v) => v.userId).sort(), events };
}

async function teamLevelOf(accountId: string) {
  const [row] = await db
    .select({ teamLevel: accounts.teamLevel, teamLevelAt: accounts.teamLevelAt, version: accounts.version })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  return row!;
}

async function levelEventsOf(accountId: string) {
  return db.select().from(levelEvents).where(eq(levelEvents.accountId, accountId)).orderBy(asc(levelEvents.effectiveAt));
}

async function auditActions(orgId: string, prefix: string) {
  const rows = await db
    .select({ action: auditEvents.action, accountId: auditEvents.accountId, after: auditEvents.after })
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, orgId), sql`${auditEvents.action} like ${`${prefix}%`}`))
    .orderBy(asc(auditEvents.createdAt));
  return rows;
}

async function start(t: Team, caller: Caller = t.mia.caller, extra: { voterUserIds?: string[]; blind?: boolean } = {}) {
  return caller.assessment.start({ orgSlug: t.slug, accountId: t.account.id, ...extra });
}

function vote(t: Team, caller: Caller, assessmentId: string, level: number, extra: { rationale?: string; evidence?: string[] } = {}) {
  return caller.assessment.vote({
    orgSlug: t.slug,
    assessmentId,
    level,
    rationale: extra.rationale ?? `I say ${level}`,
    evidence: extra.evidence ?? [],
  });
}

function current(t: Team, caller: Caller) {
  return caller.assessment.current({ orgSlug: t.slug, accountId: t.account.id });
}

describe('starting an assessment', () => {
  it("asks the account's owner, its followers who can vote, and the starter by default; blind by default", async () => {
    const t = await team();
    const { id } = await start(t, t.nils.caller);
    const s = await stored(id);
    // Mia owns the account, Max follows it, Nils started it; the viewer follows it but cannot vote.
    expect(s.voters).toEqual([t.mia.userId, t.max.userId, t.nils.userId].sort());
    expect(s.assessment).toMatchObject({
      status: 'open',
      blind: true,
      startedByUserId: t.nils.userId,
      accountId: t.account.id,
      teamLevel: null,
    });
    expect(await auditActions(t.orgId, 'assessment.started')).toEqual([
      { action: 'assessment.started', accountId: t.account.id, after: { blind: true, voterUserIds: expect.arrayContaining(s.voters) } },
    ]);
  });

  it('suggests the same people as candidates, and lists every member who may vote (never viewers)', async () => {
    const t = await team();
    const candidates = await t.nils.caller.assessment.candidates({ orgSlug: t.slug, accountId: t.account.id });
    expect(candidates.map((c) => [c.name, c.suggested]).sort()).toEqual(
      [
        ['Adam Admin', false],
        ['Max Member', true],
        ['Mia Member', true],
        ['Nils Member', true],
        ['Olga Owner', false],
      ].sort(),
    );
    expect(candidates.find((c) => c.userId === t.mia.userId)).toMatchObject({ isOwner: true, isFollower: false });
    expect(candidates.find((c) => c.userId === t.max.userId)).toMatchObject({ isOwner: false, isFollower: true });
    await expectTRPCError(
      t.viewer.caller.assessment.candidates({ orgSlug: t.slug, accountId: t.account.id }),
      'FORBIDDEN',
      'errors.forbidden',
    );
  });

  it('asks exactly the people chosen, plus the starter; a round can be open (not blind)', async () => {
    const t = await team();
    const { id } = await start(t, t.max.caller, { voterUserIds: [t.admin.userId], blind: false });
    const s = await stored(id);
    expect(s.voters).toEqual([t.admin.userId, t.max.userId].sort());
    expect(s.assessment.blind).toBe(false);
  });

  it('refuses a viewer or a person from another organization as a voter, and starts nothing', async () => {
    const t = await team();
    const other = await createTenant(db);
    await expectTRPCError(start(t, t.mia.caller, { voterUserIds: [t.viewer.userId] }), 'BAD_REQUEST', 'errors.voterNotEligible');
    await expectTRPCError(start(t, t.mia.caller, { voterUserIds: [other.userId] }), 'BAD_REQUEST', 'errors.voterNotEligible');
    await expectTRPCError(start(t, t.mia.caller, { voterUserIds: ['not-a-uuid'] }), 'BAD_REQUEST');
    expect(await db.select().from(assessments).where(eq(assessments.accountId, t.account.id))).toEqual([]);
  });

  it('allows one open assessment per account: a second start is a conflict; after closing, a new one can start', async () => {
    const t = await team();
    const first = await start(t);
    await expectTRPCError(start(t, t.max.caller), 'CONFLICT', 'errors.assessmentAlreadyOpen');
    expect(await db.select().from(assessments).where(eq(assessments.accountId, t.account.id))).toHaveLength(1);

    await vote(t, t.mia.caller, first.id, 3);
    await t.mia.caller.assessment.close({ orgSlug: t.slug, assessmentId: first.id, teamLevel: 3 });
    const second = await start(t, t.max.caller);
    expect(second.id).not.toBe(first.id);
  });

  it('two people starting at the same moment: one assessment, one clear conflict', async () => {
    const t = await team();
    const results = await Promise.allSettled([start(t, t.mia.caller), start(t, t.max.caller)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [rejected] = results.filter((r) => r.status === 'rejected');
    expect((rejected as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT', message: 'errors.assessmentAlreadyOpen' });
    expect(await db.select().from(assessments).where(eq(assessments.accountId, t.account.id))).toHaveLength(1);
  });

  it('the open-assessment rule holds in the database itself (partial unique index)', async () => {
    const t = await team();
    await start(t);
    const error = await caught(
      withOrg(db, t.orgId, (tx) =>
        tx.insert(assessments).values({ orgId: t.orgId, accountId: t.account.id, startedByUserId: t.max.userId }),
      ),
    );
    expect(pgError(error).code).toBe(PG.uniqueViolation);
  });

  it('a viewer cannot start one; an archived or foreign account cannot be assessed; nothing is created', async () => {
    const t = await team();
    const other = await createTenant(db);
    const foreign = await insertAccount(db, other.orgSlug);
    const archived = await insertAccount(db, t.slug, { archivedAt: new Date() });
    await expectTRPCError(start(t, t.viewer.caller), 'FORBIDDEN', 'errors.forbidden');
    await expectTRPCError(t.mia.caller.assessment.start({ orgSlug: t.slug, accountId: foreign.id }), 'NOT_FOUND', 'errors.accountNotFound');
    await expectTRPCError(
      t.mia.caller.assessment.start({ orgSlug: t.slug, accountId: archived.id }),
      'CONFLICT',
      'errors.assessmentAccountArchived',
    );
    const rows = await db
      .select()
      .from(assessments)
      .where(sql`${assessments.accountId} in (${t.account.id}, ${foreign.id}, ${archived.id})`);
    expect(rows).toEqual([]);
  });
});

describe('voting', () => {
  it('stores level, rationale and evidence; the voter sees their own vote', async () => {
    const t = await team();
    const { id } = await start(t);
    const evidence = (await signalIds(t.orgId, 3)).slice(0, 2);
    const result = await vote(t, t.mia.caller, id, 3, { rationale: '  Dedicated support team since spring  ', evidence });
    expect(result).toEqual({ id: expect.any(String), revealed: false });

    const s = await stored(id);
    expect(s.votes).toHaveLength(1);
    expect(s.votes[0]).toMatchObject({ voterUserId: t.mia.userId, level: 3, rationale: 'Dedicated support team since spring', evidence });

    const mine = await current(t, t.mia.caller);
    expect(mine?.myVote).toMatchObject({ level: 3, rationale: 'Dedicated support team since spring', evidence });
    expect(mine?.viewer).toMatchObject({ hasVoted: true, canVote: false, isAsked: true, canManage: true });
    expect(await auditActions(t.orgId, 'assessment.voted')).toEqual([
      { action: 'assessment.voted', accountId: t.account.id, after: { assessmentId: id } },
    ]);
  });

  it('lets any member join by voting, even when not asked', async () => {
    const t = await team();
    const { id } = await start(t, t.mia.caller, { voterUserIds: [t.max.userId] });
    await vote(t, t.nils.caller, id, 2);
    expect((await stored(id)).voters).toContain(t.nils.userId);
    const view = await current(t, t.mia.caller);
    expect(view?.voters.find((v) => v.userId === t.nils.userId)).toMatchObject({ hasVoted: true, name: 'Nils Member' });
  });

  it('refuses levels outside 1–5, a missing, blank or oversized rationale, and malformed evidence; nothing is written', async () => {
    const t = await team();
    const { id } = await start(t);
    const base = { orgSlug: t.slug, assessmentId: id, rationale: 'Fine', evidence: [] as string[] };
    for (const level of [0, 6, -1, 2.5, Number.NaN]) {
      await expectTRPCError(t.mia.caller.assessment.vote({ ...base, level }), 'BAD_REQUEST');
    }
    await expectTRPCError(t.mia.caller.assessment.vote({ ...base, level: '3' as unknown as number }), 'BAD_REQUEST');
    for (const rationale of ['', '   ', 'x'.repeat(2001)]) {
      await expectTRPCError(t.mia.caller.assessment.vote({ ...base, level: 3, rationale }), 'BAD_REQUEST');
    }
    const { rationale: _r, ...withoutRationale } = base;
    await expectTRPCError(
      t.mia.caller.assessment.vote({ ...withoutRationale, level: 3 } as typeof base & { level: number }),
      'BAD_REQUEST',
    );
    await expectTRPCError(t.mia.caller.assessment.vote({ ...base, level: 3, evidence: ['nope'] }), 'BAD_REQUEST');

    const s = await stored(id);
    expect(s.votes).toEqual([]);
    expect(await auditActions(t.orgId, 'assessment.voted')).toEqual([]);
    // The longest allowed rationale is accepted.
    await vote(t, t.mia.caller, id, 3, { rationale: 'x'.repeat(2000) });
  });

  it('explains bad input next to the field, in the person’s language', async () => {
    const t = await team();
    const { id } = await start(t);
    const shown = await shownError(
      httpClientFor(db, t.mia.userId).assessment.vote.mutate({ orgSlug: t.slug, assessmentId: id, level: 7, rationale: '' }),
    );
    expect(shown.code).toBe('BAD_REQUEST');
    expect(shown.fieldErrors).toEqual({ level: 'Pick a level from 1 to 5.', rationale: 'Explain your vote in a sentence or two.' });
    const swedish = await shownError(
      httpClientFor(db, t.mia.userId, 'sv').assessment.vote.mutate({
        orgSlug: t.slug,
        assessmentId: id,
        level: 3,
        rationale: 'y'.repeat(2001),
      }),
    );
    expect(swedish.fieldErrors).toEqual({ rationale: 'Håll motiveringen under 2 000 tecken.' });
  });

  it('one vote per member: a second vote is a conflict and the first stays as it was', async () => {
    const t = await team();
    const { id } = await start(t);
    await vote(t, t.mia.caller, id, 3, { rationale: 'First thought' });
    await expectTRPCError(vote(t, t.mia.caller, id, 5, { rationale: 'Changed my mind' }), 'CONFLICT', 'errors.alreadyVoted');
    const shown = await shownError(
      httpClientFor(db, t.mia.userId).assessment.vote.mutate({ orgSlug: t.slug, assessmentId: id, level: 4, rationale: 'Again' }),
    );
    expect(shown).toMatchObject({ code: 'CONFLICT', message: 'You have already voted in this assessment.' });
    const s = await stored(id);
    expect(s.votes.map((v) => [v.level, v.rationale])).toEqual([[3, 'First thought']]);
  });

  it('the database backs the one-vote rule too', async () => {
    const t = await team();
    const { id } = await start(t);
    await vote(t, t.mia.caller, id, 3);
    const error = await caught(
      withOrg(db, t.orgId, (tx) =>
        tx.insert(votes).values({ orgId: t.orgId, assessmentId: id, voterUserId: t.mia.userId, level: 4, rationale: 'again' }),
      ),
    );
    expect(pgError(error).code).toBe(PG.uniqueViolation);
  });

  it('evidence must be signals of this organization that are still on the checklist', async () => {
    const t = await team();
    const other = await createTenant(db);
    const { id } = await start(t);
    const [foreignSignal] = await signalIds(other.orgId, 3);
    const [ownSignal, retiredSignal] = await signalIds(t.orgId, 3);
    await t.owner.caller.signal.retire({ orgSlug: t.slug, signalId: retiredSignal! });

    for (const evidence of [[foreignSignal!], [ownSignal!, foreignSignal!], [retiredSignal!], ['018f0000-0000-7000-8000-000000000000']]) {
      await expectTRPCError(vote(t, t.mia.caller, id, 3, { evidence }), 'BAD_REQUEST', 'errors.evidenceInvalid');
    }
    expect((await stored(id)).votes).toEqual([]);
    // Ticking the same signal twice counts once.
    await vote(t, t.mia.caller, id, 3, { evidence: [ownSignal!, ownSignal!] });
    expect((await stored(id)).votes[0]?.evidence).toEqual([ownSignal]);
  });

  it('viewers cannot vote', async () => {
    const t = await team();
    const { id } = await start(t);
    await expectTRPCError(vote(t, t.viewer.caller, id, 3), 'FORBIDDEN', 'errors.forbidden');
    expect((await stored(id)).votes).toEqual([]);
  });

  it("a foreign assessment id is not found, and another organization's round is untouched", async () => {
    const t = await team();
    const u = await team();
    const theirs = await start(u);
    await expectTRPCError(vote(t, t.mia.caller, theirs.id, 3), 'NOT_FOUND', 'errors.assessmentNotFound');
    await expectTRPCError(
      t.owner.caller.assessment.reveal({ orgSlug: t.slug, assessmentId: theirs.id }),
      'NOT_FOUND',
      'errors.assessmentNotFound',
    );
    await expectTRPCError(
      t.owner.caller.assessment.close({ orgSlug: t.slug, assessmentId: theirs.id, teamLevel: 3 }),
      'NOT_FOUND',
      'errors.assessmentNotFound',
    );
    for (const procedure of ['current', 'list', 'history', 'candidates'] as const) {
      await expectTRPCError(
        t.owner.caller.assessment[procedure]({ orgSlug: t.slug, accountId: u.account.id }),
        'NOT_FOUND',
        'errors.accountNotFound',
      );
    }
    const s = await stored(theirs.id);
    expect(s.votes).toEqual([]);
    expect(s.assessment.status).toBe('open');
  });
});

describe('blind voting and reveal', () => {
  it("while a blind round is open, nobody sees another person's level or rationale, only that they voted", async () => {
    const t = await team();
    const { id } = await start(t);
    await vote(t, t.mia.caller, id, 4, { rationale: 'They asked us into their planning meeting' });

    for (const person of [t.max, t.nils, t.viewer, t.admin]) {
      const view = await current(t, person.caller);
      expect(view).not.toBeNull();
      expect(view!.votesVisible).toBe(false);
      expect(view!.votes).toEqual([]);
      expect(view!.myVote).toBeNull();
      expect(view!.summary).toBeNull();
      expect(view!.voteCount).toBe(1);
      expect(view!.voters.find((v) => v.userId === t.mia.userId)).toMatchObject({ hasVoted: true });
      expect(view!.voters.find((v) => v.userId === t.max.userId)).toMatchObject({ hasVoted: false });
      // Nothing of Mia's vote travels to anyone else, in any field.
      expect(JSON.stringify(view)).not.toContain('planning meeting');
    }
    const hers = await current(t, t.mia.caller);
    expect(hers!.votes.map((v) => [v.voterUserId, v.level])).toEqual([[t.mia.userId, 4]]);
  });

  it('reveals itself when everyone asked has voted; then everyone sees all votes, the median and the spread', async () => {
    const t = await team();
    const { id } = await start(t, t.nils.caller); // asks Mia, Max and Nils
    await vote(t, t.mia.caller, id, 4);
    expect((await vote(t, t.max.caller, id, 2)).revealed).toBe(false);
    expect((await current(t, t.viewer.caller))!.votes).toEqual([]);
    expect((await vote(t, t.nils.caller, id, 3)).revealed).toBe(true);

    const view = await current(t, t.viewer.caller);
    expect(view).toMatchObject({ status: 'revealed', votesVisible: true });
    expect(view!.revealedAt).toBeInstanceOf(Date);
    expect(view!.votes.map((v) => [v.voterName, v.level])).toEqual([
      ['Mia Member', 4],
      ['Max Member', 2],
      ['Nils Member', 3],
    ]);
    expect(view!.summary).toEqual({
      count: 3,
      median: 3,
      spread: 2,
      suggestedTeamLevel: 3,
      distribution: { 1: 0, 2: 1, 3: 1, 4: 1, 5: 0 },
    });
    expect(await auditActions(t.orgId, 'assessment.revealed')).toEqual([
      { action: 'assessment.revealed', accountId: t.account.id, after: { status: 'revealed', automatic: true, voteCount: 3 } },
    ]);
  });

  it('does not wait for someone who left the organization, and no longer suggests them', async () => {
    const t = await team();
    const { id } = await start(t, t.nils.caller); // asks Mia, Max and Nils
    await t.owner.caller.member.remove({ orgSlug: t.slug, membershipId: t.max.membershipId });
    const candidates = await t.mia.caller.assessment.candidates({ orgSlug: t.slug, accountId: t.account.id });
    expect(candidates.map((c) => c.userId)).not.toContain(t.max.userId);
    await expectTRPCError(start(t, t.mia.caller, { voterUserIds: [t.max.userId] }), 'BAD_REQUEST', 'errors.voterNotEligible');

    await vote(t, t.mia.caller, id, 3);
    const view = await current(t, t.viewer.caller);
    expect(view!.voters.find((v) => v.userId === t.max.userId)).toMatchObject({ name: 'Max Member', canVote: false, hasVoted: false });
    expect((await vote(t, t.nils.caller, id, 4)).revealed).toBe(true);
  });

  it('the starter or an admin reveals early; another member cannot; nothing to reveal without votes', async () => {
    const t = await team();
    const { id } = await start(t);
    await expectTRPCError(t.mia.caller.assessment.reveal({ orgSlug: t.slug, assessmentId: id }), 'CONFLICT', 'errors.nothingToReveal');
    await vote(t, t.max.caller, id, 2);
    await expectTRPCError(t.max.caller.assessment.reveal({ orgSlug: t.slug, assessmentId: id }), 'FORBIDDEN', 'errors.onlyStarterOrAdmin');
    await expectTRPCError(t.viewer.caller.assessment.reveal({ orgSlug: t.slug, assessmentId: id }), 'FORBIDDEN', 'errors.forbidden');
    expect((await stored(id)).assessment.status).toBe('open');

    await t.admin.caller.assessment.reveal({ orgSlug: t.slug, assessmentId: id });
    expect((await stored(id)).assessment.status).toBe('revealed');
    expect((await current(t, t.nils.caller))!.votes.map((v) => v.level)).toEqual([2]);
    // Revealing twice changes nothing and logs nothing new.
    await t.mia.caller.assessment.reveal({ orgSlug: t.slug, assessmentId: id });
    expect(await auditActions(t.orgId, 'assessment.revealed')).toHaveLength(1);
    // Late votes are still welcome after reveal, and visible at once.
    await vote(t, t.nils.caller, id, 3);
    expect((await current(t, t.max.caller))!.votes).toHaveLength(2);
  });

  it('a round that is not blind shows votes as they arrive', async () => {
    const t = await team();
    const { id } = await start(t, t.mia.caller, { blind: false });
    await vote(t, t.mia.caller, id, 4);
    const view = await current(t, t.max.caller);
    expect(view).toMatchObject({ status: 'open', votesVisible: true });
    expect(view!.votes.map((v) => v.level)).toEqual([4]);
    expect(view!.summary?.median).toBe(4);
  });

  it('viewers read along but are never offered to vote or manage', async () => {
    const t = await team();
    await start(t);
    expect((await current(t, t.viewer.caller))!.viewer).toMatchObject({ canVote: false, canManage: false, isAsked: false });
    expect((await current(t, t.admin.caller))!.viewer).toMatchObject({ canVote: true, canManage: true, isAsked: false });
    expect((await current(t, t.max.caller))!.viewer).toMatchObject({ canVote: true, canManage: false, isAsked: true });
  });

  it('no open round: current is null', async () => {
    const t = await team();
    expect(await current(t, t.viewer.caller)).toBeNull();
  });
});

describe('closing', () => {
  it('appends exactly one team level event, moves the account’s team level, and reveals the votes', async () => {
    const t = await team();
    const { id } = await start(t);
    await vote(t, t.mia.caller, id, 3);
    await vote(t, t.max.caller, id, 4);
    const before = await teamLevelOf(t.account.id);
    expect(before.teamLevel).toBeNull();

    const result = await t.mia.caller.assessment.close({ orgSlug: t.slug, assessmentId: id, teamLevel: 3 });
    expect(result.teamLevel).toBe(3);

    const s = await stored(id);
    expect(s.assessment).toMatchObject({ status: 'closed', teamLevel: 3, closedByUserId: t.mia.userId, closeReason: null });
    expect(s.assessment.revealedAt).toBeInstanceOf(Date);
    expect(s.events).toHaveLength(1);
    expect(s.events[0]).toMatchObject({
      source: 'team',
      level: 3,
      accountId: t.account.id,
      recordedByUserId: t.mia.userId,
      id: result.levelEventId,
    });
    const after = await teamLevelOf(t.account.id);
    expect(after.teamLevel).toBe(3);
    // Not an edit of the account: its version for concurrent edits stays.
    expect(after.version).toBe(before.version);
    expect(await current(t, t.viewer.caller)).toBeNull();
    expect(await auditActions(t.orgId, 'assessment.closed')).toEqual([
      {
        action: 'assessment.closed',
        accountId: t.account.id,
        after: { status: 'closed', teamLevel: 3, median: 3.5, spread: 1, voteCount: 2, reason: null },
      },
    ]);
  });

  it('another level than the suggestion needs a short reason; without it nothing changes', async () => {
    const t = await team();
    const { id } = await start(t);
    await vote(t, t.mia.caller, id, 2);
    await vote(t, t.max.caller, id, 3);
    await t.mia.caller.assessment.reveal({ orgSlug: t.slug, assessmentId: id });

    await expectTRPCError(
      t.mia.caller.assessment.close({ orgSlug: t.slug, assessmentId: id, teamLevel: 3 }),
      'BAD_REQUEST',
      'errors.closeReasonRequired',
    );
    await expectTRPCError(
      t.mia.caller.assessment.close({ orgSlug: t.slug, assessmentId: id, teamLevel: 3, reason: '   ' }),
      'BAD_REQUEST',
      'errors.closeReasonRequired',
    );
    await expectTRPCError(
      t.mia.caller.assessment.close({ orgSlug: t.slug, assessmentId: id, teamLevel: 3, reason: 'r'.repeat(501) }),
      'BAD_REQUEST',
    );
    for (const teamLevel of [0, 6, 3.5]) {
      await expectTRPCError(
        t.mia.caller.assessment.close({ orgSlug: t.slug, assessmentId: id, teamLevel, reason: 'Because' }),
        'BAD_REQUEST',
      );
    }
    let s = await stored(id);
    expect(s.assessment.status).toBe('revealed');
    expect(s.events).toEqual([]);
    expect((await teamLevelOf(t.account.id)).teamLevel).toBeNull();

    await t.mia.caller.assessment.close({
      orgSlug: t.slug,
      assessmentId: id,
      teamLevel: 3,
      reason: 'The customer confirmed the service contract last week',
    });
    s = await stored(id);
    expect(s.assessment).toMatchObject({
      status: 'closed',
      teamLevel: 3,
      closeReason: 'The customer confirmed the service contract last week',
    });
    expect(s.events).toHaveLength(1);
    expect(s.events[0]?.note).toBe('The customer confirmed the service contract last week');
  });

  it('needs at least one vote', async () => {
    const t = await team();
    const { id } = await start(t);
    await expectTRPCError(
      t.mia.caller.assessment.close({ orgSlug: t.slug, assessmentId: id, teamLevel: 3 }),
      'CONFLICT',
      'errors.closeNeedsVotes',
    );
    expect((await stored(id)).assessment.status).toBe('open');
  });

  it('only the starter or an admin closes; viewers never', async () => {
    const t = await team();
    const { id } = await start(t);
    await vote(t, t.max.caller, id, 2);
    await expectTRPCError(
      t.max.caller.assessment.close({ orgSlug: t.slug, assessmentId: id, teamLevel: 2 }),
      'FORBIDDEN',
      'errors.onlyStarterOrAdmin',
    );
    await expectTRPCError(
      t.viewer.caller.assessment.close({ orgSlug: t.slug, assessmentId: id, teamLevel: 2 }),
      'FORBIDDEN',
      'errors.forbidden',
    );
    expect((await stored(id)).events).toEqual([]);
    await t.owner.caller.assessment.close({ orgSlug: t.slug, assessmentId: id, teamLevel: 2 });
    expect((await stored(id)).assessment.status).toBe('closed');
  });

  it('a closed assessment is read-only: votes, reveal and a second close are conflicts', async () => {
    const t = await team();
    const { id } = await start(t);
    await vote(t, t.mia.caller, id, 4);
    await t.mia.caller.assessment.close({ orgSlug: t.slug, assessmentId: id, teamLevel: 4 });
    const snapshot = await stored(id);

    await expectTRPCError(vote(t, t.max.caller, id, 2), 'CONFLICT', 'errors.assessmentClosed');
    await expectTRPCError(t.mia.caller.assessment.reveal({ orgSlug: t.slug, assessmentId: id }), 'CONFLICT', 'errors.assessmentClosed');
    await expectTRPCError(
      t.mia.caller.assessment.close({ orgSlug: t.slug, assessmentId: id, teamLevel: 5, reason: 'Again' }),
      'CONFLICT',
      'errors.assessmentClosed',
    );
    const shown = await shownError(
      httpClientFor(db, t.max.userId, 'sv').assessment.vote.mutate({ orgSlug: t.slug, assessmentId: id, level: 2, rationale: 'Sent' }),
    );
    expect(shown.message).toBe('Bedömningen är avslutad och kan inte ändras längre. Starta en ny bedömning för en ny bild.');
    expect(await stored(id)).toEqual(snapshot);
  });

  it('history is never rewritten: later rounds append, earlier events stay exactly as they were', async () => {
    const t = await team();
    const first = await start(t);
    await vote(t, t.mia.caller, first.id, 2);
    await t.mia.caller.assessment.close({ orgSlug: t.slug, assessmentId: first.id, teamLevel: 2 });
    const history = await levelEventsOf(t.account.id);

    const second = await start(t);
    await vote(t, t.mia.caller, second.id, 4);
    await t.mia.caller.assessment.close({ orgSlug: t.slug, assessmentId: second.id, teamLevel: 4 });
    const later = await levelEventsOf(t.account.id);
    expect(later).toHaveLength(2);
    expect(later[0]).toEqual(history[0]);
    expect(later[1]).toMatchObject({ level: 4, assessmentId: second.id });
    expect((await teamLevelOf(t.account.id)).teamLevel).toBe(4);

    // The application role may not change or remove a level event, whatever a router tried.
    for (const attempt of [
      (tx: Parameters<Parameters<Db['transaction']>[0]>[0]) =>
        tx.update(levelEvents).set({ level: 5 }).where(eq(levelEvents.accountId, t.account.id)),
      (tx: Parameters<Parameters<Db['transaction']>[0]>[0]) => tx.delete(levelEvents).where(eq(levelEvents.accountId, t.account.id)),
      (tx: Parameters<Parameters<Db['transaction']>[0]>[0]) => tx.update(votes).set({ level: 5 }).where(eq(votes.assessmentId, first.id)),
    ]) {
      expect(pgError(await caught(withOrg(db, t.orgId, attempt))).code).toBe(PG.insufficientPrivilege);
    }
    expect(await levelEventsOf(t.account.id)).toEqual(later);
  });
});

describe('closed rounds and the level history', () => {
  it('lists closed rounds newest first with every vote, page by page', async () => {
    const t = await team();
    const ids: string[] = [];
    for (const level of [1, 2, 3]) {
      const { id } = await start(t);
      await vote(t, t.mia.caller, id, level, { rationale: `Round at ${level}` });
      await t.mia.caller.assessment.close({ orgSlug: t.slug, assessmentId: id, teamLevel: level });
      ids.push(id);
    }
    await start(t); // an open round is not part of the closed history

    const page1 = await t.viewer.caller.assessment.list({ orgSlug: t.slug, accountId: t.account.id, limit: 2 });
    expect(page1.items.map((i) => i.id)).toEqual([ids[2], ids[1]]);
    expect(page1.items[0]).toMatchObject({
      teamLevel: 3,
      closedByName: 'Mia Member',
      startedByName: 'Mia Member',
      summary: { count: 1, median: 3 },
    });
    expect(page1.items[0]!.votes).toEqual([
      expect.objectContaining({ voterName: 'Mia Member', level: 3, rationale: 'Round at 3', evidence: [] }),
    ]);
    expect(page1.nextCursor).not.toBeNull();

    const page2 = await t.viewer.caller.assessment.list({ orgSlug: t.slug, accountId: t.account.id, limit: 2, cursor: page1.nextCursor });
    expect(page2.items.map((i) => i.id)).toEqual([ids[0]]);
    expect(page2.nextCursor).toBeNull();
  });

  it('shows team and customer levels in order, each with who or what caused it', async () => {
    const t = await team();
    const [contact] = await withOrg(db, t.orgId, (tx) =>
      tx.insert(contacts).values({ orgId: t.orgId, accountId: t.account.id, name: 'Carla Customer' }).returning(),
    );
    await withOrg(db, t.orgId, (tx) =>
      appendLevelEvent(tx, {
        orgId: t.orgId,
        accountId: t.account.id,
        source: 'customer',
        level: 2,
        contactId: contact!.id,
        effectiveAt: new Date('2025-01-15T10:00:00Z'),
      }),
    );
    const { id } = await start(t);
    await vote(t, t.mia.caller, id, 4);
    await vote(t, t.max.caller, id, 4);

    const history = await t.viewer.caller.assessment.history({ orgSlug: t.slug, accountId: t.account.id });
    expect(history.hasEarlier).toBe(false);
    expect(
      history.events.map((e) => ({
        source: e.source,
        level: e.level,
        assessmentId: e.assessmentId,
        by: e.recordedByName,
        contact: e.contactName,
      })),
    ).toEqual([{ source: 'customer', level: 2, assessmentId: null, by: null, contact: 'Carla Customer' }]);

    await t.mia.caller.assessment.close({ orgSlug: t.slug, assessmentId: id, teamLevel: 4 });
    const after = await t.viewer.caller.assessment.history({ orgSlug: t.slug, accountId: t.account.id });
    expect(after.events.map((e) => [e.source, e.level, e.assessmentId, e.recordedByName])).toEqual([
      ['customer', 2, null, null],
      ['team', 4, id, 'Mia Member'],
    ]);

    const newestOnly = await t.viewer.caller.assessment.history({ orgSlug: t.slug, accountId: t.account.id, limit: 1 });
    expect(newestOnly).toMatchObject({ hasEarlier: true, events: [{ source: 'team', level: 4 }] });
    await expectTRPCError(t.viewer.caller.assessment.history({ orgSlug: t.slug, accountId: t.account.id, limit: 0 }), 'BAD_REQUEST');
  });

  it('an account without levels has an empty history', async () => {
    const t = await team();
    expect(await t.viewer.caller.assessment.history({ orgSlug: t.slug, accountId: t.account.id })).toEqual({
      events: [],
      hasEarlier: false,
    });
    expect(await t.viewer.caller.assessment.list({ orgSlug: t.slug, accountId: t.account.id })).toEqual({ items: [], nextCursor: null });
  });
});
