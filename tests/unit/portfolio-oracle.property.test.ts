/**
 * Properties of the dashboard's test oracle (server/domain/portfolio-oracle.ts) that must hold for
 * any history, checked with fast-check on generated portfolios: random team events (levels,
 * instants, ties), random answer sequences from several stakeholders (some of them economic
 * buyers), random freshness windows of 1–36 months and random days, through the three lenses.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerExpiresAt, customerLevelOnDay } from '@/server/domain/customer-level';
import { addDays, endOfDay, periodsBetween } from '@/server/domain/calendar';
import { withLevel, type LevelSource } from '@/server/domain/dashboard';
import {
  distribution,
  distributionOverTime,
  drillDown,
  economicBuyerConfirmed,
  effectiveFromTeam,
  gapMatrix,
  gapTrend,
  isConfirmed,
  levelAt,
  levelOn,
  matrixTotal,
  netMovement,
  summary,
  teamLevelOn,
  topMovers,
  transitionMatrix,
  type LevelEvent,
  type PortfolioAccount,
  type PortfolioAnswer,
} from '@/server/domain/portfolio-oracle';

const BASE = Date.UTC(2023, 0, 1);
const DAY = 86_400_000;
const SPAN_DAYS = 1095;

/** A day inside the three generated years (and a little around them), as "YYYY-MM-DD". */
const dayArb = fc.integer({ min: -10, max: SPAN_DAYS + 10 }).map((d) => new Date(BASE + d * DAY).toISOString().slice(0, 10));
/** The organization's freshness window. */
const monthsArb = fc.integer({ min: 1, max: 36 });
const lensArb = fc.constantFrom<LevelSource>('effective', 'team', 'customer');
// Whole hours, so that two events or answers at the same instant (ties) happen now and then.
const instantArb = fc.integer({ min: 0, max: SPAN_DAYS * 24 }).map((h) => new Date(BASE + h * 3_600_000));

const teamEventArb = fc.record({ level: fc.integer({ min: 1, max: 5 }), effectiveAt: instantArb });
const answerArb = fc.record({
  stakeholder: fc.integer({ min: 0, max: 3 }),
  level: fc.integer({ min: 1, max: 5 }),
  answeredAt: instantArb,
});

const accountArb = fc.record({
  revenue: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null }),
  targetLevel: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  targetDate: fc.option(dayArb, { nil: null }),
  team: fc.array(teamEventArb, { maxLength: 10 }),
  answers: fc.array(answerArb, { maxLength: 10 }),
  /** Which of the four stakeholders are economic buyers. */
  buyers: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
});

type Generated = fc.Arbitrary<PortfolioAccount>;

/** Accounts with unique ids; event ids unique and in no particular relation to time; answers ordered by time (then as generated, like ids). */
type RawAccount = typeof accountArb extends fc.Arbitrary<infer T> ? T : never;

function build(raw: RawAccount, index: number, salt: number): PortfolioAccount {
  const events: LevelEvent[] = raw.team.map((e, n) => ({
    ...e,
    source: 'team',
    id: `evt-${String(((index * 97 + n + salt) * 7919) % 100_003).padStart(6, '0')}`,
  }));
  const answers: PortfolioAnswer[] = raw.answers
    .map((a) => ({
      respondentKey: `s${a.stakeholder}`,
      level: a.level,
      answeredAt: a.answeredAt,
      economicBuyer: raw.buyers[a.stakeholder]!,
    }))
    .sort((a, b) => a.answeredAt.getTime() - b.answeredAt.getTime());
  return {
    id: `acc-${String(index).padStart(3, '0')}`,
    revenue: raw.revenue,
    targetLevel: raw.targetLevel,
    targetDate: raw.targetDate,
    events,
    answers,
  };
}

const oneAccountArb: Generated = accountArb.map((raw) => build(raw, 0, 0));
const portfolioArb: fc.Arbitrary<PortfolioAccount[]> = fc
  .array(accountArb, { maxLength: 20 })
  .map((accounts) => accounts.map((raw, i) => build(raw, i, accounts.length)));

const ordered = (a: string, b: string): [string, string] => (a <= b ? [a, b] : [b, a]);
const lastInstant = (day: string) => new Date(endOfDay(day).getTime() - 1);

describe('the level on a day, through each lens', () => {
  it('customer: the definition of the customer level; effective: the customer’s where there is one, else the team’s', () => {
    fc.assert(
      fc.property(oneAccountArb, dayArb, monthsArb, (account, day, months) => {
        const customer = customerLevelOnDay(account.answers, day, months);
        const team = teamLevelOn(account.events, day);
        expect(levelOn(account, day, 'customer', months)).toBe(customer);
        expect(levelOn(account, day, 'team', months)).toBe(team);
        expect(levelOn(account, day, 'effective', months)).toBe(customer ?? team);
        expect(effectiveFromTeam(account, day, months)).toBe(customer === null && team !== null);
        expect(levelAt(account, lastInstant(day), 'effective', months)).toBe(customer ?? team);
      }),
    );
  });

  it('there is a customer level exactly while some answer is fresh, and it lies between the stakeholders’ latest answers', () => {
    fc.assert(
      fc.property(oneAccountArb, dayArb, monthsArb, (account, day, months) => {
        const t = lastInstant(day).getTime();
        const given = account.answers.filter((a) => a.answeredAt.getTime() <= t);
        const fresh = given.filter((a) => t < answerExpiresAt(a.answeredAt, months).getTime());
        const level = levelOn(account, day, 'customer', months);
        expect(level === null).toBe(fresh.length === 0);
        expect(isConfirmed(account, day, months)).toBe(fresh.length > 0);
        if (level !== null) {
          expect(level).toBeGreaterThanOrEqual(Math.min(...fresh.map((a) => a.level)));
          expect(level).toBeLessThanOrEqual(Math.max(...fresh.map((a) => a.level)));
        }
      }),
    );
  });

  it('a longer window never takes a customer level away', () => {
    fc.assert(
      fc.property(oneAccountArb, dayArb, monthsArb, fc.integer({ min: 0, max: 12 }), (account, day, months, more) => {
        if (isConfirmed(account, day, months)) expect(isConfirmed(account, day, Math.min(36, months + more))).toBe(true);
        if (economicBuyerConfirmed(account, day, months))
          expect(economicBuyerConfirmed(account, day, Math.min(36, months + more))).toBe(true);
      }),
    );
  });

  it('an economic buyer’s fresh answer means the account has a customer level', () => {
    fc.assert(
      fc.property(oneAccountArb, dayArb, monthsArb, (account, day, months) => {
        if (economicBuyerConfirmed(account, day, months)) expect(isConfirmed(account, day, months)).toBe(true);
      }),
    );
  });

  it('does not depend on the order the team events are listed in', () => {
    fc.assert(
      fc.property(oneAccountArb, dayArb, monthsArb, lensArb, (account, day, months, lens) => {
        const shuffled = { ...account, events: [...account.events].reverse() };
        expect(levelOn(shuffled, day, lens, months)).toBe(levelOn(account, day, lens, months));
      }),
    );
  });
});

describe('distribution', () => {
  it('counts by level sum to the accounts with a level, and with "none" to all accounts, through every lens', () => {
    fc.assert(
      fc.property(portfolioArb, dayArb, lensArb, monthsArb, (accounts, day, lens, months) => {
        const d = distribution(accounts, day, lens, months);
        const withALevel = accounts.filter((a) => levelOn(a, day, lens, months) !== null);
        expect(withLevel(d).count).toBe(withALevel.length);
        expect(withLevel(d).count + d.none.count).toBe(accounts.length);
        expect(withLevel(d).revenue + d.none.revenue).toBe(accounts.reduce((sum, a) => sum + (a.revenue ?? 0), 0));
      }),
    );
  });

  it('the effective lens has a level wherever the team or the customer has one', () => {
    fc.assert(
      fc.property(portfolioArb, dayArb, monthsArb, (accounts, day, months) => {
        const neither = accounts.filter((a) => levelOn(a, day, 'team', months) === null && levelOn(a, day, 'customer', months) === null);
        expect(distribution(accounts, day, 'effective', months).none.count).toBe(neither.length);
      }),
    );
  });

  it('the last point over time is the distribution on the last day', () => {
    fc.assert(
      fc.property(
        portfolioArb,
        dayArb,
        dayArb,
        lensArb,
        monthsArb,
        fc.constantFrom('month' as const, 'quarter' as const),
        (accounts, d1, d2, lens, months, granularity) => {
          const [from, to] = ordered(d1, d2);
          const points = distributionOverTime(accounts, periodsBetween(from, to, granularity), lens, months);
          expect(points.at(-1)!.distribution).toEqual(distribution(accounts, to, lens, months));
        },
      ),
    );
  });
});

describe('transition matrix', () => {
  it('puts every account somewhere exactly once, and its rows add up to the distribution on day A', () => {
    fc.assert(
      fc.property(portfolioArb, dayArb, dayArb, lensArb, monthsArb, (accounts, dayA, dayB, lens, months) => {
        const m = transitionMatrix(accounts, dayA, dayB, lens, months);
        const fromNone = m.fromNone.reduce((s, t) => s + t.count, 0);
        const toNone = m.toNone.reduce((s, t) => s + t.count, 0);
        expect(matrixTotal(m.cells).count + fromNone + toNone + m.neither.count).toBe(accounts.length);
        const atA = distribution(accounts, dayA, lens, months);
        m.cells.forEach((row, i) => expect(row.reduce((s, t) => s + t.count, 0) + m.toNone[i]!.count).toBe(atA.byLevel[i]!.count));
      }),
    );
  });

  it('loses a level between A and a later B only when the customer’s answers aged out', () => {
    fc.assert(
      fc.property(portfolioArb, dayArb, dayArb, lensArb, monthsArb, (accounts, d1, d2, lens, months) => {
        const [dayA, dayB] = ordered(d1, d2);
        const lost = transitionMatrix(accounts, dayA, dayB, lens, months).toNone.reduce((s, t) => s + t.count, 0);
        const agedOut = accounts.filter((a) => isConfirmed(a, dayA, months) && !isConfirmed(a, dayB, months));
        if (lens === 'team') expect(lost).toBe(0);
        else if (lens === 'customer') expect(lost).toBe(agedOut.length);
        // Effective: the team's level takes over, where there is one.
        else expect(lost).toBe(agedOut.filter((a) => teamLevelOn(a.events, dayB) === null).length);
      }),
    );
  });

  it('a cell lists exactly its accounts when drilled into', () => {
    fc.assert(
      fc.property(
        portfolioArb,
        dayArb,
        dayArb,
        lensArb,
        monthsArb,
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        (accounts, dayA, dayB, lens, months, i, j) => {
          const m = transitionMatrix(accounts, dayA, dayB, lens, months);
          expect(drillDown(accounts, { kind: 'transition', source: lens, dayA, dayB, fromLevel: i, toLevel: j }, months)).toHaveLength(
            m.cells[i - 1]![j - 1]!.count,
          );
          expect(drillDown(accounts, { kind: 'transition', source: lens, dayA, dayB, fromLevel: i, toLevel: null }, months)).toHaveLength(
            m.toNone[i - 1]!.count,
          );
        },
      ),
    );
  });
});

describe('movement', () => {
  it('over a single period, up and down are the cells above and below the diagonal, entered and left the edges', () => {
    fc.assert(
      fc.property(portfolioArb, dayArb, lensArb, monthsArb, (accounts, day, lens, months) => {
        // A period inside one month: netMovement gives a single period.
        const from = `${day.slice(0, 8)}01`;
        const [movement] = netMovement(accounts, [{ label: '', start: from, end: day }], lens, months);
        const m = transitionMatrix(accounts, addDays(from, -1), day, lens, months);
        let up = 0;
        let down = 0;
        m.cells.forEach((row, i) => row.forEach((cell, j) => (j > i ? (up += cell.count) : j < i ? (down += cell.count) : 0)));
        expect(movement!.up.count).toBe(up);
        expect(movement!.down.count).toBe(down);
        expect(movement!.net.count).toBe(up - down);
        expect(movement!.entered.count).toBe(m.fromNone.reduce((s, t) => s + t.count, 0));
        expect(movement!.left.count).toBe(m.toNone.reduce((s, t) => s + t.count, 0));
      }),
    );
  });

  it('top movers moved in their direction, largest move first, never more than asked for, and name the last change inside the period', () => {
    fc.assert(
      fc.property(
        portfolioArb,
        dayArb,
        dayArb,
        lensArb,
        monthsArb,
        fc.integer({ min: 1, max: 6 }),
        (accounts, d1, d2, lens, months, limit) => {
          const [from, to] = ordered(d1, d2);
          const { up, down } = topMovers(accounts, from, to, lens, limit, months);
          expect(up.length).toBeLessThanOrEqual(limit);
          expect(down.length).toBeLessThanOrEqual(limit);
          for (let i = 1; i < up.length; i++)
            expect(up[i - 1]!.toLevel - up[i - 1]!.fromLevel).toBeGreaterThanOrEqual(up[i]!.toLevel - up[i]!.fromLevel);
          for (const m of up) expect(m.toLevel).toBeGreaterThan(m.fromLevel);
          for (const m of down) expect(m.toLevel).toBeLessThan(m.fromLevel);
          for (const m of [...up, ...down]) {
            const account = accounts.find((a) => a.id === m.accountId)!;
            expect(m.change.at.getTime()).toBeGreaterThanOrEqual(Date.parse(`${from}T00:00:00Z`));
            expect(m.change.at.getTime()).toBeLessThan(endOfDay(to).getTime());
            // The level after the change is the level the period ends on.
            expect(levelAt(account, m.change.at, lens, months)).toBe(m.toLevel);
            if (lens !== 'team') expect(levelAt(account, new Date(m.change.at.getTime() - 1), lens, months)).not.toBe(m.toLevel);
            if (m.change.via === 'customer' && m.change.answer) expect(m.change.answer.answeredAt.getTime()).toBe(m.change.at.getTime());
          }
        },
      ),
    );
  });
});

describe('perception gap', () => {
  it('the matrix holds the accounts with both levels, and the average gap lies between −4 and 4', () => {
    fc.assert(
      fc.property(portfolioArb, dayArb, monthsArb, (accounts, day, months) => {
        const g = gapMatrix(accounts, day, months);
        const both = accounts.filter((a) => levelOn(a, day, 'team', months) !== null && levelOn(a, day, 'customer', months) !== null);
        expect(matrixTotal(g.cells).count).toBe(both.length);
        expect(g.both.count).toBe(both.length);
        if (g.averageGap.count === null) expect(both).toHaveLength(0);
        else expect(Math.abs(g.averageGap.count)).toBeLessThanOrEqual(4);
        expect(g.overrated.count + g.underrated.count).toBeLessThanOrEqual(g.both.count);
      }),
    );
  });

  it('the trend ends at the matrix of the last day', () => {
    fc.assert(
      fc.property(portfolioArb, dayArb, dayArb, monthsArb, (accounts, d1, d2, months) => {
        const [from, to] = ordered(d1, d2);
        const last = gapTrend(accounts, periodsBetween(from, to, 'month'), months).at(-1)!;
        const g = gapMatrix(accounts, to, months);
        expect(last.both).toEqual(g.both);
        expect(last.averageGap).toEqual(g.averageGap);
      }),
    );
  });
});

describe('summary', () => {
  it('confirmed and unconfirmed add up, economic buyers are a part of the confirmed, and the drill-downs list them', () => {
    fc.assert(
      fc.property(portfolioArb, dayArb, lensArb, monthsArb, (accounts, day, lens, months) => {
        const s = summary(accounts, day, lens, months);
        expect(s.confirmed.count).toBe(s.customer.byLevel.reduce((sum, t) => sum + t.count, 0));
        expect(s.economicBuyer.count).toBeLessThanOrEqual(s.confirmed.count);
        expect(drillDown(accounts, { kind: 'unconfirmed', day }, months)).toHaveLength(s.total.count - s.confirmed.count);
        expect(drillDown(accounts, { kind: 'noEconomicBuyer', day }, months)).toHaveLength(s.total.count - s.economicBuyer.count);
        const targets = s.targets.reached.count + s.targets.onTrack.count + s.targets.behind.count;
        expect(targets).toBe(accounts.filter((a) => a.targetLevel !== null).length);
      }),
    );
  });
});
