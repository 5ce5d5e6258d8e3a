/**
 * Properties of the dashboard arithmetic that must hold for any history, checked with fast-check
 * on generated portfolios (random levels, sources, instants, ties and revenue).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  distribution,
  distributionOverTime,
  drillDown,
  gapMatrix,
  gapTrend,
  levelOn,
  matrixTotal,
  netMovement,
  periodsBetween,
  topMovers,
  transitionMatrix,
  withLevel,
  type LevelEvent,
  type PortfolioAccount,
} from '@/server/domain/portfolio';

const BASE = Date.UTC(2024, 0, 1);
const DAY = 86_400_000;
const SPAN_DAYS = 730;

/** A day inside the two generated years, as "YYYY-MM-DD". */
const dayArb = fc.integer({ min: -10, max: SPAN_DAYS + 10 }).map((d) => new Date(BASE + d * DAY).toISOString().slice(0, 10));

const eventArb: fc.Arbitrary<Omit<LevelEvent, 'id'>> = fc.record({
  source: fc.constantFrom('team' as const, 'customer' as const),
  level: fc.integer({ min: 1, max: 5 }),
  // Whole hours, so that two events at the same instant (ties) happen now and then.
  effectiveAt: fc.integer({ min: 0, max: SPAN_DAYS * 24 }).map((h) => new Date(BASE + h * 3_600_000)),
});

const accountArb: fc.Arbitrary<Omit<PortfolioAccount, 'id' | 'events'> & { events: Array<Omit<LevelEvent, 'id'>> }> = fc.record({
  revenue: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null }),
  targetLevel: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  targetDate: fc.option(dayArb, { nil: null }),
  events: fc.array(eventArb, { maxLength: 12 }),
});

/** Accounts with unique ids; event ids unique and in no particular relation to time. */
const portfolioArb: fc.Arbitrary<PortfolioAccount[]> = fc.array(accountArb, { maxLength: 25 }).map((accounts) => {
  let n = 0;
  return accounts.map((account, i) => ({
    ...account,
    id: `acc-${String(i).padStart(3, '0')}`,
    events: account.events.map((event) => ({ ...event, id: `evt-${String((n++ * 7919) % 100_003).padStart(6, '0')}` })),
  }));
});

const sourceArb = fc.constantFrom('team' as const, 'customer' as const);
const ordered = (a: string, b: string): [string, string] => (a <= b ? [a, b] : [b, a]);

describe('levelOn', () => {
  it('moving the date forward never invents history: no event on or before D means no level on D', () => {
    fc.assert(
      fc.property(accountArb, dayArb, sourceArb, (account, day, source) => {
        const events = account.events.map((e, i) => ({ ...e, id: String(i) }));
        const before = events.filter((e) => e.source === source && e.effectiveAt.getTime() < Date.parse(`${day}T00:00:00Z`) + DAY);
        expect(levelOn(events, day, source) === null).toBe(before.length === 0);
      }),
    );
  });

  it('once an account has a level it keeps one on every later day', () => {
    fc.assert(
      fc.property(accountArb, dayArb, dayArb, sourceArb, (account, d1, d2, source) => {
        const events = account.events.map((e, i) => ({ ...e, id: String(i) }));
        const [early, late] = ordered(d1, d2);
        if (levelOn(events, early, source) !== null) expect(levelOn(events, late, source)).not.toBeNull();
      }),
    );
  });

  it('does not depend on the order the events are listed in', () => {
    fc.assert(
      fc.property(accountArb, dayArb, sourceArb, fc.integer(), (account, day, source, seed) => {
        const events = account.events.map((e, i) => ({ ...e, id: `e${String(i).padStart(3, '0')}` }));
        const shuffled = [...events].sort((a, b) => ((a.id.charCodeAt(2) * seed) % 7) - ((b.id.charCodeAt(2) * seed) % 7));
        expect(levelOn(shuffled, day, source)).toBe(levelOn(events, day, source));
      }),
    );
  });
});

describe('distribution', () => {
  it('counts by level sum to the accounts with a level, and with "none" to all accounts', () => {
    fc.assert(
      fc.property(portfolioArb, dayArb, sourceArb, (accounts, day, source) => {
        const d = distribution(accounts, day, source);
        const withALevel = accounts.filter((a) => levelOn(a.events, day, source) !== null);
        expect(withLevel(d).count).toBe(withALevel.length);
        expect(withLevel(d).count + d.none.count).toBe(accounts.length);
        expect(withLevel(d).revenue + d.none.revenue).toBe(accounts.reduce((sum, a) => sum + (a.revenue ?? 0), 0));
      }),
    );
  });

  it('the last point over time is the distribution on the last day', () => {
    fc.assert(
      fc.property(portfolioArb, dayArb, dayArb, sourceArb, fc.constantFrom('month' as const, 'quarter' as const), (accounts, d1, d2, source, granularity) => {
        const [from, to] = ordered(d1, d2);
        const points = distributionOverTime(accounts, periodsBetween(from, to, granularity), source);
        expect(points.at(-1)!.distribution).toEqual(distribution(accounts, to, source));
      }),
    );
  });
});

describe('periods', () => {
  it('cover the period day by day without gaps or overlaps', () => {
    fc.assert(
      fc.property(dayArb, dayArb, fc.constantFrom('month' as const, 'quarter' as const), (d1, d2, granularity) => {
        const [from, to] = ordered(d1, d2);
        const periods = periodsBetween(from, to, granularity);
        expect(periods[0]!.start).toBe(from);
        expect(periods.at(-1)!.end).toBe(to);
        for (let i = 1; i < periods.length; i++) expect(periods[i]!.start).toBe(addDays(periods[i - 1]!.end, 1));
        for (const p of periods) expect(p.start <= p.end).toBe(true);
      }),
    );
  });
});

describe('transition matrix', () => {
  it('sums to the number of accounts that had a level on both dates', () => {
    fc.assert(
      fc.property(portfolioArb, dayArb, dayArb, sourceArb, (accounts, dayA, dayB, source) => {
        const m = transitionMatrix(accounts, dayA, dayB, source);
        const both = accounts.filter((a) => levelOn(a.events, dayA, source) !== null && levelOn(a.events, dayB, source) !== null);
        expect(matrixTotal(m.cells).count).toBe(both.length);
      }),
    );
  });

  it('puts every account somewhere exactly once, and its rows add up to the distribution on day A', () => {
    fc.assert(
      fc.property(portfolioArb, dayArb, dayArb, sourceArb, (accounts, dayA, dayB, source) => {
        const m = transitionMatrix(accounts, dayA, dayB, source);
        const fromNone = m.fromNone.reduce((s, t) => s + t.count, 0);
        const toNone = m.toNone.reduce((s, t) => s + t.count, 0);
        expect(matrixTotal(m.cells).count + fromNone + toNone + m.neither.count).toBe(accounts.length);
        const atA = distribution(accounts, dayA, source);
        m.cells.forEach((row, i) => expect(row.reduce((s, t) => s + t.count, 0) + m.toNone[i]!.count).toBe(atA.byLevel[i]!.count));
      }),
    );
  });

  it('has nothing in "no level on B" when B is not before A', () => {
    fc.assert(
      fc.property(portfolioArb, dayArb, dayArb, sourceArb, (accounts, d1, d2, source) => {
        const [dayA, dayB] = ordered(d1, d2);
        expect(transitionMatrix(accounts, dayA, dayB, source).toNone.every((t) => t.count === 0)).toBe(true);
      }),
    );
  });

  it('a cell lists exactly its accounts when drilled into', () => {
    fc.assert(
      fc.property(portfolioArb, dayArb, dayArb, sourceArb, fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), (accounts, dayA, dayB, source, i, j) => {
        const m = transitionMatrix(accounts, dayA, dayB, source);
        expect(drillDown(accounts, { kind: 'transition', source, dayA, dayB, fromLevel: i, toLevel: j })).toHaveLength(m.cells[i - 1]![j - 1]!.count);
      }),
    );
  });
});

describe('movement', () => {
  it('over a single period, up and down are the cells above and below the diagonal, entered the new ones', () => {
    fc.assert(
      fc.property(portfolioArb, dayArb, sourceArb, (accounts, day, source) => {
        // A period inside one month: netMovement gives a single period.
        const from = `${day.slice(0, 8)}01`;
        const [movement] = netMovement(accounts, [{ label: '', start: from, end: day }], source);
        const m = transitionMatrix(accounts, addDays(from, -1), day, source);
        let up = 0;
        let down = 0;
        m.cells.forEach((row, i) => row.forEach((cell, j) => (j > i ? (up += cell.count) : j < i ? (down += cell.count) : 0)));
        expect(movement!.up.count).toBe(up);
        expect(movement!.down.count).toBe(down);
        expect(movement!.net.count).toBe(up - down);
        expect(movement!.entered.count).toBe(m.fromNone.reduce((s, t) => s + t.count, 0));
      }),
    );
  });

  it('top movers moved in their direction, largest move first, and never more than asked for', () => {
    fc.assert(
      fc.property(portfolioArb, dayArb, dayArb, sourceArb, fc.integer({ min: 1, max: 6 }), (accounts, d1, d2, source, limit) => {
        const [from, to] = ordered(d1, d2);
        const { up, down } = topMovers(accounts, from, to, source, limit);
        expect(up.length).toBeLessThanOrEqual(limit);
        expect(down.length).toBeLessThanOrEqual(limit);
        for (let i = 1; i < up.length; i++) expect(up[i - 1]!.toLevel - up[i - 1]!.fromLevel).toBeGreaterThanOrEqual(up[i]!.toLevel - up[i]!.fromLevel);
        for (const m of up) expect(m.toLevel).toBeGreaterThan(m.fromLevel);
        for (const m of down) expect(m.toLevel).toBeLessThan(m.fromLevel);
        for (const m of [...up, ...down]) {
          expect(m.changedAt.getTime()).toBeGreaterThanOrEqual(Date.parse(`${from}T00:00:00Z`));
          expect(m.changedAt.getTime()).toBeLessThan(Date.parse(`${to}T00:00:00Z`) + DAY);
        }
      }),
    );
  });
});

describe('perception gap', () => {
  it('the matrix holds the accounts with both levels, and the average gap lies between −4 and 4', () => {
    fc.assert(
      fc.property(portfolioArb, dayArb, (accounts, day) => {
        const g = gapMatrix(accounts, day);
        const both = accounts.filter((a) => levelOn(a.events, day, 'team') !== null && levelOn(a.events, day, 'customer') !== null);
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
      fc.property(portfolioArb, dayArb, dayArb, (accounts, d1, d2) => {
        const [from, to] = ordered(d1, d2);
        const last = gapTrend(accounts, periodsBetween(from, to, 'month')).at(-1)!;
        const g = gapMatrix(accounts, to);
        expect(last.both).toEqual(g.both);
        expect(last.averageGap).toEqual(g.averageGap);
      }),
    );
  });
});
