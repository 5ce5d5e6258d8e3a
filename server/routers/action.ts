import 'server-only';
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Tx } from '@/db/client';
import { accounts, actions, auditEvents, memberships, notifications, playbookMethods, users } from '@/db/schema';
import { recordAudit } from '../services/audit';
import { ACTION_STATUSES, ACTION_TITLE_MAX, completedAtAfter, isoDateIn, isOverdue, type ActionStatus } from '../domain/actions';
import { userError } from '../api/errors';
import { publishAccountEvent, publishNotifications } from '../runtime/events';
import { accountProcedure, orgProcedure, router } from '../api/trpc';
import { idSchema, levelSchema, safeText, versionSchema } from '../inputs/common';

/*
 * Actions: planned steps on one account, aimed at a target level, usually taken from the
 * playbook. Members plan and update them; everyone sees them on the account page, and each
 * owner sees theirs across accounts in "My actions". Every change is audited on the account
 * and announced to teammates looking at it.
 */

const ACTIONS_PAGE_SIZE = 100;
const MY_ACTIONS_PAGE_SIZE = 50;

const uuid = idSchema;
const titleSchema = safeText({ error: 'validation.actionTitleRequired' })
  .trim()
  .min(1, { error: 'validation.actionTitleRequired' })
  .max(ACTION_TITLE_MAX, { error: 'validation.actionTitleTooLong' });
const statusSchema = z.enum(ACTION_STATUSES, { error: 'validation.actionStatusInvalid' });
/** A calendar date (YYYY-MM-DD) within reason; "2026-02-30" is refused, not rolled over. */
const dueDateSchema = safeText({ error: 'validation.dueDateInvalid' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'validation.dueDateInvalid' })
  .refine(
    (value) => {
      const date = new Date(`${value}T00:00:00Z`);
      const year = date.getUTCFullYear();
      return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value && year >= 2000 && year <= 2100;
    },
    { error: 'validation.dueDateInvalid' },
  );
const offsetCursor = z.int().min(0).max(100_000).nullish();

const actionFields = {
  title: titleSchema,
  methodId: uuid.nullable().default(null),
  targetLevel: levelSchema,
  dueDate: dueDateSchema.nullable().default(null),
};

const owner = alias(users, 'owner');

const rowColumns = {
  id: actions.id,
  accountId: actions.accountId,
  title: actions.title,
  targetLevel: actions.targetLevel,
  status: actions.status,
  dueDate: actions.dueDate,
  completedAt: actions.completedAt,
  version: actions.version,
  createdAt: actions.createdAt,
  updatedAt: actions.updatedAt,
  ownerUserId: actions.ownerUserId,
  ownerName: owner.name,
  methodId: actions.methodId,
  methodNameEn: playbookMethods.nameEn,
  methodNameSv: playbookMethods.nameSv,
  methodFromLevel: playbookMethods.fromLevel,
  methodRetired: sql<boolean>`(${playbookMethods.retiredAt} is not null)`,
};

/** Open and doing first (their due dates matter), then done and dropped, most recently finished first. */
const statusRank = sql`case ${actions.status} when 'doing' then 0 when 'open' then 1 when 'done' then 2 else 3 end`;
const isActiveSql = sql`${actions.status} in ('open', 'doing')`;

/** The editable fields as the audit log records them. */
type Recorded = {
  title: string;
  methodId: string | null;
  targetLevel: number;
  ownerUserId: string | null;
  dueDate: string | null;
  status: ActionStatus;
};
const recorded = (a: Recorded): Recorded => ({
  title: a.title,
  methodId: a.methodId,
  targetLevel: a.targetLevel,
  ownerUserId: a.ownerUserId,
  dueDate: a.dueDate,
  status: a.status,
});

/** A method of this organization (another organization's is simply not there: row-level security). New actions may not pick a retired one. */
async function assertUsableMethod(tx: Tx, methodId: string | null): Promise<void> {
  if (!methodId) return;
  const [method] = await tx.select({ retiredAt: playbookMethods.retiredAt }).from(playbookMethods).where(eq(playbookMethods.id, methodId));
  if (!method) throw userError('NOT_FOUND', 'errors.methodNotFound');
  if (method.retiredAt) throw userError('BAD_REQUEST', 'errors.methodRetired');
}

/** Owners do the work, so they must be current members who can edit (member, admin or owner), never viewers. */
async function assertEligibleOwner(tx: Tx, userId: string): Promise<void> {
  const [member] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), isNull(memberships.removedAt), inArray(memberships.role, ['owner', 'admin', 'member'])));
  if (!member) throw userError('BAD_REQUEST', 'errors.actionOwnerNotEligible');
}

async function lockAction(tx: Tx, actionId: string) {
  const [row] = await tx
    .select({
      id: actions.id,
      accountId: actions.accountId,
      title: actions.title,
      methodId: actions.methodId,
      targetLevel: actions.targetLevel,
      ownerUserId: actions.ownerUserId,
      dueDate: actions.dueDate,
      status: actions.status,
      completedAt: actions.completedAt,
      version: actions.version,
    })
    .from(actions)
    .where(eq(actions.id, actionId))
    .for('update');
  if (!row) throw userError('NOT_FOUND', 'errors.actionNotFound');
  return row;
}

/** "Changed by Sara meanwhile": the last person the audit log saw change this action. */
async function conflictFor(tx: Tx, action: { id: string; accountId: string }) {
  const [last] = await tx
    .select({ name: users.name })
    .from(auditEvents)
    .innerJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(and(eq(auditEvents.accountId, action.accountId), eq(auditEvents.entityType, 'action'), eq(auditEvents.entityId, action.id)))
    .orderBy(desc(auditEvents.id))
    .limit(1);
  return last
    ? userError('CONFLICT', 'errors.actionChangedBy', { name: last.name })
    : userError('CONFLICT', 'errors.actionChangedMeanwhile');
}

/** Tells a person that someone else made them the owner of an action. */
async function notifyOwner(
  tx: Tx,
  orgId: string,
  actorUserId: string,
  action: { id: string; accountId: string; title: string; ownerUserId: string | null },
) {
  if (!action.ownerUserId || action.ownerUserId === actorUserId) return;
  await tx.insert(notifications).values({
    orgId,
    userId: action.ownerUserId,
    kind: 'action_assigned',
    accountId: action.accountId,
    payload: { actionId: action.id, actorUserId, title: action.title },
  });
  await publishNotifications(tx, orgId, [action.ownerUserId]);
}

/** Reads actions with their owner's and method's names; `overdue` is decided here, against the server's today. */
async function selectActions(tx: Tx, where: SQL | undefined, orderBy: SQL[], limit: number, offset: number, today: string) {
  const rows = await tx
    .select({ ...rowColumns, accountName: accounts.name, accountTeamLevel: accounts.teamLevel })
    .from(actions)
    .innerJoin(accounts, eq(accounts.id, actions.accountId))
    .leftJoin(owner, eq(owner.id, actions.ownerUserId))
    .leftJoin(playbookMethods, eq(playbookMethods.id, actions.methodId))
    .where(where)
    .orderBy(...orderBy)
    .limit(limit + 1)
    .offset(offset);
  const page = rows.slice(0, limit).map((row) => ({ ...row, overdue: isOverdue(row, today) }));
  return { actions: page, nextCursor: rows.length > limit ? offset + limit : null };
}

async function readAction(tx: Tx, actionId: string, today: string) {
  const {
    actions: [row],
  } = await selectActions(tx, eq(actions.id, actionId), [asc(actions.id)], 1, 0, today);
  return row!;
}

export const actionRouter = router({
  /**
   * An account's actions: doing, then open (overdue and soonest due first), then done and
   * dropped (most recently finished first). `today` is the server's date that `overdue` used.
   */
  list: accountProcedure('viewer')
    .input(z.object({ cursor: offsetCursor, limit: z.int().min(1).max(200).default(ACTIONS_PAGE_SIZE) }))
    .query(async ({ ctx, input }) => {
      const today = isoDateIn(new Date());
      const page = await selectActions(
        ctx.tx,
        eq(actions.accountId, ctx.account.id),
        [
          statusRank,
          sql`case when ${isActiveSql} then ${actions.dueDate} end asc nulls last`,
          sql`coalesce(${actions.completedAt}, ${actions.updatedAt}) desc`,
          asc(actions.id),
        ],
        input.limit,
        input.cursor ?? 0,
        today,
      );
      return { today, ...page };
    }),

  /**
   * The caller's own actions across accounts (archived accounts left out): overdue first, then
   * by due date, undated last. Finished ones only when asked. The first page carries counts.
   */
  mine: orgProcedure('viewer')
    .input(
      z.object({
        includeFinished: z.boolean().default(false),
        cursor: offsetCursor,
        limit: z.int().min(1).max(100).default(MY_ACTIONS_PAGE_SIZE),
      }),
    )
    .query(async ({ ctx, input }) => {
      const today = isoDateIn(new Date());
      const overdueSql = sql`(${isActiveSql} and ${actions.dueDate} < ${today}::date)`;
      const mineSql = and(eq(actions.ownerUserId, ctx.user.id), isNull(accounts.archivedAt));
      const page = await selectActions(
        ctx.tx,
        and(mineSql, input.includeFinished ? undefined : isActiveSql),
        [
          sql`case when ${overdueSql} then 0 when ${isActiveSql} then 1 else 2 end`,
          sql`${actions.dueDate} asc nulls last`,
          asc(actions.id),
        ],
        input.limit,
        input.cursor ?? 0,
        today,
      );
      let counts: { active: number; overdue: number } | null = null;
      if (!input.cursor) {
        const [row] = await ctx.tx
          .select({
            active: sql<number>`count(*) filter (where ${isActiveSql})::int`,
            overdue: sql<number>`count(*) filter (where ${overdueSql})::int`,
          })
          .from(actions)
          .innerJoin(accounts, eq(accounts.id, actions.accountId))
          .where(mineSql);
        counts = { active: row?.active ?? 0, overdue: row?.overdue ?? 0 };
      }
      return { today, counts, ...page };
    }),

  /**
   * Plans an action on an account, from a playbook method or free-form. The owner defaults to
   * the caller and must be a member who can edit; someone else made owner gets a notification.
   */
  create: accountProcedure('member')
    .input(
      z.object({
        ...actionFields,
        ownerUserId: uuid.optional(),
        status: statusSchema.default('open'),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { account } = ctx;
      if (account.archivedAt) throw userError('CONFLICT', 'errors.actionAccountArchived');
      const ownerUserId = input.ownerUserId ?? ctx.user.id;
      await assertUsableMethod(ctx.tx, input.methodId);
      await assertEligibleOwner(ctx.tx, ownerUserId);
      const values = recorded({ ...input, ownerUserId });
      const [created] = await ctx.tx
        .insert(actions)
        .values({
          orgId: ctx.org.id,
          accountId: account.id,
          ...values,
          createdByUserId: ctx.user.id,
          completedAt: values.status === 'done' ? new Date() : null,
        })
        .returning({ id: actions.id });
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: 'action.created',
        entityType: 'action',
        entityId: created!.id,
        accountId: account.id,
        after: values,
      });
      await notifyOwner(ctx.tx, ctx.org.id, ctx.user.id, { id: created!.id, accountId: account.id, title: values.title, ownerUserId });
      await publishAccountEvent(ctx.tx, ctx.org.id, { type: 'action.changed', accountId: account.id, actorUserId: ctx.user.id });
      return readAction(ctx.tx, created!.id, isoDateIn(new Date()));
    }),

  /**
   * Saves an action as the edit form shows it. `version` is the version the form opened with:
   * when a teammate changed the action meanwhile, nothing is written and the answer names them.
   * A method that was retired since may stay; a newly picked one must be active.
   */
  update: orgProcedure('member')
    .input(
      z.object({
        actionId: uuid,
        version: versionSchema,
        ...actionFields,
        ownerUserId: uuid,
        status: statusSchema.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const current = await lockAction(ctx.tx, input.actionId);
      if (current.version !== input.version) throw await conflictFor(ctx.tx, current);
      const before = recorded(current);
      const after = recorded({ ...input, status: input.status ?? current.status });
      const changed = (Object.keys(after) as Array<keyof Recorded>).filter((key) => before[key] !== after[key]);
      if (changed.length === 0) return readAction(ctx.tx, current.id, isoDateIn(new Date()));
      if (after.methodId !== before.methodId) await assertUsableMethod(ctx.tx, after.methodId);
      if (after.ownerUserId !== before.ownerUserId) await assertEligibleOwner(ctx.tx, after.ownerUserId!);
      const [updated] = await ctx.tx
        .update(actions)
        .set({ ...after, completedAt: completedAtAfter(current, after.status, new Date()), version: sql`${actions.version} + 1` })
        .where(and(eq(actions.id, current.id), eq(actions.version, input.version)))
        .returning({ id: actions.id });
      if (!updated) throw await conflictFor(ctx.tx, current);
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: 'action.updated',
        entityType: 'action',
        entityId: current.id,
        accountId: current.accountId,
        before: Object.fromEntries(changed.map((key) => [key, before[key]])),
        // The title always, so the activity feed can name the action.
        after: { title: after.title, ...Object.fromEntries(changed.map((key) => [key, after[key]])) },
      });
      if (after.ownerUserId !== before.ownerUserId) {
        await notifyOwner(ctx.tx, ctx.org.id, ctx.user.id, {
          id: current.id,
          accountId: current.accountId,
          title: after.title,
          ownerUserId: after.ownerUserId,
        });
      }
      await publishAccountEvent(ctx.tx, ctx.org.id, { type: 'action.changed', accountId: current.accountId, actorUserId: ctx.user.id });
      return readAction(ctx.tx, current.id, isoDateIn(new Date()));
    }),

  /**
   * Moves an action to open, doing, done or dropped: the one-click change on the account page.
   * Done records when; leaving done clears it. A status is one fact, so the latest click wins
   * (the audit log keeps each one); it does bump the version, so an edit form opened before fails safely.
   */
  setStatus: orgProcedure('member')
    .input(z.object({ actionId: uuid, status: statusSchema }))
    .mutation(async ({ ctx, input }) => {
      const current = await lockAction(ctx.tx, input.actionId);
      const today = isoDateIn(new Date());
      if (current.status === input.status) return readAction(ctx.tx, current.id, today);
      await ctx.tx
        .update(actions)
        .set({
          status: input.status,
          completedAt: completedAtAfter(current, input.status, new Date()),
          version: sql`${actions.version} + 1`,
        })
        .where(eq(actions.id, current.id));
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: 'action.status_changed',
        entityType: 'action',
        entityId: current.id,
        accountId: current.accountId,
        before: { status: current.status },
        after: { title: current.title, status: input.status },
      });
      await publishAccountEvent(ctx.tx, ctx.org.id, { type: 'action.changed', accountId: current.accountId, actorUserId: ctx.user.id });
      return readAction(ctx.tx, current.id, today);
    }),
});
