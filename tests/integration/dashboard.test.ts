/**
 * The portfolio dashboards: every endpoint's SQL gives exactly the numbers the test oracle
 * (server/domain/portfolio-oracle.ts, `P` below) gives on the same generated data, for every
 * filter and every lens (effective, team, customer): team levels written through
 * appendLevelEvent, customer answers as real confirmation links and answers from several
 * stakeholders (contacts with buying roles, an archived one, unnamed respondents, a link sent
 * again), some ageing out, with the customer level runs built by rebuildCustomerLevelRuns, before
 * and after the freshness window changes. Viewers can read everything; nothing of another
 * organization is ever counted.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '@/server/demo/portfolio';
import { uuidv7 } from '@/db/ids';
import { accounts, confirmationAnswers, confirmationLinks, contacts, levelEvents } from '@/db/schema';
import { withOrg } from '@/db/tenant';
import { answerConfirmation } from '@/server/services/confirmations';
import { rebuildCustomerLevelRuns } from '@/server/services/customer-level-runs';
import { answerExpiresAt } from '@/server/domain/customer-level';
import { addDays, endOfDay, periodsBetween, toIsoDay } from '@/server/domain/calendar';
import { reportingCurrency, revenueIn } from '@/server/domain/currency';
import { compareIds, type DrillDown, type LevelSource } from '@/server/domain/dashboard';
import * as P from '@/server/domain/portfolio-oracle';
import { appendLevelEvent } from '@/server/services/level-history';
import type { DashboardFilters } from '@/server/routers/dashboard';
import { hashToken } from '@/server/adapters/tokens';
import { insertAccount } from '../helpers/accounts';
import { useTestDatabase } from '../helpers/db';
import { expectTRPCError } from '../helpers/errors';
import { callerFor, confirmationToken, createTenant, signUpUser, type Caller } from '../helpers/factories';
import { createTeam } from '../helpers/team';

const { db } = await useTestDatabase();
const DAY = 86_400_000;
const TODAY = toIsoDay(new Date());
const ROLES = ['economic_buyer', 'user', 'technical', 'coach', 'other'] as const;

interface Org {
  slug: string;
  orgId: string;
  owner: Caller;
  viewer: Caller;
  memberId: string;
}

/**
 * An organization with a generated portfolio: accounts over segments, owners, targets and
 * currencies, about two years of team levels that move both ways, and customer answers from up
 * to three contacts and an unnamed respondent per account, over three years (so many have aged
 * out), with unanswered links. Includes the awkward cases: events and answers at the very start
 * and end of a day, two events or answers at the same instant, a team event in the future, an
 * archived account and an archived contact, unknown revenue, a currency without a rate, accounts
 * never assessed, and customer level_events the dashboard must not read (answers decide).
 */
async function generatedOrg(seed: number, accountCount: number): Promise<Org> {
  const { owner, viewer, member } = await createTeam(db, {
    members: { viewer: 'viewer', member: { role: 'member', name: 'Mats Member' } },
  });
  const rng = seededRandom(seed);
  const now = Date.now();
  const instant = (at: number) => {
    // Whole days at midnight, the last millisecond of a day, and ordinary times.
    const kind = rng();
    return new Date(kind < 0.15 ? Math.floor(at / DAY) * DAY : kind < 0.3 ? Math.floor(at / DAY) * DAY + DAY - 1 : Math.floor(at));
  };
  for (let i = 0; i < accountCount; i++) {
    const currency = ['SEK', 'SEK', 'EUR', 'NOK', 'XYZ'][Math.floor(rng() * 5)]!;
    const account = await insertAccount(db, owner.orgSlug, {
      name: `Account ${i}`,
      segment: rng() < 0.15 ? null : ['Energy', 'Retail'][Math.floor(rng() * 2)],
      ownerUserId: rng() < 0.2 ? null : rng() < 0.5 ? member.userId : owner.userId,
      annualRevenue: rng() < 0.15 ? null : String(Math.round(rng() * 5_000_000) / 100),
      currency,
      targetLevel: rng() < 0.3 ? null : 1 + Math.floor(rng() * 5),
      targetDate: rng() < 0.2 ? null : toIsoDay(new Date(now + (rng() - 0.6) * 400 * DAY)),
      archivedAt: i === 3 ? new Date() : null,
    });
    if (i % 9 === 5) continue; // never assessed, never asked
    await withOrg(db, owner.orgId, async (tx) => {
      if (i % 7 !== 4) {
        let level = 1 + Math.floor(rng() * 5);
        let at = now - (200 + rng() * 600) * DAY;
        while (at < now) {
          const effectiveAt = instant(at);
          await appendLevelEvent(tx, { orgId: owner.orgId, accountId: account.id, source: 'team', level, effectiveAt });
          if (rng() < 0.05) {
            // A second event at the very same instant: the later one (greater id) counts.
            level = Math.min(5, level + 1);
            await appendLevelEvent(tx, { orgId: owner.orgId, accountId: account.id, source: 'team', level, effectiveAt });
          }
          level = Math.min(5, Math.max(1, level + (rng() < 0.3 ? -1 : rng() < 0.6 ? 1 : 0)));
          at += (10 + rng() * 80) * DAY;
        }
        if (i % 11 === 2)
          await appendLevelEvent(tx, {
            orgId: owner.orgId,
            accountId: account.id,
            source: 'team',
            level,
            effectiveAt: new Date(now + 20 * DAY),
          });
      }
      // Customer level events that no answer backs: the dashboard reads the answers, never these.
      if (rng() < 0.4)
        await appendLevelEvent(tx, {
          orgId: owner.orgId,
          accountId: account.id,
          source: 'customer',
          level: 1 + Math.floor(rng() * 5),
          effectiveAt: new Date(now - rng() * 300 * DAY),
        });

      const people = Math.floor(rng() * 4);
      const stakeholders: Array<{ contactId: string | null }> = [];
      for (let c = 0; c < people; c++) {
        const [contact] = await tx
          .insert(contacts)
          .values({
            orgId: owner.orgId,
            accountId: account.id,
            name: `Contact ${i}.${c}`,
            buyingRole: ROLES[Math.floor(rng() * ROLES.length)]!,
            archivedAt: rng() < 0.08 ? new Date() : null,
          })
          .returning({ id: contacts.id });
        stakeholders.push({ contactId: contact!.id });
      }
      if (rng() < 0.3) stakeholders.push({ contactId: null });
      let shared: Date | null = null;
      const base = 1 + Math.floor(rng() * 5);
      for (const stakeholder of stakeholders) {
        let respondentLinkId: string | null = null;
        let at = now - (100 + rng() * 1000) * DAY;
        while (at < now) {
          // Two stakeholders at the same instant now and then.
          const answeredAt: Date = shared && rng() < 0.15 ? shared : instant(at);
          shared = answeredAt;
          const linkId = uuidv7(answeredAt.getTime() - 2 * DAY);
          const answered = rng() < 0.8;
          await tx.insert(confirmationLinks).values({
            orgId: owner.orgId,
            id: linkId,
            accountId: account.id,
            contactId: stakeholder.contactId,
            // An unnamed respondent's later links are sent again from the first: one stakeholder.
            respondentLinkId: respondentLinkId ?? linkId,
            tokenHash: hashToken(randomUUID()),
            language: 'en',
            expiresAt: new Date(answeredAt.getTime() + 30 * DAY),
            createdByUserId: owner.userId,
            createdAt: new Date(answeredAt.getTime() - 2 * DAY),
            lastAnsweredAt: answered ? answeredAt : null,
          });
          if (stakeholder.contactId === null) respondentLinkId ??= linkId;
          if (answered) {
            const level = Math.min(5, Math.max(1, base + Math.floor(rng() * 3) - 1));
            await tx.insert(confirmationAnswers).values({
              orgId: owner.orgId,
              id: uuidv7(answeredAt.getTime()),
              linkId,
              accountId: account.id,
              contactId: stakeholder.contactId,
              level,
              submissionKey: randomUUID(),
              createdAt: answeredAt,
            });
            if (rng() < 0.05) {
              // The same stakeholder again at the same instant (a double submission with two keys): the greater id counts.
              await tx.insert(confirmationAnswers).values({
                orgId: owner.orgId,
                id: uuidv7(answeredAt.getTime()),
                linkId,
                accountId: account.id,
                contactId: stakeholder.contactId,
                level: 6 - level,
                submissionKey: randomUUID(),
                createdAt: answeredAt,
              });
            }
          }
          at += (40 + rng() * 400) * DAY;
        }
      }
    });
  }
  await withOrg(db, owner.orgId, (tx) => rebuildCustomerLevelRuns(tx, owner.orgId, 12));
  return { slug: owner.orgSlug, orgId: owner.orgId, owner: owner.caller, viewer: viewer.caller, memberId: member.userId };
}

type Account = P.PortfolioAccount & {
  ownerUserId: string | null;
  segment: string | null;
  targetLevel: number | null;
  links: P.PortfolioLink[];
};

/** The organization's active accounts, their team history, their answers that count and their links, read through the root connection. */
async function portfolioOf(orgId: string): Promise<Account[]> {
  const rows = await db
    .select()
    .from(accounts)
    .where(and(eq(accounts.orgId, orgId), isNull(accounts.archivedAt)));
  const events = await db.select().from(levelEvents).where(eq(levelEvents.orgId, orgId));
  const people = new Map((await db.select().from(contacts).where(eq(contacts.orgId, orgId))).map((c) => [c.id, c]));
  const links = await db.select().from(confirmationLinks).where(eq(confirmationLinks.orgId, orgId));
  const linkById = new Map(links.map((l) => [l.id, l]));
  const answers = (await db.select().from(confirmationAnswers).where(eq(confirmationAnswers.orgId, orgId)))
    .filter((a) => a.contactId === null || people.get(a.contactId)!.archivedAt === null)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || compareIds(a.id, b.id));
  const currency = reportingCurrency(rows.map((r) => r.currency));
  return rows.map((row) => ({
    id: row.id,
    revenue: revenueIn(row.annualRevenue === null ? null : Number(row.annualRevenue), row.currency, currency),
    targetLevel: row.targetLevel,
    targetDate: row.targetDate,
    ownerUserId: row.ownerUserId,
    segment: row.segment,
    events: events
      .filter((e) => e.accountId === row.id)
      .map((e) => ({ id: e.id, source: e.source, level: e.level, effectiveAt: e.effectiveAt })),
    answers: answers
      .filter((a) => a.accountId === row.id)
      .map((a) => ({
        respondentKey: a.contactId ?? `link:${linkById.get(a.linkId)!.respondentLinkId}`,
        level: a.level,
        answeredAt: a.createdAt,
        economicBuyer: a.contactId !== null && people.get(a.contactId)!.buyingRole === 'economic_buyer',
      })),
    links: links
      .filter((l) => l.accountId === row.id)
      .map((l) => ({
        createdAt: l.createdAt,
        answered: l.lastAnsweredAt !== null,
        buyingRole: l.contactId ? people.get(l.contactId)!.buyingRole : null,
      })),
  }));
}

/** The accounts the filters leave, as of the day `to` (the economic-buyer filter looks at that day). */
function applyFilters(all: Account[], filters: DashboardFilters, to: string, months: number): Account[] {
  return all.filter(
    (a) =>
      (filters.owner === undefined || a.ownerUserId === (filters.owner === 'none' ? null : filters.owner)) &&
      (filters.segment === undefined || a.segment === (filters.segment === 'none' ? null : filters.segment)) &&
      (filters.targetLevel === undefined || a.targetLevel === (filters.targetLevel === 'none' ? null : filters.targetLevel)) &&
      (!filters.noEconomicBuyer || !P.economicBuyerConfirmed(a, to, months)),
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
    for (const key of Object.keys(expected))
      expectSame((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${path}.${key}`);
  } else {
    expect(actual, path).toBe(expected);
  }
}

const moverShape = (m: {
  accountId: string;
  fromLevel: number;
  toLevel: number;
  changedAt: Date;
  via: string;
  agedOut: boolean;
  answerLevel: number | null;
}) => [m.accountId, m.fromLevel, m.toLevel, m.changedAt.getTime(), m.via, m.agedOut, m.answerLevel];
const pureMoverShape = (m: P.Mover) =>
  moverShape({
    ...m,
    changedAt: m.change.at,
    via: m.change.via,
    agedOut: m.change.via === 'customer' && m.change.answer === null,
    answerLevel: m.change.answer?.level ?? null,
  });

let org: Org;
let all: Account[];
let other: Org;

beforeAll(async () => {
  org = await generatedOrg(20260611, 36);
  // Another organization with a history of its own, at other levels: none of it may leak into the first one's numbers.
  other = await generatedOrg(77, 12);
  all = await portfolioOf(org.orgId);
}, 240_000);

const FROM = toIsoDay(new Date(Date.now() - 400 * DAY));
const PAST = toIsoDay(new Date(Date.now() - 150 * DAY));
const filterCases: Array<[string, DashboardFilters]> = [
  ['no filter, effective', {}],
  ['no filter, team', { source: 'team' }],
  ['no filter, customer, by quarter', { source: 'customer', granularity: 'quarter' }],
  ['an owner', { owner: 'MEMBER' }],
  ['no owner, team', { owner: 'none', source: 'team' }],
  ['a segment, customer', { segment: 'Energy', source: 'customer' }],
  ['no segment', { segment: 'none' }],
  ['a target level', { targetLevel: 4 }],
  ['no target, customer', { targetLevel: 'none', source: 'customer' }],
  ['economic buyer has not answered', { noEconomicBuyer: true }],
  ['economic buyer has not answered, team', { noEconomicBuyer: true, source: 'team' }],
];

/** Every view of the dashboard against the oracle, for one set of filters and a freshness window. */
function checksFor(label: string, raw: DashboardFilters, months: () => number) {
  const input = (to: string) => {
    const filters = { ...raw, ...(raw.owner === 'MEMBER' ? { owner: org.memberId } : {}) };
    return {
      filters,
      scope: applyFilters(all, filters, to, months()),
      source: filters.source ?? 'effective',
      granularity: filters.granularity ?? 'month',
    };
  };

  it(`${label}: summary and response rate, as of today and as of a past day`, async () => {
    for (const to of [TODAY, PAST]) {
      const { filters, scope, source } = input(to);
      const got = await org.viewer.dashboard.summary({ orgSlug: org.slug, ...filters, from: FROM, to });
      expect(got.asOf).toBe(to);
      expect(got.freshnessMonths).toBe(months());
      expectSame(got, P.summary(scope, to, source, months()));
      expectSame(
        await org.viewer.dashboard.responseRate({ orgSlug: org.slug, ...filters, from: FROM, to }),
        P.responseRate(
          scope.flatMap((a) => a.links),
          FROM,
          to,
        ),
      );
    }
  });

  it(`${label}: headline, the period against the one of the same length before it`, async () => {
    const past = { from: toIsoDay(new Date(Date.now() - 330 * DAY)), to: PAST };
    for (const { from, to } of [{ from: FROM, to: TODAY }, past]) {
      const { filters, scope, source } = input(to);
      expectSame(
        await org.viewer.dashboard.headline({ orgSlug: org.slug, ...filters, from, to }),
        P.headline(scope, from, to, source, months()),
      );
    }
  });

  it(`${label}: distribution over time and net movement, the default period and a past one mid-month`, async () => {
    const past = { from: toIsoDay(new Date(Date.now() - 330 * DAY)), to: toIsoDay(new Date(Date.now() - 95 * DAY)) };
    for (const { from, to } of [{ from: FROM, to: TODAY }, past]) {
      const { filters, scope, source, granularity } = input(to);
      const got = await org.viewer.dashboard.distributionOverTime({ orgSlug: org.slug, ...filters, from, to });
      const periods = periodsBetween(from, to, granularity);
      expect(got.periods.map((p) => p.label)).toEqual(periods.map((p) => p.label));
      expectSame(
        got.periods.map((p) => p.distribution),
        P.distributionOverTime(scope, periods, source, months()).map((p) => p.distribution),
      );
      expectSame(
        got.periods.map(({ up, down, net, entered, left }) => ({ up, down, net, entered, left })),
        P.netMovement(scope, periods, source, months()).map(({ up, down, net, entered, left }) => ({ up, down, net, entered, left })),
      );
    }
  });

  it(`${label}: transition matrix over the period and between two chosen days, either way round`, async () => {
    const { filters, scope, source } = input(TODAY);
    const whole = await org.viewer.dashboard.transitions({ orgSlug: org.slug, ...filters, from: FROM, to: TODAY });
    expect([whole.dayA, whole.dayB]).toEqual([addDays(FROM, -1), TODAY]);
    expectSame(whole, P.transitionMatrix(scope, addDays(FROM, -1), TODAY, source, months()));
    const dayA = toIsoDay(new Date(Date.now() - 90 * DAY));
    const dayB = toIsoDay(new Date(Date.now() - 300 * DAY));
    const reversed = await org.viewer.dashboard.transitions({ orgSlug: org.slug, ...filters, dayA, dayB });
    expectSame(reversed, P.transitionMatrix(scope, dayA, dayB, source, months()));
  });

  it(`${label}: top movers, with the change behind each`, async () => {
    const { filters, scope, source } = input(TODAY);
    const got = await org.viewer.dashboard.topMovers({ orgSlug: org.slug, ...filters, from: FROM, to: TODAY });
    const expected = P.topMovers(scope, FROM, TODAY, source, 10, months());
    expect(got.up.map(moverShape)).toEqual(expected.up.map(pureMoverShape));
    expect(got.down.map(moverShape)).toEqual(expected.down.map(pureMoverShape));
  });

  it(`${label}: perception gap matrix, the overrated accounts and the gap over time`, async () => {
    const { filters, scope, granularity } = input(TODAY);
    const got = await org.viewer.dashboard.gap({ orgSlug: org.slug, ...filters, to: TODAY });
    const { cells, averageGap, both, overrated, underrated } = P.gapMatrix(scope, TODAY, months());
    expectSame(got, { cells, averageGap, both, overrated, underrated });
    expect(got.overratedAccounts.map((a) => [a.accountId, a.teamLevel, a.customerLevel])).toEqual(
      P.overratedAccounts(scope, TODAY, months())
        .slice(0, 10)
        .map((a) => [a.accountId, a.teamLevel, a.customerLevel]),
    );
    const past = { from: toIsoDay(new Date(Date.now() - 330 * DAY)), to: toIsoDay(new Date(Date.now() - 95 * DAY)) };
    for (const { from, to } of [{ from: FROM, to: TODAY }, past]) {
      const trend = await org.viewer.dashboard.gapTrend({ orgSlug: org.slug, ...input(to).filters, from, to });
      expectSame(
        trend.periods.map((p) => ({ label: p.label, averageGap: p.averageGap, both: p.both })),
        P.gapTrend(input(to).scope, periodsBetween(from, to, granularity), months()).map((p) => ({
          label: p.label,
          averageGap: p.averageGap,
          both: p.both,
        })),
      );
    }
  });
}

describe.each(filterCases)('the SQL gives the oracle’s numbers: %s', (label, raw) => {
  checksFor(label, raw, () => 12);
});

/** The accounts behind numbers, as the page asks for them, against the pure selection. */
async function checkDrillDowns(months: number, source: LevelSource | undefined) {
  const dayA = addDays(FROM, -1);
  const lens = source ?? 'effective';
  const specs: Array<{ spec: Parameters<Caller['dashboard']['drillDown']>[0]['spec']; pure: DrillDown }> = [
    {
      spec: { kind: 'transition', fromLevel: 3, toLevel: 4 },
      pure: { kind: 'transition', source: lens, dayA, dayB: TODAY, fromLevel: 3, toLevel: 4 },
    },
    {
      spec: { kind: 'transition', fromLevel: null, toLevel: 2 },
      pure: { kind: 'transition', source: lens, dayA, dayB: TODAY, fromLevel: null, toLevel: 2 },
    },
    {
      spec: { kind: 'transition', fromLevel: 3, toLevel: null },
      pure: { kind: 'transition', source: lens, dayA, dayB: TODAY, fromLevel: 3, toLevel: null },
    },
    { spec: { kind: 'level', source: 'customer', level: 3 }, pure: { kind: 'level', source: 'customer', day: TODAY, level: 3 } },
    { spec: { kind: 'level', source: 'effective', level: 3 }, pure: { kind: 'level', source: 'effective', day: TODAY, level: 3 } },
    { spec: { kind: 'level', source: 'team', level: null }, pure: { kind: 'level', source: 'team', day: TODAY, level: null } },
    { spec: { kind: 'level', source: 'customer', level: null }, pure: { kind: 'level', source: 'customer', day: TODAY, level: null } },
    { spec: { kind: 'gap', teamLevel: 4, customerLevel: 3 }, pure: { kind: 'gap', day: TODAY, teamLevel: 4, customerLevel: 3 } },
    { spec: { kind: 'overrated' }, pure: { kind: 'overrated', day: TODAY } },
    { spec: { kind: 'stale' }, pure: { kind: 'stale', day: TODAY } },
    { spec: { kind: 'unconfirmed' }, pure: { kind: 'unconfirmed', day: TODAY } },
    { spec: { kind: 'noEconomicBuyer' }, pure: { kind: 'noEconomicBuyer', day: TODAY } },
    { spec: { kind: 'target', status: 'behind' }, pure: { kind: 'target', source: lens, day: TODAY, status: 'behind' } },
    { spec: { kind: 'target', status: 'onTrack' }, pure: { kind: 'target', source: lens, day: TODAY, status: 'onTrack' } },
    { spec: { kind: 'target', status: 'reached' }, pure: { kind: 'target', source: lens, day: TODAY, status: 'reached' } },
  ];
  let nonEmpty = 0;
  for (const { spec, pure } of specs) {
    const expected = P.drillDown(all, pure, months);
    const first = await org.viewer.dashboard.drillDown({ orgSlug: org.slug, from: FROM, to: TODAY, source, spec });
    expect(first.total, JSON.stringify(spec)).toBe(expected.length);
    expect(
      first.rows.map((r) => [r.accountId, r.teamLevel, r.customerLevel, r.effectiveLevel, r.effectiveFromTeam]),
      JSON.stringify(spec),
    ).toEqual(
      expected
        .slice(0, 25)
        .map((a) => [
          a.id,
          P.levelOn(a, TODAY, 'team', months),
          P.levelOn(a, TODAY, 'customer', months),
          P.levelOn(a, TODAY, 'effective', months),
          P.effectiveFromTeam(a, TODAY, months),
        ]),
    );
    if (expected.length > 0) nonEmpty++;
  }
  // The generated portfolio has accounts behind most of these numbers (the check is not vacuous).
  expect(nonEmpty).toBeGreaterThanOrEqual(11);
}

describe('drill-down: the accounts behind a number', () => {
  it('matches the pure selection for every kind and lens, in the same order, with the levels of each account', async () => {
    for (const source of [undefined, 'team', 'customer'] as const) await checkDrillDowns(12, source);
  });

  it('pages through a long list without overlap', async () => {
    const expected = P.drillDown(all, { kind: 'stale', day: addDays(TODAY, 400) }, 12).map((a) => a.id);
    expect(expected.length).toBeGreaterThan(25);
    const page1 = await org.viewer.dashboard.drillDown({ orgSlug: org.slug, to: addDays(TODAY, 400), spec: { kind: 'stale' } });
    const page2 = await org.viewer.dashboard.drillDown({ orgSlug: org.slug, to: addDays(TODAY, 400), spec: { kind: 'stale' }, offset: 25 });
    expect([...page1.rows, ...page2.rows].map((r) => r.accountId)).toEqual(expected.slice(0, 50));
  });

  it('gives the ids of every account behind a number, all pages of the list in its order, for a campaign', async () => {
    const day = addDays(TODAY, 400);
    for (const spec of [{ kind: 'unconfirmed' }, { kind: 'stale' }] as const) {
      const expected = P.drillDown(all, { ...spec, day }, 12).map((a) => a.id);
      expect(expected.length, spec.kind).toBeGreaterThan(25);
      const pages: string[] = [];
      for (let offset = 0; ; offset += 25) {
        const page = await org.viewer.dashboard.drillDown({ orgSlug: org.slug, to: day, spec, offset });
        if (page.rows.length === 0) break;
        pages.push(...page.rows.map((r) => r.accountId));
      }
      const ids = await org.viewer.dashboard.drillDownIds({ orgSlug: org.slug, to: day, spec });
      expect(pages).toEqual(expected);
      expect(ids).toEqual({ total: expected.length, accountIds: pages });
    }
    // Under a filter too: an owner's accounts only.
    const mine = await org.viewer.dashboard.drillDownIds({ orgSlug: org.slug, to: day, owner: 'none', spec: { kind: 'unconfirmed' } });
    const pure = P.drillDown(applyFilters(all, { owner: 'none' }, day, 12), { kind: 'unconfirmed', day }, 12).map((a) => a.id);
    expect(pure.length).toBeGreaterThan(0);
    expect(mine.accountIds).toEqual(pure);
  });

  it('gives another organization’s member NOT_FOUND for the ids', async () => {
    await expectTRPCError(
      other.viewer.dashboard.drillDownIds({ orgSlug: org.slug, spec: { kind: 'unconfirmed' } }),
      'NOT_FOUND',
      'errors.orgNotFound',
    );
    const theirs = await other.viewer.dashboard.drillDownIds({
      orgSlug: other.slug,
      to: addDays(TODAY, 400),
      spec: { kind: 'unconfirmed' },
    });
    const ours = new Set(all.map((a) => a.id));
    expect(theirs.accountIds.length).toBeGreaterThan(0);
    expect(theirs.accountIds.filter((id) => ours.has(id))).toEqual([]);
  });

  it('shows the level on day A of a transition and the owner of each account', async () => {
    // The busiest cell off the diagonal of the effective matrix over the period.
    const matrix = P.transitionMatrix(all, addDays(FROM, -1), TODAY, 'effective', 12);
    const [fromLevel, toLevel] = [1, 2, 3, 4, 5]
      .flatMap((i) => [1, 2, 3, 4, 5].filter((j) => j !== i).map((j) => [i, j] as const))
      .sort(([i1, j1], [i2, j2]) => matrix.cells[i2 - 1]![j2 - 1]!.count - matrix.cells[i1 - 1]![j1 - 1]!.count)[0]!;
    const page = await org.viewer.dashboard.drillDown({
      orgSlug: org.slug,
      from: FROM,
      to: TODAY,
      spec: { kind: 'transition', fromLevel, toLevel },
    });
    expect(page.rows.length).toBeGreaterThan(0);
    for (const row of page.rows) {
      const account = all.find((a) => a.id === row.accountId)!;
      expect(row).toMatchObject({ effectiveLevel: toLevel, fromLevel });
      expect(P.levelOn(account, addDays(FROM, -1), 'effective', 12)).toBe(fromLevel);
      expect(row.ownerName === null).toBe(account.ownerUserId === null);
    }
  });
});

describe('a new freshness window changes every number that reads the customer level', () => {
  it('the generated answers age out differently under 3 and 24 months', () => {
    // Not vacuous: the window changes who has a customer level today.
    const confirmed = (months: number) => all.filter((a) => P.isConfirmed(a, TODAY, months)).length;
    expect(confirmed(3)).toBeLessThan(confirmed(12));
    expect(confirmed(24)).toBeGreaterThan(confirmed(12));
  });

  for (const months of [3, 24]) {
    describe(`${months} months`, () => {
      beforeAll(async () => {
        await org.owner.confirmation.setFreshness({ orgSlug: org.slug, months });
      });
      for (const [label, raw] of [filterCases[0]!, filterCases[2]!, filterCases[9]!]) checksFor(label, raw, () => months);
      it('drill-downs', async () => {
        await checkDrillDowns(months, undefined);
      });
    });
  }

  it('back at 12 months, the numbers are those of 12 months again', async () => {
    await org.owner.confirmation.setFreshness({ orgSlug: org.slug, months: 12 });
    expectSame(await org.viewer.dashboard.summary({ orgSlug: org.slug }), P.summary(all, TODAY, 'effective', 12));
  });
});

describe('three stakeholders answer 4, 4 and 2; a lone answer of 5 from three years ago', () => {
  let slug: string;
  let viewer: Caller;
  let underrated: string;
  let stale: string;
  const longAgo = new Date(Date.now() - 3 * 365 * DAY);
  const withinItsWindow = toIsoDay(new Date(longAgo.getTime() + 100 * DAY));

  beforeAll(async () => {
    const t = await createTeam(db, { members: ['member', 'viewer'] });
    const { owner, member } = t;
    slug = t.slug;
    viewer = t.viewer.caller;
    const ask = async (accountId: string, name: string, level: number, buyingRole: (typeof ROLES)[number] = 'user') => {
      const contact = await member.caller.contact.create({ orgSlug: slug, accountId, name, buyingRole });
      const link = await member.caller.confirmation.create({ orgSlug: slug, accountId, contactId: contact.id });
      const result = await answerConfirmation(
        confirmationToken(link.url),
        `dash-${randomUUID()}`,
        { level: String(level), submissionKey: randomUUID() },
        db,
      );
      expect(result).toEqual({ kind: 'ok' });
    };
    underrated = (await insertAccount(db, slug, { name: 'Nordkyl AB' })).id;
    stale = (await insertAccount(db, slug, { name: 'Fjällkraft AB' })).id;
    await withOrg(db, owner.orgId, async (tx) => {
      await appendLevelEvent(tx, {
        orgId: owner.orgId,
        accountId: underrated,
        source: 'team',
        level: 3,
        effectiveAt: new Date(Date.now() - 30 * DAY),
      });
      await appendLevelEvent(tx, {
        orgId: owner.orgId,
        accountId: stale,
        source: 'team',
        level: 2,
        effectiveAt: new Date(Date.now() - 4 * 365 * DAY),
      });
    });
    await ask(underrated, 'Anna CFO', 4, 'economic_buyer');
    await ask(underrated, 'Erik Ops', 4);
    await ask(underrated, 'Sara Buyer', 2);
    await ask(stale, 'Lars CEO', 5, 'economic_buyer');
    // Lars answered three years ago: his answer, and the customer level it set, as of then.
    await db.update(confirmationAnswers).set({ createdAt: longAgo }).where(eq(confirmationAnswers.accountId, stale));
    await db
      .update(confirmationLinks)
      .set({ createdAt: new Date(longAgo.getTime() - DAY), lastAnsweredAt: longAgo })
      .where(eq(confirmationLinks.accountId, stale));
    await withOrg(db, owner.orgId, (tx) => rebuildCustomerLevelRuns(tx, owner.orgId, 12, [stale]));
  }, 60_000);

  it('summary: customer level 4 (the median, not the latest answer 2), none for the stale 5 today, 5 within its window', async () => {
    const today = await viewer.dashboard.summary({ orgSlug: slug });
    expect(today.customer.byLevel.map((t) => t.count)).toEqual([0, 0, 0, 1, 0]);
    expect(today.customer.none.count).toBe(1);
    // Effective: 4 from the customers, 2 from the team where the customer's answer aged out.
    expect(today.effective.byLevel.map((t) => t.count)).toEqual([0, 1, 0, 1, 0]);
    expect(today.confirmed.count).toBe(1);
    expect(today.economicBuyer.count).toBe(1);
    expect(await viewer.dashboard.responseRate({ orgSlug: slug })).toEqual({
      sent: 3,
      answered: 3,
      byRole: [
        { role: 'economic_buyer', sent: 1, answered: 1 },
        { role: 'user', sent: 2, answered: 2 },
      ],
    });
    const then = await viewer.dashboard.summary({ orgSlug: slug, to: withinItsWindow });
    expect(then.customer.byLevel.map((t) => t.count)).toEqual([0, 0, 0, 0, 1]);
    expect(then.effective.byLevel.map((t) => t.count)).toEqual([0, 0, 0, 0, 1]);
    expect(then.economicBuyer.count).toBe(1);
  });

  it('gap: the team underrates itself on the one account with both levels', async () => {
    const gap = await viewer.dashboard.gap({ orgSlug: slug });
    expect(gap.cells[2]![3]!.count).toBe(1);
    expect(gap.both.count).toBe(1);
    expect(gap.underrated.count).toBe(1);
    expect(gap.averageGap.count).toBe(-1);
    const then = await viewer.dashboard.gap({ orgSlug: slug, to: withinItsWindow });
    expect(then.cells[1]![4]!.count).toBe(1);
    expect(then.overratedAccounts).toEqual([]);
  });

  it('transitions: the stale 5 goes to no customer level once it ages out, the three answers arrive at 4', async () => {
    const customer = await viewer.dashboard.transitions({ orgSlug: slug, source: 'customer', dayA: withinItsWindow, dayB: TODAY });
    expect(customer.toNone[4]!.count).toBe(1);
    expect(customer.fromNone[3]!.count).toBe(1);
    expect(customer.neither.count).toBe(0);
    const effective = await viewer.dashboard.transitions({ orgSlug: slug, dayA: withinItsWindow, dayB: TODAY });
    expect(effective.cells[4]![1]!.count).toBe(1); // 5 from the customer, then 2 from the team
    expect(effective.fromNone[3]!.count).toBe(1);
  });

  it('trend: month ends within the window count the 5, later ones do not; this month ends at 4', async () => {
    const from = toIsoDay(new Date(longAgo.getTime() - 40 * DAY));
    const to = toIsoDay(new Date(longAgo.getTime() + 500 * DAY));
    const trend = await viewer.dashboard.distributionOverTime({ orgSlug: slug, source: 'customer', from, to });
    const fives = trend.periods.map((p) => p.distribution.byLevel[4]!.count);
    const expiry = answerExpiresAt(longAgo, 12);
    const expected = periodsBetween(from, to, 'month').map((p) => (p.end >= toIsoDay(longAgo) && endOfDay(p.end) <= expiry ? 1 : 0));
    expect(fives).toEqual(expected);
    expect(fives).toContain(1);
    expect(trend.periods.reduce((sum, p) => sum + p.left.count, 0)).toBe(1);
    const now = await viewer.dashboard.distributionOverTime({ orgSlug: slug, source: 'customer' });
    expect(now.periods.at(-1)!.distribution.byLevel.map((t) => t.count)).toEqual([0, 0, 0, 1, 0]);
  });

  it('drill-down: the account at customer level 4, and the stale one marked as the team’s level', async () => {
    const four = await viewer.dashboard.drillDown({ orgSlug: slug, spec: { kind: 'level', source: 'customer', level: 4 } });
    expect(four.rows.map((r) => [r.accountId, r.teamLevel, r.customerLevel, r.effectiveLevel, r.effectiveFromTeam])).toEqual([
      [underrated, 3, 4, 4, false],
    ]);
    const two = await viewer.dashboard.drillDown({ orgSlug: slug, spec: { kind: 'level', source: 'effective', level: 2 } });
    expect(two.rows.map((r) => [r.accountId, r.customerLevel, r.effectiveLevel, r.effectiveFromTeam])).toEqual([[stale, null, 2, true]]);
    const unconfirmed = await viewer.dashboard.drillDown({ orgSlug: slug, spec: { kind: 'unconfirmed' } });
    expect(unconfirmed.rows.map((r) => r.accountId)).toEqual([stale]);
    const noBuyer = await viewer.dashboard.drillDown({ orgSlug: slug, spec: { kind: 'noEconomicBuyer' } });
    expect(noBuyer.rows.map((r) => r.accountId)).toEqual([stale]);
    const filtered = await viewer.dashboard.summary({ orgSlug: slug, noEconomicBuyer: true });
    expect(filtered.total.count).toBe(1);
  });

  it('top movers name the change behind a move: the answers aged out', async () => {
    const from = withinItsWindow;
    const movers = await viewer.dashboard.topMovers({ orgSlug: slug, source: 'effective', from, to: addDays(from, 360) });
    expect(movers.down.map((m) => [m.accountId, m.fromLevel, m.toLevel, m.via, m.agedOut])).toEqual([[stale, 5, 2, 'customer', true]]);
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
    () => caller.dashboard.drillDownIds({ orgSlug: slug, spec: { kind: 'stale' } }),
    () => caller.dashboard.responseRate({ orgSlug: slug }),
    () => caller.dashboard.headline({ orgSlug: slug }),
  ];

  it('every member, viewers included, reads every view', async () => {
    const results = await Promise.all(endpoints(org.viewer, org.slug).map((call) => call()));
    expect(results).toHaveLength(10);
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
    await expectTRPCError(
      org.viewer.dashboard.summary({ orgSlug: org.slug, from: '2026-05-01', to: '2026-04-30' }),
      'BAD_REQUEST',
      'errors.dashboardPeriodInvalid',
    );
    await expectTRPCError(
      org.viewer.dashboard.distributionOverTime({ orgSlug: org.slug, from: '2010-01-01', to: '2026-01-01' }),
      'BAD_REQUEST',
      'errors.dashboardPeriodInvalid',
    );
  });

  it('refuses dates that are not calendar days and levels outside 1–5', async () => {
    await expectTRPCError(org.viewer.dashboard.summary({ orgSlug: org.slug, to: '2026-02-30' }), 'BAD_REQUEST');
    await expectTRPCError(org.viewer.dashboard.transitions({ orgSlug: org.slug, dayA: 'yesterday' }), 'BAD_REQUEST');
    await expectTRPCError(org.viewer.dashboard.summary({ orgSlug: org.slug, targetLevel: 6 }), 'BAD_REQUEST');
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
