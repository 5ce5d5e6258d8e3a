import 'server-only';
import { TRPCError } from '@trpc/server';
import { and, asc, eq, exists, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { accountFollowers, accounts, assessments, assessmentVoters, memberships, users } from '@/db/schema';
import { VOTING_ROLES } from '../domain/consensus';
import { isUniqueViolation, userError } from '../api/errors';
import { publishAccountEvent } from '../runtime/events';
import { recordAudit } from './audit';

/*
 * Starting a team assessment: one account at a time from its page, or many at once from a list of
 * accounts on the dashboard. Both go through startAssessment, so the rules (one open round per
 * account, who is asked, the audit entry and the live event) are the same.
 */

/** Members who may vote (member, admin, owner), with whether the account's owner is them and whether they follow it. */
export async function votingMembers(tx: Tx, accountId: string, ownerUserId: string | null) {
  const follows = tx
    .select({ one: sql`1` })
    .from(accountFollowers)
    .where(and(eq(accountFollowers.accountId, accountId), eq(accountFollowers.userId, memberships.userId)));
  const rows = await tx
    .select({
      userId: memberships.userId,
      name: users.name,
      email: users.email,
      role: memberships.role,
      isFollower: exists(follows),
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(inArray(memberships.role, [...VOTING_ROLES]), isNull(memberships.removedAt)))
    .orderBy(asc(users.name));
  return rows.map((row) => {
    const isOwner = row.userId === ownerUserId;
    return { ...row, isOwner, suggested: isOwner || row.isFollower };
  });
}

interface StartAssessment {
  orgId: string;
  /** Who starts the round: always asked. */
  userId: string;
  account: { id: string; ownerUserId: string | null; archivedAt: Date | null };
  /** Who is asked; without it the account's owner and followers. */
  voterUserIds?: string[];
  blind: boolean;
}

/**
 * Starts a round on an account of the transaction's organization. `voterUserIds` chooses who is
 * asked; without it the account's owner and followers are asked. The starter is always asked.
 * One open round per account: CONFLICT when there is one.
 */
export async function startAssessment(tx: Tx, input: StartAssessment): Promise<{ id: string }> {
  const { account, orgId, userId } = input;
  if (account.archivedAt) throw userError('CONFLICT', 'errors.assessmentAccountArchived');
  const members = await votingMembers(tx, account.id, account.ownerUserId);
  const eligible = new Set(members.map((m) => m.userId));
  let asked: string[];
  if (input.voterUserIds) {
    const chosen = [...new Set(input.voterUserIds)];
    if (chosen.some((id) => !eligible.has(id))) throw userError('BAD_REQUEST', 'errors.voterNotEligible');
    asked = chosen;
  } else {
    asked = members.filter((m) => m.suggested).map((m) => m.userId);
  }
  asked = [...new Set([userId, ...asked])];

  const [open] = await tx
    .select({ id: assessments.id })
    .from(assessments)
    .where(and(eq(assessments.accountId, account.id), ne(assessments.status, 'closed')));
  if (open) throw userError('CONFLICT', 'errors.assessmentAlreadyOpen');

  let assessmentId: string;
  try {
    const [row] = await tx
      .insert(assessments)
      .values({ orgId, accountId: account.id, blind: input.blind, startedByUserId: userId })
      .returning({ id: assessments.id });
    assessmentId = row!.id;
  } catch (error) {
    // Two people starting at the same moment: the partial unique index lets one through.
    if (isUniqueViolation(error)) throw userError('CONFLICT', 'errors.assessmentAlreadyOpen');
    throw error;
  }
  await tx.insert(assessmentVoters).values(asked.map((voter) => ({ orgId, assessmentId, userId: voter })));
  await recordAudit(tx, {
    orgId,
    actorUserId: userId,
    action: 'assessment.started',
    entityType: 'assessment',
    entityId: assessmentId,
    accountId: account.id,
    after: { blind: input.blind, voterUserIds: asked },
  });
  await publishAccountEvent(tx, orgId, { type: 'assessment.started', accountId: account.id, assessmentId, actorUserId: userId });
  return { id: assessmentId };
}

/** At most this many accounts in one go (the largest of a longer list are sent). */
export const MAX_BULK_ASSESSMENTS = 500;

export interface BulkStartResult {
  started: number;
  /** Accounts that already had a round open. */
  alreadyOpen: number;
  /** Ids that are no active account of the organization (archived since, or not the organization's). */
  unavailable: number;
}

/**
 * Starts a round, asking each account's owner and followers, on every listed account of the
 * organization that has none open; the others are counted, not refused. All in the caller's
 * transaction: a failure starts none. An account that gets a round from someone else meanwhile
 * counts as already open (its insert runs in a savepoint).
 */
export async function startAssessments(
  tx: Tx,
  input: { orgId: string; userId: string; accountIds: string[]; blind: boolean },
): Promise<BulkStartResult> {
  const ids = [...new Set(input.accountIds)];
  const rows = ids.length
    ? await tx
        .select({
          id: accounts.id,
          ownerUserId: accounts.ownerUserId,
          archivedAt: accounts.archivedAt,
          open: exists(
            tx
              .select({ one: sql`1` })
              .from(assessments)
              .where(and(eq(assessments.orgId, accounts.orgId), eq(assessments.accountId, accounts.id), ne(assessments.status, 'closed'))),
          ),
        })
        .from(accounts)
        .where(and(eq(accounts.orgId, input.orgId), inArray(accounts.id, ids), isNull(accounts.archivedAt)))
        .orderBy(asc(accounts.id))
    : [];
  const result: BulkStartResult = { started: 0, alreadyOpen: 0, unavailable: ids.length - rows.length };
  for (const account of rows) {
    if (account.open) {
      result.alreadyOpen++;
      continue;
    }
    try {
      await tx.transaction((savepoint) =>
        startAssessment(savepoint, { orgId: input.orgId, userId: input.userId, account, blind: input.blind }),
      );
      result.started++;
    } catch (error) {
      if (error instanceof TRPCError && error.code === 'CONFLICT') result.alreadyOpen++;
      else throw error;
    }
  }
  return result;
}
