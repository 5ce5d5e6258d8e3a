import { describe, expect, it } from 'vitest';
import { combineCustomerAnswers, linkStatus } from '@/server/domain/customer-level';

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
