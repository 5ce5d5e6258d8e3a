/**
 * The playbook: every organization starts with the default methods per transition; everyone
 * reads it and the account page suggests from it; only admins edit, reorder, retire and restore.
 * Retired methods leave the suggestions but stay on the actions that use them.
 */
import { readFileSync } from 'node:fs';
import { asc, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accounts, playbookMethods } from '@/db/schema';
import { withOrg } from '@/db/tenant';
import { DEFAULT_PLAYBOOK } from '@/server/defaults/playbook';
import { appendLevelEvent } from '@/server/services/level-history';
import { insertAccount } from '../helpers/accounts';
import { useTestDatabase } from '../helpers/db';
import { expectTRPCError } from '../helpers/errors';
import { describeOrderedList } from '../helpers/ordered-list';
import { auditTrailOf } from '../helpers/stored';
import { createTeam } from '../helpers/team';

const { db } = await useTestDatabase();

const team = () => createTeam(db, { members: ['admin', 'member', 'viewer'] });
type Team = Awaited<ReturnType<typeof team>>;

/** The organization's methods as stored, read through the root connection. */
async function storedMethods(orgId: string) {
  return db
    .select()
    .from(playbookMethods)
    .where(eq(playbookMethods.orgId, orgId))
    .orderBy(asc(playbookMethods.fromLevel), asc(playbookMethods.position));
}

const audits = (orgId: string) => auditTrailOf(db, orgId, 'playbook.');

async function activeIds(t: Team, fromLevel: number) {
  const list = await t.viewer.caller.playbook.list({ orgSlug: t.slug, includeRetired: false });
  return list.transitions.find((tr) => tr.fromLevel === fromLevel)!.methods.map((m) => m.id);
}

async function setTeamLevel(orgId: string, accountId: string, level: number) {
  await withOrg(db, orgId, (tx) => appendLevelEvent(tx, { orgId, accountId, source: 'team', level }));
}

const newMethod = {
  fromLevel: 2,
  nameEn: 'Quarterly service review',
  nameSv: 'Kvartalsvis servicegenomgång',
  descriptionEn: 'Walk through the service levels with the customer.',
  descriptionSv: '',
};

describe('the default playbook', () => {
  it('a new organization starts with the methods from the model for every transition, in both languages', async () => {
    const t = await team();
    const list = await t.viewer.caller.playbook.list({ orgSlug: t.slug });
    expect(list.transitions.map((tr) => [tr.fromLevel, tr.toLevel, tr.methods.length])).toEqual([
      [1, 2, 4],
      [2, 3, 4],
      [3, 4, 3],
      [4, 5, 2],
    ]);
    expect(list.transitions[0]!.methods.map((m) => m.nameEn)).toEqual(DEFAULT_PLAYBOOK[1].map((m) => m.nameEn));
    for (const method of list.transitions.flatMap((tr) => tr.methods)) {
      expect(method.nameEn && method.nameSv && method.descriptionEn && method.descriptionSv, method.nameEn).toBeTruthy();
      expect(method.actionPhraseEn && method.actionPhraseSv, method.nameEn).toBeTruthy();
      expect(method).toMatchObject({ retiredAt: null, version: 1, actionCount: 0 });
    }
    expect(list.transitions[1]!.methods.map((m) => m.nameEn)).toEqual(expect.arrayContaining(['RATER service-quality model', 'Kaizen']));
  });

  it("each organization has its own copy: one admin's edit does not touch another organization", async () => {
    const a = await team();
    const b = await team();
    const [first] = await activeIds(a, 1);
    const method = (await storedMethods(a.orgId)).find((m) => m.id === first)!;
    await a.admin.caller.playbook.update({
      orgSlug: a.slug,
      methodId: method.id,
      version: 1,
      fromLevel: 1,
      nameEn: 'Our USP work',
      nameSv: method.nameSv,
      descriptionEn: method.descriptionEn,
      descriptionSv: method.descriptionSv,
    });
    expect((await storedMethods(b.orgId))[0]!.nameEn).toBe('USP analysis');
  });
});

describe('the migration that gave methods an action phrase', () => {
  /** The statements of the migration that fill in the phrases of organizations that existed before it. */
  const backfill = readFileSync('db/migrations/0023_playbook_action_phrases.sql', 'utf8')
    .split('--> statement-breakpoint')
    .map((statement) => statement.replace(/^--.*$/gm, '').trim())
    .filter((statement) => statement.startsWith('UPDATE'));

  it("gives an existing organization's default methods the default phrases, and leaves renamed ones to their name", async () => {
    const t = await team();
    const [renamed] = await activeIds(t, 4);
    await db.update(playbookMethods).set({ actionPhraseEn: null, actionPhraseSv: null }).where(eq(playbookMethods.orgId, t.orgId));
    await db.update(playbookMethods).set({ nameEn: 'Board-level meetings' }).where(eq(playbookMethods.id, renamed!));
    expect(backfill).toHaveLength(2);
    for (const statement of backfill) await db.execute(sql.raw(statement));
    const stored = await storedMethods(t.orgId);
    const defaults = Object.values(DEFAULT_PLAYBOOK).flat();
    for (const method of stored.filter((m) => m.id !== renamed)) {
      const original = defaults.find((d) => d.nameEn === method.nameEn)!;
      expect(method).toMatchObject({ actionPhraseEn: original.actionPhraseEn, actionPhraseSv: original.actionPhraseSv });
    }
    // The Swedish name is still the default's, so only the English title falls back to the name.
    expect(stored.find((m) => m.id === renamed)).toMatchObject({
      actionPhraseEn: null,
      actionPhraseSv: 'Håll en strategigenomgång på ledningsnivå',
    });
  });
});

describe('playbook.list', () => {
  it('can leave retired methods out; with them, they come last in their transition', async () => {
    const t = await team();
    const [first, second] = await activeIds(t, 1);
    await t.admin.caller.playbook.retire({ orgSlug: t.slug, methodId: first! });
    expect(await activeIds(t, 1)).not.toContain(first);
    const all = await t.viewer.caller.playbook.list({ orgSlug: t.slug });
    const methods = all.transitions[0]!.methods;
    expect(methods.at(-1)!.id).toBe(first);
    expect(methods[0]!.id).toBe(second);
  });

  it('counts the actions that use each method', async () => {
    const t = await team();
    const account = await insertAccount(db, t.slug);
    const [methodId] = await activeIds(t, 1);
    await t.member.caller.action.create({
      orgSlug: t.slug,
      accountId: account.id,
      methodId: methodId!,
      title: 'USP workshop',
      targetLevel: 2,
    });
    const list = await t.viewer.caller.playbook.list({ orgSlug: t.slug });
    expect(list.transitions[0]!.methods.find((m) => m.id === methodId)!.actionCount).toBe(1);
  });
});

describe('playbook.suggestions', () => {
  it('suggests 1 → 2 for an account nobody has assessed yet', async () => {
    const t = await team();
    const account = await insertAccount(db, t.slug);
    const s = await t.viewer.caller.playbook.suggestions({ orgSlug: t.slug, accountId: account.id });
    expect(s.transition).toEqual({ fromLevel: 1, toLevel: 2 });
    expect(s.methods.map((m) => m.nameEn)).toEqual(DEFAULT_PLAYBOOK[1].map((m) => m.nameEn));
  });

  it("suggests the step from the account's current team level to the next", async () => {
    const t = await team();
    const account = await insertAccount(db, t.slug);
    await setTeamLevel(t.orgId, account.id, 3);
    const s = await t.viewer.caller.playbook.suggestions({ orgSlug: t.slug, accountId: account.id });
    expect(s).toMatchObject({ teamLevel: 3, transition: { fromLevel: 3, toLevel: 4 } });
    expect(s.methods.map((m) => m.nameEn)).toEqual(DEFAULT_PLAYBOOK[3].map((m) => m.nameEn));
  });

  it('suggests nothing at level 5', async () => {
    const t = await team();
    const account = await insertAccount(db, t.slug);
    await setTeamLevel(t.orgId, account.id, 5);
    expect(await t.viewer.caller.playbook.suggestions({ orgSlug: t.slug, accountId: account.id })).toEqual({
      teamLevel: 5,
      level: 5,
      source: 'team',
      transition: null,
      methods: [],
    });
  });

  it('leaves retired methods out and says which methods the account already has actions for (dropped ones aside)', async () => {
    const t = await team();
    const account = await insertAccount(db, t.slug);
    const [usp, consultative, kotler] = await activeIds(t, 1);
    await t.admin.caller.playbook.retire({ orgSlug: t.slug, methodId: usp! });
    await t.member.caller.action.create({
      orgSlug: t.slug,
      accountId: account.id,
      methodId: consultative!,
      title: 'Discovery call',
      targetLevel: 2,
    });
    const dropped = await t.member.caller.action.create({
      orgSlug: t.slug,
      accountId: account.id,
      methodId: kotler!,
      title: 'Product levels',
      targetLevel: 2,
    });
    await t.member.caller.action.setStatus({ orgSlug: t.slug, actionId: dropped.id, status: 'dropped' });
    const s = await t.viewer.caller.playbook.suggestions({ orgSlug: t.slug, accountId: account.id });
    expect(s.methods.map((m) => m.id)).not.toContain(usp);
    expect(s.methods.find((m) => m.id === consultative)!.plannedCount).toBe(1);
    expect(s.methods.find((m) => m.id === kotler)!.plannedCount).toBe(0);
  });

  it("answers NOT_FOUND for another organization's account", async () => {
    const t = await team();
    const other = await team();
    const foreign = await insertAccount(db, other.slug);
    await expectTRPCError(
      t.viewer.caller.playbook.suggestions({ orgSlug: t.slug, accountId: foreign.id }),
      'NOT_FOUND',
      'errors.accountNotFound',
    );
  });
});

describe('playbook.create', () => {
  it('an admin adds a method at the end of its transition; the change is audited', async () => {
    const t = await team();
    const created = await t.admin.caller.playbook.create({ orgSlug: t.slug, ...newMethod });
    expect(created).toMatchObject({
      fromLevel: 2,
      nameEn: newMethod.nameEn,
      nameSv: newMethod.nameSv,
      descriptionSv: '',
      version: 1,
      retiredAt: null,
    });
    expect((await activeIds(t, 2)).at(-1)).toBe(created.id);
    expect(await audits(t.orgId)).toEqual([
      {
        action: 'playbook.method_created',
        entityId: created.id,
        accountId: null,
        before: null,
        after: expect.objectContaining({ fromLevel: 2, nameEn: newMethod.nameEn }),
      },
    ]);
  });

  it('a name in one language is enough', async () => {
    const t = await team();
    const created = await t.admin.caller.playbook.create({ orgSlug: t.slug, fromLevel: 4, nameSv: 'Ledningsgruppsmöte' });
    expect(created).toMatchObject({
      nameEn: '',
      nameSv: 'Ledningsgruppsmöte',
      descriptionEn: '',
      actionPhraseEn: null,
      actionPhraseSv: null,
    });
    const phrased = await t.admin.caller.playbook.create({
      orgSlug: t.slug,
      fromLevel: 4,
      nameEn: 'Board review',
      actionPhraseEn: 'Hold a board review',
    });
    expect(phrased).toMatchObject({ actionPhraseEn: 'Hold a board review', actionPhraseSv: null });
  });

  it('refuses members and viewers, and writes nothing', async () => {
    const t = await team();
    await expectTRPCError(t.member.caller.playbook.create({ orgSlug: t.slug, ...newMethod }), 'FORBIDDEN', 'errors.forbidden');
    await expectTRPCError(t.viewer.caller.playbook.create({ orgSlug: t.slug, ...newMethod }), 'FORBIDDEN', 'errors.forbidden');
    expect(await storedMethods(t.orgId)).toHaveLength(13);
  });

  it('refuses bad input with a clear reason, and writes nothing', async () => {
    const t = await team();
    const create = (input: Record<string, unknown>) => t.admin.caller.playbook.create({ orgSlug: t.slug, ...newMethod, ...input });
    const noName = await expectTRPCError(create({ nameEn: '  ', nameSv: '' }), 'BAD_REQUEST');
    expect(JSON.stringify(noName.cause)).toContain('validation.methodNameRequired');
    await expectTRPCError(create({ fromLevel: 5 }), 'BAD_REQUEST');
    await expectTRPCError(create({ fromLevel: 0 }), 'BAD_REQUEST');
    const long = await expectTRPCError(create({ nameEn: 'x'.repeat(121) }), 'BAD_REQUEST');
    expect(JSON.stringify(long.cause)).toContain('validation.methodNameTooLong');
    await expectTRPCError(create({ descriptionSv: 'x'.repeat(1001) }), 'BAD_REQUEST');
    expect(await storedMethods(t.orgId)).toHaveLength(13);
    expect(await audits(t.orgId)).toEqual([]);
  });
});

describe('playbook.update', () => {
  it('saves the changed fields, bumps the version and audits only what changed', async () => {
    const t = await team();
    const [id] = await activeIds(t, 3);
    const before = (await storedMethods(t.orgId)).find((m) => m.id === id)!;
    const updated = await t.admin.caller.playbook.update({
      orgSlug: t.slug,
      methodId: id!,
      version: 1,
      fromLevel: 3,
      nameEn: 'Structured problem solving',
      nameSv: before.nameSv,
      descriptionEn: before.descriptionEn,
      descriptionSv: before.descriptionSv,
    });
    expect(updated).toMatchObject({ nameEn: 'Structured problem solving', version: 2, position: before.position });
    expect(await audits(t.orgId)).toEqual([
      {
        action: 'playbook.method_updated',
        entityId: id,
        accountId: null,
        before: { nameEn: before.nameEn },
        after: { nameEn: 'Structured problem solving' },
      },
    ]);
  });

  it('saves an action phrase per language, stores a blank one as none, and keeps one the form left out', async () => {
    const t = await team();
    const [id] = await activeIds(t, 2);
    const method = (await storedMethods(t.orgId)).find((m) => m.id === id)!;
    const fields = {
      orgSlug: t.slug,
      methodId: id!,
      fromLevel: 2,
      nameEn: method.nameEn,
      nameSv: method.nameSv,
      descriptionEn: method.descriptionEn,
      descriptionSv: method.descriptionSv,
    };
    const saved = await t.admin.caller.playbook.update({
      ...fields,
      version: 1,
      actionPhraseEn: '  Walk the customer journey together  ',
      actionPhraseSv: '   ',
    });
    expect(saved).toMatchObject({ actionPhraseEn: 'Walk the customer journey together', actionPhraseSv: null, version: 2 });
    expect((await audits(t.orgId)).at(-1)).toMatchObject({
      before: { actionPhraseEn: method.actionPhraseEn, actionPhraseSv: method.actionPhraseSv },
      after: { actionPhraseEn: 'Walk the customer journey together', actionPhraseSv: null },
    });
    // A caller that does not know about phrases (an older form) changes the name and nothing else.
    const renamed = await t.admin.caller.playbook.update({ ...fields, version: 2, nameEn: 'Journey mapping' });
    expect(renamed).toMatchObject({
      nameEn: 'Journey mapping',
      actionPhraseEn: 'Walk the customer journey together',
      actionPhraseSv: null,
    });
    // The account page suggests it with the phrase.
    const account = await insertAccount(db, t.slug, { name: 'Phrase AB' });
    await setTeamLevel(t.orgId, account.id, 2);
    const suggestions = await t.viewer.caller.playbook.suggestions({ orgSlug: t.slug, accountId: account.id });
    expect(suggestions.methods.find((m) => m.id === id)).toMatchObject({ actionPhraseEn: 'Walk the customer journey together' });
  });

  it('refuses an action phrase too long to start a title with, and changes nothing', async () => {
    const t = await team();
    const [id] = await activeIds(t, 1);
    const before = (await storedMethods(t.orgId)).find((m) => m.id === id)!;
    const tooLong = await expectTRPCError(
      t.admin.caller.playbook.update({
        orgSlug: t.slug,
        methodId: id!,
        version: 1,
        fromLevel: 1,
        nameEn: before.nameEn,
        actionPhraseSv: 'x'.repeat(81),
      }),
      'BAD_REQUEST',
    );
    expect(JSON.stringify(tooLong.cause)).toContain('validation.methodActionPhraseTooLong');
    const created = t.admin.caller.playbook.create({ orgSlug: t.slug, ...newMethod, actionPhraseEn: 'y'.repeat(81) });
    expect(JSON.stringify((await expectTRPCError(created, 'BAD_REQUEST')).cause)).toContain('validation.methodActionPhraseTooLong');
    expect((await storedMethods(t.orgId)).find((m) => m.id === id)).toMatchObject({
      actionPhraseSv: before.actionPhraseSv,
      version: 1,
    });
    expect(await storedMethods(t.orgId)).toHaveLength(13);
  });

  it("cannot give another organization's method an action phrase", async () => {
    const t = await team();
    const other = await team();
    const [foreignId] = await activeIds(other, 1);
    await expectTRPCError(
      t.admin.caller.playbook.update({
        orgSlug: t.slug,
        methodId: foreignId!,
        version: 1,
        fromLevel: 1,
        nameEn: 'USP analysis',
        actionPhraseEn: 'Hijack the playbook',
      }),
      'NOT_FOUND',
      'errors.methodNotFound',
    );
    expect((await storedMethods(other.orgId)).find((m) => m.id === foreignId)).toMatchObject({
      actionPhraseEn: 'Run a USP analysis',
      version: 1,
    });
  });

  it('moving a method to another transition puts it at the end there', async () => {
    const t = await team();
    const [id] = await activeIds(t, 1);
    const method = (await storedMethods(t.orgId)).find((m) => m.id === id)!;
    await t.admin.caller.playbook.update({
      orgSlug: t.slug,
      methodId: id!,
      version: 1,
      fromLevel: 4,
      nameEn: method.nameEn,
      nameSv: method.nameSv,
      descriptionEn: method.descriptionEn,
      descriptionSv: method.descriptionSv,
    });
    expect(await activeIds(t, 1)).not.toContain(id);
    expect((await activeIds(t, 4)).at(-1)).toBe(id);
  });

  it('a save from a stale form is a conflict and changes nothing', async () => {
    const t = await team();
    const [id] = await activeIds(t, 2);
    const method = (await storedMethods(t.orgId)).find((m) => m.id === id)!;
    const fields = {
      orgSlug: t.slug,
      methodId: id!,
      fromLevel: 2,
      nameSv: method.nameSv,
      descriptionEn: method.descriptionEn,
      descriptionSv: method.descriptionSv,
    };
    await t.admin.caller.playbook.update({ ...fields, version: 1, nameEn: 'First admin' });
    await expectTRPCError(
      t.owner.caller.playbook.update({ ...fields, version: 1, nameEn: 'Second admin' }),
      'CONFLICT',
      'errors.methodChangedMeanwhile',
    );
    const stored = (await storedMethods(t.orgId)).find((m) => m.id === id)!;
    expect(stored).toMatchObject({ nameEn: 'First admin', version: 2 });
  });

  it('refuses a member, and a method of another organization is NOT_FOUND and stays as it was', async () => {
    const t = await team();
    const other = await team();
    const [foreignId] = await activeIds(other, 1);
    const input = { orgSlug: t.slug, methodId: foreignId!, version: 1, fromLevel: 1, nameEn: 'Hijacked', nameSv: 'Kapad' };
    await expectTRPCError(t.member.caller.playbook.update(input), 'FORBIDDEN', 'errors.forbidden');
    await expectTRPCError(t.admin.caller.playbook.update(input), 'NOT_FOUND', 'errors.methodNotFound');
    expect((await storedMethods(other.orgId)).find((m) => m.id === foreignId)).toMatchObject({ nameEn: 'USP analysis', version: 1 });
  });

  it('refuses bad input and changes nothing', async () => {
    const t = await team();
    const [id] = await activeIds(t, 1);
    await expectTRPCError(
      t.admin.caller.playbook.update({ orgSlug: t.slug, methodId: id!, version: 1, fromLevel: 1, nameEn: '', nameSv: '' }),
      'BAD_REQUEST',
    );
    await expectTRPCError(
      t.admin.caller.playbook.update({ orgSlug: t.slug, methodId: 'not-a-uuid', version: 1, fromLevel: 1, nameEn: 'x' }),
      'BAD_REQUEST',
    );
    expect((await storedMethods(t.orgId)).find((m) => m.id === id)).toMatchObject({ nameEn: 'USP analysis', version: 1 });
  });
});

describe('playbook.reorder', () => {
  it("puts a transition's active methods in the given order", async () => {
    const t = await team();
    const ids = await activeIds(t, 1);
    const reversed = [...ids].reverse();
    await t.admin.caller.playbook.reorder({ orgSlug: t.slug, fromLevel: 1, methodIds: reversed });
    expect(await activeIds(t, 1)).toEqual(reversed);
    expect((await audits(t.orgId)).map((a) => a.action)).toEqual(['playbook.methods_reordered']);
  });

  it('a list that misses a method or names one twice is stale: a conflict, order unchanged', async () => {
    const t = await team();
    const ids = await activeIds(t, 1);
    await expectTRPCError(
      t.admin.caller.playbook.reorder({ orgSlug: t.slug, fromLevel: 1, methodIds: ids.slice(1) }),
      'CONFLICT',
      'errors.playbookOrderStale',
    );
    await expectTRPCError(
      t.admin.caller.playbook.reorder({ orgSlug: t.slug, fromLevel: 1, methodIds: [ids[0]!, ...ids.slice(0, -1)] }),
      'CONFLICT',
      'errors.playbookOrderStale',
    );
    // A method of another transition does not belong in this list either.
    const [fromTwo] = await activeIds(t, 2);
    await expectTRPCError(
      t.admin.caller.playbook.reorder({ orgSlug: t.slug, fromLevel: 1, methodIds: [...ids.slice(1), fromTwo!] }),
      'CONFLICT',
      'errors.playbookOrderStale',
    );
    expect(await activeIds(t, 1)).toEqual(ids);
  });

  it("refuses members; another organization's ids are NOT_FOUND and its order stays", async () => {
    const t = await team();
    const other = await team();
    const ids = await activeIds(t, 1);
    const foreign = await activeIds(other, 1);
    await expectTRPCError(
      t.member.caller.playbook.reorder({ orgSlug: t.slug, fromLevel: 1, methodIds: [...ids].reverse() }),
      'FORBIDDEN',
      'errors.forbidden',
    );
    await expectTRPCError(
      t.admin.caller.playbook.reorder({ orgSlug: t.slug, fromLevel: 1, methodIds: [...foreign].reverse() }),
      'NOT_FOUND',
      'errors.methodNotFound',
    );
    expect(await activeIds(other, 1)).toEqual(foreign);
    expect(await activeIds(t, 1)).toEqual(ids);
  });
});

describe('playbook.retire and playbook.restore', () => {
  it('retiring hides a method from suggestions but actions that use it keep its name', async () => {
    const t = await team();
    const account = await insertAccount(db, t.slug);
    const [methodId] = await activeIds(t, 1);
    const action = await t.member.caller.action.create({
      orgSlug: t.slug,
      accountId: account.id,
      methodId: methodId!,
      title: 'USP workshop',
      targetLevel: 2,
    });
    const retired = await t.admin.caller.playbook.retire({ orgSlug: t.slug, methodId: methodId! });
    expect(retired.retiredAt).toBeInstanceOf(Date);
    expect(retired.version).toBe(2);
    const s = await t.viewer.caller.playbook.suggestions({ orgSlug: t.slug, accountId: account.id });
    expect(s.methods.map((m) => m.id)).not.toContain(methodId);
    const { actions } = await t.viewer.caller.action.list({ orgSlug: t.slug, accountId: account.id });
    expect(actions.find((a) => a.id === action.id)).toMatchObject({ methodId, methodNameEn: 'USP analysis', methodRetired: true });
    // Retiring twice changes nothing more.
    await t.admin.caller.playbook.retire({ orgSlug: t.slug, methodId: methodId! });
    expect((await audits(t.orgId)).map((a) => a.action)).toEqual(['playbook.method_retired']);
  });

  it('restoring brings it back at the end of its transition', async () => {
    const t = await team();
    const [methodId] = await activeIds(t, 2);
    await t.admin.caller.playbook.retire({ orgSlug: t.slug, methodId: methodId! });
    const restored = await t.admin.caller.playbook.restore({ orgSlug: t.slug, methodId: methodId! });
    expect(restored.retiredAt).toBeNull();
    expect((await activeIds(t, 2)).at(-1)).toBe(methodId);
    expect((await audits(t.orgId)).map((a) => a.action)).toEqual(['playbook.method_retired', 'playbook.method_restored']);
  });

  it("refuses members and viewers; another organization's method is NOT_FOUND and stays active", async () => {
    const t = await team();
    const other = await team();
    const [own] = await activeIds(t, 1);
    const [foreign] = await activeIds(other, 1);
    await expectTRPCError(t.member.caller.playbook.retire({ orgSlug: t.slug, methodId: own! }), 'FORBIDDEN', 'errors.forbidden');
    await expectTRPCError(t.viewer.caller.playbook.restore({ orgSlug: t.slug, methodId: own! }), 'FORBIDDEN', 'errors.forbidden');
    await expectTRPCError(t.admin.caller.playbook.retire({ orgSlug: t.slug, methodId: foreign! }), 'NOT_FOUND', 'errors.methodNotFound');
    await expectTRPCError(t.admin.caller.playbook.restore({ orgSlug: t.slug, methodId: foreign! }), 'NOT_FOUND', 'errors.methodNotFound');
    expect((await storedMethods(other.orgId)).every((m) => m.retiredAt === null)).toBe(true);
    expect((await storedMethods(t.orgId)).every((m) => m.retiredAt === null)).toBe(true);
  });
});

describeOrderedList('playbook', async () => {
  const t = await team();
  return {
    group: 1,
    active: (fromLevel) => activeIds(t, fromLevel),
    reorder: (fromLevel, methodIds) => t.admin.caller.playbook.reorder({ orgSlug: t.slug, fromLevel, methodIds }),
    retire: (methodId) => t.admin.caller.playbook.retire({ orgSlug: t.slug, methodId }),
    restore: (methodId) => t.admin.caller.playbook.restore({ orgSlug: t.slug, methodId }),
    foreignId: async () => (await activeIds(await team(), 1))[0]!,
    stored: async (id) => {
      const [row] = await db.select().from(playbookMethods).where(eq(playbookMethods.id, id));
      return { position: row!.position, retiredAt: row!.retiredAt, updatedAt: row!.updatedAt, version: row!.version };
    },
    force: async (id, values) => {
      await db.update(playbookMethods).set(values).where(eq(playbookMethods.id, id));
    },
    auditActions: async () => (await audits(t.orgId)).map((a) => a.action),
    errors: { notFound: 'errors.methodNotFound', stale: 'errors.playbookOrderStale' },
  };
});

describe('accounts used above', () => {
  it('suggestions follow the level the account is at right now, even after it moves down', async () => {
    const t = await team();
    const account = await insertAccount(db, t.slug);
    await setTeamLevel(t.orgId, account.id, 2);
    await setTeamLevel(t.orgId, account.id, 1);
    const [row] = await db.select({ teamLevel: accounts.teamLevel }).from(accounts).where(eq(accounts.id, account.id));
    expect(row!.teamLevel).toBe(1);
    const s = await t.viewer.caller.playbook.suggestions({ orgSlug: t.slug, accountId: account.id });
    expect(s.transition).toEqual({ fromLevel: 1, toLevel: 2 });
  });
});
