import { describe, expect, it } from 'vitest';
import { campaignContactStatus, linkLanguage, responseRate, skipReason } from '@/server/domain/campaigns';
import { backoffMs } from '@/server/services/jobs';

const askable = { accountArchived: false, contactArchived: false, email: 'a@b.example', askedRecently: false };

describe('skipReason', () => {
  it('asks a live contact with an email who was not asked lately', () => {
    expect(skipReason(askable)).toBeNull();
  });

  it('names the first reason that applies: archived account, archived contact, no email, asked recently', () => {
    expect(skipReason({ accountArchived: true, contactArchived: true, email: null, askedRecently: true })).toBe('accountArchived');
    expect(skipReason({ ...askable, contactArchived: true, email: null, askedRecently: true })).toBe('contactArchived');
    expect(skipReason({ ...askable, email: null, askedRecently: true })).toBe('noEmail');
    expect(skipReason({ ...askable, email: '   ' })).toBe('noEmail');
    expect(skipReason({ ...askable, askedRecently: true })).toBe('askedRecently');
  });
});

describe('linkLanguage', () => {
  it("follows the contact's language where the campaign does and the contact has one, else the campaign's", () => {
    expect(linkLanguage('contact', 'en', 'sv')).toBe('sv');
    expect(linkLanguage('contact', 'sv', null)).toBe('sv');
    expect(linkLanguage('contact', 'en', 'de')).toBe('en');
    expect(linkLanguage('fixed', 'en', 'sv')).toBe('en');
  });
});

describe('campaignContactStatus', () => {
  const now = new Date('2026-11-30T12:00:00Z');
  const link = { lastAnsweredAt: null, firstOpenedAt: null, revokedAt: null, expiresAt: new Date('2026-12-30T00:00:00Z') };
  it('answered beats everything, then withdrawn, opened, expired, then the first email’s own state', () => {
    const answered = { ...link, lastAnsweredAt: now, revokedAt: now, firstOpenedAt: now };
    expect(campaignContactStatus(answered, { status: 'sent' }, now)).toBe('answered');
    expect(campaignContactStatus({ ...link, revokedAt: now, firstOpenedAt: now }, { status: 'sent' }, now)).toBe('revoked');
    expect(campaignContactStatus({ ...link, firstOpenedAt: now }, { status: 'sent' }, now)).toBe('opened');
    expect(campaignContactStatus({ ...link, expiresAt: now }, { status: 'sent' }, now)).toBe('expired');
    expect(campaignContactStatus(link, { status: 'queued' }, now)).toBe('queued');
    expect(campaignContactStatus(link, { status: 'failed' }, now)).toBe('failed');
  });
});

describe('responseRate and backoff', () => {
  it('has no rate before anyone was asked', () => {
    expect(responseRate(0, 0)).toBeNull();
    expect(responseRate(4, 1)).toBe(0.25);
  });

  it('doubles the wait after each failed attempt, from a minute up to an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffMs(n) / 60_000)).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
  });
});
