import 'server-only';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '@/db/client';
import { memberships, users } from '@/db/schema';
import { recordAudit } from '../services/audit';
import { publishAccessEnded } from '../runtime/events';
import { canAssignRole, wouldRemoveLastOwner } from '../domain/roles';
import { userError } from '../api/errors';
import { roleSchema } from '../inputs/common';
import { orgProcedure, router } from '../api/trpc';
import { idSchema } from '../inputs/common';

const membershipIdInput = z.object({ membershipId: idSchema });

async function loadMembership(tx: Tx, membershipId: string) {
  const [row] = await tx
    .select({ id: memberships.id, userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.id, membershipId), isNull(memberships.removedAt)));
  if (!row) throw userError('NOT_FOUND', 'errors.memberNotFound');
  return row;
}

/**
 * Counts the owners and locks their rows until the transaction ends, so two owners demoting or
 * removing each other at the same moment cannot both pass the "last owner" check.
 */
async function lockOwners(tx: Tx): Promise<number> {
  const owners = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.role, 'owner'), isNull(memberships.removedAt)))
    .for('update');
  return owners.length;
}

/**
 * Leaving keeps the row (marked removed) so that history keeps the person's name. Every request
 * reads the membership, so access ends with the commit; the person's open live streams are told
 * to end too, since they checked membership only when they opened.
 */
async function endMembership(tx: Tx, orgId: string, membership: { id: string; userId: string }): Promise<void> {
  await tx.update(memberships).set({ removedAt: new Date() }).where(eq(memberships.id, membership.id));
  await publishAccessEnded(tx, { userId: membership.userId, orgId });
}

export const memberRouter = router({
  list: orgProcedure('viewer').query(async ({ ctx }) => {
    // No org_id filter needed: withOrg's row-level security already limits both tables to this organization.
    return ctx.tx
      .select({
        membershipId: memberships.id,
        userId: users.id,
        name: users.name,
        email: users.email,
        role: memberships.role,
        joinedAt: memberships.createdAt,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(isNull(memberships.removedAt))
      .orderBy(asc(users.name));
  }),

  changeRole: orgProcedure('admin')
    .input(membershipIdInput.extend({ role: roleSchema }))
    .mutation(async ({ ctx, input }) => {
      const target = await loadMembership(ctx.tx, input.membershipId);
      if (target.role === input.role) return { role: target.role };
      if (!canAssignRole(ctx.membership.role, target.role, input.role)) throw userError('FORBIDDEN', 'errors.onlyOwnerCanManageOwners');
      if (wouldRemoveLastOwner(target.role, input.role, await lockOwners(ctx.tx))) throw userError('CONFLICT', 'errors.lastOwner');
      await ctx.tx.update(memberships).set({ role: input.role }).where(eq(memberships.id, target.id));
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: 'member.role_changed',
        entityType: 'membership',
        entityId: target.id,
        before: { role: target.role },
        after: { role: input.role },
      });
      return { role: input.role };
    }),

  remove: orgProcedure('admin')
    .input(membershipIdInput)
    .mutation(async ({ ctx, input }) => {
      const target = await loadMembership(ctx.tx, input.membershipId);
      if (!canAssignRole(ctx.membership.role, target.role, null)) throw userError('FORBIDDEN', 'errors.onlyOwnerCanManageOwners');
      if (wouldRemoveLastOwner(target.role, null, await lockOwners(ctx.tx))) throw userError('CONFLICT', 'errors.lastOwner');
      await endMembership(ctx.tx, ctx.org.id, target);
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: 'member.removed',
        entityType: 'membership',
        entityId: target.id,
        before: { userId: target.userId, role: target.role },
      });
      return { removed: true };
    }),

  /** Anyone may leave, except the last owner. */
  leave: orgProcedure('viewer').mutation(async ({ ctx }) => {
    if (wouldRemoveLastOwner(ctx.membership.role, null, await lockOwners(ctx.tx))) throw userError('CONFLICT', 'errors.lastOwner');
    await endMembership(ctx.tx, ctx.org.id, { id: ctx.membership.id, userId: ctx.user.id });
    await recordAudit(ctx.tx, {
      orgId: ctx.org.id,
      actorUserId: ctx.user.id,
      action: 'member.left',
      entityType: 'membership',
      entityId: ctx.membership.id,
      before: { role: ctx.membership.role },
    });
    return { left: true };
  }),
});
