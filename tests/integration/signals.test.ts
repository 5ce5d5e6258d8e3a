/**
 * The evidence checklist: every organization starts with observable signals per level in both
 * languages; everyone reads them, admins add, rename, reorder, retire and restore them.
 */
import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, levelSignals } from '@/db/schema';
import { DEFAULT_SIGNALS } from '@/server/defaults/signals';
import { useTestDatabase } from '../helpers/db';
import { expectTRPCError } from '../helpers/errors';
import { httpClientFor, shownError } from '../helpers/http';
import { describeOrderedList } from '../helpers/ordered-list';
import { auditEventsOf } from '../helpers/stored';
import { createTeam } from '../helpers/team';

const { db } = await useTestDatabase();

const org = () => createTeam(db, { members: ['admin', 'member', 'viewer'] });

/** Every signal row of an organization, read through the root connection. */
async function storedSignals(orgId: string) {
  return db
    .select()
    .from(levelSignals)
    .where(eq(levelSignals.orgId, orgId))
    .orderBy(asc(levelSignals.level), asc(levelSignals.position), asc(levelSignals.id));
}

async function activeIdsOf(orgId: string, level: number) {
  const rows = await storedSignals(orgId);
  return rows.filter((s) => s.level === level && !s.retiredAt).map((s) => s.id);
}

describe('the default checklist', () => {
  it('has three to five signals for every level, in English and Swedish, for every new organization', async () => {
    for (const level of [1, 2, 3, 4, 5] as const) {
      expect(DEFAULT_SIGNALS[level].length).toBeGreaterThanOrEqual(3);
      expect(DEFAULT_SIGNALS[level].length).toBeLessThanOrEqual(5);
    }
    const o = await org();
    const list = await o.viewer.caller.signal.list({ orgSlug: o.slug });
    const total = Object.values(DEFAULT_SIGNALS).reduce((n, s) => n + s.length, 0);
    expect(list).toHaveLength(total);
    expect(new Set(list.map((s) => s.level))).toEqual(new Set([1, 2, 3, 4, 5]));
    for (const signal of list) {
      expect(signal.labelEn.length).toBeGreaterThan(0);
      expect(signal.labelSv.length).toBeGreaterThan(0);
      expect(signal.labelSv).not.toBe(signal.labelEn);
    }
    expect(list.filter((s) => s.level === 1).map((s) => s.labelEn)).toEqual(DEFAULT_SIGNALS[1].map((s) => s.en));
  });

  it('belongs to its organization only', async () => {
    const a = await org();
    const b = await org();
    const idsA = new Set((await a.member.caller.signal.list({ orgSlug: a.slug })).map((s) => s.id));
    const idsB = (await b.member.caller.signal.list({ orgSlug: b.slug })).map((s) => s.id);
    expect(idsB.some((id) => idsA.has(id))).toBe(false);
  });
});

describe('admins edit the checklist', () => {
  it('adds a signal at the end of its level, trimmed, with an audit entry', async () => {
    const o = await org();
    const created = await o.admin.caller.signal.create({
      orgSlug: o.slug,
      level: 4,
      labelEn: '  Invited to their strategy day ',
      labelSv: 'Inbjudna till deras strategidag',
    });
    expect(created).toMatchObject({
      level: 4,
      labelEn: 'Invited to their strategy day',
      labelSv: 'Inbjudna till deras strategidag',
      retiredAt: null,
    });
    const level4 = (await o.member.caller.signal.list({ orgSlug: o.slug })).filter((s) => s.level === 4);
    expect(level4.at(-1)?.id).toBe(created.id);
    const [audit] = await auditEventsOf(db, o.orgId, 'signal.created');
    expect(audit).toMatchObject({
      entityId: created.id,
      after: { level: 4, labelEn: 'Invited to their strategy day', labelSv: 'Inbjudna till deras strategidag' },
    });
  });

  it('renames a signal in both languages', async () => {
    const o = await org();
    const [first] = await activeIdsOf(o.orgId, 2);
    const updated = await o.owner.caller.signal.update({ orgSlug: o.slug, signalId: first!, labelEn: 'New words', labelSv: 'Nya ord' });
    expect(updated).toMatchObject({ id: first, labelEn: 'New words', labelSv: 'Nya ord' });
    const [audit] = await auditEventsOf(db, o.orgId, 'signal.updated');
    expect(audit?.after).toEqual({ labelEn: 'New words', labelSv: 'Nya ord' });
  });

  it('reorders a level in one go; a list that no longer matches the level is refused', async () => {
    const o = await org();
    const ids = await activeIdsOf(o.orgId, 3);
    const reversed = [...ids].reverse();
    await o.admin.caller.signal.reorder({ orgSlug: o.slug, level: 3, signalIds: reversed });
    expect(await activeIdsOf(o.orgId, 3)).toEqual(reversed);
    expect((await o.viewer.caller.signal.list({ orgSlug: o.slug })).filter((s) => s.level === 3).map((s) => s.id)).toEqual(reversed);

    const otherLevel = await activeIdsOf(o.orgId, 2);
    await expectTRPCError(
      o.admin.caller.signal.reorder({ orgSlug: o.slug, level: 3, signalIds: reversed.slice(1) }),
      'CONFLICT',
      'errors.signalOrderStale',
    );
    await expectTRPCError(
      o.admin.caller.signal.reorder({ orgSlug: o.slug, level: 3, signalIds: [...reversed.slice(1), otherLevel[0]!] }),
      'CONFLICT',
      'errors.signalOrderStale',
    );
    await expectTRPCError(
      o.admin.caller.signal.reorder({ orgSlug: o.slug, level: 3, signalIds: [reversed[0]!, ...reversed.slice(0, -1)] }),
      'CONFLICT',
      'errors.signalOrderStale',
    );
    expect(await activeIdsOf(o.orgId, 3)).toEqual(reversed);
  });

  it('retires a signal (gone from the checklist, kept for old votes) and restores it at the end', async () => {
    const o = await org();
    const [first, ...rest] = await activeIdsOf(o.orgId, 1);
    await o.admin.caller.signal.retire({ orgSlug: o.slug, signalId: first! });
    const active = await o.member.caller.signal.list({ orgSlug: o.slug });
    expect(active.map((s) => s.id)).not.toContain(first);
    const all = await o.member.caller.signal.list({ orgSlug: o.slug, includeRetired: true });
    expect(all.find((s) => s.id === first)?.retiredAt).toBeInstanceOf(Date);
    expect(await activeIdsOf(o.orgId, 1)).toEqual(rest);

    // Retiring again changes nothing.
    await o.admin.caller.signal.retire({ orgSlug: o.slug, signalId: first! });
    await o.admin.caller.signal.restore({ orgSlug: o.slug, signalId: first! });
    expect(await activeIdsOf(o.orgId, 1)).toEqual([...rest, first]);
    const actions = await db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, o.orgId), eq(auditEvents.entityId, first!)));
    expect(actions.map((a) => a.action).sort()).toEqual(['signal.restored', 'signal.retired']);
  });

  it('caps a level at a readable number of signals', async () => {
    const o = await org();
    const existing = (await activeIdsOf(o.orgId, 5)).length;
    for (let i = existing; i < 12; i++) {
      await o.admin.caller.signal.create({ orgSlug: o.slug, level: 5, labelEn: `Signal ${i}`, labelSv: `Signal ${i}` });
    }
    await expectTRPCError(
      o.admin.caller.signal.create({ orgSlug: o.slug, level: 5, labelEn: 'One too many', labelSv: 'En för mycket' }),
      'CONFLICT',
      'errors.tooManySignals',
    );
    expect(await activeIdsOf(o.orgId, 5)).toHaveLength(12);
  });
});

describe('bad input, roles and foreign ids', () => {
  it('refuses empty or oversized labels and levels outside 1–5, and writes nothing', async () => {
    const o = await org();
    const before = await storedSignals(o.orgId);
    const cases = [
      { level: 3, labelEn: '', labelSv: 'Något' },
      { level: 3, labelEn: 'Something', labelSv: '   ' },
      { level: 3, labelEn: 'x'.repeat(201), labelSv: 'Något' },
      { level: 0, labelEn: 'Something', labelSv: 'Något' },
      { level: 6, labelEn: 'Something', labelSv: 'Något' },
    ];
    for (const input of cases) {
      await expectTRPCError(o.admin.caller.signal.create({ orgSlug: o.slug, ...input }), 'BAD_REQUEST');
    }
    const [first] = before;
    await expectTRPCError(
      o.admin.caller.signal.update({ orgSlug: o.slug, signalId: first!.id, labelEn: '', labelSv: 'Ok' }),
      'BAD_REQUEST',
    );
    expect(await storedSignals(o.orgId)).toEqual(before);

    const shown = await shownError(
      httpClientFor(db, o.admin.userId, 'sv').signal.create.mutate({ orgSlug: o.slug, level: 2, labelEn: '', labelSv: 'x'.repeat(201) }),
    );
    expect(shown.fieldErrors).toEqual({ labelEn: 'Beskriv signalen.', labelSv: 'Håll det under 200 tecken.' });
  });

  it('members and viewers read the checklist but cannot change it', async () => {
    const o = await org();
    const before = await storedSignals(o.orgId);
    const [first] = before;
    for (const person of [o.member, o.viewer]) {
      expect((await person.caller.signal.list({ orgSlug: o.slug })).length).toBe(before.length);
      const attempts = [
        () => person.caller.signal.create({ orgSlug: o.slug, level: 1, labelEn: 'A', labelSv: 'A' }),
        () => person.caller.signal.update({ orgSlug: o.slug, signalId: first!.id, labelEn: 'B', labelSv: 'B' }),
        () => person.caller.signal.reorder({ orgSlug: o.slug, level: 1, signalIds: [first!.id] }),
        () => person.caller.signal.retire({ orgSlug: o.slug, signalId: first!.id }),
        () => person.caller.signal.restore({ orgSlug: o.slug, signalId: first!.id }),
      ];
      for (const attempt of attempts) await expectTRPCError(attempt(), 'FORBIDDEN', 'errors.forbidden');
    }
    expect(await storedSignals(o.orgId)).toEqual(before);
  });

  it("another organization's signal is not found and stays as it was", async () => {
    const mine = await org();
    const theirs = await org();
    const before = await storedSignals(theirs.orgId);
    const [target] = before;
    await expectTRPCError(
      mine.admin.caller.signal.update({ orgSlug: mine.slug, signalId: target!.id, labelEn: 'Hacked', labelSv: 'Hackad' }),
      'NOT_FOUND',
      'errors.signalNotFound',
    );
    await expectTRPCError(
      mine.admin.caller.signal.retire({ orgSlug: mine.slug, signalId: target!.id }),
      'NOT_FOUND',
      'errors.signalNotFound',
    );
    await expectTRPCError(
      mine.admin.caller.signal.restore({ orgSlug: mine.slug, signalId: target!.id }),
      'NOT_FOUND',
      'errors.signalNotFound',
    );
    const ownLevel1 = await activeIdsOf(mine.orgId, target!.level);
    await expectTRPCError(
      mine.admin.caller.signal.reorder({ orgSlug: mine.slug, level: target!.level, signalIds: [...ownLevel1, target!.id] }),
      'NOT_FOUND',
      'errors.signalNotFound',
    );
    expect(await storedSignals(theirs.orgId)).toEqual(before);
  });
});

describeOrderedList('the evidence checklist', async () => {
  const o = await org();
  const listed = async (level: number) =>
    (await o.viewer.caller.signal.list({ orgSlug: o.slug })).filter((s) => s.level === level).map((s) => s.id);
  return {
    group: 1,
    active: listed,
    reorder: (level, signalIds) => o.admin.caller.signal.reorder({ orgSlug: o.slug, level, signalIds }),
    retire: (signalId) => o.admin.caller.signal.retire({ orgSlug: o.slug, signalId }),
    restore: (signalId) => o.admin.caller.signal.restore({ orgSlug: o.slug, signalId }),
    foreignId: async () => (await activeIdsOf((await org()).orgId, 1))[0]!,
    stored: async (id) => {
      const [row] = await db.select().from(levelSignals).where(eq(levelSignals.id, id));
      return { position: row!.position, retiredAt: row!.retiredAt, updatedAt: row!.updatedAt };
    },
    force: async (id, values) => {
      await db.update(levelSignals).set(values).where(eq(levelSignals.id, id));
    },
    auditActions: async () =>
      (await db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.orgId, o.orgId)).orderBy(asc(auditEvents.id)))
        .map((a) => a.action)
        .filter((action) => action.startsWith('signal.')),
    errors: { notFound: 'errors.signalNotFound', stale: 'errors.signalOrderStale' },
  };
});
