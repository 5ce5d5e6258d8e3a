import 'server-only';
import { eq, or, sql } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { rateLimits } from '@/db/schema';

/** Where failed password sign-ins are counted (server/auth/password-sign-in.ts sets the limits). */
export const failedSignInKeys = {
  email: (email: string) => `sign-in:failed:email:${email}`,
  emailFromAddress: (email: string, address: string) => `${emailFromAddressPrefix(email)}${address}`,
  address: (address: string) => `sign-in:failed:address:${address}`,
};

const emailFromAddressPrefix = (email: string) => `sign-in:failed:email+address:${email}|`;

/**
 * Forgets the failed sign-ins counted against an email, from every address: for when its owner
 * has just proved they read its mail (a password reset), so that the new password works at once
 * instead of after the lockout that sent them to the reset. What each address tried across
 * emails stays counted.
 */
export async function forgetSignInFailures(db: Queryable, email: string): Promise<void> {
  const normalized = email.trim().toLowerCase();
  await db
    .delete(rateLimits)
    .where(
      or(
        eq(rateLimits.key, failedSignInKeys.email(normalized)),
        sql`starts_with(${rateLimits.key}, ${emailFromAddressPrefix(normalized)})`,
      ),
    );
}
