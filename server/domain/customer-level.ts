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
 * How long one answer counts. An answer given on UTC day A counts on the days A up to, not
 * including, A plus the window in calendar months (a day the later month lacks falls on its last
 * day: 31 January plus one month is 28 or 29 February). So it stops counting at 00:00 UTC of that
 * day, which is known the moment the answer is given. Day-granular on purpose: the level on day D
 * (the state at the end of D) and the level "now" (any instant during D) are the same.
 */
export function answerExpiresAt(answeredAt: Date, freshnessMonths: number): Date {
  const year = answeredAt.getUTCFullYear();
  const month = answeredAt.getUTCMonth() + freshnessMonths;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(answeredAt.getUTCDate(), lastDay)));
}

/**
 * THE definition of the customer level, the oracle every stored run and every reader is tested
 * against. At an instant t, each stakeholder's latest answer given at or before t counts while
 * it is fresh (t before its answerExpiresAt); the customer level is the median of those answers,
 * rounded down (the cautious reading, as for the team level), or none when no answer counts.
 * Answers at the same instant from one stakeholder: the later in `answers` order wins (callers
 * pass them ordered by time, then id). The spread shows when stakeholders see the relationship
 * differently.
 */
export function customerLevelAt(answers: readonly CustomerAnswer[], at: Date, freshnessMonths: number): CustomerLevel {
  const latest = new Map<string, CustomerAnswer>();
  for (const answer of answers) {
    if (answer.answeredAt.getTime() > at.getTime()) continue;
    const current = latest.get(answer.respondentKey);
    if (!current || answer.answeredAt.getTime() >= current.answeredAt.getTime()) latest.set(answer.respondentKey, answer);
  }
  const counted = [...latest.values()].filter((a) => at.getTime() < answerExpiresAt(a.answeredAt, freshnessMonths).getTime());
  const levels = counted.map((a) => a.level);
  const m = median(levels);
  return {
    level: m === null ? null : Math.floor(m),
    spread: spread(levels),
    respondents: counted.length,
    latestAt: counted.reduce<Date | null>((acc, a) => (acc && acc > a.answeredAt ? acc : a.answeredAt), null),
  };
}

/** The customer level on a UTC day: the state at the end of the day (its last instant). */
export function customerLevelOnDay(answers: readonly CustomerAnswer[], day: string, freshnessMonths: number): number | null {
  const endOfDay = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000 - 1);
  return customerLevelAt(answers, endOfDay, freshnessMonths).level;
}

/**
 * One stretch of time with one customer level: from `startsAt` (inclusive) to `endsAt`
 * (exclusive; null: open-ended). `level` null is a stretch in which no answer is fresh.
 */
export interface CustomerLevelRun {
  startsAt: Date;
  endsAt: Date | null;
  level: number | null;
}

/**
 * The customer level as a step function: it can only change where an answer is given or where
 * one stops counting, so it is evaluated at those instants and equal neighbours are merged. The
 * runs are contiguous from the first answer on; the last one (no answer fresh) is open-ended.
 * The database keeps the same runs (server/services/customer-level-runs.ts builds them in SQL); tests
 * hold those against this function and customerLevelAt.
 */
export function customerLevelRuns(answers: readonly CustomerAnswer[], freshnessMonths: number): CustomerLevelRun[] {
  const breaks = new Set<number>();
  for (const answer of answers) {
    breaks.add(answer.answeredAt.getTime());
    breaks.add(answerExpiresAt(answer.answeredAt, freshnessMonths).getTime());
  }
  const instants = [...breaks].sort((a, b) => a - b);
  const runs: CustomerLevelRun[] = [];
  for (const instant of instants) {
    const level = customerLevelAt(answers, new Date(instant), freshnessMonths).level;
    const last = runs.at(-1);
    if (last && last.level === level) continue;
    if (last) last.endsAt = new Date(instant);
    runs.push({ startsAt: new Date(instant), endsAt: null, level });
  }
  return runs;
}

/**
 * The customer's confirmation has gone stale: no answer counts any more (or there never was
 * one), so the account should be confirmed again.
 */
export function needsReconfirmation(latestFreshAnswerAt: Date | null): boolean {
  return latestFreshAnswerAt === null;
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
/** How long a customer's answer counts unless an admin changes it. */
export const DEFAULT_FRESHNESS_MONTHS = 12;
export const MIN_FRESHNESS_MONTHS = 1;
export const MAX_FRESHNESS_MONTHS = 36;
