import { describe, expect, it } from 'vitest';
import { endOfDay, periodsBetween } from '@/server/domain/calendar';
import { watershedShare } from '@/server/domain/dashboard';
import type { BuyingRole } from '@/server/domain/accounts';
import {
  distribution,
  distributionOverTime,
  drillDown,
  gapMatrix,
  economicBuyerConfirmed,
  effectiveFromTeam,
  gapTrend,
  isConfirmed,
  isStale,
  lastChangeBetween,
  levelOn,
  matrixTotal,
  netMovement,
  overratedAccounts,
  responseRate,
  summary,
  targetStatus,
  teamLevelOn,
  topMovers,
  transitionMatrix,
  type LevelEvent,
  type PortfolioAccount,
  type PortfolioAnswer,
} from '@/server/domain/portfolio-oracle';

const M = 12;

let nextId = 0;
/** An event at noon UTC on the day (ids increase in creation order, like UUIDv7). */
function ev(source: 'team' | 'customer', level: number, day: string, time = '12:00:00'): LevelEvent {
  nextId++;
  return { id: `00000000-0000-7000-8000-${String(nextId).padStart(12, '0')}`, source, level, effectiveAt: new Date(`${day}T${time}Z`) };
}

/** A stakeholder's answer at noon UTC on the day. */
function ans(respondentKey: string, level: number, day: string, extra: Partial<PortfolioAnswer> = {}): PortfolioAnswer {
  return { respondentKey, level, answeredAt: new Date(`${day}T12:00:00Z`), ...extra };
}

/** Customer events are turned into answers of one stakeholder (the customer level of a single answer is that answer). */
function account(id: string, events: LevelEvent[], extra: Partial<PortfolioAccount> = {}): PortfolioAccount {
  const answers = events
    .filter((e) => e.source === 'customer')
    .map((e) => ({ respondentKey: 'c1', level: e.level, answeredAt: e.effectiveAt }));
  return { id, revenue: null, targetLevel: null, targetDate: null, events: events.filter((e) => e.source === 'team'), answers, ...extra };
}

describe('teamLevelOn: the latest team event on or before the day', () => {
  const events = [ev('team', 2, '2025-01-10'), ev('team', 3, '2025-03-05'), ev('customer', 1, '2025-02-01')];

  it('has no level before the first event', () => {
    expect(teamLevelOn(events, '2025-01-09')).toBeNull();
  });

  it('counts an event on the day itself, all day long', () => {
    expect(teamLevelOn(events, '2025-01-10')).toBe(2);
    expect(teamLevelOn([ev('team', 4, '2025-01-10', '23:59:59.999')], '2025-01-10')).toBe(4);
    expect(teamLevelOn([ev('team', 4, '2025-01-11', '00:00:00')], '2025-01-10')).toBeNull();
  });

  it('holds a level until the next event of the same source', () => {
    expect(teamLevelOn(events, '2025-03-04')).toBe(2);
    expect(teamLevelOn(events, '2025-03-05')).toBe(3);
    expect(teamLevelOn(events, '2030-01-01')).toBe(3);
  });

  it('never reads customer events', () => {
    expect(teamLevelOn([ev('customer', 5, '2025-01-01')], '2025-06-01')).toBeNull();
  });

  it('breaks a tie at the same instant by the later id', () => {
    const first = ev('team', 2, '2025-05-01');
    const second = ev('team', 4, '2025-05-01');
    expect(teamLevelOn([second, first], '2025-05-01')).toBe(4);
  });
});

describe('levelOn through the three lenses', () => {
  // The team says 3; three stakeholders answer 4, 4 and then 2.
  const underrated = account('u', [ev('team', 3, '2025-01-10')], {
    answers: [ans('anna', 4, '2025-02-01'), ans('erik', 4, '2025-02-02'), ans('sara', 2, '2025-02-03')],
  });
  // A lone answer of 5, given long ago.
  const stale = account('s', [ev('team', 2, '2021-01-01')], { answers: [ans('lars', 5, '2022-03-15')] });

  it('the customer level is the median of each stakeholder’s latest fresh answer, not the latest answer', () => {
    expect(levelOn(underrated, '2025-02-03', 'customer', M)).toBe(4);
    expect(levelOn(underrated, '2025-02-02', 'customer', M)).toBe(4);
    expect(levelOn(underrated, '2025-02-01', 'customer', M)).toBe(4);
    expect(levelOn(underrated, '2025-01-31', 'customer', M)).toBeNull();
  });

  it('an answer counts within its window and ages out after it', () => {
    expect(levelOn(stale, '2022-03-15', 'customer', M)).toBe(5);
    expect(levelOn(stale, '2023-03-14', 'customer', M)).toBe(5);
    expect(levelOn(stale, '2023-03-15', 'customer', M)).toBeNull();
    expect(levelOn(stale, '2025-03-15', 'customer', M)).toBeNull();
    expect(levelOn(stale, '2025-03-14', 'customer', 36)).toBe(5);
  });

  it('the effective level is the customer’s where there is one, else the team’s (marked as such)', () => {
    expect(levelOn(underrated, '2025-06-01', 'effective', M)).toBe(4);
    expect(effectiveFromTeam(underrated, '2025-06-01', M)).toBe(false);
    expect(levelOn(underrated, '2025-01-20', 'effective', M)).toBe(3);
    expect(effectiveFromTeam(underrated, '2025-01-20', M)).toBe(true);
    expect(levelOn(stale, '2022-06-01', 'effective', M)).toBe(5);
    expect(levelOn(stale, '2025-06-01', 'effective', M)).toBe(2);
    expect(effectiveFromTeam(stale, '2025-06-01', M)).toBe(true);
    expect(effectiveFromTeam(account('n', []), '2025-06-01', M)).toBe(false);
  });
});

const portfolio: PortfolioAccount[] = [
  // Climbs 2 → 4 during 2025; the customer says 2.
  account('a1', [ev('team', 2, '2024-11-01'), ev('team', 3, '2025-02-10'), ev('team', 4, '2025-05-20'), ev('customer', 2, '2025-04-01')], {
    revenue: 1000,
    targetLevel: 5,
    targetDate: '2025-12-31',
  }),
  // Slips 3 → 1; the customer agrees at the end.
  account('a2', [ev('team', 3, '2024-10-01'), ev('team', 1, '2025-03-15'), ev('customer', 1, '2025-03-20')], {
    revenue: 500,
    targetLevel: 3,
    targetDate: '2025-01-31',
  }),
  // Assessed for the first time in March.
  account('a3', [ev('team', 4, '2025-03-01'), ev('customer', 5, '2025-03-02')], { revenue: null, targetLevel: 4, targetDate: null }),
  // Never assessed.
  account('a4', [], { revenue: 200 }),
];

describe('distribution and watershed', () => {
  it('counts accounts per level, and the rest as none', () => {
    const d = distribution(portfolio, '2025-06-30', 'team', M);
    expect(d.byLevel.map((t) => t.count)).toEqual([1, 0, 0, 2, 0]);
    expect(d.byLevel.map((t) => t.revenue)).toEqual([500, 0, 0, 1000, 0]);
    expect(d.none).toEqual({ count: 1, revenue: 200 });
  });

  it('gives the share at level 4 or higher among accounts with a level', () => {
    const d = distribution(portfolio, '2025-06-30', 'team', M);
    expect(watershedShare(d)).toEqual({ count: 2 / 3, revenue: 1000 / 1500 });
    expect(watershedShare(distribution([], '2025-06-30', 'team', M))).toEqual({ count: null, revenue: null });
  });

  it('reads each period at its end', () => {
    const points = distributionOverTime(portfolio, periodsBetween('2025-01-01', '2025-03-31', 'month'), 'team', M);
    expect(points.map((p) => p.distribution.byLevel.map((t) => t.count))).toEqual([
      [0, 1, 1, 0, 0],
      [0, 0, 2, 0, 0],
      [1, 0, 1, 1, 0],
    ]);
  });
});

describe('transition matrix', () => {
  it('puts each account in the cell of its two levels', () => {
    const m = transitionMatrix(portfolio, '2024-12-31', '2025-06-30', 'team', M);
    expect(m.cells[1]![3]).toEqual({ count: 1, revenue: 1000 }); // a1: 2 → 4
    expect(m.cells[2]![0]).toEqual({ count: 1, revenue: 500 }); // a2: 3 → 1
    expect(m.fromNone[3]).toEqual({ count: 1, revenue: 0 }); // a3: new at 4
    expect(m.neither).toEqual({ count: 1, revenue: 200 }); // a4
    expect(matrixTotal(m.cells).count).toBe(2);
  });

  it('knows accounts that had no level yet on the later date when the dates are reversed', () => {
    const m = transitionMatrix(portfolio, '2025-06-30', '2024-12-31', 'team', M);
    expect(m.toNone[3]!.count).toBe(1);
  });
});

describe('net movement', () => {
  it('compares the level just before each period with the level at its end', () => {
    const moves = netMovement(portfolio, periodsBetween('2025-02-01', '2025-05-31', 'month'), 'team', M);
    expect(moves.map((m) => [m.label, m.up.count, m.down.count, m.net.count, m.entered.count])).toEqual([
      ['2025-02', 1, 0, 1, 0],
      ['2025-03', 0, 1, -1, 1],
      ['2025-04', 0, 0, 0, 0],
      ['2025-05', 1, 0, 1, 0],
    ]);
    expect(moves[1]!.net.revenue).toBe(-500);
  });
});

describe('top movers', () => {
  it('ranks by the size of the move and names the last change', () => {
    const movers = topMovers(portfolio, '2025-01-01', '2025-06-30', 'team', 10, M);
    expect(movers.up.map((m) => [m.accountId, m.fromLevel, m.toLevel])).toEqual([['a1', 2, 4]]);
    expect(movers.up[0]!.change.at.toISOString()).toBe('2025-05-20T12:00:00.000Z');
    expect(movers.down.map((m) => [m.accountId, m.fromLevel, m.toLevel])).toEqual([['a2', 3, 1]]);
  });

  it('leaves out accounts that end where they started', () => {
    const roundTrip = account('r', [ev('team', 2, '2024-01-01'), ev('team', 3, '2025-02-01'), ev('team', 2, '2025-03-01')]);
    expect(topMovers([roundTrip], '2025-01-01', '2025-06-30', 'team', 10, M)).toEqual({ up: [], down: [] });
  });

  it('ignores re-assessments at the same level when naming the change', () => {
    const events = [ev('team', 2, '2024-01-01'), ev('team', 3, '2025-02-01'), ev('team', 3, '2025-04-01')];
    expect(lastChangeBetween(account('x', events), endOfDay('2024-12-31'), endOfDay('2025-06-30'), 'team', M)?.at.toISOString()).toBe(
      '2025-02-01T12:00:00.000Z',
    );
  });

  it('breaks ties by revenue, unknown revenue last', () => {
    const mk = (id: string, revenue: number | null) => account(id, [ev('team', 1, '2024-01-01'), ev('team', 2, '2025-02-01')], { revenue });
    const movers = topMovers([mk('x', null), mk('y', 10), mk('z', 30)], '2025-01-01', '2025-06-30', 'team', 2, M);
    expect(movers.up.map((m) => m.accountId)).toEqual(['z', 'y']);
  });
});

describe('perception gap', () => {
  it('builds the team × customer matrix and the average gap', () => {
    const g = gapMatrix(portfolio, '2025-06-30', M);
    expect(g.cells[3]![1]!.count).toBe(1); // a1: team 4, customer 2
    expect(g.cells[0]![0]!.count).toBe(1); // a2: 1 and 1
    expect(g.cells[3]![4]!.count).toBe(1); // a3: team 4, customer 5
    expect(g.averageGap.count).toBeCloseTo((2 + 0 - 1) / 3);
    expect(g.averageGap.revenue).toBeCloseTo((2 * 1000 + 0 * 500) / 1500);
    expect(g.overrated.count).toBe(1);
    expect(g.underrated.count).toBe(1);
  });

  it('lists the accounts the team overrates, biggest revenue first', () => {
    const list = overratedAccounts(
      [
        ...portfolio,
        account('big', [ev('team', 3, '2025-01-01'), ev('customer', 2, '2025-01-02')], { revenue: 5000 }),
        account('unknown', [ev('team', 5, '2025-01-01'), ev('customer', 1, '2025-01-02')]),
      ],
      '2025-06-30',
      M,
    );
    expect(list.map((r) => [r.accountId, r.gap])).toEqual([
      ['big', 1],
      ['a1', 2],
      ['unknown', 4],
    ]);
  });

  it('follows the average gap over time', () => {
    const trend = gapTrend(portfolio, periodsBetween('2025-03-01', '2025-05-31', 'month'), M);
    expect(trend.map((p) => p.both.count)).toEqual([2, 3, 3]);
    expect(trend[2]!.averageGap.count).toBeCloseTo(1 / 3);
  });
});

describe('stale, confirmed and targets', () => {
  it('is stale after 180 days without a team event, or without any', () => {
    const events = [ev('team', 3, '2025-01-01')];
    expect(isStale(events, '2025-06-29')).toBe(false);
    expect(isStale(events, '2025-07-01')).toBe(true);
    expect(isStale([], '2025-07-01')).toBe(true);
  });

  it('is confirmed while the account has a customer level: an answer within the freshness window (12 months, or the organization’s own)', () => {
    const a = account('c', [ev('customer', 3, '2024-06-15')]);
    expect(isConfirmed(a, '2025-06-14', 12)).toBe(true);
    expect(isConfirmed(a, '2025-06-15', 12)).toBe(false);
    expect(isConfirmed(a, '2024-06-14', 12)).toBe(false);
    expect(isConfirmed(a, '2024-12-14', 6)).toBe(true);
    expect(isConfirmed(a, '2024-12-15', 6)).toBe(false);
  });

  it('counts an economic buyer’s fresh answer, not anyone else’s', () => {
    const a = account('e', [], { answers: [ans('cfo', 3, '2024-06-15', { economicBuyer: true }), ans('user', 4, '2025-01-10')] });
    expect(economicBuyerConfirmed(a, '2024-06-14', 12)).toBe(false);
    expect(economicBuyerConfirmed(a, '2024-06-15', 12)).toBe(true);
    expect(economicBuyerConfirmed(a, '2025-06-14', 12)).toBe(true);
    expect(economicBuyerConfirmed(a, '2025-06-15', 12)).toBe(false);
    expect(isConfirmed(a, '2025-06-15', 12)).toBe(true);
  });

  it('counts the links created in the period and those answered, per buying role', () => {
    const link = (day: string, answered: boolean, buyingRole: BuyingRole | null) => ({
      createdAt: new Date(`${day}T08:00:00Z`),
      answered,
      buyingRole,
    });
    const rate = responseRate(
      [
        link('2025-01-01', true, 'economic_buyer'),
        link('2025-02-01', false, 'economic_buyer'),
        link('2025-02-02', true, null),
        link('2025-03-01', true, 'user'),
        link('2024-12-31', true, 'user'),
      ],
      '2025-01-01',
      '2025-02-28',
    );
    expect(rate).toEqual({
      sent: 3,
      answered: 2,
      byRole: [
        { role: 'economic_buyer', sent: 2, answered: 1 },
        { role: null, sent: 1, answered: 1 },
      ],
    });
  });

  it('sorts targets into reached, on track and behind', () => {
    expect(targetStatus(4, 4, '2025-01-01', '2025-06-30')).toBe('reached');
    expect(targetStatus(3, 4, '2025-12-31', '2025-06-30')).toBe('onTrack');
    expect(targetStatus(3, 4, '2025-06-29', '2025-06-30')).toBe('behind');
    expect(targetStatus(null, 4, null, '2025-06-30')).toBe('onTrack');
    expect(targetStatus(3, null, '2025-06-29', '2025-06-30')).toBeNull();
  });

  it('puts it together in the summary', () => {
    const s = summary(portfolio, '2025-06-30', 'team', 12);
    expect(s.total).toEqual({ count: 4, revenue: 1700 });
    expect(s.confirmed.count).toBe(3);
    expect(s.stale.count).toBe(1); // a4 was never assessed; a2's last team event is 2025-03-15
    expect(s.targets.reached.count).toBe(1); // a3
    expect(s.targets.behind.count).toBe(1); // a2, due in January
    expect(s.targets.onTrack.count).toBe(1); // a1
    expect(s.gap.overrated.count).toBe(1);
  });
});

describe('drill-down', () => {
  it('finds the accounts behind a transition cell, biggest first', () => {
    expect(
      drillDown(portfolio, { kind: 'transition', source: 'team', dayA: '2024-12-31', dayB: '2025-06-30', fromLevel: 2, toLevel: 4 }, M).map(
        (a) => a.id,
      ),
    ).toEqual(['a1']);
    expect(
      drillDown(
        portfolio,
        { kind: 'transition', source: 'team', dayA: '2024-12-31', dayB: '2025-06-30', fromLevel: null, toLevel: 4 },
        M,
      ).map((a) => a.id),
    ).toEqual(['a3']);
  });

  it('finds stale and unconfirmed accounts', () => {
    expect(drillDown(portfolio, { kind: 'stale', day: '2025-06-30' }, M).map((a) => a.id)).toEqual(['a4']);
    expect(drillDown(portfolio, { kind: 'unconfirmed', day: '2025-06-30' }, M).map((a) => a.id)).toEqual(['a4']);
    expect(drillDown(portfolio, { kind: 'unconfirmed', day: '2026-06-30' }, M).map((a) => a.id)).toEqual(['a1', 'a2', 'a4', 'a3']);
  });
});

describe('a customer level that ages out', () => {
  // Team 2 since 2021; a lone answer of 5 in March 2024 that counts for twelve months.
  const stale = account('s', [ev('team', 2, '2021-01-01')], { answers: [ans('lars', 5, '2024-03-15')], revenue: 100 });

  it('leaves the customer distribution and moves the effective level back to the team’s', () => {
    const periods = periodsBetween('2025-02-01', '2025-04-30', 'month');
    expect(netMovement([stale], periods, 'customer', M).map((m) => [m.label, m.left.count, m.down.count])).toEqual([
      ['2025-02', 0, 0],
      ['2025-03', 1, 0],
      ['2025-04', 0, 0],
    ]);
    expect(netMovement([stale], periods, 'effective', M).map((m) => [m.label, m.left.count, m.down.count])).toEqual([
      ['2025-02', 0, 0],
      ['2025-03', 0, 1],
      ['2025-04', 0, 0],
    ]);
    expect(transitionMatrix([stale], '2025-01-31', '2025-04-30', 'customer', M).toNone[4]!.count).toBe(1);
    expect(transitionMatrix([stale], '2025-01-31', '2025-04-30', 'effective', M).cells[4]![1]!.count).toBe(1);
  });

  it('names the ageing out as the change behind the move', () => {
    const { down } = topMovers([stale], '2025-01-01', '2025-06-30', 'effective', 10, M);
    expect(down).toHaveLength(1);
    expect(down[0]!.change).toMatchObject({ via: 'customer', answer: null, at: new Date('2025-03-15T00:00:00Z') });
    // An answer moving the level names the answer.
    const answered = account('a', [ev('team', 2, '2021-01-01')], { answers: [ans('anna', 3, '2024-12-01'), ans('anna', 5, '2025-02-01')] });
    const { up } = topMovers([answered], '2025-01-01', '2025-06-30', 'customer', 10, M);
    expect(up[0]!.change).toMatchObject({ via: 'customer', answer: { respondentKey: 'anna', level: 5 } });
    // A team move behind an effective move while the customer has no level.
    const team = account('t', [ev('team', 2, '2024-01-01'), ev('team', 4, '2025-03-01')]);
    expect(topMovers([team], '2025-01-01', '2025-06-30', 'effective', 10, M).up[0]!.change).toMatchObject({
      via: 'team',
      at: new Date('2025-03-01T12:00:00Z'),
    });
  });
});
