import { describe, expect, it } from 'vitest';
import { combineCustomerAnswers, freshnessCutoff, linkStatus, needsReconfirmation } from '@/server/domain/customer-level';

const now = new Date('2026-11-29T12:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

describe('combining customer answers into the customer level', () => {
  it('takes the latest answer of each respondent, then the median rounded down', () => {
    const result = combineCustomerAnswers(
      [
        { respondentKey: 'buyer', level: 4, answeredAt: daysAgo(90) },
        { respondentKey: 'buyer', level: 2, answeredAt: daysAgo(10) }, // changed their mind: this counts
        { respondentKey: 'user', level: 4, answeredAt: daysAgo(20) },
      ],
      now,
      12,
    );
    expect(result).toEqual({ level: 3, spread: 2, respondents: 2, latestAt: daysAgo(10) });
  });

  it('ignores answers older than the freshness window', () => {
    const result = combineCustomerAnswers(
      [
        { respondentKey: 'old', level: 5, answeredAt: daysAgo(400) },
        { respondentKey: 'new', level: 2, answeredAt: daysAgo(5) },
      ],
      now,
      12,
    );
    expect(result).toMatchObject({ level: 2, respondents: 1, spread: 0 });
  });

  it('has no level when nothing is fresh', () => {
    expect(combineCustomerAnswers([{ respondentKey: 'a', level: 3, answeredAt: daysAgo(800) }], now, 12)).toEqual({
      level: null,
      spread: null,
      respondents: 0,
      latestAt: null,
    });
    expect(combineCustomerAnswers([], now, 12).level).toBeNull();
  });

  it('a shorter window drops answers a longer one keeps', () => {
    const answers = [{ respondentKey: 'a', level: 3, answeredAt: daysAgo(100) }];
    expect(combineCustomerAnswers(answers, now, 6).level).toBe(3);
    expect(combineCustomerAnswers(answers, now, 3).level).toBeNull();
  });
});

describe('link status', () => {
  const base = { expiresAt: daysAgo(-10), revokedAt: null, lastAnsweredAt: null, firstOpenedAt: null, sentAt: null };
  it('moves from created to sent, opened and answered', () => {
    expect(linkStatus(base, now)).toBe('created');
    expect(linkStatus({ ...base, sentAt: daysAgo(2) }, now)).toBe('sent');
    expect(linkStatus({ ...base, sentAt: daysAgo(2), firstOpenedAt: daysAgo(1) }, now)).toBe('opened');
    expect(linkStatus({ ...base, firstOpenedAt: daysAgo(1), lastAnsweredAt: daysAgo(1) }, now)).toBe('answered');
  });
  it('revoked and expired win over everything else', () => {
    expect(linkStatus({ ...base, lastAnsweredAt: daysAgo(1), revokedAt: daysAgo(0) }, now)).toBe('revoked');
    expect(linkStatus({ ...base, lastAnsweredAt: daysAgo(1), expiresAt: daysAgo(1) }, now)).toBe('expired');
  });
});

describe('the freshness window', () => {
  it('goes back whole calendar months, landing on the last day of a shorter month', () => {
    expect(freshnessCutoff(new Date('2026-05-31T10:00:00Z'), 3).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(freshnessCutoff(new Date('2028-05-31T10:00:00Z'), 3).toISOString()).toBe('2028-02-29T10:00:00.000Z');
    expect(freshnessCutoff(new Date('2026-11-29T12:00:00Z'), 12).toISOString()).toBe('2025-11-29T12:00:00.000Z');
    expect(freshnessCutoff(new Date('2026-01-15T00:00:00Z'), 1).toISOString()).toBe('2025-12-15T00:00:00.000Z');
  });

  it('an answer given exactly at the cutoff still counts; a moment earlier it does not', () => {
    const cutoff = freshnessCutoff(now, 12);
    expect(combineCustomerAnswers([{ respondentKey: 'a', level: 2, answeredAt: cutoff }], now, 12).level).toBe(2);
    expect(combineCustomerAnswers([{ respondentKey: 'a', level: 2, answeredAt: new Date(cutoff.getTime() - 1) }], now, 12).level).toBeNull();
  });

  it('asks for re-confirmation when there is no answer in the window, or none at all', () => {
    expect(needsReconfirmation(null, now, 12)).toBe(true);
    expect(needsReconfirmation(daysAgo(30), now, 12)).toBe(false);
    expect(needsReconfirmation(daysAgo(400), now, 12)).toBe(true);
    expect(needsReconfirmation(daysAgo(100), now, 3)).toBe(true);
  });

  it('the latest answer of a respondent counts even when it is lower, and an even count rounds the median down', () => {
    const result = combineCustomerAnswers(
      [
        { respondentKey: 'buyer', level: 2, answeredAt: daysAgo(3) },
        { respondentKey: 'user', level: 5, answeredAt: daysAgo(3) },
        { respondentKey: 'coach', level: 4, answeredAt: daysAgo(3) },
        { respondentKey: 'tech', level: 1, answeredAt: daysAgo(3) },
      ],
      now,
      12,
    );
    // Middle two are 2 and 4: median 3. With 2 and 5 in the middle it would be 3.5 → 3.
    expect(result).toMatchObject({ level: 3, spread: 4, respondents: 4 });
    expect(combineCustomerAnswers([{ respondentKey: 'a', level: 4, answeredAt: daysAgo(1) }, { respondentKey: 'b', level: 5, answeredAt: daysAgo(1) }], now, 12).level).toBe(4);
  });
});
