import 'server-only';
import { organizationPurgeAt } from '../domain/org-deletion';
import { listOrganizationsOfUser, listScheduledOrganizationsOfOwner } from '../services/identity';
import { authedProcedure, router } from '../api/trpc';

export const meRouter = router({
  /** The signed-in person and the organizations they can switch between. */
  get: authedProcedure.query(async ({ ctx }) => ({
    user: ctx.user,
    organizations: await listOrganizationsOfUser(ctx.db, ctx.user.id),
  })),

  /** The organizations this person owns that are scheduled for deletion, with the day each goes for good. */
  scheduledForDeletion: authedProcedure.query(async ({ ctx }) =>
    (await listScheduledOrganizationsOfOwner(ctx.db, ctx.user.id)).map(({ slug, name, deletionRequestedAt }) => ({
      slug,
      name,
      purgeAt: organizationPurgeAt(deletionRequestedAt!),
    })),
  ),
});
