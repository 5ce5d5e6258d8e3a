/*
 * Confirmation campaigns: the rules that need no database. Which contacts are asked, and the
 * order in which a skipped contact's reason is decided, live here so the preview and the start of
 * a campaign can never disagree.
 */

export const DEFAULT_QUIET_DAYS = 30;
export const MIN_QUIET_DAYS = 0;
export const MAX_QUIET_DAYS = 365;

export const DEFAULT_REMINDERS = 1;
export const MAX_REMINDERS = 5;
export const DEFAULT_REMINDER_DAYS = 5;
export const MAX_REMINDER_DAYS = 60;
/** One campaign asks at most this many people: beyond it, narrow the filters. */
export const MAX_CAMPAIGN_CONTACTS = 20_000;

export { BUYING_ROLES, type BuyingRole } from './accounts';

export const SKIP_REASONS = ['accountArchived', 'contactArchived', 'noEmail', 'askedRecently'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export interface Candidate {
  accountArchived: boolean;
  contactArchived: boolean;
  email: string | null;
  /** A link to this contact was created within the quiet period (and not withdrawn unanswered). */
  askedRecently: boolean;
}

/** Why a contact is not asked, the first reason that applies; null: ask. */
export function skipReason(candidate: Candidate): SkipReason | null {
  if (candidate.accountArchived) return 'accountArchived';
  if (candidate.contactArchived) return 'contactArchived';
  if (!candidate.email?.trim()) return 'noEmail';
  if (candidate.askedRecently) return 'askedRecently';
  return null;
}

/** The language of a contact's link: their own where the campaign follows it and they have one. */
export function linkLanguage(mode: 'contact' | 'fixed', fallback: 'en' | 'sv', contactLanguage: string | null): 'en' | 'sv' {
  if (mode === 'contact' && (contactLanguage === 'en' || contactLanguage === 'sv')) return contactLanguage;
  return fallback;
}

export type CampaignContactStatus = 'queued' | 'sent' | 'failed' | 'opened' | 'answered' | 'revoked' | 'expired' | 'cancelled';

/** Where one asked contact stands, the most telling state first. */
export function campaignContactStatus(
  link: { lastAnsweredAt: Date | null; firstOpenedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  first: { status: 'queued' | 'sent' | 'failed' | 'cancelled' },
  now: Date,
): CampaignContactStatus {
  if (link.lastAnsweredAt) return 'answered';
  if (link.revokedAt) return 'revoked';
  if (link.firstOpenedAt) return 'opened';
  if (link.expiresAt <= now) return 'expired';
  return first.status;
}

/** Share of asked contacts who answered, 0 to 1; null before anyone was asked. */
export function responseRate(asked: number, answered: number): number | null {
  return asked > 0 ? answered / asked : null;
}
