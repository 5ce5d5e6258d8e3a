import { describe, expect, it } from 'vitest';
import { INVITATION_LIFETIME_DAYS, invitationExpiry, invitationStatus } from '@/server/domain/invitations';

const now = new Date('2026-03-10T12:00:00Z');
const later = new Date('2026-03-17T12:00:00Z');
const earlier = new Date('2026-03-01T12:00:00Z');

describe('invitationExpiry: an invitation works for seven days', () => {
  it('is exactly seven days from now', () => {
    expect(INVITATION_LIFETIME_DAYS).toBe(7);
    expect(invitationExpiry(now)).toEqual(later);
  });
});

describe('invitationStatus', () => {
  it('pending until it expires', () => {
    expect(invitationStatus({ expiresAt: later, acceptedAt: null, revokedAt: null }, now)).toBe('pending');
  });

  it('expired at the very moment of expiry, and after', () => {
    expect(invitationStatus({ expiresAt: now, acceptedAt: null, revokedAt: null }, now)).toBe('expired');
    expect(invitationStatus({ expiresAt: earlier, acceptedAt: null, revokedAt: null }, now)).toBe('expired');
  });

  it('revoked wins over expired; accepted wins over everything', () => {
    expect(invitationStatus({ expiresAt: earlier, acceptedAt: null, revokedAt: earlier }, now)).toBe('revoked');
    expect(invitationStatus({ expiresAt: earlier, acceptedAt: earlier, revokedAt: null }, now)).toBe('accepted');
    expect(invitationStatus({ expiresAt: later, acceptedAt: earlier, revokedAt: earlier }, now)).toBe('accepted');
  });

  it('uses the current time when none is given', () => {
    const soon = new Date(Date.now() + 60_000);
    const past = new Date(Date.now() - 60_000);
    expect(invitationStatus({ expiresAt: soon, acceptedAt: null, revokedAt: null })).toBe('pending');
    expect(invitationStatus({ expiresAt: past, acceptedAt: null, revokedAt: null })).toBe('expired');
  });
});
