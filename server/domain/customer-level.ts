import { median, spread } from './levels';

/** One answer as the combination needs it: who answered (a contact, or an unnamed link), what, when. */
export interface CustomerAnswer {
  respondentKey: string;
  level: number;
  answeredAt: Date;
}

export interface CustomerLevel {
  /** The median of the latest fresh answer of each respondent, rounded down; null without fresh answers. */
  level: number | null;
  spread: number | null;
  respondents: number;
  /** When the newest answer that counts was given. */
  latestAt: Date | null;
}

/**
 * The date before which an answer no longer counts: `freshnessMonths` calendar months before
 * `now`. A day the earlier month lacks falls on that month's last day (31 May minus 3 months is
 * 28 or 29 February, not 3 March), as in PostgreSQL's `now() - interval 'n months'`.
 */
export function freshnessCutoff(now: Date, freshnessMonths: number): Date {
  const cutoff = new Date(now);
  const day = cutoff.getUTCDate();
  cutoff.setUTCDate(1);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - freshnessMonths);
  const lastDay = new Date(Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth() + 1, 0)).getUTCDate();
  cutoff.setUTCDate(Math.min(day, lastDay));
  return cutoff;
}

/**
 * The customer's confirmation has gone stale: no answer within the freshness window (or none
 * at all), so the account should be confirmed again.
 */
export function needsReconfirmation(latestFreshAnswerAt: Date | null, now: Date, freshnessMonths: number): boolean {
  return latestFreshAnswerAt === null || latestFreshAnswerAt < freshnessCutoff(now, freshnessMonths);
}

/**
 * The customer decides, but a customer is several people: each respondent's latest answer
 * counts once, answers older than the freshness window do not count, and the level is their
 * median, rounded down (the cautious reading, as for the team level). The spread shows when the
 * economic buyer and the user see the relationship differently.
 */
export function combineCustomerAnswers(answers: readonly CustomerAnswer[], now: Date, freshnessMonths: number): CustomerLevel {
  const cutoff = freshnessCutoff(now, freshnessMonths);
  const latest = new Map<string, CustomerAnswer>();
  for (const answer of answers) {
    const current = latest.get(answer.respondentKey);
    if (!current || answer.answeredAt > current.answeredAt) latest.set(answer.respondentKey, answer);
  }
  const counted = [...latest.values()].filter((a) => a.answeredAt >= cutoff && a.answeredAt <= now);
  const levels = counted.map((a) => a.level);
  const m = median(levels);
  return {
    level: m === null ? null : Math.floor(m),
    spread: spread(levels),
    respondents: counted.length,
    latestAt: counted.reduce<Date | null>((acc, a) => (acc && acc > a.answeredAt ? acc : a.answeredAt), null),
  };
}

export type LinkStatus = 'created' | 'sent' | 'opened' | 'answered' | 'expired' | 'revoked';

/** Where a confirmation link stands, most final state first. */
export function linkStatus(
  link: { expiresAt: Date; revokedAt: Date | null; lastAnsweredAt: Date | null; firstOpenedAt: Date | null; sentAt: Date | null },
  now: Date = new Date(),
): LinkStatus {
  if (link.revokedAt) return 'revoked';
  if (link.expiresAt <= now) return 'expired';
  if (link.lastAnsweredAt) return 'answered';
  if (link.firstOpenedAt) return 'opened';
  if (link.sentAt) return 'sent';
  return 'created';
}

export const LINK_DEFAULT_DAYS = 30;
export const LINK_MAX_DAYS = 180;
/** A contact is not asked again within this many days, unless a member overrides it. */
export const ASK_AGAIN_AFTER_DAYS = 30;
/** How long a customer's answer counts unless an admin changes it. */
export const DEFAULT_FRESHNESS_MONTHS = 12;
export const MIN_FRESHNESS_MONTHS = 1;
export const MAX_FRESHNESS_MONTHS = 36;
