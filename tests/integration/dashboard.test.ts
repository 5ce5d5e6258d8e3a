/**
 * The portfolio dashboards: every endpoint's SQL gives exactly the numbers the pure functions in
 * server/domain/portfolio.ts give on the same generated history (levels written through
 * appendLevelEvent, the only way levels are written), for every filter and both sources;
 * viewers can read everything; nothing of another organization is ever counted.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '@/db/demo/portfolio';
import { accounts, levelEvents } from '@/db/schema';
import { withOrg } from '@/db/tenant';
import * as P from '@/server/domain/portfolio';
import { appendLevelEvent } from '@/server/level-history';
import type { DashboardFilters } from '@/server/routers/dashboard';
import { insertAccount } from '../helpers/accounts';
import { useTestDatabase } from '../helpers/db';
import { expectTRPCError } from '../helpers/errors';
import { addMember, callerFor, createTenant, signUpUser, type Caller } from '../helpers/factories';

const { db } = await useTestDatabase();
const DAY = 86_400_000;
const TODAY = P.toIsoDay(new Date());

interface Org {
  slug: string;
  orgId: string;
  owner: Caller;
  viewer: Caller;
  memberId: string;
}

/**
 * An organization with a generated portfolio: accounts over segments, owners, targets and
 * currencies, and about two years of team and customer levels that move both ways. Includes the
 * awkward cases: events at the very start and end of a day, two events at the same instant, an
 * event in the future, an archived account, unknown revenue, a currency without a rate, and
 * accounts never assessed.
 */
async function generatedOrg(seed: number, accountCount: number): Promise<Org> {
  const owner = await createTenant(db, { name: 'Olga Owner' });
  const viewer = await addMember(db, owner.caller, owner.orgSlug, 'viewer', { name: 'Vera Viewer' });
  const member = await addMember(db, owner.caller, owner.orgSlug, 'member', { name: 'Mats Member' });
  const rng = seededRandom(seed);
  const now = Date.now();
  for (let i = 0; i < accountCount; i++) {
    const currency = ['SEK', 'SEK', 'EUR', 'NOK', 'XYZ'][Math.floor(rng() * 5)]!;
    const account = await insertAccount(db, owner.orgSlug, {
      name: `Account ${i}`,
      segment: rng() < 0.15 ? null : ['Energy', 'Retail'][Math.floor(rng() * 2)],
      ownerUserId: rng() < 0.2 ? null : rng() < 0.5 ? member.userId : owner.userId,
      annualRevenue: rng() < 0.15 ? null : String(Math.round(rng() * 5_000_000) / 100),
      currency,
      targetLevel: rng() < 0.3 ? null : 1 + Math.floor(rng() * 5),
      targetDate: rng() < 0.2 ? null : P.toIsoDay(new Date(now + (rng() - 0.6) * 400 * DAY)),
      archivedAt: i === 3 ? new Date() : null,
    });
    if (i % 9 === 5) continue; // never assessed
    await withOrg(db, owner.orgId, async (tx) => {
      for (const source of ['team', 'customer'] as const) {
        if (source === 'customer' && rng() < 0.25) continue;
        let level = 1 + Math.floor(rng() * 5);
        let at = now - (200 + rng() * 600) * DAY;
        while (at < now) {
          // Whole days at midnight, the last millisecond of a day, and ordinary times.
          const kind = rng();
          const effectiveAt = new Date(kind < 0.15 ? Math.floor(at / DAY) * DAY : kind < 0.3 ? Math.floor(at / DAY) * DAY + DAY - 1 : Math.floor(at));
          await appendLevelEvent(tx, { orgId: owner.orgId, accountId: account.id, source, level, effectiveAt });
          if (rng() < 0.05) {
            // A second event at the very same instant: the later one (greater id) counts.
            level = Math.min(5, level + 1);
            await appendLevelEvent(tx, { orgId: owner.orgId, accountId: account.id, source, level, effectiveAt });
          }
          level = Math.min(5, Math.max(1, level + (rng() < 0.3 ? -1 : rng() < 0.6 ? 1 : 0)));
          at += (10 + rng() * 80) * DAY;
        }
        if (i % 11 === 2) {
          await appendLevelEvent(tx, { orgId: owner.orgId, accountId: account.id, source, level, effectiveAt: new Date(now + 20 * DAY) });
        }
      }
    });
  }
  return { slug: owner.orgSlug, orgId: owner.orgId, owner: owner.caller, viewer: viewer.caller, memberId: member.userId };
}

/** The organization's active accounts and their whole history, read through the root connection. */
async function portfolioOf(orgId: string): Promise<Array<P.PortfolioAccount & { ownerUserId: string | null; segment: string | null; targetLevel: number | null }>> {
  const rows = await db.select().from(accounts).where(and(eq(accounts.orgId, orgId), isNull(accounts.archivedAt)));
  const events = await db.select().from(levelEvents).where(eq(levelEvents.orgId, orgId));
  const currency = P.reportingCurrency(rows.map((r) => r.currency));
  return rows.map((row) => ({
    id: row.id,
    revenue: P.revenueIn(row.annualRevenue === null ? null : Number(row.annualRevenue), row.currency, currency),
    targetLevel: row.targetLevel,
    targetDate: row.targetDate,
    ownerUserId: row.ownerUserId,
    segment: row.segment,
    events: events.filter((e) => e.accountId === row.id).map((e) => ({ id: e.id, source: e.source, level: e.level, effectiveAt: e.effectiveAt })),
  }));
}

function applyFilters<T extends { ownerUserId: string | null; segment: string | null; targetLevel: number | null }>(all: T[], filters: DashboardFilters): T[] {
  return all.filter(
    (a) =>
      (filters.owner === undefined || a.ownerUserId === (filters.owner === 'none' ? null : filters.owner)) &&
      (filters.segment === undefined || a.segment === (filters.segment === 'none' ? null : filters.segment)) &&
      (filters.targetLevel === undefined || a.targetLevel === (filters.targetLevel === 'none' ? null : filters.targetLevel)),
  );
}

/** Equal, with revenue sums compared to a relative 1e-9 (the database adds in another order). */
function expectSame(actual: unknown, expected: unknown, path = '$'): void {
  if (typeof expected === 'number') {
    expect(typeof actual, path).toBe('number');
    expect(Math.abs((actual as number) - expected), path).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
  } else if (expected instanceof Date) {
    expect((actual as Date).getTime(), path).toBe(expected.getTime());
  } else if (expected !== null && typeof expected === 'object') {
    expect(actual, path).toBeTypeOf('object');
    for (const key of Object.keys(expected)) expectSame((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${path}.${key}`);
  } else {
    expect(actual, path).toBe(expected);
  }
}

let org: Org;
let all: Awaited<ReturnType<typeof portfolioOf>>;
let other: Org;

beforeAll(async () => {
  org = await generatedOrg(20260611, 36);
  // Another organization with a history of its own, at other levels: none of it may leak into the first one's numbers.
  other = await generatedOrg(77, 12);
  all = await portfolioOf(org.orgId);
}, 120_000);

const FROM = P.toIsoDay(new Date(Date.now() - 400 * DAY));
const filterCases: Array<[string, DashboardFilters]> = [
  ['no filter, team', {}],
  ['no filter, customer, by quarter', { source: 'customer', granularity: 'quarter' }],
  ['an owner', { owner: 'MEMBER' }],
  ['no owner', { owner: 'none' }],
  ['a segment, customer', { segment: 'Energy', source: 'customer' }],
  ['no segment', { segment: 'none' }],
  ['a target level', { targetLevel: 4 }],
  ['no target', { targetLevel: 'none', source: 'customer' }],
];

describe.each(filterCases)('the SQL gives the pure functions’ numbers: %s', (_label, raw) => {
  const input = () => {
    const filters = { ...raw, ...(raw.owner === 'MEMBER' ? { owner: org.memberId } : {}) };
    return { filters, scope: applyFilters(all, filters), source: filters.source ?? 'team', granularity: filters.granularity ?? 'month' };
  };

  it('summary, as of today and as of a past day', async () => {
    const { filters, scope, source } = input();
    for (const to of [TODAY, P.toIsoDay(new Date(Date.now() - 150 * DAY))]) {
      const got = await org.viewer.dashboard.summary({ orgSlug: org.slug, ...filters, to });
      expect(got.asOf).toBe(to);
      expectSame(got, P.summary(scope, to, source, 12));
    }
  });

  it('distribution over time and net movement', async () => {
    const { filters, scope, source, granularity } = input();
    const got = await org.viewer.dashboard.distributionOverTime({ orgSlug: org.slug, ...filters, from: FROM, to: TODAY });
    const periods = P.periodsBetween(FROM, TODAY, granularity);
    expect(got.periods.map((p) => p.label)).toEqual(periods.map((p) => p.label));
    expectSame(
      got.periods.map((p) => p.distribution),
      P.distributionOverTime(scope, periods, source).map((p) => p.distribution),
    );
    expectSame(
      got.periods.map(({ up, down, net, entered }) => ({ up, down, net, entered })),
      P.netMovement(scope, periods, source).map(({ up, down, net, entered }) => ({ up, down, net, entered })),
    );
  });

  it('distribution, movement and gap trend over a past period that starts and ends mid-month', async () => {
    // Levels change after this period ends (and the runs read by the SQL reach past it).
    const { filters, scope, source, granularity } = input();
    const from = P.toIsoDay(new Date(Date.now() - 330 * DAY));
    const to = P.toIsoDay(new Date(Date.now() - 95 * DAY));
    const periods = P.periodsBetween(from, to, granularity);
    const got = await org.viewer.dashboard.distributionOverTime({ orgSlug: org.slug, ...filters, from, to });
    expectSame(
      got.periods.map(({ distribution, up, down, net, entered }) => ({ distribution, up, down, net, entered })),
      P.distributionOverTime(scope, periods, source).map((p, i) => {
        const { up, down, net, entered } = P.netMovement(scope, periods, source)[i]!;
        return { distribution: p.distribution, up, down, net, entered };
      }),
    );
    const trend = await org.viewer.dashboard.gapTrend({ orgSlug: org.slug, ...filters, from, to });
    expectSame(
      trend.periods.map((p) => ({ averageGap: p.averageGap, both: p.both })),
      P.gapTrend(scope, periods).map((p) => ({ averageGap: p.averageGap, both: p.both })),
    );
  });

  it('transition matrix over the period and between two chosen days, either way round', async () => {
    const { filters, scope, source } = input();
    const whole = await org.viewer.dashboard.transitions({ orgSlug: org.slug, ...filters, from: FROM, to: TODAY });
    expect([whole.dayA, whole.dayB]).toEqual([P.addDays(FROM, -1), TODAY]);
    expectSame(whole, P.transitionMatrix(scope, P.addDays(FROM, -1), TODAY, source));
    const dayA = P.toIsoDay(new Date(Date.now() - 90 * DAY));
    const dayB = P.toIsoDay(new Date(Date.now() - 300 * DAY));
    const reversed = await org.viewer.dashboard.transitions({ orgSlug: org.slug, ...filters, dayA, dayB });
    expectSame(reversed, P.transitionMatrix(scope, dayA, dayB, source));
  });

  it('top movers, with the move behind each', async () => {
    const { filters, scope, source } = input();
    const got = await org.viewer.dashboard.topMovers({ orgSlug: org.slug, ...filters, from: FROM, to: TODAY });
    const expected = P.topMovers(scope, FROM, TODAY, source, 10);
    const shape = (m: { accountId: string; fromLevel: number; toLevel: number; changedAt: Date }) => [m.accountId, m.fromLevel, m.toLevel, m.changedAt.getTime()];
    expect(got.up.map(shape)).toEqual(expected.up.map(shape));
    expect(got.down.map(shape)).toEqual(expected.down.map(shape));
  });

  it('perception gap matrix, the overrated accounts and the gap trend', async () => {
    const { filters, scope, granularity } = input();
    const got = await org.viewer.dashboard.gap({ orgSlug: org.slug, ...filters, to: TODAY });
    const { cells, averageGap, both, overrated, underrated } = P.gapMatrix(scope, TODAY);
    expectSame(got, { cells, averageGap, both, overrated, underrated });
    expect(got.overratedAccounts.map((a) => [a.accountId, a.teamLevel, a.customerLevel])).toEqual(
      P.overratedAccounts(scope, TODAY)
        .slice(0, 10)
        .map((a) => [a.accountId, a.teamLevel, a.customerLevel]),
    );
    const trend = await org.viewer.dashboard.gapTrend({ orgSlug: org.slug, ...filters, from: FROM, to: TODAY });
    expectSame(
      trend.periods.map((p) => ({ label: p.label, averageGap: p.averageGap, both: p.both })),
      P.gapTrend(scope, P.periodsBetween(FROM, TODAY, granularity)).map((p) => ({ label: p.label, averageGap: p.averageGap, both: p.both })),
    );
  });
});

describe('drill-down: the accounts behind a number', () => {
  it('matches the pure selection for every kind, in the same order, a page at a time', async () => {
    const dayA = P.addDays(FROM, -1);
    const specs: Array<{ spec: Parameters<Caller['dashboard']['drillDown']>[0]['spec']; pure: P.DrillDown }> = [
      { spec: { kind: 'transition', fromLevel: 3, toLevel: 4 }, pure: { kind: 'transition', source: 'team', dayA, dayB: TODAY, fromLevel: 3, toLevel: 4 } },
      { spec: { kind: 'transition', fromLevel: null, toLevel: 2 }, pure: { kind: 'transition', source: 'team', dayA, dayB: TODAY, fromLevel: null, toLevel: 2 } },
      { spec: { kind: 'level', source: 'customer', level: 3 }, pure: { kind: 'level', source: 'customer', day: TODAY, level: 3 } },
      { spec: { kind: 'level', source: 'team', level: null }, pure: { kind: 'level', source: 'team', day: TODAY, level: null } },
      { spec: { kind: 'gap', teamLevel: 4, customerLevel: 3 }, pure: { kind: 'gap', day: TODAY, teamLevel: 4, customerLevel: 3 } },
      { spec: { kind: 'overrated' }, pure: { kind: 'overrated', day: TODAY } },
      { spec: { kind: 'stale' }, pure: { kind: 'stale', day: TODAY } },
      { spec: { kind: 'unconfirmed' }, pure: { kind: 'unconfirmed', day: TODAY, months: 12 } },
      { spec: { kind: 'target', status: 'behind' }, pure: { kind: 'target', source: 'team', day: TODAY, status: 'behind' } },
      { spec: { kind: 'target', status: 'onTrack' }, pure: { kind: 'target', source: 'team', day: TODAY, status: 'onTrack' } },
      { spec: { kind: 'target', status: 'reached' }, pure: { kind: 'target', source: 'team', day: TODAY, status: 'reached' } },
    ];
    let nonEmpty = 0;
    for (const { spec, pure } of specs) {
      const expected = P.drillDown(all, pure).map((a) => a.id);
      const first = await org.viewer.dashboard.drillDown({ orgSlug: org.slug, from: FROM, to: TODAY, spec });
      expect(first.total, JSON.stringify(spec)).toBe(expected.length);
      expect(first.rows.map((r) => r.accountId), JSON.stringify(spec)).toEqual(expected.slice(0, 25));
      if (expected.length > 0) nonEmpty++;
    }
    // The generated portfolio has accounts behind most of these numbers (the check is not vacuous).
    expect(nonEmpty).toBeGreaterThanOrEqual(8);
  });

  it('pages through a long list without overlap', async () => {
    const expected = P.drillDown(all, { kind: 'stale', day: P.addDays(TODAY, 400) }).map((a) => a.id);
    expect(expected.length).toBeGreaterThan(25);
    const page1 = await org.viewer.dashboard.drillDown({ orgSlug: org.slug, to: P.addDays(TODAY, 400), spec: { kind: 'stale' } });
    const page2 = await org.viewer.dashboard.drillDown({ orgSlug: org.slug, to: P.addDays(TODAY, 400), spec: { kind: 'stale' }, offset: 25 });
    expect([...page1.rows, ...page2.rows].map((r) => r.accountId)).toEqual(expected.slice(0, 50));
  });

  it('shows the levels and the owner of each account', async () => {
    const page = await org.viewer.dashboard.drillDown({ orgSlug: org.slug, to: TODAY, spec: { kind: 'transition', fromLevel: 3, toLevel: 4 } });
    for (const row of page.rows) {
      const account = all.find((a) => a.id === row.accountId)!;
      expect(row).toMatchObject({ teamLevel: P.levelOn(account.events, TODAY, 'team'), customerLevel: P.levelOn(account.events, TODAY, 'customer'), fromLevel: 3 });
      expect(row.ownerName === null).toBe(account.ownerUserId === null);
    }
  });
});

describe('revenue in one currency', () => {
  it('reports in the currency most accounts use and counts the accounts whose revenue is unknown', async () => {
    const summary = await org.viewer.dashboard.summary({ orgSlug: org.slug });
    expect(summary.currency).toBe('SEK');
    expect(summary.withoutRevenue).toBe(all.filter((a) => a.revenue === null).length);
    expect(summary.withoutRevenue).toBeGreaterThan(0);
  });
});

describe('who can see the dashboard', () => {
  /** Each view as a call to make later (a rejected promise made early would go unhandled while another is awaited). */
  const endpoints = (caller: Caller, slug: string): Array<() => Promise<unknown>> => [
    () => caller.dashboard.summary({ orgSlug: slug }),
    () => caller.dashboard.distributionOverTime({ orgSlug: slug }),
    () => caller.dashboard.transitions({ orgSlug: slug }),
    () => caller.dashboard.topMovers({ orgSlug: slug }),
    () => caller.dashboard.gap({ orgSlug: slug }),
    () => caller.dashboard.gapTrend({ orgSlug: slug }),
    () => caller.dashboard.drillDown({ orgSlug: slug, spec: { kind: 'stale' } }),
  ];

  it('every member, viewers included, reads every view', async () => {
    const results = await Promise.all(endpoints(org.viewer, org.slug).map((call) => call()));
    expect(results).toHaveLength(7);
    expect(results[0]).toMatchObject({ total: { count: all.length } });
  });

  it('someone from another organization gets NOT_FOUND, as for an organization that does not exist', async () => {
    const stranger = await signUpUser(db);
    for (const call of endpoints(stranger.caller, org.slug)) await expectTRPCError(call(), 'NOT_FOUND', 'errors.orgNotFound');
    await expectTRPCError(stranger.caller.dashboard.summary({ orgSlug: 'no-such-organization' }), 'NOT_FOUND', 'errors.orgNotFound');
  });

  it('signed-out callers are refused', async () => {
    await expectTRPCError(callerFor(db, null).dashboard.summary({ orgSlug: org.slug }), 'UNAUTHORIZED');
  });

  it('another organization’s accounts never count, even under a filter naming its people', async () => {
    const mine = await org.viewer.dashboard.summary({ orgSlug: org.slug });
    const theirs = await other.viewer.dashboard.summary({ orgSlug: other.slug });
    expect(mine.total.count).toBe(all.length);
    expect(theirs.total.count).toBe((await portfolioOf(other.orgId)).length);
    // The other organization's member as an owner filter: nobody here has that owner.
    const foreignOwner = await org.viewer.dashboard.summary({ orgSlug: org.slug, owner: other.memberId });
    expect(foreignOwner.total.count).toBe(0);
    const movers = await org.viewer.dashboard.topMovers({ orgSlug: org.slug, from: FROM });
    const ours = new Set(all.map((a) => a.id));
    for (const mover of [...movers.up, ...movers.down]) expect(ours.has(mover.accountId)).toBe(true);
    const drill = await org.viewer.dashboard.drillDown({ orgSlug: org.slug, spec: { kind: 'unconfirmed' } });
    for (const row of drill.rows) expect(ours.has(row.accountId)).toBe(true);
  });
});

describe('bad input', () => {
  it('refuses a period that ends before it starts, or spans more than ten years', async () => {
    await expectTRPCError(org.viewer.dashboard.summary({ orgSlug: org.slug, from: '2026-05-01', to: '2026-04-30' }), 'BAD_REQUEST', 'errors.dashboardPeriodInvalid');
    await expectTRPCError(org.viewer.dashboard.distributionOverTime({ orgSlug: org.slug, from: '2010-01-01', to: '2026-01-01' }), 'BAD_REQUEST', 'errors.dashboardPeriodInvalid');
  });

  it('refuses dates that are not calendar days and levels outside 1–5', async () => {
    await expectTRPCError(org.viewer.dashboard.summary({ orgSlug: org.slug, to: '2026-02-30' }), 'BAD_REQUEST');
    await expectTRPCError(org.viewer.dashboard.transitions({ orgSlug: org.slug, dayA: 'yesterday' }), 'BAD_REQUEST');
    await expectTRPCError(org.viewer.dashboard.summary({ orgSlug: org.slug, targetLevel: 6 as never }), 'BAD_REQUEST');
    await expectTRPCError(
      org.viewer.dashboard.drillDown({ orgSlug: org.slug, spec: { kind: 'gap', teamLevel: 0, customerLevel: 2 } }),
      'BAD_REQUEST',
    );
  });

  it('an organization without assessments gets zeros, not errors', async () => {
    const empty = await createTenant(db);
    const summary = await empty.caller.dashboard.summary({ orgSlug: empty.orgSlug });
    expect(summary.total.count).toBe(0);
    expect(summary.gap.averageGap).toEqual({ count: null, revenue: null });
    const trend = await empty.caller.dashboard.distributionOverTime({ orgSlug: empty.orgSlug });
    expect(trend.periods).toHaveLength(12);
    const movers = await empty.caller.dashboard.topMovers({ orgSlug: empty.orgSlug });
    expect(movers).toMatchObject({ up: [], down: [] });
  });
});

describe('confirmation coverage follows the organization’s freshness window', () => {
  it('counts answers from the last month once an admin sets 1, in the summary and the drill-down', async () => {
    const twelve = await org.viewer.dashboard.summary({ orgSlug: org.slug });
    expect(twelve.freshnessMonths).toBe(12);
    await org.owner.confirmation.setFreshness({ orgSlug: org.slug, months: 1 });
    try {
      const one = await org.viewer.dashboard.summary({ orgSlug: org.slug });
      expect(one.freshnessMonths).toBe(1);
      expectSame(one.confirmed, P.summary(all, TODAY, 'team', 1).confirmed);
      // The generated answers come every 10 to 90 days: a one-month window must count fewer.
      expect(one.confirmed.count).toBeLessThan(twelve.confirmed.count);
      const drill = await org.viewer.dashboard.drillDown({ orgSlug: org.slug, spec: { kind: 'unconfirmed' } });
      expect(drill.total).toBe(P.drillDown(all, { kind: 'unconfirmed', day: TODAY, months: 1 }).length);
    } finally {
      await org.owner.confirmation.setFreshness({ orgSlug: org.slug, months: 12 });
    }
  });
});
