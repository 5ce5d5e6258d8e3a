import 'server-only';
import { and, asc, desc, eq, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Tx } from '@/db/client';
import { assessments, assessmentVoters, contacts, levelEvents, levelSignals, memberships, users, votes } from '@/db/schema';
import { withOrg } from '@/db/tenant';
import { recordAudit } from '../services/audit';
import {
  CLOSE_REASON_MAX,
  closeNeedsReason,
  everyoneAskedHasVoted,
  RATIONALE_MAX,
  summarizeVotes,
  votesAreVisible,
  visibleVotes,
  VOTING_ROLES,
} from '../domain/consensus';
import { hasRole } from '../domain/roles';
import { isUniqueViolation, userError } from '../api/errors';
import { AccessEndedError, accountEvents, publishAccountEvent } from '../runtime/events';
import { appendLevelEvent } from '../services/level-history';
import { accountProcedure, orgProcedure, orgSubscriptionProcedure, router } from '../api/trpc';
import { accountIdInput, dataAgeInput, idSchema, levelSchema, safeDateSchema, safeText } from '../inputs/common';
import { requireAccount } from '../services/account-access';
import { startAssessment, startAssessments, votingMembers, MAX_BULK_ASSESSMENTS } from '../services/assessment-start';

/*
 * Team assessments: a round in which members rate one account, blind by default, then reveal,
 * then close with the team level (which appends to the level history). Every rule about who
 * sees which vote is applied here, on the server; the UI only shows what it is given.
 */

const uuid = idSchema;
const assessmentIdInput = z.object({ assessmentId: uuid });

const starter = alias(users, 'starter');
const closer = alias(users, 'closer');
const recorder = alias(users, 'recorder');

interface AssessmentRow {
  id: string;
  accountId: string;
  status: 'open' | 'revealed' | 'closed';
  blind: boolean;
  startedByUserId: string;
  revealedAt: Date | null;
}

/** An assessment of this organization, locked for the rest of the transaction so votes, reveal and close on it happen one at a time. */
async function lockAssessment(tx: Tx, assessmentId: string): Promise<AssessmentRow> {
  const [row] = await tx
    .select({
      id: assessments.id,
      accountId: assessments.accountId,
      status: assessments.status,
      blind: assessments.blind,
      startedByUserId: assessments.startedByUserId,
      revealedAt: assessments.revealedAt,
    })
    .from(assessments)
    .where(eq(assessments.id, assessmentId))
    .for('update');
  if (!row) throw userError('NOT_FOUND', 'errors.assessmentNotFound');
  return row;
}

function assertOpen(assessment: AssessmentRow) {
  if (assessment.status === 'closed') throw userError('CONFLICT', 'errors.assessmentClosed');
}

/** Reveal and close belong to whoever started the round, or to an admin. */
function assertCanManage(assessment: AssessmentRow, userId: string, role: Parameters<typeof hasRole>[0]) {
  if (assessment.startedByUserId !== userId && !hasRole(role, 'admin')) throw userError('FORBIDDEN', 'errors.onlyStarterOrAdmin');
}

/** Who is asked, who has voted, and who can still vote: what the completion rule needs. */
async function voterStates(tx: Tx, assessmentId: string) {
  return (
    tx
      .select({
        userId: assessmentVoters.userId,
        name: users.name,
        role: memberships.role,
        votedAt: votes.createdAt,
      })
      .from(assessmentVoters)
      .leftJoin(users, eq(users.id, assessmentVoters.userId))
      // Only a current membership counts: someone who left can no longer vote (but keeps their name).
      .leftJoin(memberships, and(eq(memberships.userId, assessmentVoters.userId), isNull(memberships.removedAt)))
      .leftJoin(votes, and(eq(votes.assessmentId, assessmentVoters.assessmentId), eq(votes.voterUserId, assessmentVoters.userId)))
      .where(eq(assessmentVoters.assessmentId, assessmentId))
      .orderBy(asc(assessmentVoters.createdAt), asc(users.name))
  );
}

const canVoteWithRole = (role: string | null) => role !== null && (VOTING_ROLES as readonly string[]).includes(role);

/** The votes of some assessments with the voters' names, in one query. */
async function votesOf(tx: Tx, assessmentIds: string[]) {
  if (assessmentIds.length === 0) return [];
  return tx
    .select({
      id: votes.id,
      assessmentId: votes.assessmentId,
      voterUserId: votes.voterUserId,
      voterName: users.name,
      level: votes.level,
      rationale: votes.rationale,
      evidence: votes.evidence,
      createdAt: votes.createdAt,
    })
    .from(votes)
    .leftJoin(users, eq(users.id, votes.voterUserId))
    .where(inArray(votes.assessmentId, assessmentIds))
    .orderBy(asc(votes.createdAt));
}

async function markRevealed(tx: Tx, assessment: AssessmentRow, orgId: string, actorUserId: string, automatic: boolean, voteCount: number) {
  await tx.update(assessments).set({ status: 'revealed', revealedAt: new Date() }).where(eq(assessments.id, assessment.id));
  await recordAudit(tx, {
    orgId,
    actorUserId,
    action: 'assessment.revealed',
    entityType: 'assessment',
    entityId: assessment.id,
    accountId: assessment.accountId,
    before: { status: assessment.status },
    after: { status: 'revealed', automatic, voteCount },
  });
  await publishAccountEvent(tx, orgId, {
    type: 'assessment.revealed',
    accountId: assessment.accountId,
    assessmentId: assessment.id,
    actorUserId,
  });
}

const historyCursor = z.object({ closedAt: safeDateSchema, id: uuid });

export const assessmentRouter = router({
  /** The members a starter can ask, with the default selection: the account's owner and its followers. */
  candidates: accountProcedure('member').query(async ({ ctx }) => {
    const { account } = ctx;
    const members = await votingMembers(ctx.tx, account.id, account.ownerUserId);
    // The starter always votes, so they are part of the default selection too.
    return members.map((m) => ({ ...m, suggested: m.suggested || m.userId === ctx.user.id }));
  }),

  /**
   * Starts a round on an account. `voterUserIds` chooses who is asked; without it the account's
   * owner and followers are asked. The starter is always asked. One open round per account.
   */
  start: accountProcedure('member')
    .input(
      z.object({
        voterUserIds: z.array(uuid).max(200, { error: 'validation.invalid' }).optional(),
        blind: z.boolean().default(true),
      }),
    )
    .mutation(({ ctx, input }) =>
      startAssessment(ctx.tx, {
        orgId: ctx.org.id,
        userId: ctx.user.id,
        account: ctx.account,
        voterUserIds: input.voterUserIds,
        blind: input.blind,
      }),
    ),

  /**
   * Starts a round, asking each account's owner and followers, on every listed account that has
   * none open (a list from the dashboard): how many were started, and how many were skipped because
   * a round was already open or the account is no longer active. One transaction.
   */
  startMany: orgProcedure('member')
    .input(
      z.object({
        accountIds: z.array(uuid).min(1).max(MAX_BULK_ASSESSMENTS, { error: 'validation.invalid' }),
        blind: z.boolean().default(true),
      }),
    )
    .mutation(({ ctx, input }) =>
      startAssessments(ctx.tx, { orgId: ctx.org.id, userId: ctx.user.id, accountIds: input.accountIds, blind: input.blind }),
    ),

  /**
   * The account's round in progress, or null. While a blind round is open, each voter shows
   * only whether they have voted; the caller sees their own vote and nobody else's.
   */
  current: accountProcedure('viewer').query(async ({ ctx }) => {
    const [assessment] = await ctx.tx
      .select({
        id: assessments.id,
        accountId: assessments.accountId,
        status: assessments.status,
        blind: assessments.blind,
        startedByUserId: assessments.startedByUserId,
        startedByName: starter.name,
        revealedAt: assessments.revealedAt,
        createdAt: assessments.createdAt,
      })
      .from(assessments)
      .leftJoin(starter, eq(starter.id, assessments.startedByUserId))
      .where(and(eq(assessments.accountId, ctx.account.id), ne(assessments.status, 'closed')));
    if (!assessment) return null;

    const [voters, allVotes] = [await voterStates(ctx.tx, assessment.id), await votesOf(ctx.tx, [assessment.id])];
    const visible = visibleVotes(assessment, allVotes, ctx.user.id);
    const revealed = votesAreVisible(assessment);
    const myVote = allVotes.find((v) => v.voterUserId === ctx.user.id) ?? null;
    const viewerCanVote = hasRole(ctx.membership.role, 'member');
    return {
      id: assessment.id,
      accountId: assessment.accountId,
      status: assessment.status,
      blind: assessment.blind,
      startedBy: { userId: assessment.startedByUserId, name: assessment.startedByName },
      createdAt: assessment.createdAt,
      revealedAt: assessment.revealedAt,
      votesVisible: revealed,
      voters: voters.map((v) => ({
        userId: v.userId,
        name: v.name,
        hasVoted: v.votedAt !== null,
        votedAt: v.votedAt,
        canVote: canVoteWithRole(v.role),
      })),
      votes: visible.map(({ assessmentId: _a, ...vote }) => vote),
      voteCount: allVotes.length,
      myVote: myVote ? { level: myVote.level, rationale: myVote.rationale, evidence: myVote.evidence, createdAt: myVote.createdAt } : null,
      summary: revealed ? summarizeVotes(allVotes.map((v) => v.level)) : null,
      viewer: {
        userId: ctx.user.id,
        hasVoted: myVote !== null,
        canVote: viewerCanVote && myVote === null,
        isAsked: voters.some((v) => v.userId === ctx.user.id),
        canManage: viewerCanVote && (assessment.startedByUserId === ctx.user.id || hasRole(ctx.membership.role, 'admin')),
      },
    };
  }),

  /** Closed rounds of an account, newest first, with every vote (closed rounds are always revealed). */
  list: accountProcedure('viewer')
    .input(z.object({ cursor: historyCursor.nullish(), limit: z.number().int().min(1).max(50).default(10) }))
    .query(async ({ ctx, input }) => {
      const cursor = input.cursor;
      const rows = await ctx.tx
        .select({
          id: assessments.id,
          blind: assessments.blind,
          createdAt: assessments.createdAt,
          closedAt: assessments.closedAt,
          teamLevel: assessments.teamLevel,
          closeReason: assessments.closeReason,
          startedByName: starter.name,
          closedByName: closer.name,
        })
        .from(assessments)
        .leftJoin(starter, eq(starter.id, assessments.startedByUserId))
        .leftJoin(closer, eq(closer.id, assessments.closedByUserId))
        .where(
          and(
            eq(assessments.accountId, ctx.account.id),
            eq(assessments.status, 'closed'),
            cursor
              ? or(lt(assessments.closedAt, cursor.closedAt), and(eq(assessments.closedAt, cursor.closedAt), lt(assessments.id, cursor.id)))
              : undefined,
          ),
        )
        .orderBy(desc(assessments.closedAt), desc(assessments.id))
        .limit(input.limit + 1);
      const page = rows.slice(0, input.limit);
      const pageVotes = await votesOf(
        ctx.tx,
        page.map((r) => r.id),
      );
      const last = page.at(-1);
      return {
        items: page.map((row) => {
          const own = pageVotes.filter((v) => v.assessmentId === row.id).map(({ assessmentId: _a, ...vote }) => vote);
          return { ...row, closedAt: row.closedAt!, votes: own, summary: summarizeVotes(own.map((v) => v.level)) };
        }),
        nextCursor: rows.length > input.limit && last ? { closedAt: last.closedAt!, id: last.id } : null,
      };
    }),

  /**
   * Casts the caller's vote. Anyone with the member role may vote, asked or not (voting is
   * joining). When everyone asked has voted, a blind round reveals itself.
   */
  vote: orgProcedure('member')
    .input(
      assessmentIdInput.extend({
        level: levelSchema,
        rationale: safeText({ error: 'validation.rationaleRequired' })
          .trim()
          .min(1, { error: 'validation.rationaleRequired' })
          .max(RATIONALE_MAX, { error: 'validation.rationaleTooLong' }),
        evidence: z.array(uuid).max(100, { error: 'validation.invalid' }).default([]),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const assessment = await lockAssessment(ctx.tx, input.assessmentId);
      assertOpen(assessment);

      const evidence = [...new Set(input.evidence)];
      if (evidence.length > 0) {
        // Row-level security hides other organizations' signals, so a foreign id simply is not found.
        const found = await ctx.tx
          .select({ id: levelSignals.id })
          .from(levelSignals)
          .where(and(inArray(levelSignals.id, evidence), isNull(levelSignals.retiredAt)));
        if (found.length !== evidence.length) throw userError('BAD_REQUEST', 'errors.evidenceInvalid');
      }

      const [already] = await ctx.tx
        .select({ id: votes.id })
        .from(votes)
        .where(and(eq(votes.assessmentId, assessment.id), eq(votes.voterUserId, ctx.user.id)));
      if (already) throw userError('CONFLICT', 'errors.alreadyVoted');

      await ctx.tx
        .insert(assessmentVoters)
        .values({ orgId: ctx.org.id, assessmentId: assessment.id, userId: ctx.user.id })
        .onConflictDoNothing();
      let voteId: string;
      try {
        const [row] = await ctx.tx
          .insert(votes)
          .values({
            orgId: ctx.org.id,
            assessmentId: assessment.id,
            voterUserId: ctx.user.id,
            level: input.level,
            rationale: input.rationale,
            evidence,
          })
          .returning({ id: votes.id });
        voteId = row!.id;
      } catch (error) {
        if (isUniqueViolation(error)) throw userError('CONFLICT', 'errors.alreadyVoted');
        throw error;
      }
      // The level stays out of the audit trail: the activity feed must not reveal a blind vote.
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: 'assessment.voted',
        entityType: 'vote',
        entityId: voteId,
        accountId: assessment.accountId,
        after: { assessmentId: assessment.id },
      });
      await publishAccountEvent(ctx.tx, ctx.org.id, {
        type: 'vote.cast',
        accountId: assessment.accountId,
        assessmentId: assessment.id,
        actorUserId: ctx.user.id,
      });

      let revealed = assessment.status === 'revealed';
      if (assessment.status === 'open') {
        const voters = await voterStates(ctx.tx, assessment.id);
        const complete = everyoneAskedHasVoted(
          voters.map((v) => ({ userId: v.userId, canVote: canVoteWithRole(v.role) })),
          voters.filter((v) => v.votedAt !== null).map((v) => v.userId),
        );
        if (complete) {
          await markRevealed(ctx.tx, assessment, ctx.org.id, ctx.user.id, true, voters.filter((v) => v.votedAt !== null).length);
          revealed = true;
        }
      }
      return { id: voteId, revealed };
    }),

  /** Shows every vote to everyone. The starter or an admin decides when. */
  reveal: orgProcedure('member')
    .input(assessmentIdInput)
    .mutation(async ({ ctx, input }) => {
      const assessment = await lockAssessment(ctx.tx, input.assessmentId);
      assertOpen(assessment);
      assertCanManage(assessment, ctx.user.id, ctx.membership.role);
      if (assessment.status === 'revealed') return { status: 'revealed' as const };
      const [counted] = await ctx.tx
        .select({ n: sql<number>`count(*)::int` })
        .from(votes)
        .where(eq(votes.assessmentId, assessment.id));
      const voteCount = counted?.n ?? 0;
      if (voteCount === 0) throw userError('CONFLICT', 'errors.nothingToReveal');
      await markRevealed(ctx.tx, assessment, ctx.org.id, ctx.user.id, false, voteCount);
      return { status: 'revealed' as const };
    }),

  /**
   * Ends the round with the team level and appends it to the account's level history. The
   * level defaults to the median rounded down; another level needs a reason.
   */
  close: orgProcedure('member')
    .input(
      assessmentIdInput.extend({
        teamLevel: levelSchema,
        reason: safeText()
          .trim()
          .max(CLOSE_REASON_MAX, { error: 'validation.closeReasonTooLong' })
          .optional()
          .transform((value) => (value ? value : null)),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const assessment = await lockAssessment(ctx.tx, input.assessmentId);
      assertOpen(assessment);
      assertCanManage(assessment, ctx.user.id, ctx.membership.role);
      const levels = (await ctx.tx.select({ level: votes.level }).from(votes).where(eq(votes.assessmentId, assessment.id))).map(
        (v) => v.level,
      );
      if (levels.length === 0) throw userError('CONFLICT', 'errors.closeNeedsVotes');
      if (closeNeedsReason(input.teamLevel, levels) && !input.reason) throw userError('BAD_REQUEST', 'errors.closeReasonRequired');

      const summary = summarizeVotes(levels);
      const closedAt = new Date();
      await ctx.tx
        .update(assessments)
        .set({
          status: 'closed',
          // Closing shows every vote: a closed round has no secrets.
          revealedAt: assessment.revealedAt ?? closedAt,
          closedAt,
          closedByUserId: ctx.user.id,
          teamLevel: input.teamLevel,
          closeReason: input.reason,
        })
        .where(eq(assessments.id, assessment.id));
      const event = await appendLevelEvent(ctx.tx, {
        orgId: ctx.org.id,
        accountId: assessment.accountId,
        source: 'team',
        level: input.teamLevel,
        effectiveAt: closedAt,
        assessmentId: assessment.id,
        recordedByUserId: ctx.user.id,
        note: input.reason,
      });
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: 'assessment.closed',
        entityType: 'assessment',
        entityId: assessment.id,
        accountId: assessment.accountId,
        before: { status: assessment.status },
        after: {
          status: 'closed',
          teamLevel: input.teamLevel,
          median: summary.median,
          spread: summary.spread,
          voteCount: summary.count,
          reason: input.reason,
        },
      });
      await publishAccountEvent(ctx.tx, ctx.org.id, {
        type: 'assessment.closed',
        accountId: assessment.accountId,
        assessmentId: assessment.id,
        actorUserId: ctx.user.id,
      });
      return { teamLevel: input.teamLevel, levelEventId: event.id };
    }),

  /**
   * The account's level history, team and customer, oldest first, with what caused each event.
   * The newest `limit` events (plenty for years of quarterly rounds); `hasEarlier` says when older ones exist.
   */
  history: accountProcedure('viewer')
    .input(z.object({ limit: z.number().int().min(1).max(1000).default(500) }))
    .query(async ({ ctx, input }) => {
      const rows = await ctx.tx
        .select({
          id: levelEvents.id,
          source: levelEvents.source,
          level: levelEvents.level,
          effectiveAt: levelEvents.effectiveAt,
          assessmentId: levelEvents.assessmentId,
          contactId: levelEvents.contactId,
          contactName: contacts.name,
          recordedByName: recorder.name,
          note: levelEvents.note,
        })
        .from(levelEvents)
        .leftJoin(recorder, eq(recorder.id, levelEvents.recordedByUserId))
        .leftJoin(contacts, eq(contacts.id, levelEvents.contactId))
        .where(eq(levelEvents.accountId, ctx.account.id))
        .orderBy(desc(levelEvents.effectiveAt), desc(levelEvents.id))
        .limit(input.limit + 1);
      return { events: rows.slice(0, input.limit).reverse(), hasEarlier: rows.length > input.limit };
    }),

  /**
   * Live events of one account ({type, assessmentId}) while the page is open. Payloads carry
   * ids only: the page refetches through the procedures above, which apply every rule again.
   * With the age of the page's data, the stream starts with a catch-up if the account changed since.
   */
  onAccountEvent: orgSubscriptionProcedure('viewer')
    .input(accountIdInput.extend(dataAgeInput.shape))
    .subscription(async ({ ctx, input, signal }) => {
      await withOrg(ctx.db, ctx.org.id, (tx) => requireAccount(tx, input.accountId));
      const events = await accountEvents(ctx.db, ctx.org.id, input.accountId, signal, ctx.user.id, { dataAgeMs: input.dataAgeMs });
      return (async function* () {
        try {
          yield* events;
        } catch (error) {
          // Removed from the organization, or signed out everywhere, while the page was open:
          // the same answer a non-member gets, so the page stops showing the organization.
          if (error instanceof AccessEndedError) throw userError('NOT_FOUND', 'errors.orgNotFound');
          throw error;
        }
      })();
    }),
});
