/**
 * Actions: planned steps on an account, from the playbook or free-form. Members plan and update
 * them (viewers only read); owners are members who can edit; edits use optimistic concurrency;
 * every change is audited on the account and announced live. "My actions" lists the caller's
 * own across accounts, overdue first.
 */
import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { actions, playbookMethods } from '@/db/schema';
import { withOrg } from '@/db/tenant';
import { isoDateIn } from '@/server/domain/actions';
import { UserFacingError } from '@/server/api/errors';
import { accountEvents } from '@/server/runtime/events';
import { appendLevelEvent } from '@/server/services/level-history';
import { insertAccount } from '../helpers/accounts';
import { useTestDatabase } from '../helpers/db';
import { expectTRPCError } from '../helpers/errors';
import { createTenant, verifyEmailOf, type Caller } from '../helpers/factories';
import { auditTrailOf, notificationsOf } from '../helpers/stored';
import { createTeam } from '../helpers/team';

const { db } = await useTestDatabase();

const team = () =>
  createTeam(db, {
    members: { admin: 'admin', mia: 'member', max: { role: 'member', name: 'Max Member' }, viewer: 'viewer' },
    account: { name: 'Acme' },
  });
type Team = Awaited<ReturnType<typeof team>>;

async function methodsOf(orgId: string, fromLevel: number) {
  return db
    .select({ id: playbookMethods.id, nameEn: playbookMethods.nameEn })
    .from(playbookMethods)
    .where(and(eq(playbookMethods.orgId, orgId), eq(playbookMethods.fromLevel, fromLevel)))
    .orderBy(asc(playbookMethods.position));
}

async function storedActions(accountId: string) {
  return db.select().from(actions).where(eq(actions.accountId, accountId)).orderBy(asc(actions.createdAt), asc(actions.id));
}

const actionAudits = (orgId: string) => auditTrailOf(db, orgId, 'action.');

function plan(t: Team, caller: Caller, extra: Record<string, unknown> = {}) {
  return caller.action.create({ orgSlug: t.slug, accountId: t.account.id, title: 'Book a review meeting', targetLevel: 2, ...extra });
}

/** A date `days` from the server's today (negative: in the past). */
function dayFromToday(days: number): string {
  const today = isoDateIn(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function valuesOf(error: { cause?: unknown }) {
  return error.cause instanceof UserFacingError ? error.cause.values : undefined;
}

describe('action.create', () => {
  it('turns a playbook method into an action owned by the caller; audited on the account and announced live', async () => {
    const t = await team();
    const [usp] = await methodsOf(t.orgId, 1);
    const events = await accountEvents(db, t.orgId, t.account.id);
    const created = await plan(t, t.mia.caller, { methodId: usp!.id, title: usp!.nameEn, dueDate: '2030-06-30' });
    expect(created).toMatchObject({
      accountId: t.account.id,
      title: 'USP analysis',
      methodId: usp!.id,
      methodNameEn: 'USP analysis',
      methodNameSv: 'USP-analys',
      targetLevel: 2,
      ownerUserId: t.mia.userId,
      ownerName: 'Mia Member',
      status: 'open',
      dueDate: '2030-06-30',
      completedAt: null,
      version: 1,
      overdue: false,
    });
    const [stored] = await storedActions(t.account.id);
    expect(stored).toMatchObject({ orgId: t.orgId, createdByUserId: t.mia.userId });
    expect(await actionAudits(t.orgId)).toEqual([
      {
        action: 'action.created',
        entityId: created.id,
        accountId: t.account.id,
        before: null,
        after: {
          title: 'USP analysis',
          methodId: usp!.id,
          targetLevel: 2,
          ownerUserId: t.mia.userId,
          dueDate: '2030-06-30',
          status: 'open',
        },
      },
    ]);
    const event = await events.next();
    expect(event.value).toEqual({ type: 'action.changed', accountId: t.account.id, actorUserId: t.mia.userId });
    await events.return(undefined);
    // Planning your own action notifies nobody.
    expect(await notificationsOf(db, t.mia.userId)).toEqual([]);
  });

  it('plans a free-form action for a teammate, who is notified', async () => {
    const t = await team();
    const created = await plan(t, t.mia.caller, { ownerUserId: t.max.userId, status: 'doing', targetLevel: 3 });
    expect(created).toMatchObject({ methodId: null, methodNameEn: null, ownerUserId: t.max.userId, status: 'doing', targetLevel: 3 });
    const [note] = await notificationsOf(db, t.max.userId);
    expect(note).toMatchObject({
      kind: 'action_assigned',
      accountId: t.account.id,
      readAt: null,
      payload: { actionId: created.id, actorUserId: t.mia.userId, title: 'Book a review meeting' },
    });
  });

  it('an action planned as done records when', async () => {
    const t = await team();
    const created = await plan(t, t.mia.caller, { status: 'done' });
    expect(created.completedAt).toBeInstanceOf(Date);
  });

  it('refuses bad input with a clear reason, and writes nothing', async () => {
    const t = await team();
    const cases: Array<[Record<string, unknown>, string | null]> = [
      [{ title: '' }, 'validation.actionTitleRequired'],
      [{ title: '    ' }, 'validation.actionTitleRequired'],
      [{ title: 'x'.repeat(201) }, 'validation.actionTitleTooLong'],
      [{ targetLevel: 0 }, 'validation.levelInvalid'],
      [{ targetLevel: 6 }, 'validation.levelInvalid'],
      [{ targetLevel: 2.5 }, 'validation.levelInvalid'],
      [{ dueDate: '2026-02-30' }, 'validation.dueDateInvalid'],
      [{ dueDate: 'next friday' }, 'validation.dueDateInvalid'],
      [{ status: 'blocked' }, 'validation.actionStatusInvalid'],
      [{ methodId: 'not-a-uuid' }, 'validation.invalid'],
    ];
    for (const [input, key] of cases) {
      const error = await expectTRPCError(plan(t, t.mia.caller, input), 'BAD_REQUEST');
      if (key) expect(JSON.stringify(error.cause), JSON.stringify(input)).toContain(key);
    }
    // 200 characters is still fine.
    await plan(t, t.mia.caller, { title: 'y'.repeat(200) });
    expect(await storedActions(t.account.id)).toHaveLength(1);
    expect(await actionAudits(t.orgId)).toHaveLength(1);
  });

  it('the owner must be a member who can edit: not a viewer, not someone from another organization', async () => {
    const t = await team();
    const other = await createTenant(db);
    await expectTRPCError(plan(t, t.mia.caller, { ownerUserId: t.viewer.userId }), 'BAD_REQUEST', 'errors.actionOwnerNotEligible');
    await expectTRPCError(plan(t, t.mia.caller, { ownerUserId: other.userId }), 'BAD_REQUEST', 'errors.actionOwnerNotEligible');
    // Someone who has left the organization cannot own new work either.
    await t.max.caller.member.leave({ orgSlug: t.slug });
    await expectTRPCError(plan(t, t.mia.caller, { ownerUserId: t.max.userId }), 'BAD_REQUEST', 'errors.actionOwnerNotEligible');
    expect(await storedActions(t.account.id)).toEqual([]);
    expect(await notificationsOf(db, other.userId)).toEqual([]);
  });

  it("a method of another organization is NOT_FOUND; a retired method can't be picked for a new action", async () => {
    const t = await team();
    const other = await team();
    const [foreign] = await methodsOf(other.orgId, 1);
    await expectTRPCError(plan(t, t.mia.caller, { methodId: foreign!.id }), 'NOT_FOUND', 'errors.methodNotFound');
    const [own] = await methodsOf(t.orgId, 1);
    await t.admin.caller.playbook.retire({ orgSlug: t.slug, methodId: own!.id });
    await expectTRPCError(plan(t, t.mia.caller, { methodId: own!.id }), 'BAD_REQUEST', 'errors.methodRetired');
    expect(await storedActions(t.account.id)).toEqual([]);
  });

  it("viewers can't plan actions; another organization's account is NOT_FOUND; archived accounts take no new actions", async () => {
    const t = await team();
    const other = await team();
    await expectTRPCError(plan(t, t.viewer.caller), 'FORBIDDEN', 'errors.forbidden');
    await expectTRPCError(
      t.mia.caller.action.create({ orgSlug: t.slug, accountId: other.account.id, title: 'Sneaky', targetLevel: 2 }),
      'NOT_FOUND',
      'errors.accountNotFound',
    );
    expect(await storedActions(other.account.id)).toEqual([]);
    const archived = await insertAccount(db, t.slug, { archivedAt: new Date() });
    await expectTRPCError(
      t.mia.caller.action.create({ orgSlug: t.slug, accountId: archived.id, title: 'Too late', targetLevel: 2 }),
      'CONFLICT',
      'errors.actionAccountArchived',
    );
    expect(await storedActions(t.account.id)).toEqual([]);
  });
});

describe('action.update', () => {
  it('saves the edit form, bumps the version and audits only what changed (with the title for the feed)', async () => {
    const t = await team();
    const created = await plan(t, t.mia.caller, { dueDate: '2030-01-31' });
    const updated = await t.max.caller.action.update({
      orgSlug: t.slug,
      actionId: created.id,
      version: 1,
      title: 'Book a review meeting',
      methodId: null,
      targetLevel: 3,
      ownerUserId: t.max.userId,
      dueDate: '2030-02-28',
    });
    expect(updated).toMatchObject({ targetLevel: 3, ownerUserId: t.max.userId, dueDate: '2030-02-28', status: 'open', version: 2 });
    const audits = await actionAudits(t.orgId);
    expect(audits.at(-1)).toEqual({
      action: 'action.updated',
      entityId: created.id,
      accountId: t.account.id,
      before: { targetLevel: 2, ownerUserId: t.mia.userId, dueDate: '2030-01-31' },
      after: { title: 'Book a review meeting', targetLevel: 3, ownerUserId: t.max.userId, dueDate: '2030-02-28' },
    });
    // Max made himself owner: nobody else to tell.
    expect(await notificationsOf(db, t.max.userId)).toEqual([]);
  });

  it('handing an action to someone else notifies them', async () => {
    const t = await team();
    const created = await plan(t, t.mia.caller);
    await t.mia.caller.action.update({
      orgSlug: t.slug,
      actionId: created.id,
      version: 1,
      title: created.title,
      methodId: null,
      targetLevel: 2,
      ownerUserId: t.admin.userId,
      dueDate: null,
    });
    expect(await notificationsOf(db, t.admin.userId)).toMatchObject([
      { kind: 'action_assigned', payload: { actionId: created.id, actorUserId: t.mia.userId } },
    ]);
  });

  it('a save from a stale form is a conflict that names who changed it, and nothing is written', async () => {
    const t = await team();
    const created = await plan(t, t.mia.caller);
    const form = {
      orgSlug: t.slug,
      actionId: created.id,
      version: 1,
      methodId: null,
      targetLevel: 2,
      ownerUserId: t.mia.userId,
      dueDate: null,
    };
    await t.max.caller.action.update({ ...form, title: 'Max was here first' });
    const error = await expectTRPCError(t.mia.caller.action.update({ ...form, title: 'Mia second' }), 'CONFLICT', 'errors.actionChangedBy');
    expect(valuesOf(error)).toEqual({ name: 'Max Member' });
    const [stored] = await storedActions(t.account.id);
    expect(stored).toMatchObject({ title: 'Max was here first', version: 2 });
  });

  it('a status change also moves the version on, so an edit form opened before it fails safely', async () => {
    const t = await team();
    const created = await plan(t, t.mia.caller);
    await t.max.caller.action.setStatus({ orgSlug: t.slug, actionId: created.id, status: 'doing' });
    await expectTRPCError(
      t.mia.caller.action.update({
        orgSlug: t.slug,
        actionId: created.id,
        version: 1,
        title: 'Edited',
        methodId: null,
        targetLevel: 2,
        ownerUserId: t.mia.userId,
        dueDate: null,
      }),
      'CONFLICT',
      'errors.actionChangedBy',
    );
    expect((await storedActions(t.account.id))[0]).toMatchObject({ title: created.title, status: 'doing', version: 2 });
  });

  it('keeps a method that was retired since, but refuses switching to a retired one', async () => {
    const t = await team();
    const [usp, consultative] = await methodsOf(t.orgId, 1);
    const created = await plan(t, t.mia.caller, { methodId: usp!.id });
    await t.admin.caller.playbook.retire({ orgSlug: t.slug, methodId: usp!.id });
    await t.admin.caller.playbook.retire({ orgSlug: t.slug, methodId: consultative!.id });
    const form = { orgSlug: t.slug, actionId: created.id, targetLevel: 2, ownerUserId: t.mia.userId, dueDate: null };
    const renamed = await t.mia.caller.action.update({ ...form, version: 1, methodId: usp!.id, title: 'Renamed' });
    expect(renamed).toMatchObject({ methodId: usp!.id, methodRetired: true, title: 'Renamed' });
    await expectTRPCError(
      t.mia.caller.action.update({ ...form, version: 2, methodId: consultative!.id, title: 'Renamed' }),
      'BAD_REQUEST',
      'errors.methodRetired',
    );
  });

  it('refuses bad input, an ineligible owner, viewers, and foreign ids, changing nothing', async () => {
    const t = await team();
    const other = await team();
    const created = await plan(t, t.mia.caller);
    const foreign = await plan(other, other.mia.caller);
    const form = {
      orgSlug: t.slug,
      actionId: created.id,
      version: 1,
      title: 'Changed',
      methodId: null,
      targetLevel: 2,
      ownerUserId: t.mia.userId,
      dueDate: null,
    };
    await expectTRPCError(t.mia.caller.action.update({ ...form, title: '' }), 'BAD_REQUEST');
    await expectTRPCError(t.mia.caller.action.update({ ...form, targetLevel: 7 }), 'BAD_REQUEST');
    await expectTRPCError(
      t.mia.caller.action.update({ ...form, ownerUserId: t.viewer.userId }),
      'BAD_REQUEST',
      'errors.actionOwnerNotEligible',
    );
    await expectTRPCError(
      t.mia.caller.action.update({ ...form, ownerUserId: other.mia.userId }),
      'BAD_REQUEST',
      'errors.actionOwnerNotEligible',
    );
    const [foreignMethod] = await methodsOf(other.orgId, 1);
    await expectTRPCError(t.mia.caller.action.update({ ...form, methodId: foreignMethod!.id }), 'NOT_FOUND', 'errors.methodNotFound');
    await expectTRPCError(t.viewer.caller.action.update(form), 'FORBIDDEN', 'errors.forbidden');
    await expectTRPCError(t.mia.caller.action.update({ ...form, actionId: foreign.id }), 'NOT_FOUND', 'errors.actionNotFound');
    expect((await storedActions(t.account.id))[0]).toMatchObject({ title: created.title, version: 1 });
    expect((await storedActions(other.account.id))[0]).toMatchObject({ title: foreign.title, version: 1 });
    expect((await actionAudits(t.orgId)).map((a) => a.action)).toEqual(['action.created']);
  });
});

describe('action.setStatus', () => {
  it('done records when, reopening clears it; each change is audited and announced', async () => {
    const t = await team();
    const events = await accountEvents(db, t.orgId, t.account.id);
    const created = await plan(t, t.mia.caller);
    const done = await t.max.caller.action.setStatus({ orgSlug: t.slug, actionId: created.id, status: 'done' });
    expect(done).toMatchObject({ status: 'done', version: 2 });
    expect(done.completedAt).toBeInstanceOf(Date);
    expect((await events.next()).value).toEqual({ type: 'action.changed', accountId: t.account.id, actorUserId: t.mia.userId });
    expect((await events.next()).value).toEqual({ type: 'action.changed', accountId: t.account.id, actorUserId: t.max.userId });
    await events.return(undefined);
    const reopened = await t.max.caller.action.setStatus({ orgSlug: t.slug, actionId: created.id, status: 'open' });
    expect(reopened).toMatchObject({ status: 'open', completedAt: null, version: 3 });
    expect((await actionAudits(t.orgId)).slice(1)).toEqual([
      {
        action: 'action.status_changed',
        entityId: created.id,
        accountId: t.account.id,
        before: { status: 'open' },
        after: { title: created.title, status: 'done' },
      },
      {
        action: 'action.status_changed',
        entityId: created.id,
        accountId: t.account.id,
        before: { status: 'done' },
        after: { title: created.title, status: 'open' },
      },
    ]);
  });

  it('setting the status it already has changes nothing', async () => {
    const t = await team();
    const created = await plan(t, t.mia.caller);
    const same = await t.mia.caller.action.setStatus({ orgSlug: t.slug, actionId: created.id, status: 'open' });
    expect(same.version).toBe(1);
    expect(await actionAudits(t.orgId)).toHaveLength(1);
  });

  it("refuses viewers, unknown statuses and another organization's action", async () => {
    const t = await team();
    const other = await team();
    const created = await plan(t, t.mia.caller);
    const foreign = await plan(other, other.mia.caller);
    await expectTRPCError(
      t.viewer.caller.action.setStatus({ orgSlug: t.slug, actionId: created.id, status: 'done' }),
      'FORBIDDEN',
      'errors.forbidden',
    );
    await expectTRPCError(
      t.mia.caller.action.setStatus({ orgSlug: t.slug, actionId: created.id, status: 'finished' as 'done' }),
      'BAD_REQUEST',
    );
    await expectTRPCError(
      t.mia.caller.action.setStatus({ orgSlug: t.slug, actionId: foreign.id, status: 'dropped' }),
      'NOT_FOUND',
      'errors.actionNotFound',
    );
    expect((await storedActions(other.account.id))[0]).toMatchObject({ status: 'open', version: 1 });
    expect((await storedActions(t.account.id))[0]).toMatchObject({ status: 'open', version: 1 });
  });
});

describe('action.list', () => {
  it("shows an account's actions to everyone: doing, then open by due date (overdue flagged), then finished", async () => {
    const t = await team();
    await plan(t, t.mia.caller, { title: 'Overdue', dueDate: dayFromToday(-3) });
    await plan(t, t.mia.caller, { title: 'Later', dueDate: dayFromToday(10) });
    await plan(t, t.mia.caller, { title: 'Undated' });
    await plan(t, t.mia.caller, { title: 'Doing', status: 'doing', dueDate: dayFromToday(-1) });
    await plan(t, t.mia.caller, { title: 'Due today', dueDate: dayFromToday(0) });
    const done = await plan(t, t.mia.caller, { title: 'Done long ago', dueDate: dayFromToday(-30) });
    await t.mia.caller.action.setStatus({ orgSlug: t.slug, actionId: done.id, status: 'done' });
    const dropped = await plan(t, t.mia.caller, { title: 'Dropped' });
    await t.mia.caller.action.setStatus({ orgSlug: t.slug, actionId: dropped.id, status: 'dropped' });

    const list = await t.viewer.caller.action.list({ orgSlug: t.slug, accountId: t.account.id });
    expect(list.today).toBe(isoDateIn(new Date()));
    expect(list.actions.map((a) => [a.title, a.overdue])).toEqual([
      ['Doing', true],
      ['Overdue', true],
      ['Due today', false],
      ['Later', false],
      ['Undated', false],
      ['Done long ago', false],
      ['Dropped', false],
    ]);
    expect(list.nextCursor).toBeNull();
  });

  it('pages through long lists', async () => {
    const t = await team();
    for (let i = 0; i < 5; i++) await plan(t, t.mia.caller, { title: `Step ${i}`, dueDate: `2030-01-0${i + 1}` });
    const first = await t.viewer.caller.action.list({ orgSlug: t.slug, accountId: t.account.id, limit: 2 });
    const second = await t.viewer.caller.action.list({ orgSlug: t.slug, accountId: t.account.id, limit: 2, cursor: first.nextCursor });
    const third = await t.viewer.caller.action.list({ orgSlug: t.slug, accountId: t.account.id, limit: 2, cursor: second.nextCursor });
    expect([...first.actions, ...second.actions, ...third.actions].map((a) => a.title)).toEqual([
      'Step 0',
      'Step 1',
      'Step 2',
      'Step 3',
      'Step 4',
    ]);
    expect(third.nextCursor).toBeNull();
  });

  it("answers NOT_FOUND for another organization's account", async () => {
    const t = await team();
    const other = await team();
    await plan(other, other.mia.caller);
    await expectTRPCError(
      t.viewer.caller.action.list({ orgSlug: t.slug, accountId: other.account.id }),
      'NOT_FOUND',
      'errors.accountNotFound',
    );
  });
});

describe('action.mine', () => {
  it("lists the caller's actions across accounts: overdue first, then by due date, undated last", async () => {
    const t = await team();
    const second = await insertAccount(db, t.slug, { name: 'Beta' });
    await plan(t, t.mia.caller, { title: 'Due later', dueDate: dayFromToday(20) });
    await t.mia.caller.action.create({
      orgSlug: t.slug,
      accountId: second.id,
      title: 'Very late',
      targetLevel: 3,
      dueDate: dayFromToday(-10),
    });
    await plan(t, t.mia.caller, { title: 'No date' });
    await plan(t, t.mia.caller, { title: 'A bit late', dueDate: dayFromToday(-1), status: 'doing' });
    await plan(t, t.mia.caller, { title: 'Due soon', dueDate: dayFromToday(2) });
    // Someone else's action, and Mia's finished one, stay out.
    await plan(t, t.max.caller, { title: "Max's" });
    const finished = await plan(t, t.mia.caller, { title: 'Finished', dueDate: dayFromToday(-5) });
    await t.mia.caller.action.setStatus({ orgSlug: t.slug, actionId: finished.id, status: 'done' });

    const mine = await t.mia.caller.action.mine({ orgSlug: t.slug });
    expect(mine.actions.map((a) => [a.title, a.accountName, a.overdue])).toEqual([
      ['Very late', 'Beta', true],
      ['A bit late', 'Acme', true],
      ['Due soon', 'Acme', false],
      ['Due later', 'Acme', false],
      ['No date', 'Acme', false],
    ]);
    expect(mine.counts).toEqual({ active: 5, overdue: 2 });

    const all = await t.mia.caller.action.mine({ orgSlug: t.slug, includeFinished: true });
    expect(all.actions.map((a) => a.title).at(-1)).toBe('Finished');
  });

  it('leaves out archived accounts, pages, and never shows another organization', async () => {
    const t = await team();
    const archived = await insertAccount(db, t.slug, { name: 'Gone' });
    await t.mia.caller.action.create({ orgSlug: t.slug, accountId: archived.id, title: 'On an archived account', targetLevel: 2 });
    await t.mia.caller.account.archive({ orgSlug: t.slug, accountId: archived.id });
    for (let i = 0; i < 3; i++) await plan(t, t.mia.caller, { title: `Mine ${i}`, dueDate: `2031-01-0${i + 1}` });

    // Mia also belongs to another organization, where she has her own action.
    const other = await createTenant(db);
    const invite = await other.caller.invitation.create({ orgSlug: other.orgSlug, email: t.mia.email, role: 'member' });
    const token = invite.link.split('/invite/')[1]!;
    await verifyEmailOf(db, t.mia.email);
    await t.mia.caller.invitation.accept({ token });
    const otherAccount = await insertAccount(db, other.orgSlug);
    await t.mia.caller.action.create({ orgSlug: other.orgSlug, accountId: otherAccount.id, title: 'Elsewhere', targetLevel: 2 });

    const first = await t.mia.caller.action.mine({ orgSlug: t.slug, limit: 2 });
    const second = await t.mia.caller.action.mine({ orgSlug: t.slug, limit: 2, cursor: first.nextCursor });
    expect([...first.actions, ...second.actions].map((a) => a.title)).toEqual(['Mine 0', 'Mine 1', 'Mine 2']);
    expect(second.nextCursor).toBeNull();
    expect(second.counts).toBeNull();
    expect((await t.mia.caller.action.mine({ orgSlug: other.orgSlug })).actions.map((a) => a.title)).toEqual(['Elsewhere']);
  });

  it('a viewer may look (and has nothing to do)', async () => {
    const t = await team();
    expect(await t.viewer.caller.action.mine({ orgSlug: t.slug })).toMatchObject({
      actions: [],
      counts: { active: 0, overdue: 0 },
      nextCursor: null,
    });
  });
});

describe('levels and suggestions together', () => {
  it('after the team level rises, the suggested transition moves on, and older actions keep their target', async () => {
    const t = await team();
    const created = await plan(t, t.mia.caller, { targetLevel: 2 });
    await withOrg(db, t.orgId, (tx) => appendLevelEvent(tx, { orgId: t.orgId, accountId: t.account.id, source: 'team', level: 2 }));
    const s = await t.viewer.caller.playbook.suggestions({ orgSlug: t.slug, accountId: t.account.id });
    expect(s.transition).toEqual({ fromLevel: 2, toLevel: 3 });
    const { actions: list } = await t.viewer.caller.action.list({ orgSlug: t.slug, accountId: t.account.id });
    expect(list.find((a) => a.id === created.id)!.targetLevel).toBe(2);
  });
});
