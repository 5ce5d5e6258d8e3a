import 'server-only';
import { z } from 'zod';
import { users } from '@/db/schema';
import { isUniqueViolation, userError } from '../api/errors';
import { signUpInput } from '../inputs/auth';
import { tokenSchema } from '../inputs/common';
import { createOrganizationWithOwner, joinByInvitation } from '../services/onboarding';
import {
  deliverVerificationEmail,
  issueVerificationToken,
  queueVerificationEmail,
  resendVerificationEmail,
  verifyEmailByToken,
} from '../services/email-verification';
import { hashPassword } from '../adapters/passwords';
import { hitRateLimit } from '../adapters/rate-limit';
import { authedProcedure, publicProcedure, router } from '../api/trpc';

/**
 * Sign-up attempts from one client an hour (docs/security.md): 30 is enough for an office joining
 * after an invitation round; SIGN_UPS_PER_ADDRESS_PER_HOUR raises it for a larger office behind one
 * address (and for the e2e journeys, which all sign up from 127.0.0.1).
 */
export const SIGN_UPS_PER_ADDRESS = {
  limit: Number.parseInt(process.env.SIGN_UPS_PER_ADDRESS_PER_HOUR ?? '', 10) || 30,
  windowSeconds: 60 * 60,
} as const;

export const authRouter = router({
  /**
   * Creates the person and, in the same transaction, either their first organization or their
   * membership through an invitation, and queues the email that verifies their address. Signing
   * in happens afterwards through Auth.js.
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
        const token = await issueVerificationToken(tx, user!.id);
        const joined = input.invitationToken
          ? await joinByInvitation(tx, input.invitationToken, user!.id, { createdThroughThisLink: true })
          : await createOrganizationWithOwner(tx, input.organizationName!, user!.id).then((org) => ({ orgSlug: org.slug, orgId: org.id }));
        const email = await queueVerificationEmail(tx, {
          orgId: joined.orgId,
          email: input.email,
          token,
          locale: ctx.locale,
          appUrl: ctx.appUrl,
        });
        return { orgSlug: joined.orgSlug, email };
      });
    try {
      const { orgSlug, email } = await attempt().catch((error: unknown) => {
        // Someone took the same organization slug a moment ago: the second try picks the next free one.
        if (isUniqueViolation(error, 'organizations_slug_key')) return attempt();
        throw error;
      });
      await deliverVerificationEmail(ctx.db, email);
      return { orgSlug };
    } catch (error) {
      if (isUniqueViolation(error, 'users_email_lower_key')) throw userError('CONFLICT', 'errors.emailTaken');
      throw error;
    }
  }),

  /** A new link for the signed-in person's address; the earlier one stops working. */
  resendVerification: authedProcedure.mutation(async ({ ctx }) =>
    resendVerificationEmail(ctx.db, ctx.user, { locale: ctx.locale, appUrl: ctx.appUrl }),
  ),

  /**
   * The link from the email, opened by anyone holding it (signed in or not, on any device): the
   * token alone names the person. Works once, within its lifetime.
   */
  verifyEmail: publicProcedure.input(z.object({ token: tokenSchema })).mutation(async ({ ctx, input }) => {
    const verified = await verifyEmailByToken(ctx.db, input.token);
    if (!verified) throw userError('NOT_FOUND', 'errors.verificationLinkInvalid');
    return { verified: true };
  }),
});
