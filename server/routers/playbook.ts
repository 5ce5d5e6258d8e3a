import 'server-only';
import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '@/db/client';
import { accounts, actions, playbookMethods } from '@/db/schema';
import { effectiveLevelOf } from '../services/account-levels';
import { recordAudit } from '../services/audit';
import { customerLevelNow } from '../services/customer-level-runs';
import { assertRoomIn, listOrder, nextPosition, reorderRows, restoreRow, retireRow, type OrderedList } from '../services/ordered-list';
import { nextTransition, TRANSITIONS } from '../domain/actions';
import { MAX_METHODS_PER_TRANSITION, METHOD_ACTION_PHRASE_MAX, METHOD_DESCRIPTION_MAX, METHOD_NAME_MAX } from '../domain/playbook';
import { userError } from '../api/errors';
import { orgProcedure, router } from '../api/trpc';
import { idSchema, safeText, versionSchema } from '../inputs/common';

/*
 * The playbook: for each step up the hierarchy (1 → 2 … 4 → 5), the methods that help an account
 * make it, in English and Swedish. Everyone reads it and the account page suggests from it;
 * admins edit it. Methods are retired, never deleted, because actions point at them.
 */

const uuid = idSchema;
const transitionSchema = z
  .number({ error: 'validation.transitionInvalid' })
  .int({ error: 'validation.transitionInvalid' })
  .min(1, { error: 'validation.transitionInvalid' })
  .max(4, { error: 'validation.transitionInvalid' });
const nameSchema = safeText().trim().max(METHOD_NAME_MAX, { error: 'validation.methodNameTooLong' });
const descriptionSchema = safeText().trim().max(METHOD_DESCRIPTION_MAX, { error: 'validation.methodDescriptionTooLong' });
/**
 * Optional: a blank phrase is stored as null and titles fall back to the method's name; left out
 * of an update, the phrase stays as it was.
 */
const actionPhraseSchema = safeText()
  .trim()
  .max(METHOD_ACTION_PHRASE_MAX, { error: 'validation.methodActionPhraseTooLong' })
  .nullable()
  .optional()
  .transform((value) => (value === undefined ? undefined : value || null));

const methodFields = {
  fromLevel: transitionSchema,
  nameEn: nameSchema.default(''),
  nameSv: nameSchema.default(''),
  descriptionEn: descriptionSchema.default(''),
  descriptionSv: descriptionSchema.default(''),
  actionPhraseEn: actionPhraseSchema,
  actionPhraseSv: actionPhraseSchema,
};

/** A method needs a name in at least one language; the UI falls back to the other. */
function requireAName(value: { nameEn: string; nameSv: string }, context: z.RefinementCtx) {
  if (!value.nameEn && !value.nameSv) context.addIssue({ code: 'custom', path: ['nameEn'], message: 'validation.methodNameRequired' });
}

const createInput = z.object(methodFields).superRefine(requireAName);
const updateInput = z.object({ methodId: uuid, version: versionSchema, ...methodFields }).superRefine(requireAName);
const methodIdInput = z.object({ methodId: uuid });

const columns = {
  id: playbookMethods.id,
  fromLevel: playbookMethods.fromLevel,
  nameEn: playbookMethods.nameEn,
  nameSv: playbookMethods.nameSv,
  descriptionEn: playbookMethods.descriptionEn,
  descriptionSv: playbookMethods.descriptionSv,
  actionPhraseEn: playbookMethods.actionPhraseEn,
  actionPhraseSv: playbookMethods.actionPhraseSv,
  position: playbookMethods.position,
  version: playbookMethods.version,
  retiredAt: playbookMethods.retiredAt,
};

type MethodRow = Pick<typeof playbookMethods.$inferSelect, keyof typeof columns>;

/** A method of this organization, locked until the transaction ends so two admins' edits happen one after the other. */
async function lockMethod(tx: Tx, methodId: string): Promise<MethodRow> {
  const [row] = await tx.select(columns).from(playbookMethods).where(eq(playbookMethods.id, methodId)).for('update');
  if (!row) throw userError('NOT_FOUND', 'errors.methodNotFound');
  return row;
}

/** Each transition's methods are one ordered list; server/services/ordered-list.ts says how it behaves. */
const methodList: OrderedList = {
  table: playbookMethods,
  group: playbookMethods.fromLevel,
  max: MAX_METHODS_PER_TRANSITION,
  errors: { notFound: 'errors.methodNotFound', stale: 'errors.playbookOrderStale', full: 'errors.tooManyMethods' },
  audit: {
    entityType: 'playbook_method',
    reordered: 'playbook.methods_reordered',
    retired: 'playbook.method_retired',
    restored: 'playbook.method_restored',
    order: (fromLevel, methodIds) => ({ fromLevel, methodIds }),
  },
};

const editable = (
  m: Pick<MethodRow, 'fromLevel' | 'nameEn' | 'nameSv' | 'descriptionEn' | 'descriptionSv' | 'actionPhraseEn' | 'actionPhraseSv'>,
) => ({
  fromLevel: m.fromLevel,
  nameEn: m.nameEn,
  nameSv: m.nameSv,
  descriptionEn: m.descriptionEn,
  descriptionSv: m.descriptionSv,
  actionPhraseEn: m.actionPhraseEn,
  actionPhraseSv: m.actionPhraseSv,
});

export const playbookRouter = router({
  /**
   * The whole playbook, one group per transition (always all four, empty or not), methods in the
   * admins' order with how many actions use each. Retired methods come last in their group.
   */
  list: orgProcedure('viewer')
    .input(z.object({ includeRetired: z.boolean().default(true) }))
    .query(async ({ ctx, input }) => {
      const usage = ctx.tx
        .select({ methodId: actions.methodId, n: sql<number>`count(*)::int`.as('n') })
        .from(actions)
        .where(sql`${actions.methodId} is not null`)
        .groupBy(actions.methodId)
        .as('usage');
      const rows = await ctx.tx
        .select({ ...columns, actionCount: sql<number>`coalesce(${usage.n}, 0)::int` })
        .from(playbookMethods)
        .leftJoin(usage, eq(usage.methodId, playbookMethods.id))
        .where(input.includeRetired ? undefined : isNull(playbookMethods.retiredAt))
        .orderBy(asc(playbookMethods.fromLevel), sql`${playbookMethods.retiredAt} is not null`, ...listOrder(methodList));
      return { transitions: TRANSITIONS.map((t) => ({ ...t, methods: rows.filter((m) => m.fromLevel === t.fromLevel) })) };
    }),

  /**
   * What the account page suggests: the active methods for the step from the account's effective
   * level (the customer level where there is one, else the team level; 1 → 2 when it has neither)
   * to the next, each with how many of the account's actions already use it (dropped ones aside).
   * A team that rates itself 4 while the customer says 2 is coached on 2 → 3. `transition` is null at level 5.
   */
  suggestions: orgProcedure('viewer')
    .input(z.object({ accountId: uuid }))
    .query(async ({ ctx, input }) => {
      const [account] = await ctx.tx
        .select({ id: accounts.id, teamLevel: accounts.teamLevel, customerLevel: customerLevelNow })
        .from(accounts)
        .where(eq(accounts.id, input.accountId));
      if (!account) throw userError('NOT_FOUND', 'errors.accountNotFound');
      const effective = effectiveLevelOf(account.teamLevel, account.customerLevel);
      const basis = { teamLevel: account.teamLevel, level: effective.level, source: effective.source };
      const transition = nextTransition(effective.level);
      if (!transition) return { ...basis, transition: null, methods: [] };
      const planned = ctx.tx
        .select({ methodId: actions.methodId, n: sql<number>`count(*)::int`.as('planned') })
        .from(actions)
        .where(and(eq(actions.accountId, account.id), ne(actions.status, 'dropped'), sql`${actions.methodId} is not null`))
        .groupBy(actions.methodId)
        .as('planned');
      const methods = await ctx.tx
        .select({ ...columns, plannedCount: sql<number>`coalesce(${planned.n}, 0)::int` })
        .from(playbookMethods)
        .leftJoin(planned, eq(planned.methodId, playbookMethods.id))
        .where(and(eq(playbookMethods.fromLevel, transition.fromLevel), isNull(playbookMethods.retiredAt)))
        .orderBy(...listOrder(methodList));
      return { ...basis, transition, methods };
    }),

  create: orgProcedure('admin')
    .input(createInput)
    .mutation(async ({ ctx, input }) => {
      await assertRoomIn(ctx.tx, methodList, input.fromLevel);
      const values = editable({ ...input, actionPhraseEn: input.actionPhraseEn ?? null, actionPhraseSv: input.actionPhraseSv ?? null });
      const [row] = await ctx.tx
        .insert(playbookMethods)
        .values({ orgId: ctx.org.id, ...values, position: await nextPosition(ctx.tx, methodList, input.fromLevel) })
        .returning(columns);
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: 'playbook.method_created',
        entityType: 'playbook_method',
        entityId: row!.id,
        after: values,
      });
      return row!;
    }),

  /**
   * Saves a method's names, descriptions, action phrases and transition. `version` is the one the form opened
   * with: when another admin saved meanwhile, nothing is written and the answer says so.
   * Moving a method to another transition puts it at the end there.
   */
  update: orgProcedure('admin')
    .input(updateInput)
    .mutation(async ({ ctx, input }) => {
      const current = await lockMethod(ctx.tx, input.methodId);
      if (current.version !== input.version) throw userError('CONFLICT', 'errors.methodChangedMeanwhile');
      const before = editable(current);
      const after = editable({
        ...input,
        actionPhraseEn: input.actionPhraseEn === undefined ? current.actionPhraseEn : input.actionPhraseEn,
        actionPhraseSv: input.actionPhraseSv === undefined ? current.actionPhraseSv : input.actionPhraseSv,
      });
      const changed = (Object.keys(after) as Array<keyof typeof after>).filter((key) => before[key] !== after[key]);
      if (changed.length === 0) return current;
      const moved = after.fromLevel !== before.fromLevel;
      if (moved && !current.retiredAt) await assertRoomIn(ctx.tx, methodList, after.fromLevel, current.id);
      const [row] = await ctx.tx
        .update(playbookMethods)
        .set({
          ...after,
          ...(moved ? { position: await nextPosition(ctx.tx, methodList, after.fromLevel) } : {}),
          version: sql`${playbookMethods.version} + 1`,
        })
        .where(and(eq(playbookMethods.id, current.id), eq(playbookMethods.version, input.version)))
        .returning(columns);
      if (!row) throw userError('CONFLICT', 'errors.methodChangedMeanwhile');
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: 'playbook.method_updated',
        entityType: 'playbook_method',
        entityId: current.id,
        before: Object.fromEntries(changed.map((key) => [key, before[key]])),
        after: Object.fromEntries(changed.map((key) => [key, after[key]])),
      });
      return row;
    }),

  /**
   * Puts a transition's active methods in the given order. The list must name exactly those
   * methods: when someone added or retired one meanwhile, the admin reloads instead of losing it.
   * The order is not part of a method's version, so an edit form open elsewhere stays valid.
   */
  reorder: orgProcedure('admin')
    .input(z.object({ fromLevel: transitionSchema, methodIds: z.array(uuid).min(1).max(MAX_METHODS_PER_TRANSITION) }))
    .mutation(async ({ ctx, input }) => {
      await reorderRows(ctx.tx, methodList, { orgId: ctx.org.id, userId: ctx.user.id }, input.fromLevel, input.methodIds);
      return { fromLevel: input.fromLevel, methodIds: input.methodIds };
    }),

  /** Takes a method out of suggestions; actions that use it keep showing it. */
  retire: orgProcedure('admin')
    .input(methodIdInput)
    .mutation(async ({ ctx, input }) => {
      await retireRow(ctx.tx, methodList, { orgId: ctx.org.id, userId: ctx.user.id }, input.methodId);
      return lockMethod(ctx.tx, input.methodId);
    }),

  /** Brings a retired method back into its transition's suggestions, at the end. */
  restore: orgProcedure('admin')
    .input(methodIdInput)
    .mutation(async ({ ctx, input }) => {
      await restoreRow(ctx.tx, methodList, { orgId: ctx.org.id, userId: ctx.user.id }, input.methodId);
      return lockMethod(ctx.tx, input.methodId);
    }),
});
