import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { memberships } from '@/db/schema';
import { userError } from '../api/errors';
import { orgProcedure, orgSnapshotProcedure, router } from '../api/trpc';
import { loadSampleAccounts, removeSampleAccounts, sampleAccountCount } from '../services/sample-accounts';

/*
 * The newcomer checklist on a new organization's accounts page: four first steps, each ticked
 * from what the organization has really done (sample accounts do not count), and the sample
 * accounts a team can try Rung with before its own are in.
 */

export const onboardingRouter = router({
  /** Which first steps are done, whether the caller put the checklist away, and how many sample accounts there are. */
  checklist: orgProcedure('viewer').query(async ({ ctx }) => {
    // One row: the caller's own membership, with each step as a subquery (row-level security keeps them to this organization).
    const [row] = await ctx.tx
      .select({
        accounts: sql<boolean>`exists (select 1 from accounts where not sample)`,
        team: sql<boolean>`exists (select 1 from invitations) or (select count(*) from memberships where removed_at is null) > 1`,
        assessment: sql<boolean>`exists (select 1 from assessments s join accounts a on a.org_id = s.org_id and a.id = s.account_id where not a.sample)`,
        confirmation: sql<boolean>`exists (select 1 from confirmation_links l join accounts a on a.org_id = l.org_id and a.id = l.account_id where not a.sample)`,
        firstAccountId: sql<string | null>`(select id from accounts where not sample and archived_at is null order by id desc limit 1)`,
        dismissedAt: memberships.checklistDismissedAt,
      })
      .from(memberships)
      .where(eq(memberships.id, ctx.membership.id));
    if (!row) throw userError('NOT_FOUND', 'errors.orgNotFound');
    return {
      steps: { accounts: row.accounts, team: row.team, assessment: row.assessment, confirmation: row.confirmation },
      /** The newest real account: where the assessment and confirmation steps point. */
      firstAccountId: row.firstAccountId,
      dismissed: row.dismissedAt !== null,
      sampleAccounts: await sampleAccountCount(ctx.tx),
    };
  }),

  /** Puts the checklist away for the caller in this organization; teammates still see theirs. */
  dismissChecklist: orgProcedure('viewer').mutation(async ({ ctx }) => {
    await ctx.tx.update(memberships).set({ checklistDismissedAt: new Date() }).where(eq(memberships.id, ctx.membership.id));
    return { dismissed: true };
  }),

  /** Adds a handful of fictitious accounts with contacts to try Rung on; refused while they are there. */
  loadSampleAccounts: orgProcedure('admin').mutation(({ ctx }) => loadSampleAccounts(ctx.tx, ctx.org.id, ctx.user.id)),

  /**
   * Removes the sample accounts and everything tied to them; real accounts are untouched. The
   * role is checked first, in its own short transaction; the removal needs the owner connection
   * (the application role may delete no history), see services/sample-accounts.ts.
   */
  removeSampleAccounts: orgSnapshotProcedure('admin').mutation(async ({ ctx }) => {
    const outcome = await removeSampleAccounts(ctx.db, ctx.org.id, ctx.user.id);
    return outcome;
  }),
});
