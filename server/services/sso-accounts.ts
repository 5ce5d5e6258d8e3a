import 'server-only';
import type { Queryable } from '@/db/client';
import { users } from '@/db/schema';
import { ssoDecision, type SsoRefusal } from '../domain/sso';
import { findUserByEmail } from './identity';

/**
 * The Rung account a single sign-on person signs in as (rules in server/domain/sso.ts), creating
 * it on first sign-in. A new account's address counts as verified: the provider just vouched for it.
 */
export async function accountForSso(
  db: Queryable,
  claim: { email: string; name: string; emailVerified: boolean },
): Promise<{ userId: string } | { refused: SsoRefusal }> {
  const email = claim.email.trim().toLowerCase();
  const existing = await findUserByEmail(db, email);
  const decision = ssoDecision(claim.emailVerified, existing);
  if (decision.action === 'refuse') return { refused: decision.reason };
  if (existing) return { userId: existing.id };
  const [created] = await db
    .insert(users)
    .values({ email, name: claim.name.trim() || email.split('@')[0]!, emailVerifiedAt: new Date() })
    .onConflictDoNothing()
    .returning({ id: users.id });
  if (created) return { userId: created.id };
  // Someone signed up with the address a moment ago: decide again against their account.
  const raced = await findUserByEmail(db, email);
  const again = ssoDecision(claim.emailVerified, raced);
  return again.action === 'link' && raced ? { userId: raced.id } : { refused: 'unverifiedAccount' };
}
