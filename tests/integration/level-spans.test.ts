/**
 * level_spans, the runs of the level history the dashboard's period views read, must always be
 * exactly what level_events says: checked against runs computed here from the events, after
 * appends in any order (backdated ones, two at the same instant), after a rebuild, and when two
 * appends to one account race on a server.
 */
import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openPostgres } from '@/db/client';
import { seededRandom } from '@/server/demo/portfolio';
import { levelEvents, levelSpans } from '@/db/schema';
import { withOrg } from '@/db/tenant';
import { appendLevelEvent, rebuildLevelSpans } from '@/server/services/level-history';
import { insertAccount } from '../helpers/accounts';
import { serverDatabaseUrl, useTestDatabase } from '../helpers/db';
import { createTenant } from '../helpers/factories';

const { db } = await useTestDatabase();
const DAY = 86_400_000;

interface Run {
  accountId: string;
  source: string;
  level: number;
  startEventId: string;
  startsAt: number;
  endsAt: number;
}

/** The runs as the history defines them, computed from the events in JavaScript. */
async function expectedRuns(orgId: string): Promise<Run[]> {
  const events = await db.select().from(levelEvents).where(eq(levelEvents.orgId, orgId));
  const byKey = new Map<string, typeof events>();
  for (const e of events) byKey.set(`${e.accountId}/${e.source}`, [...(byKey.get(`${e.accountId}/${e.source}`) ?? []), e]);
  const runs: Run[] = [];
  for (const list of byKey.values()) {
    list.sort((a, b) => a.effectiveAt.getTime() - b.effectiveAt.getTime() || (a.id < b.id ? -1 : 1));
    const starts = list.filter((e, i) => i === 0 || list[i - 1]!.level !== e.level);
    starts.forEach((e, i) =>
      runs.push({
        accountId: e.accountId,
        source: e.source,
        level: e.level,
        startEventId: e.id,
        startsAt: e.effectiveAt.getTime(),
        endsAt: i + 1 < starts.length ? starts[i + 1]!.effectiveAt.getTime() : Infinity,
      }),
    );
  }
  return runs.sort((a, b) => (a.startEventId < b.startEventId ? -1 : 1));
}

async function storedRuns(orgId: string): Promise<Run[]> {
  const rows = await db.select().from(levelSpans).where(eq(levelSpans.orgId, orgId)).orderBy(asc(levelSpans.startEventId));
  return rows.map((r) => ({
    accountId: r.accountId,
    source: r.source,
    level: r.level,
    startEventId: r.startEventId,
    startsAt: r.startsAt.getTime(),
    // 'infinity' comes back as an invalid Date from one driver and as Infinity from the other.
    endsAt: Number.isFinite(r.endsAt.getTime()) ? r.endsAt.getTime() : Infinity,
  }));
}

describe('level runs (level_spans)', () => {
  it('match the history after appends in random order, backdated and at the same instant, and after a rebuild', async () => {
    const tenant = await createTenant(db);
    const rng = seededRandom(7);
    const now = Date.now();
    const accountIds: string[] = [];
    for (let i = 0; i < 4; i++) accountIds.push((await insertAccount(db, tenant.orgSlug, { name: `Runs ${i}` })).id);
    const planned = Array.from({ length: 160 }, () => ({
      accountId: accountIds[Math.floor(rng() * accountIds.length)]!,
      source: rng() < 0.5 ? ('team' as const) : ('customer' as const),
      // Few distinct levels and coarse days, so runs merge and split and instants collide.
      level: 2 + Math.floor(rng() * 3),
      effectiveAt: new Date(now - Math.floor(rng() * 40) * 10 * DAY),
    }));
    for (const [index, event] of planned.entries()) {
      await withOrg(db, tenant.orgId, (tx) => appendLevelEvent(tx, { orgId: tenant.orgId, ...event }));
      if (index % 40 === 39) expect(await storedRuns(tenant.orgId)).toEqual(await expectedRuns(tenant.orgId));
    }
    const runs = await storedRuns(tenant.orgId);
    expect(runs.length).toBeGreaterThan(8);
    expect(runs.length).toBeLessThan(planned.length);

    await withOrg(db, tenant.orgId, (tx) => rebuildLevelSpans(tx, tenant.orgId));
    expect(await storedRuns(tenant.orgId)).toEqual(runs);
  });

  it('are rewritten for one organization only', async () => {
    const mine = await createTenant(db);
    const theirs = await createTenant(db);
    const account = await insertAccount(db, theirs.orgSlug, { name: 'Theirs' });
    await withOrg(db, theirs.orgId, (tx) => appendLevelEvent(tx, { orgId: theirs.orgId, accountId: account.id, source: 'team', level: 3 }));
    const before = await storedRuns(theirs.orgId);
    expect(before).toHaveLength(1);
    // A rebuild inside the other organization's transaction cannot see or touch these rows.
    await withOrg(db, mine.orgId, (tx) => rebuildLevelSpans(tx, theirs.orgId));
    expect(await storedRuns(theirs.orgId)).toEqual(before);
  });

  describe.runIf(serverDatabaseUrl())('on a PostgreSQL server', () => {
    it('two backdated appends to one account at the same time both land, and the runs stay exact', async () => {
      const pool = openPostgres(serverDatabaseUrl()!, { max: 2 });
      try {
        const tenant = await createTenant(db);
        const account = await insertAccount(db, tenant.orgSlug, { name: 'Raced' });
        const now = Date.now();
        await withOrg(db, tenant.orgId, (tx) =>
          appendLevelEvent(tx, { orgId: tenant.orgId, accountId: account.id, source: 'team', level: 4, effectiveAt: new Date(now) }),
        );
        let firstAppended = () => {};
        const appended = new Promise<void>((resolve) => (firstAppended = resolve));
        const first = withOrg(pool.db, tenant.orgId, async (tx) => {
          await appendLevelEvent(tx, {
            orgId: tenant.orgId,
            accountId: account.id,
            source: 'team',
            level: 2,
            effectiveAt: new Date(now - 30 * DAY),
          });
          firstAppended();
          // Still open while the second transaction starts its append.
          await new Promise((resolve) => setTimeout(resolve, 300));
        });
        await appended;
        const second = withOrg(pool.db, tenant.orgId, (tx) =>
          appendLevelEvent(tx, {
            orgId: tenant.orgId,
            accountId: account.id,
            source: 'team',
            level: 3,
            effectiveAt: new Date(now - 60 * DAY),
          }),
        );
        const results = await Promise.allSettled([first, second]);
        expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
        const runs = await storedRuns(tenant.orgId);
        expect([...runs].sort((a, b) => a.startsAt - b.startsAt).map((r) => r.level)).toEqual([3, 2, 4]);
        expect(runs).toEqual(await expectedRuns(tenant.orgId));
      } finally {
        await pool.close();
      }
    });
  });
});
