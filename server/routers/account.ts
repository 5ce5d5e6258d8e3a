import { and, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { accounts, users } from '@/db/schema';
import { perceptionGap } from '../domain/levels';
import { userError } from '../errors';
import { orgProcedure, router } from '../trpc';

const owner = alias(users, 'owner');
const editor = alias(users, 'editor');

export const accountIdInput = z.object({ accountId: z.uuid({ error: 'validation.invalid' }) });

export const accountRouter = router({
  /** One account with its current levels: what the account page and its panels build on. */
  get: orgProcedure('viewer')
    .input(accountIdInput)
    .query(async ({ ctx, input }) => {
      const [row] = await ctx.tx
        .select({
          id: accounts.id,
          name: accounts.name,
          domain: accounts.domain,
          segment: accounts.segment,
          ownerUserId: accounts.ownerUserId,
          ownerName: owner.name,
          annualRevenue: accounts.annualRevenue,
          currency: accounts.currency,
          targetLevel: accounts.targetLevel,
          targetDate: accounts.targetDate,
          notes: accounts.notes,
          teamLevel: accounts.teamLevel,
          teamLevelAt: accounts.teamLevelAt,
          customerLevel: accounts.customerLevel,
          customerLevelAt: accounts.customerLevelAt,
          version: accounts.version,
          updatedAt: accounts.updatedAt,
          updatedByName: editor.name,
          archivedAt: accounts.archivedAt,
        })
        .from(accounts)
        .leftJoin(owner, eq(owner.id, accounts.ownerUserId))
        .leftJoin(editor, eq(editor.id, accounts.updatedByUserId))
        .where(and(eq(accounts.id, input.accountId)));
      if (!row) throw userError('NOT_FOUND', 'errors.accountNotFound');
      return { ...row, gap: perceptionGap(row.teamLevel, row.customerLevel) };
    }),
});
