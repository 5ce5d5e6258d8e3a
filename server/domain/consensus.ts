import { LEVELS, median, spread, suggestedTeamLevel, type Level } from './levels';

/*
 * The rules of a team assessment that do not need a database: who may see which votes when,
 * when a round is complete, and what the votes add up to. The router applies them; the
 * UI only mirrors what the server already decided.
 */

/** Roles that may vote; viewers read along but never vote. */
export const VOTING_ROLES = ['member', 'admin', 'owner'] as const;
/** Longest rationale a voter may write (characters). */
export const RATIONALE_MAX = 2000;
/** Longest reason for closing at another level than the suggestion (characters). */
export const CLOSE_REASON_MAX = 500;
/** Longest label of an evidence signal (characters). */
export const SIGNAL_LABEL_MAX = 200;

type AssessmentStatus = 'open' | 'revealed' | 'closed';

export interface AssessmentVisibility {
  status: AssessmentStatus;
  blind: boolean;
}

/**
 * Whether everyone may see every vote. A blind round keeps levels and rationales hidden while
 * it is open, so nobody anchors on the first number; an open (non-blind) round, a revealed one
 * and a closed one show everything.
 */
export function votesAreVisible(assessment: AssessmentVisibility): boolean {
  return !assessment.blind || assessment.status !== 'open';
}

/** Whether `viewerUserId` may read the content (level, rationale, evidence) of a vote by `voterUserId`. */
export function canSeeVote(assessment: AssessmentVisibility, voterUserId: string, viewerUserId: string): boolean {
  return voterUserId === viewerUserId || votesAreVisible(assessment);
}

/** The votes whose content the viewer may read: all of them after reveal, otherwise only their own. */
export function visibleVotes<V extends { voterUserId: string }>(
  assessment: AssessmentVisibility,
  votes: readonly V[],
  viewerUserId: string,
): V[] {
  return votes.filter((vote) => canSeeVote(assessment, vote.voterUserId, viewerUserId));
}

/**
 * Whether everyone asked has voted, which reveals a blind round by itself. Only people who can
 * still vote count (a voter who left the organization or became a viewer can never finish the
 * round); a round with nobody left to wait for is complete once it has at least one vote.
 */
export function everyoneAskedHasVoted(
  voters: ReadonlyArray<{ userId: string; canVote: boolean }>,
  votedUserIds: Iterable<string>,
): boolean {
  const voted = new Set(votedUserIds);
  if (voted.size === 0) return false;
  return voters.every((voter) => !voter.canVote || voted.has(voter.userId));
}

export interface VoteSummary {
  count: number;
  /** With an even count, may fall between two levels (2.5). */
  median: number | null;
  /** Highest minus lowest: 0 means everyone agrees. */
  spread: number | null;
  /** The median rounded down: what the close form starts from. */
  suggestedTeamLevel: Level | null;
  /** How many votes each level got, for every level 1 to 5 (zeros included). */
  distribution: Record<Level, number>;
}

export function summarizeVotes(levels: readonly number[]): VoteSummary {
  const distribution = Object.fromEntries(LEVELS.map((level) => [level, 0])) as Record<Level, number>;
  for (const level of levels) {
    if (level in distribution) distribution[level as Level] += 1;
  }
  return {
    count: levels.length,
    median: median(levels),
    spread: spread(levels),
    suggestedTeamLevel: suggestedTeamLevel(levels),
    distribution,
  };
}

/**
 * A team may settle on another level than the votes suggest, but then it says why: the reason
 * is the record a later reader needs to trust the history.
 */
export function closeNeedsReason(teamLevel: number, levels: readonly number[]): boolean {
  const suggested = suggestedTeamLevel(levels);
  return suggested !== null && teamLevel !== suggested;
}
