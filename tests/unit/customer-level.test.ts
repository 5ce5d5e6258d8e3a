import { describe, expect, it } from 'vitest';
import { answerExpiresAt, customerLevelAt, linkStatus, needsReconfirmation } from '@/server/domain/customer-level';

const now = new Date('2026-11-29T12:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

describe('combining customer answers into the customer level', () => {
  it('takes the latest answer of each respondent, then the median rounded down', () => {
    const result = customerLevelAt(
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
    const result = customerLevelAt(
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
    expect(customerLevelAt([{ respondentKey: 'a', level: 3, answeredAt: daysAgo(800) }], now, 12)).toEqual({
      level: null,
      spread: null,
      respondents: 0,
      latestAt: null,
    });
    expect(customerLevelAt([], now, 12).level).toBeNull();
  });

  it('a shorter window drops answers a longer one keeps', () => {
    const answers = [{ respondentKey: 'a', level: 3, answeredAt: daysAgo(100) }];
    expect(customerLevelAt(answers, now, 6).level).toBe(3);
    expect(customerLevelAt(answers, now, 3).level).toBeNull();
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
  it('ends at 00:00 UTC of the answer day plus whole calendar months, on the last day of a shorter month', () => {
    expect(answerExpiresAt(new Date('2026-01-31T10:00:00Z'), 1).toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(answerExpiresAt(new Date('2027-11-30T23:59:00Z'), 3).toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(answerExpiresAt(new Date('2025-11-29T12:00:00Z'), 12).toISOString()).toBe('2026-11-29T00:00:00.000Z');
    expect(answerExpiresAt(new Date('2025-12-15T00:00:00Z'), 1).toISOString()).toBe('2026-01-15T00:00:00.000Z');
    expect(answerExpiresAt(new Date('2026-10-31T08:00:00Z'), 36).toISOString()).toBe('2029-10-31T00:00:00.000Z');
  });

  it('an answer counts up to the instant before it expires, then not', () => {
    const answeredAt = new Date('2025-11-29T15:30:00Z');
    const answers = [{ respondentKey: 'a', level: 2, answeredAt }];
    const expires = answerExpiresAt(answeredAt, 12);
    expect(customerLevelAt(answers, new Date(expires.getTime() - 1), 12).level).toBe(2);
    expect(customerLevelAt(answers, expires, 12).level).toBeNull();
    // Not before it was given.
    expect(customerLevelAt(answers, new Date(answeredAt.getTime() - 1), 12).level).toBeNull();
    expect(customerLevelAt(answers, answeredAt, 12).level).toBe(2);
  });

  it('asks for re-confirmation when no answer counts', () => {
    expect(needsReconfirmation(null)).toBe(true);
    expect(needsReconfirmation(daysAgo(30))).toBe(false);
  });

  it('the latest answer of a respondent counts even when it is lower, and an even count rounds the median down', () => {
    const result = customerLevelAt(
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
    expect(
      customerLevelAt(
        [
          { respondentKey: 'a', level: 4, answeredAt: daysAgo(1) },
          { respondentKey: 'b', level: 5, answeredAt: daysAgo(1) },
        ],
        now,
        12,
      ).level,
    ).toBe(4);
  });
});
