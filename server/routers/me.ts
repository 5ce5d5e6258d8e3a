import 'server-only';
import { listOrganizationsOfUser } from '../services/identity';
import { authedProcedure, router } from '../api/trpc';

export const meRouter = router({
  /** The signed-in person and the organizations they can switch between. */
  get: authedProcedure.query(async ({ ctx }) => ({
    user: ctx.user,
    organizations: await listOrganizationsOfUser(ctx.db, ctx.user.id),
  })),
});
