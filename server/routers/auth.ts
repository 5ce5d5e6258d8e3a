import 'server-only';
import { users } from '@/db/schema';
import { isUniqueViolation, userError } from '../api/errors';
import { signUpInput } from '../inputs/auth';
import { createOrganizationWithOwner, joinByInvitation } from '../services/onboarding';
import { hashPassword } from '../adapters/passwords';
import { publicProcedure, router } from '../api/trpc';

export const authRouter = router({
  /**
   * Creates the person and, in the same transaction, either their first organization or their
   * membership through an invitation. Signing in happens afterwards through Auth.js.
   */
  signUp: publicProcedure.input(signUpInput).mutation(async ({ ctx, input }) => {
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
