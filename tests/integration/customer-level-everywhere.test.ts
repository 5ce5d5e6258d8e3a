/**
 * One customer level on every page and every date. For random answers from several stakeholders
 * and a random freshness window, every reader (the account page, the list and its filters, the
 * CSV export, the customer panel, the dashboard's summary and drill-downs, today and on past
 * days) gives the level the pure definition gives.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '@/server/demo/portfolio';
import { confirmationAnswers, confirmationLinks } from '@/db/schema';
import { withOrg } from '@/db/tenant';
import { parseCsv } from '@/server/domain/csv';
import { customerLevelAt, customerLevelOnDay, type CustomerAnswer } from '@/server/domain/customer-level';
import { appendLevelEvent } from '@/server/services/level-history';
import { insertAccount } from '../helpers/accounts';
import { rebuildRuns } from '../helpers/customer-level';
import { useTestDatabase } from '../helpers/db';
import { addMember, createTenant } from '../helpers/factories';

const { db } = await useTestDatabase();
const DAY = 86_400_000;
const TEAM_LEVEL = 3;

async function randomPortfolio(seed: number) {
  const owner = await createTenant(db);
  const viewer = await addMember(db, owner.caller, owner.orgSlug, 'viewer');
  const rng = seededRandom(seed);
  const months = [1, 3, 12, 24][Math.floor(rng() * 4)]!;
  await owner.caller.confirmation.setFreshness({ orgSlug: owner.orgSlug, months });
  const now = Date.now();
  const answersByAccount = new Map<string, { name: string; answers: CustomerAnswer[] }>();
  for (let a = 0; a < 8; a++) {
    const name = `Everywhere ${seed}-${a}`;
    const account = await insertAccount(db, owner.orgSlug, { name });
    // Every account assessed by the team a year ago, so the drill-downs of past days list it too.
    await withOrg(db, owner.orgId, (tx) =>
      appendLevelEvent(tx, {
        orgId: owner.orgId,
        accountId: account.id,
        source: 'team',
        level: TEAM_LEVEL,
        effectiveAt: new Date(now - 800 * DAY),
      }),
    );
    const stakeholders: Array<{ key: string; contactId: string | null; linkId: string }> = [];
    for (let s = 0; s < 1 + Math.floor(rng() * 4); s++) {
      const contact =
        rng() < 0.75
          ? await owner.caller.contact.create({ orgSlug: owner.orgSlug, accountId: account.id, name: `Person ${s}`, buyingRole: 'user' })
          : null;
      const linkId = randomUUID();
      await db.insert(confirmationLinks).values({
        orgId: owner.orgId,
        id: linkId,
        accountId: account.id,
        contactId: contact?.id ?? null,
        respondentLinkId: linkId,
        tokenHash: randomUUID(),
        language: 'en',
        expiresAt: new Date(now + 30 * DAY),
        createdByUserId: owner.userId,
      });
      stakeholders.push({ key: contact ? contact.id : `link:${linkId}`, contactId: contact?.id ?? null, linkId });
    }
    const answers: CustomerAnswer[] = [];
    for (let i = 0; i < Math.floor(rng() * 6); i++) {
      const who = stakeholders[Math.floor(rng() * stakeholders.length)]!;
      const answeredAt = new Date(now - Math.floor(rng() * 700) * DAY - Math.floor(rng() * 24) * 3_600_000);
      const level = 1 + Math.floor(rng() * 5);
      await db.insert(confirmationAnswers).values({
        orgId: owner.orgId,
        linkId: who.linkId,
        accountId: account.id,
        contactId: who.contactId,
        level,
        submissionKey: randomUUID(),
        createdAt: answeredAt,
      });
      answers.push({ respondentKey: who.key, level, answeredAt });
    }
    answers.sort((x, y) => x.answeredAt.getTime() - y.answeredAt.getTime());
    answersByAccount.set(account.id, { name, answers });
  }
  await rebuildRuns(db, owner.orgId);
  return { owner, viewer, months, answersByAccount };
}

describe('the customer level on every page', () => {
  for (const seed of [1, 2, 3]) {
    it(`agrees with the definition everywhere, today and on past days (portfolio ${seed})`, async () => {
      const { owner, viewer, months, answersByAccount } = await randomPortfolio(seed);
      const slug = owner.orgSlug;
      const now = new Date();
      const expectedNow = new Map([...answersByAccount].map(([id, { answers }]) => [id, customerLevelAt(answers, now, months).level]));

      // The account page, its customer panel, and the list.
      for (const [accountId, level] of expectedNow) {
        const shown = await viewer.caller.account.get({ orgSlug: slug, accountId });
        expect(shown.customerLevel).toBe(level);
        expect(shown.gap).toBe(level === null ? null : TEAM_LEVEL - level);
        expect((await viewer.caller.confirmation.overview({ orgSlug: slug, accountId })).customer.level).toBe(level);
      }
      const list = await viewer.caller.account.list({ orgSlug: slug, pageSize: 200 });
      expect(new Map(list.rows.map((r) => [r.id, r.customerLevel]))).toEqual(expectedNow);
      for (const level of [1, 2, 3, 4, 5] as const) {
        const filtered = await viewer.caller.account.list({ orgSlug: slug, customerLevel: level, pageSize: 200 });
        expect(filtered.rows.map((r) => r.id).sort()).toEqual(
          [...expectedNow]
            .filter(([, l]) => l === level)
            .map(([id]) => id)
            .sort(),
        );
      }
      const stale = await viewer.caller.account.list({ orgSlug: slug, staleConfirmation: true, pageSize: 200 });
      expect(stale.rows.map((r) => r.id).sort()).toEqual(
        [...expectedNow]
          .filter(([, l]) => l === null)
          .map(([id]) => id)
          .sort(),
      );
      const overrated = await viewer.caller.account.list({ orgSlug: slug, overrated: true, pageSize: 200 });
      expect(overrated.rows.map((r) => r.id).sort()).toEqual(
        [...expectedNow]
          .filter(([, l]) => l !== null && l < TEAM_LEVEL)
          .map(([id]) => id)
          .sort(),
      );

      // The CSV export: the customer level column, by account name.
      const { csv } = await viewer.caller.account.exportCsv({ orgSlug: slug });
      const parsed = parseCsv(csv);
      const nameColumn = parsed.headers.indexOf('Name');
      const customerColumn = parsed.headers.indexOf('Customer level');
      expect(customerColumn).toBeGreaterThan(-1);
      const exported = new Map(
        parsed.rows.map((r) => [r.cells[nameColumn], r.cells[customerColumn] === '' ? null : Number(r.cells[customerColumn])]),
      );
      for (const [accountId, { name }] of answersByAccount) expect(exported.get(name)).toBe(expectedNow.get(accountId));

      // The dashboard: today (the default period) and a few past days, through the drill-down of
      // the team level every account has, which lists each account with its customer level.
      const today = now.toISOString().slice(0, 10);
      const rng = seededRandom(seed * 31);
      const days = [
        today,
        ...Array.from({ length: 4 }, () => new Date(now.getTime() - Math.floor(rng() * 700) * DAY).toISOString().slice(0, 10)),
      ];
      const seen = new Set<number | null>();
      for (const day of days) {
        const drill = await viewer.caller.dashboard.drillDown({
          orgSlug: slug,
          to: day,
          spec: { kind: 'level', source: 'team', level: TEAM_LEVEL },
        });
        expect(drill.total).toBe(answersByAccount.size);
        const expectedOnDay = new Map([...answersByAccount].map(([id, { answers }]) => [id, customerLevelOnDay(answers, day, months)]));
        expect(new Map(drill.rows.map((r) => [r.accountId, r.customerLevel]))).toEqual(expectedOnDay);
        for (const level of expectedOnDay.values()) seen.add(level);

        const summary = await viewer.caller.dashboard.summary({ orgSlug: slug, to: day });
        const byLevel = [1, 2, 3, 4, 5].map((level) => [...expectedOnDay.values()].filter((l) => l === level).length);
        expect(summary.customer.byLevel.map((t) => t.count)).toEqual(byLevel);
        expect(summary.customer.none.count).toBe([...expectedOnDay.values()].filter((l) => l === null).length);
      }
      // The generated answers exercise both: days with a customer level and days without.
      expect(seen.has(null)).toBe(true);
      expect(seen.size).toBeGreaterThan(2);
    });
  }
});
