import 'server-only';
import type { Db } from '@/db/client';
import { findUserByEmail } from '../services/identity';
import { signInInput } from '../inputs/auth';
import { verifyPassword } from '../adapters/passwords';
import { hitRateLimit, refundRateLimit } from '../adapters/rate-limit';
import { failedSignInKeys } from '../services/sign-in-failures';

/**
 * Failed sign-ins allowed before the form says to wait (docs/security.md). Only failures count, so
 * a shared login used all day never locks. Per email from one address is the tight one. Across
 * addresses an email has a looser ceiling, so that a stranger elsewhere cannot lock its owner out
 * quickly and a crowd of addresses still cannot guess forever. Per address across emails stops one
 * client from trying a password on many accounts.
 */
export const SIGN_IN_FAILURE_LIMITS = {
  perEmailFromAddress: { limit: 10, windowSeconds: 15 * 60 },
  perEmail: { limit: 100, windowSeconds: 60 * 60 },
  perAddress: { limit: 100, windowSeconds: 15 * 60 },
} as const;

export type PasswordSignIn =
  { kind: 'signedIn'; user: { id: string; name: string; email: string } } | { kind: 'wrong' } | { kind: 'tooManyAttempts' };

/**
 * Checks an email and password from the client at `address` (clientAddress of the request). The
 * failure counts are hit before the password is checked, so concurrent guesses cannot all slip past
 * a check made before any of them was counted; the hits are refunded unless a password was checked
 * and was wrong.
 */
export async function checkPasswordSignIn(db: Db, raw: unknown, address: string): Promise<PasswordSignIn> {
  const parsed = signInInput.safeParse(raw);
  if (!parsed.success) return { kind: 'wrong' };
  const { email, password } = parsed.data;
  const { perEmailFromAddress, perEmail, perAddress } = SIGN_IN_FAILURE_LIMITS;
  const hits = await Promise.all([
    hitRateLimit(db, failedSignInKeys.emailFromAddress(email, address), perEmailFromAddress.limit, perEmailFromAddress.windowSeconds),
    hitRateLimit(db, failedSignInKeys.email(email), perEmail.limit, perEmail.windowSeconds),
    hitRateLimit(db, failedSignInKeys.address(address), perAddress.limit, perAddress.windowSeconds),
  ]);
  let failed = false;
  try {
    if (hits.some((hit) => !hit.allowed)) return { kind: 'tooManyAttempts' };
    const user = await findUserByEmail(db, email);
    const ok = await verifyPassword(user?.passwordHash ?? null, password);
    if (!ok || !user) {
      failed = true;
      return { kind: 'wrong' };
    }
    return { kind: 'signedIn', user: { id: user.id, name: user.name, email: user.email } };
  } finally {
    if (!failed) await Promise.all(hits.map((hit) => refundRateLimit(db, hit.hit)));
  }
}
