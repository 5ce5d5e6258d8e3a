import 'server-only';
import { users } from '@/db/schema';
import { isUniqueViolation, userError } from '../api/errors';
import { signUpInput } from '../inputs/auth';
import { createOrganizationWithOwner, joinByInvitation } from '../services/onboarding';
import { hashPassword } from '../adapters/passwords';
import { hitRateLimit } from '../adapters/rate-limit';
import { publicProcedure, router } from '../api/trpc';

/** Sign-up attempts from one client (docs/security.md): enough for an office joining after an invitation round. */
export const SIGN_UPS_PER_ADDRESS = { limit: 30, windowSeconds: 60 * 60 } as const;

export const authRouter = router({
  /**
   * Creates the person and, in the same transaction, either their first organization or their
   * membership through an invitation. Signing in happens afterwards through Auth.js.
   */
  signUp: publicProcedure.input(signUpInput).mutation(async ({ ctx, input }) => {
    // Every attempt counts, before the costly hash: it bounds both the work a client can make the
    // server do and how many addresses it can test for an account ("already exists").
    const { limit, windowSeconds } = SIGN_UPS_PER_ADDRESS;
    if (!(await hitRateLimit(ctx.db, `sign-up:address:${ctx.clientAddress}`, limit, windowSeconds)).allowed) {
      throw userError('TOO_MANY_REQUESTS', 'errors.tooManySignUps');
    }
    const passwordHash = await hashPassword(input.password);
    const attempt = () =>
      ctx.db.transaction(async (tx) => {
        const [user] = await tx.insert(users).values({ name: input.name, email: input.email, passwordHash }).returning({ id: users.id });
        if (input.invitationToken) {
          return joinByInvitation(tx, input.invitationToken, user!.id);
        }
        const org = await createOrganizationWithOwner(tx, input.organizationName!, user!.id);
        return { orgSlug: org.slug };
      });
    try {
      return await attempt().catch((error: unknown) => {
        // Someone took the same organization slug a moment ago: the second try picks the next free one.
        if (isUniqueViolation(error, 'organizations_slug_key')) return attempt();
        throw error;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_lower_key')) throw userError('CONFLICT', 'errors.emailTaken');
      throw error;
    }
  }),
});
