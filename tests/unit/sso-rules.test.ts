import { describe, expect, it } from 'vitest';
import { providerVouchesForEmail, ssoDecision } from '@/server/domain/sso';

describe("the provider's word on an address", () => {
  it('counts only an explicit email_verified', () => {
    expect(providerVouchesForEmail('oidc', { email: 'a@x.example', email_verified: true })).toBe(true);
    expect(providerVouchesForEmail('oidc', { email: 'a@x.example', email_verified: 'true' })).toBe(true);
    expect(providerVouchesForEmail('oidc', { email: 'a@x.example', email_verified: false })).toBe(false);
    expect(providerVouchesForEmail('google', { email: 'a@x.example' })).toBe(false);
    expect(providerVouchesForEmail('oidc', { email_verified: true })).toBe(false);
    expect(providerVouchesForEmail('oidc', { email: ' ', email_verified: true })).toBe(false);
    expect(providerVouchesForEmail('oidc', undefined)).toBe(false);
  });

  it("takes Microsoft Entra ID's verified-domain claim from Entra ID only", () => {
    expect(providerVouchesForEmail('microsoft-entra-id', { email: 'a@x.example', xms_edov: true })).toBe(true);
    expect(providerVouchesForEmail('microsoft-entra-id', { email: 'a@x.example' })).toBe(false);
    expect(providerVouchesForEmail('oidc', { email: 'a@x.example', xms_edov: true })).toBe(false);
  });
});

describe('who a single sign-on person becomes', () => {
  const verified = { emailVerifiedAt: new Date('2026-01-01') };
  const unverified = { emailVerifiedAt: null };

  it('links to an existing account only when both sides have verified the address', () => {
    expect(ssoDecision(true, verified)).toEqual({ action: 'link' });
    expect(ssoDecision(true, unverified)).toEqual({ action: 'refuse', reason: 'unverifiedAccount' });
    expect(ssoDecision(false, verified)).toEqual({ action: 'refuse', reason: 'unverifiedClaim' });
  });

  it('creates an account for a verified address nobody has, and nothing for an unverified one', () => {
    expect(ssoDecision(true, null)).toEqual({ action: 'create' });
    expect(ssoDecision(false, null)).toEqual({ action: 'refuse', reason: 'unverifiedClaim' });
  });
});
