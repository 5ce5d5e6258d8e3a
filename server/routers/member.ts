import { asc, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '@/db/client';
import { memberships, users } from '@/db/schema';
import { recordAudit } from '../audit';
import { canAssignRole, wouldRemoveLastOwner } from '../domain/roles';
import { userError } from '../errors';
import { roleSchema } from '../inputs/common';
import { orgProcedure, router } from '../trpc';

const membershipIdInput = z.object({ membershipId: z.uuid({ error: 'validation.invalid' }) });

async function loadMembership(tx: Tx, membershipId: string) {
  const [row] = await tx
    .select({ id: memberships.id, userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.id, membershipId));
  if (!row) throw userError('NOT_FOUND', 'errors.memberNotFound');
  return row;
}

async function ownerCount(tx: Tx): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(memberships).where(eq(memberships.role, 'owner'));
  return row?.n ?? 0;
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
      .orderBy(asc(users.name));
  }),

  changeRole: orgProcedure('admin')
    .input(membershipIdInput.extend({ role: roleSchema }))
    .mutation(async ({ ctx, input }) => {
      const target = await loadMembership(ctx.tx, input.membershipId);
      if (target.role === input.role) return { role: target.role };
      if (!canAssignRole(ctx.membership.role, target.role, input.role)) throw userError('FORBIDDEN', 'errors.onlyOwnerCanManageOwners');
      if (wouldRemoveLastOwner(target.role, input.role, await ownerCount(ctx.tx))) throw userError('CONFLICT', 'errors.lastOwner');
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
      if (wouldRemoveLastOwner(target.role, null, await ownerCount(ctx.tx))) throw userError('CONFLICT', 'errors.lastOwner');
      await ctx.tx.delete(memberships).where(eq(memberships.id, target.id));
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
    if (wouldRemoveLastOwner(ctx.membership.role, null, await ownerCount(ctx.tx))) throw userError('CONFLICT', 'errors.lastOwner');
    await ctx.tx.delete(memberships).where(eq(memberships.id, ctx.membership.id));
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
