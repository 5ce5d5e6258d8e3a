/**
 * The dashboard's headline on a portfolio small enough to work out by hand: six accounts whose
 * levels move in the selected period (1 April to 30 September 2026) and in the 183 days before it,
 * by team assessments and by customer answers (one of which ages out). The endpoint, the test
 * oracle (server/domain/portfolio-oracle.ts) and the numbers worked out below must all agree.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '@/db/ids';
import { confirmationAnswers, confirmationLinks, contacts } from '@/db/schema';
import { withOrg } from '@/db/tenant';
import { hashToken } from '@/server/adapters/tokens';
import { previousPeriod } from '@/server/domain/calendar';
import type { Headline, LevelSource } from '@/server/domain/dashboard';
import * as P from '@/server/domain/portfolio-oracle';
import { rebuildCustomerLevelRuns } from '@/server/services/customer-level-runs';
import { appendLevelEvent } from '@/server/services/level-history';
import { insertAccount } from '../helpers/accounts';
import { useTestDatabase } from '../helpers/db';
import { expectTRPCError } from '../helpers/errors';
import { signUpUser, type Caller } from '../helpers/factories';
import { createTeam } from '../helpers/team';

const { db } = await useTestDatabase();

const FROM = '2026-04-01';
const TO = '2026-09-30';
const at = (day: string) => new Date(`${day}T12:00:00Z`);

/** Each account: revenue, team assessments, and answers of its stakeholders (a stakeholder per letter). */
const PORTFOLIO = {
  // Team 2, then 3 inside the period: up now, still before.
  rising: {
    revenue: 1000,
    team: [
      ['2025-06-01', 2],
      ['2026-05-10', 3],
    ],
    answers: [],
  },
  // Team 4; the customer says 2 in the previous period: down then, the team overrates it at both ends.
  overrated: { revenue: 2000, team: [['2025-01-10', 4]], answers: [['x', '2026-02-01', 2]] },
  // Team 3; two stakeholders answer 4 and 5 in the period: the customer level is 4 (the median rounded down), up now.
  underrated: {
    revenue: 3000,
    team: [['2025-08-01', 3]],
    answers: [
      ['x', '2026-06-15', 4],
      ['y', '2026-06-15', 5],
    ],
  },
  // A 5 from the customer a year before the period's end, then only the team's 2: down now, as the answer ages out.
  agedOut: { revenue: null, team: [['2025-03-01', 2]], answers: [['x', '2025-05-01', 5]] },
  // First assessed inside the period: it gets a level, which is not a move up.
  newcomer: { revenue: 500, team: [['2026-05-01', 1]], answers: [] },
  // Never assessed nor asked.
  untouched: { revenue: 100, team: [], answers: [] },
} as const satisfies Record<
  string,
  { revenue: number | null; team: ReadonlyArray<readonly [string, number]>; answers: ReadonlyArray<readonly [string, string, number]> }
>;

let slug: string;
let viewer: Caller;
const oracleAccounts: P.PortfolioAccount[] = [];

beforeAll(async () => {
  const team = await createTeam(db, { members: ['viewer'] });
  slug = team.slug;
  viewer = team.viewer.caller;
  const orgId = team.orgId;
  for (const [name, spec] of Object.entries(PORTFOLIO)) {
    const account = await insertAccount(db, slug, {
      name,
      currency: 'SEK',
      annualRevenue: spec.revenue === null ? null : String(spec.revenue),
    });
    const events: P.LevelEvent[] = [];
    const answers: P.PortfolioAnswer[] = [];
    await withOrg(db, orgId, async (tx) => {
      for (const [day, level] of spec.team) {
        const event = await appendLevelEvent(tx, { orgId, accountId: account.id, source: 'team', level, effectiveAt: at(day) });
        events.push({ id: event.id, source: 'team', level, effectiveAt: at(day) });
      }
      const people = new Map<string, string>();
      for (const [who, day, level] of spec.answers) {
        if (!people.has(who)) {
          const [contact] = await tx
            .insert(contacts)
            .values({ orgId, accountId: account.id, name: `${name} ${who}`, buyingRole: 'user' })
            .returning({ id: contacts.id });
          people.set(who, contact!.id);
        }
        const contactId = people.get(who)!;
        const answeredAt = at(day);
        const linkId = uuidv7(answeredAt.getTime() - 86_400_000);
        await tx.insert(confirmationLinks).values({
          orgId,
          id: linkId,
          accountId: account.id,
          contactId,
          respondentLinkId: linkId,
          tokenHash: hashToken(randomUUID()),
          language: 'en',
          expiresAt: new Date(answeredAt.getTime() + 30 * 86_400_000),
          createdByUserId: team.owner.userId,
          createdAt: new Date(answeredAt.getTime() - 86_400_000),
          lastAnsweredAt: answeredAt,
        });
        await tx.insert(confirmationAnswers).values({
          orgId,
          id: uuidv7(answeredAt.getTime()),
          linkId,
          accountId: account.id,
          contactId,
          level,
          submissionKey: randomUUID(),
          createdAt: answeredAt,
        });
        answers.push({ respondentKey: contactId, level, answeredAt });
      }
    });
    oracleAccounts.push({ id: account.id, revenue: spec.revenue, targetLevel: null, targetDate: null, events, answers });
  }
  // An archived account that would move up: it does not count.
  const archived = await insertAccount(db, slug, { name: 'archived', currency: 'SEK', annualRevenue: '9999', archivedAt: new Date() });
  await withOrg(db, orgId, async (tx) => {
    await appendLevelEvent(tx, { orgId, accountId: archived.id, source: 'team', level: 1, effectiveAt: at('2025-01-01') });
    await appendLevelEvent(tx, { orgId, accountId: archived.id, source: 'team', level: 5, effectiveAt: at('2026-07-01') });
    await rebuildCustomerLevelRuns(tx, orgId, 12);
  });
}, 60_000);

/** Equal, with shares and averages compared to 1e-12 (the database sums in another order). */
function expectSameHeadline(actual: Headline, expected: Headline) {
  const flatten = (value: unknown, path: string, out: Map<string, unknown>) => {
    if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) flatten(v, `${path}.${k}`, out);
    else out.set(path, value);
    return out;
  };
  const got = flatten(actual, '$', new Map());
  const want = flatten(expected, '$', new Map());
  for (const [path, value] of want) {
    if (typeof value === 'number') expect(Math.abs((got.get(path) as number) - value), path).toBeLessThan(1e-12);
    else expect(got.get(path), path).toBe(value);
  }
}

describe('the headline against the period before it', () => {
  it('compares with the 183 days before the period', () => {
    expect(previousPeriod(FROM, TO)).toEqual({ from: '2025-09-30', to: '2026-03-31' });
  });

  it('gives the numbers worked out by hand, and those of the oracle, through the effective level', async () => {
    const got = await viewer.dashboard.headline({ orgSlug: slug, from: FROM, to: TO });
    expect(got.currency).toBe('SEK');
    const byHand: Headline = {
      current: {
        from: FROM,
        to: TO,
        // rising (2 → 3) and underrated (3 → customer 4) up; agedOut down (customer 5 → team 2); the newcomer only got a level.
        up: { count: 2, revenue: 4000 },
        down: { count: 1, revenue: 0 },
        net: { count: 1, revenue: 4000 },
        // On 30 September: 3, 2, 4, 2, 1 and none; only underrated at 4 or higher.
        watershed: { count: 1 / 5, revenue: 3000 / 6500 },
        // overrated 4 − 2 and underrated 3 − 4.
        averageGap: { count: (2 - 1) / 2, revenue: (2 * 2000 - 1 * 3000) / 5000 },
        overrated: { count: 1, revenue: 2000 },
        coverage: { count: 2 / 6, revenue: 5000 / 6600 },
      },
      previous: {
        from: '2025-09-30',
        to: '2026-03-31',
        // overrated: team 4, then the customer's 2.
        up: { count: 0, revenue: 0 },
        down: { count: 1, revenue: 2000 },
        net: { count: -1, revenue: -2000 },
        // On 31 March: 2, 2, 3, 5 (the customer's, still fresh), none, none.
        watershed: { count: 1 / 4, revenue: 0 },
        // overrated 4 − 2 and agedOut 2 − 5 (no known revenue: it weighs nothing by revenue).
        averageGap: { count: (2 - 3) / 2, revenue: (2 * 2000) / 2000 },
        overrated: { count: 1, revenue: 2000 },
        coverage: { count: 2 / 6, revenue: 2000 / 6600 },
      },
    };
    expectSameHeadline(got, byHand);
    expectSameHeadline(P.headline(oracleAccounts, FROM, TO, 'effective', 12), byHand);
  });

  it('follows the lens the page is switched to, as the oracle does', async () => {
    for (const source of ['team', 'customer'] as const satisfies readonly LevelSource[]) {
      const got = await viewer.dashboard.headline({ orgSlug: slug, from: FROM, to: TO, source });
      expectSameHeadline(got, P.headline(oracleAccounts, FROM, TO, source, 12));
    }
    // Through the team's eyes only rising moved up, and nothing moved down in either period.
    const team = await viewer.dashboard.headline({ orgSlug: slug, from: FROM, to: TO, source: 'team' });
    expect([team.current.up.count, team.current.down.count, team.previous.down.count]).toEqual([1, 0, 0]);
  });

  it('counts only the accounts the filters leave', async () => {
    const none = await viewer.dashboard.headline({ orgSlug: slug, from: FROM, to: TO, segment: 'nobody has this' });
    expect(none.current).toMatchObject({ up: { count: 0 }, down: { count: 0 }, watershed: { count: null }, coverage: { count: null } });
    expect(none.previous.averageGap).toEqual({ count: null, revenue: null });
  });

  it('is for members of the organization only', async () => {
    const stranger = await signUpUser(db);
    await expectTRPCError(stranger.caller.dashboard.headline({ orgSlug: slug }), 'NOT_FOUND', 'errors.orgNotFound');
  });
});
