import 'server-only';
import { asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '@/db/client';
import { levelSignals } from '@/db/schema';
import { recordAudit } from '../services/audit';
import { assertRoomIn, listOrder, nextPosition, reorderRows, restoreRow, retireRow, type OrderedList } from '../services/ordered-list';
import { SIGNAL_LABEL_MAX } from '../domain/consensus';
import { userError } from '../api/errors';
import { orgProcedure, router } from '../api/trpc';
import { idSchema, levelSchema, safeText } from '../inputs/common';

/*
 * The evidence checklist: observable signals per level that voters tick in an assessment.
 * Everyone reads it; admins edit it. Signals are retired, never deleted, because old votes
 * point at them.
 */

/** Enough for a useful checklist, few enough that a voter still reads them all. */
const MAX_ACTIVE_SIGNALS_PER_LEVEL = 12;

const uuid = idSchema;
const labelSchema = safeText({ error: 'validation.signalLabelRequired' })
  .trim()
  .min(1, { error: 'validation.signalLabelRequired' })
  .max(SIGNAL_LABEL_MAX, { error: 'validation.signalLabelTooLong' });
const signalIdInput = z.object({ signalId: uuid });

const columns = {
  id: levelSignals.id,
  level: levelSignals.level,
  labelEn: levelSignals.labelEn,
  labelSv: levelSignals.labelSv,
  position: levelSignals.position,
  retiredAt: levelSignals.retiredAt,
};

async function loadSignal(tx: Tx, signalId: string) {
  const [row] = await tx.select(columns).from(levelSignals).where(eq(levelSignals.id, signalId));
  if (!row) throw userError('NOT_FOUND', 'errors.signalNotFound');
  return row;
}

/** Each level's signals are one ordered list; server/services/ordered-list.ts says how it behaves. */
const signalList: OrderedList = {
  table: levelSignals,
  group: levelSignals.level,
  max: MAX_ACTIVE_SIGNALS_PER_LEVEL,
  errors: { notFound: 'errors.signalNotFound', stale: 'errors.signalOrderStale', full: 'errors.tooManySignals' },
  audit: {
    entityType: 'level_signal',
    reordered: 'signal.reordered',
    retired: 'signal.retired',
    restored: 'signal.restored',
    order: (level, signalIds) => ({ level, signalIds }),
  },
};

export const signalRouter = router({
  /** The checklist, level by level in the admins' order. Retired signals only when asked (old votes still name them). */
  list: orgProcedure('viewer')
    .input(z.object({ includeRetired: z.boolean().default(false) }))
    .query(async ({ ctx, input }) =>
      ctx.tx
        .select(columns)
        .from(levelSignals)
        .where(input.includeRetired ? undefined : isNull(levelSignals.retiredAt))
        .orderBy(asc(levelSignals.level), ...listOrder(signalList)),
    ),

  create: orgProcedure('admin')
    .input(z.object({ level: levelSchema, labelEn: labelSchema, labelSv: labelSchema }))
    .mutation(async ({ ctx, input }) => {
      await assertRoomIn(ctx.tx, signalList, input.level);
      const [row] = await ctx.tx
        .insert(levelSignals)
        .values({
          orgId: ctx.org.id,
          level: input.level,
          labelEn: input.labelEn,
          labelSv: input.labelSv,
          position: await nextPosition(ctx.tx, signalList, input.level),
        })
        .returning(columns);
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: 'signal.created',
        entityType: 'level_signal',
        entityId: row!.id,
        after: { level: input.level, labelEn: input.labelEn, labelSv: input.labelSv },
      });
      return row!;
    }),

  /** Renames a signal in both languages. Votes that ticked it keep pointing at it. */
  update: orgProcedure('admin')
    .input(signalIdInput.extend({ labelEn: labelSchema, labelSv: labelSchema }))
    .mutation(async ({ ctx, input }) => {
      const before = await loadSignal(ctx.tx, input.signalId);
      const [row] = await ctx.tx
        .update(levelSignals)
        .set({ labelEn: input.labelEn, labelSv: input.labelSv })
        .where(eq(levelSignals.id, before.id))
        .returning(columns);
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: 'signal.updated',
        entityType: 'level_signal',
        entityId: before.id,
        before: { labelEn: before.labelEn, labelSv: before.labelSv },
        after: { labelEn: input.labelEn, labelSv: input.labelSv },
      });
      return row!;
    }),

  /**
   * Puts a level's active signals in the given order. The list must name exactly the level's
   * active signals: if someone changed them meanwhile, the admin reloads instead of losing a signal.
   */
  reorder: orgProcedure('admin')
    .input(z.object({ level: levelSchema, signalIds: z.array(uuid).min(1).max(MAX_ACTIVE_SIGNALS_PER_LEVEL) }))
    .mutation(async ({ ctx, input }) => {
      await reorderRows(ctx.tx, signalList, { orgId: ctx.org.id, userId: ctx.user.id }, input.level, input.signalIds);
      return { level: input.level, signalIds: input.signalIds };
    }),

  /** Takes a signal off the checklist for new votes; past votes that ticked it keep showing it. */
  retire: orgProcedure('admin')
    .input(signalIdInput)
    .mutation(async ({ ctx, input }) => {
      await retireRow(ctx.tx, signalList, { orgId: ctx.org.id, userId: ctx.user.id }, input.signalId);
      return loadSignal(ctx.tx, input.signalId);
    }),

  /** Puts a retired signal back on its level's checklist, at the end. */
  restore: orgProcedure('admin')
    .input(signalIdInput)
    .mutation(async ({ ctx, input }) => {
      await restoreRow(ctx.tx, signalList, { orgId: ctx.org.id, userId: ctx.user.id }, input.signalId);
      return loadSignal(ctx.tx, input.signalId);
    }),
});
