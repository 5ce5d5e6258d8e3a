/*
 * What an identity provider's word is worth. Rung matches single sign-on people to accounts by
 * email, so it must only ever take an address the provider itself has checked: otherwise anyone
 * who can set the email on an identity somewhere (their own directory, a test tenant) could sign
 * in as anyone.
 */

function claimIsTrue(value: unknown): boolean {
  return value === true || value === 'true' || value === 1;
}

/**
 * True when the provider asserts that the person controls the address in the `email` claim:
 * OpenID Connect's `email_verified`. Microsoft Entra ID does not send that claim; its optional
 * claim `xms_edov` says the address is on a domain the directory has verified, which is Microsoft's
 * own answer to the same question (see docs/security.md for switching it on).
 */
export function providerVouchesForEmail(provider: string, profile: Record<string, unknown> | undefined | null): boolean {
  if (!profile || typeof profile.email !== 'string' || profile.email.trim() === '') return false;
  if (claimIsTrue(profile.email_verified)) return true;
  return provider === 'microsoft-entra-id' && claimIsTrue(profile.xms_edov);
}

export type SsoRefusal = 'unverifiedClaim' | 'unverifiedAccount';

/**
 * Who a single sign-on person becomes: the existing account with that address when both sides
 * have verified it, a new (verified) account when there is none, and nobody otherwise.
 */
export function ssoDecision(
  claimVerified: boolean,
  existing: { emailVerifiedAt: Date | null } | null,
): { action: 'link' } | { action: 'create' } | { action: 'refuse'; reason: SsoRefusal } {
  if (!claimVerified) return { action: 'refuse', reason: 'unverifiedClaim' };
  if (!existing) return { action: 'create' };
  if (!existing.emailVerifiedAt) return { action: 'refuse', reason: 'unverifiedAccount' };
  return { action: 'link' };
}
