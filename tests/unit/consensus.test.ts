import { describe, expect, it } from 'vitest';
import {
  canSeeVote,
  closeNeedsReason,
  everyoneAskedHasVoted,
  summarizeVotes,
  votesAreVisible,
  visibleVotes,
} from '@/server/domain/consensus';

const ana = 'user-ana';
const bo = 'user-bo';
const cy = 'user-cy';
const votes = [
  { voterUserId: ana, level: 3 },
  { voterUserId: bo, level: 4 },
];

describe('who sees which votes when', () => {
  it('a blind round that is still open hides everyone else’s votes', () => {
    const open = { status: 'open', blind: true } as const;
    expect(votesAreVisible(open)).toBe(false);
    expect(visibleVotes(open, votes, ana)).toEqual([{ voterUserId: ana, level: 3 }]);
    expect(visibleVotes(open, votes, cy)).toEqual([]);
    expect(canSeeVote(open, bo, ana)).toBe(false);
    expect(canSeeVote(open, ana, ana)).toBe(true);
  });

  it('after reveal, and once closed, everyone sees every vote', () => {
    for (const status of ['revealed', 'closed'] as const) {
      expect(votesAreVisible({ status, blind: true })).toBe(true);
      expect(visibleVotes({ status, blind: true }, votes, cy)).toEqual(votes);
    }
  });

  it('a round started without blind voting shows votes as they arrive', () => {
    expect(votesAreVisible({ status: 'open', blind: false })).toBe(true);
    expect(visibleVotes({ status: 'open', blind: false }, votes, cy)).toHaveLength(2);
  });
});

describe('everyoneAskedHasVoted: when a blind round reveals itself', () => {
  const asked = [
    { userId: ana, canVote: true },
    { userId: bo, canVote: true },
  ];

  it('waits for every person asked', () => {
    expect(everyoneAskedHasVoted(asked, [ana])).toBe(false);
    expect(everyoneAskedHasVoted(asked, [ana, bo])).toBe(true);
  });

  it('someone who joined without being asked does not complete the round', () => {
    expect(everyoneAskedHasVoted(asked, [ana, cy])).toBe(false);
  });

  it('does not wait for someone who can no longer vote (left, or became a viewer)', () => {
    expect(everyoneAskedHasVoted([...asked, { userId: cy, canVote: false }], [ana, bo])).toBe(true);
  });

  it('is never complete without a single vote', () => {
    expect(everyoneAskedHasVoted([], [])).toBe(false);
    expect(everyoneAskedHasVoted([{ userId: cy, canVote: false }], [])).toBe(false);
  });
});

describe('summarizeVotes: count, median, spread and distribution', () => {
  it('summarises an odd number of votes', () => {
    expect(summarizeVotes([4, 2, 3])).toEqual({
      count: 3,
      median: 3,
      spread: 2,
      suggestedTeamLevel: 3,
      distribution: { 1: 0, 2: 1, 3: 1, 4: 1, 5: 0 },
    });
  });

  it('with an even count the median falls between two levels and the suggestion rounds down', () => {
    const summary = summarizeVotes([2, 3, 3, 4, 5, 5]);
    expect(summary.median).toBe(3.5);
    expect(summary.suggestedTeamLevel).toBe(3);
    expect(summary.spread).toBe(3);
    expect(summary.distribution).toEqual({ 1: 0, 2: 1, 3: 2, 4: 1, 5: 2 });
  });

  it('agreement has spread 0', () => {
    expect(summarizeVotes([4, 4, 4])).toMatchObject({ count: 3, median: 4, spread: 0, suggestedTeamLevel: 4 });
  });

  it('no votes: nothing to summarise, every level at zero', () => {
    expect(summarizeVotes([])).toEqual({
      count: 0,
      median: null,
      spread: null,
      suggestedTeamLevel: null,
      distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 },
    });
  });
});

describe('closeNeedsReason', () => {
  it('no reason is needed when the team level is the suggestion (median rounded down)', () => {
    expect(closeNeedsReason(3, [3, 4])).toBe(false);
    expect(closeNeedsReason(4, [4])).toBe(false);
  });

  it('any other level needs a reason, up or down', () => {
    expect(closeNeedsReason(4, [3, 4])).toBe(true);
    expect(closeNeedsReason(2, [3, 3, 4])).toBe(true);
  });
});
