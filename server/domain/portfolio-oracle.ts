/**
 * The test oracle of the portfolio dashboard: what every dashboard number is, stated as plain
 * functions over one organization's accounts (their team events and customer answers). Nothing
 * that serves a request calls these; the queries in server/dashboard/ compute the same numbers
 * in SQL, set-based for 10,000 accounts, and tests/integration/dashboard.test.ts holds them
 * against these functions on generated data, for every filter and lens. The unit and property
 * tests (tests/unit/portfolio-oracle*.test.ts) hold these functions against the rules below.
 * A change to a dashboard rule is made here and in the SQL together.
 *
 * Three lenses on an account's level on day D (UTC):
 * - team: the level of its latest team event on or before D, that is with `effective_at` before
 *   the start of the next day. Events at the same instant are ordered by id (ids are time-ordered
 *   UUIDv7). No team event on or before D: no team level (nothing is carried backwards).
 * - customer: the customer level of server/domain/customer-level.ts on D, the median (rounded
 *   down) of each stakeholder's latest answer that is still fresh at the end of D under the
 *   organization's freshness window. It appears with an answer and disappears when the answers
 *   age out.
 * - effective: the customer level where there is one, else the team level (the default lens).
 *
 * The pieces the queries use too (calendar days and periods, currency conversion, the shapes of
 * the numbers and the orderings) live in calendar.ts, currency.ts and dashboard.ts.
 */
import type { BuyingRole } from './accounts';
import { addDays, endOfDay, previousPeriod, startOfDay, type IsoDay, type Period } from './calendar';
import { answerExpiresAt, customerLevelAt, customerLevelOnDay, customerLevelRuns, type CustomerAnswer } from './customer-level';
import {
  compareIds,
  compareRevenueDesc,
  shareOf,
  staleCutoff,
  watershedShare,
  type Distribution,
  type DrillDown,
  type Headline,
  type HeadlinePeriod,
  type LevelSource,
  type Movement,
  type ResponseRate,
  type Tally,
  type TargetStatus,
} from './dashboard';
import { LEVELS } from './levels';

export interface LevelEvent {
  id: string;
  source: 'team' | 'customer';
  level: number;
  effectiveAt: Date;
}

/** One customer answer, with what the dashboard needs beyond the customer level's definition. */
export interface PortfolioAnswer extends CustomerAnswer {
  /** The answer came from a contact whose buying role is economic buyer. */
  economicBuyer?: boolean;
}

/** One account as the dashboard computations need it. */
export interface PortfolioAccount {
  id: string;
  /** Annual revenue in the reporting currency (see revenueIn in currency.ts), or null when unknown. */
  revenue: number | null;
  targetLevel: number | null;
  targetDate: IsoDay | null;
  /** The level history; only team events count (the customer side comes from `answers`). */
  events: readonly LevelEvent[];
  /**
   * The answers that count towards the customer level (archived contacts' answers left out),
   * ordered by time, then id: of two answers of one stakeholder at the same instant the later counts.
   */
  answers: readonly PortfolioAnswer[];
}

// ---------------------------------------------------------------------------------------------
// The level on a date

/** The latest event of the source before the instant (ties: the greater id), or null. */
function latestEventBefore(events: readonly LevelEvent[], before: Date, source: 'team' | 'customer' = 'team'): LevelEvent | null {
  let best: LevelEvent | null = null;
  const limit = before.getTime();
  for (const event of events) {
    if (event.source !== source || event.effectiveAt.getTime() >= limit) continue;
    if (
      !best ||
      event.effectiveAt.getTime() > best.effectiveAt.getTime() ||
      (event.effectiveAt.getTime() === best.effectiveAt.getTime() && event.id > best.id)
    ) {
      best = event;
    }
  }
  return best;
}

/** The team level on a day: the latest team event on or before the day. */
export function teamLevelOn(events: readonly LevelEvent[], day: IsoDay): number | null {
  return latestEventBefore(events, endOfDay(day), 'team')?.level ?? null;
}

/** The account's level through one lens on a day (`months`: the organization's freshness window). */
export function levelOn(account: PortfolioAccount, day: IsoDay, source: LevelSource, months: number): number | null {
  if (source === 'team') return teamLevelOn(account.events, day);
  const customer = customerLevelOnDay(account.answers, day, months);
  if (source === 'customer') return customer;
  return customer ?? teamLevelOn(account.events, day);
}

/** The level through one lens at an instant (the state once everything at that instant happened). */
export function levelAt(account: PortfolioAccount, at: Date, source: LevelSource, months: number): number | null {
  const team = () => latestEventBefore(account.events, new Date(at.getTime() + 1), 'team')?.level ?? null;
  if (source === 'team') return team();
  const customer = customerLevelAt(account.answers, at, months).level;
  if (source === 'customer') return customer;
  return customer ?? team();
}

/** The effective level on the day comes from the team: there is no customer level, but a team level. */
export function effectiveFromTeam(account: PortfolioAccount, day: IsoDay, months: number): boolean {
  return customerLevelOnDay(account.answers, day, months) === null && teamLevelOn(account.events, day) !== null;
}

function weightOf(account: PortfolioAccount): Tally {
  return { count: 1, revenue: account.revenue ?? 0 };
}

function add(into: Tally, weight: Tally): void {
  into.count += weight.count;
  into.revenue += weight.revenue;
}

const zero = (): Tally => ({ count: 0, revenue: 0 });
const zeros = (n: number): Tally[] => Array.from({ length: n }, zero);

// ---------------------------------------------------------------------------------------------
// Distribution

/** Accounts per level on a day. byLevel plus none covers every account exactly once. */
export function distribution(accounts: readonly PortfolioAccount[], day: IsoDay, source: LevelSource, months: number): Distribution {
  const result: Distribution = { byLevel: zeros(5), none: zero() };
  for (const account of accounts) {
    const level = levelOn(account, day, source, months);
    add(level === null ? result.none : result.byLevel[level - 1]!, weightOf(account));
  }
  return result;
}

export interface DistributionPoint extends Period {
  distribution: Distribution;
}

/** The distribution at the end of each period. */
export function distributionOverTime(
  accounts: readonly PortfolioAccount[],
  periods: readonly Period[],
  source: LevelSource,
  months: number,
): DistributionPoint[] {
  return periods.map((period) => ({ ...period, distribution: distribution(accounts, period.end, source, months) }));
}

// ---------------------------------------------------------------------------------------------
// Transitions and movement

export interface TransitionMatrix {
  /** cells[i][j]: level i+1 on day A and level j+1 on day B. */
  cells: Tally[][];
  /** No level on day A, level j+1 on day B (assessed or confirmed for the first time in between, or again). */
  fromNone: Tally[];
  /** Level i+1 on day A, none on day B (the customer's answers aged out, or B is before A). */
  toNone: Tally[];
  /** No level on either day. */
  neither: Tally;
}

export function transitionMatrix(
  accounts: readonly PortfolioAccount[],
  dayA: IsoDay,
  dayB: IsoDay,
  source: LevelSource,
  months: number,
): TransitionMatrix {
  const matrix: TransitionMatrix = { cells: LEVELS.map(() => zeros(5)), fromNone: zeros(5), toNone: zeros(5), neither: zero() };
  for (const account of accounts) {
    const a = levelOn(account, dayA, source, months);
    const b = levelOn(account, dayB, source, months);
    const target =
      a === null
        ? b === null
          ? matrix.neither
          : matrix.fromNone[b - 1]!
        : b === null
          ? matrix.toNone[a - 1]!
          : matrix.cells[a - 1]![b - 1]!;
    add(target, weightOf(account));
  }
  return matrix;
}

/** Sum of all 25 cells: the accounts with a level on both days. */
export function matrixTotal(cells: readonly Tally[][]): Tally {
  const total = zero();
  for (const row of cells) for (const cell of row) add(total, cell);
  return total;
}

/** Per period: accounts up, down and net, comparing the level just before the period with the level at its end. */
export function netMovement(
  accounts: readonly PortfolioAccount[],
  periods: readonly Period[],
  source: LevelSource,
  months: number,
): Movement[] {
  return periods.map((period) => {
    const movement: Movement = { ...period, up: zero(), down: zero(), net: zero(), entered: zero(), left: zero() };
    for (const account of accounts) {
      const before = levelOn(account, addDays(period.start, -1), source, months);
      const after = levelOn(account, period.end, source, months);
      const weight = weightOf(account);
      if (before === null) {
        if (after !== null) add(movement.entered, weight);
      } else if (after === null) add(movement.left, weight);
      else if (after > before) add(movement.up, weight);
      else if (after < before) add(movement.down, weight);
    }
    movement.net = { count: movement.up.count - movement.down.count, revenue: movement.up.revenue - movement.down.revenue };
    return movement;
  });
}

/** What moved an account's level at an instant. */
export interface LevelChange {
  at: Date;
  /** A team event (an assessment), or the customer level (an answer, or answers ageing out). */
  via: 'team' | 'customer';
  /** via team: the event. */
  event: LevelEvent | null;
  /** via customer: the answer given at that instant, or null when answers aged out. */
  answer: PortfolioAnswer | null;
}

export interface Mover {
  accountId: string;
  revenue: number | null;
  fromLevel: number;
  toLevel: number;
  /** The last change of the level inside the period, and what made it. */
  change: LevelChange;
}

/**
 * The accounts whose level moved most between the start of the period (before `from`) and its end
 * (`to`), up and down: largest move first, then the larger account, then the id. Accounts without
 * a level before the period (new) or at its end (the customer's answers aged out) are not movers.
 */
export function topMovers(
  accounts: readonly PortfolioAccount[],
  from: IsoDay,
  to: IsoDay,
  source: LevelSource,
  limit: number,
  months: number,
): { up: Mover[]; down: Mover[] } {
  const movers: Mover[] = [];
  const start = startOfDay(from);
  const end = endOfDay(to);
  for (const account of accounts) {
    const before = levelOn(account, addDays(from, -1), source, months);
    const after = levelOn(account, to, source, months);
    if (before === null || after === null || before === after) continue;
    const change = lastChangeBetween(account, start, end, source, months)!;
    movers.push({ accountId: account.id, revenue: account.revenue, fromLevel: before, toLevel: after, change });
  }
  const byMove = (direction: 1 | -1) => (a: Mover, b: Mover) =>
    direction * (b.toLevel - b.fromLevel - (a.toLevel - a.fromLevel)) ||
    compareRevenueDesc(a.revenue, b.revenue) ||
    compareIds(a.accountId, b.accountId);
  return {
    up: movers
      .filter((m) => m.toLevel > m.fromLevel)
      .sort(byMove(1))
      .slice(0, limit),
    down: movers
      .filter((m) => m.toLevel < m.fromLevel)
      .sort(byMove(-1))
      .slice(0, limit),
  };
}

/** The latest team event in [start, end) whose level differs from the level just before it. */
function lastTeamChangeBetween(events: readonly LevelEvent[], start: Date, end: Date): LevelEvent | null {
  const ordered = events
    .filter((e) => e.source === 'team' && e.effectiveAt.getTime() < end.getTime())
    .sort((a, b) => a.effectiveAt.getTime() - b.effectiveAt.getTime() || compareIds(a.id, b.id));
  let previous: number | null = null;
  let change: LevelEvent | null = null;
  for (const event of ordered) {
    if (event.effectiveAt.getTime() >= start.getTime() && event.level !== previous) change = event;
    previous = event.level;
  }
  return change;
}

/** The answer given at the instant (the last one listed), or null: at a run start without one, answers aged out. */
function answerAt(answers: readonly PortfolioAnswer[], at: Date): PortfolioAnswer | null {
  let found: PortfolioAnswer | null = null;
  for (const answer of answers) if (answer.answeredAt.getTime() === at.getTime()) found = answer;
  return found;
}

/**
 * The last instant in [start, end) at which the level through the lens changed, and what changed
 * it. Team: the last team event that differs from the one before it. Customer: the start of the
 * last run of the customer level (an answer, or answers ageing out). Effective: the last team
 * event or customer run start at which the effective level differs from just before; a customer
 * run starting there names the cause, else the team event.
 */
export function lastChangeBetween(
  account: PortfolioAccount,
  start: Date,
  end: Date,
  source: LevelSource,
  months: number,
): LevelChange | null {
  const inPeriod = (t: number) => t >= start.getTime() && t < end.getTime();
  if (source === 'team') {
    const event = lastTeamChangeBetween(account.events, start, end);
    return event ? { at: event.effectiveAt, via: 'team', event, answer: null } : null;
  }
  const runStarts = customerLevelRuns(account.answers, months)
    .map((run) => run.startsAt.getTime())
    .filter(inPeriod);
  const customerChange = (t: number): LevelChange => ({
    at: new Date(t),
    via: 'customer',
    event: null,
    answer: answerAt(account.answers, new Date(t)),
  });
  if (source === 'customer') return runStarts.length ? customerChange(Math.max(...runStarts)) : null;
  const teamEvents = account.events.filter((e) => e.source === 'team' && inPeriod(e.effectiveAt.getTime()));
  const candidates = [...new Set([...runStarts, ...teamEvents.map((e) => e.effectiveAt.getTime())])].sort((a, b) => b - a);
  for (const t of candidates) {
    if (levelAt(account, new Date(t), 'effective', months) === levelAt(account, new Date(t - 1), 'effective', months)) continue;
    if (runStarts.includes(t)) return customerChange(t);
    return { at: new Date(t), via: 'team', event: latestEventBefore(account.events, new Date(t + 1), 'team'), answer: null };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Perception gap

export interface GapMatrix {
  /** cells[t][c]: team level t+1 and customer level c+1 on the day. */
  cells: Tally[][];
  /** Mean of team − customer over the accounts with both levels (revenue: weighted by revenue); null without any. */
  averageGap: { count: number | null; revenue: number | null };
  /** Accounts with both levels, with the team above the customer, and below. */
  both: Tally;
  overrated: Tally;
  underrated: Tally;
}

export function gapMatrix(accounts: readonly PortfolioAccount[], day: IsoDay, months: number): GapMatrix {
  const result: GapMatrix = {
    cells: LEVELS.map(() => zeros(5)),
    averageGap: { count: null, revenue: null },
    both: zero(),
    overrated: zero(),
    underrated: zero(),
  };
  const gapSum = zero();
  for (const account of accounts) {
    const team = levelOn(account, day, 'team', months);
    const customer = levelOn(account, day, 'customer', months);
    if (team === null || customer === null) continue;
    const weight = weightOf(account);
    add(result.cells[team - 1]![customer - 1]!, weight);
    add(result.both, weight);
    if (team > customer) add(result.overrated, weight);
    if (team < customer) add(result.underrated, weight);
    add(gapSum, { count: team - customer, revenue: (team - customer) * weight.revenue });
  }
  result.averageGap = {
    count: result.both.count ? gapSum.count / result.both.count : null,
    revenue: result.both.revenue ? gapSum.revenue / result.both.revenue : null,
  };
  return result;
}

export interface GapPoint extends Period {
  averageGap: { count: number | null; revenue: number | null };
  both: Tally;
}

export function gapTrend(accounts: readonly PortfolioAccount[], periods: readonly Period[], months: number): GapPoint[] {
  return periods.map((period) => {
    const matrix = gapMatrix(accounts, period.end, months);
    return { ...period, averageGap: matrix.averageGap, both: matrix.both };
  });
}

export interface OverratedAccount {
  accountId: string;
  revenue: number | null;
  teamLevel: number;
  customerLevel: number;
  gap: number;
}

/** Accounts where the team rates itself above the customer on the day: largest revenue first, then largest gap, then id. */
export function overratedAccounts(accounts: readonly PortfolioAccount[], day: IsoDay, months: number): OverratedAccount[] {
  const rows: OverratedAccount[] = [];
  for (const account of accounts) {
    const team = levelOn(account, day, 'team', months);
    const customer = levelOn(account, day, 'customer', months);
    if (team !== null && customer !== null && team > customer) {
      rows.push({ accountId: account.id, revenue: account.revenue, teamLevel: team, customerLevel: customer, gap: team - customer });
    }
  }
  return rows.sort((a, b) => compareRevenueDesc(a.revenue, b.revenue) || b.gap - a.gap || compareIds(a.accountId, b.accountId));
}

// ---------------------------------------------------------------------------------------------
// Health: stale levels, customer confirmation, targets

/** No team event in the STALE_AFTER_DAYS days up to the end of the day (or none at all): see staleCutoff. */
export function isStale(events: readonly LevelEvent[], day: IsoDay): boolean {
  const latest = latestEventBefore(events, endOfDay(day), 'team');
  return !latest || latest.effectiveAt.getTime() < staleCutoff(day).getTime();
}

/** Confirmed by the customer on the day: the account has a customer level (an answer still fresh at the end of the day). */
export function isConfirmed(account: PortfolioAccount, day: IsoDay, months: number): boolean {
  return customerLevelOnDay(account.answers, day, months) !== null;
}

/** An economic buyer's answer is still fresh at the end of the day (given on or before it, not yet aged out). */
export function economicBuyerConfirmed(account: PortfolioAccount, day: IsoDay, months: number): boolean {
  const last = endOfDay(day).getTime() - 1;
  return account.answers.some(
    (a) => a.economicBuyer === true && a.answeredAt.getTime() <= last && last < answerExpiresAt(a.answeredAt, months).getTime(),
  );
}

/**
 * Where an account stands against its target on a day: reached when its level is at or above
 * the target level; behind when not reached and the target date has passed; otherwise on track
 * (including targets without a date). Null for accounts without a target level.
 */
export function targetStatus(
  level: number | null,
  targetLevel: number | null,
  targetDate: IsoDay | null,
  day: IsoDay,
): TargetStatus | null {
  if (targetLevel === null) return null;
  if (level !== null && level >= targetLevel) return 'reached';
  return targetDate !== null && targetDate < day ? 'behind' : 'onTrack';
}

export interface Summary {
  effective: Distribution;
  team: Distribution;
  customer: Distribution;
  watershed: Record<LevelSource, { count: number | null; revenue: number | null }>;
  gap: { averageGap: { count: number | null; revenue: number | null }; both: Tally; overrated: Tally };
  /** Accounts with a customer level on the day, out of all. */
  confirmed: Tally;
  /** Accounts where an economic buyer's answer is fresh on the day. */
  economicBuyer: Tally;
  stale: Tally;
  targets: Record<TargetStatus, Tally>;
  total: Tally;
}

/**
 * Where the portfolio stands on a day, through every lens. Targets are measured against the level
 * through `lens` (the effective level unless the dashboard is switched to the team's or the customer's).
 */
export function summary(accounts: readonly PortfolioAccount[], day: IsoDay, lens: LevelSource, months: number): Summary {
  const effective = distribution(accounts, day, 'effective', months);
  const team = distribution(accounts, day, 'team', months);
  const customer = distribution(accounts, day, 'customer', months);
  const gap = gapMatrix(accounts, day, months);
  const result: Summary = {
    effective,
    team,
    customer,
    watershed: { effective: watershedShare(effective), team: watershedShare(team), customer: watershedShare(customer) },
    gap: { averageGap: gap.averageGap, both: gap.both, overrated: gap.overrated },
    confirmed: zero(),
    economicBuyer: zero(),
    stale: zero(),
    targets: { reached: zero(), onTrack: zero(), behind: zero() },
    total: zero(),
  };
  for (const account of accounts) {
    const weight = weightOf(account);
    add(result.total, weight);
    if (isConfirmed(account, day, months)) add(result.confirmed, weight);
    if (economicBuyerConfirmed(account, day, months)) add(result.economicBuyer, weight);
    if (isStale(account.events, day)) add(result.stale, weight);
    const status = targetStatus(levelOn(account, day, lens, months), account.targetLevel, account.targetDate, day);
    if (status) add(result.targets[status], weight);
  }
  return result;
}

/**
 * The headline over `from`..`to` and the period of the same length before it: each period's
 * movement (netMovement over the whole period as one) and the summary at its end.
 */
export function headline(accounts: readonly PortfolioAccount[], from: IsoDay, to: IsoDay, lens: LevelSource, months: number): Headline {
  const side = (start: IsoDay, end: IsoDay): HeadlinePeriod => {
    const [movement] = netMovement(accounts, [{ label: 'period', start, end }], lens, months);
    const atEnd = summary(accounts, end, lens, months);
    return {
      from: start,
      to: end,
      up: movement!.up,
      down: movement!.down,
      net: movement!.net,
      watershed: atEnd.watershed[lens],
      averageGap: atEnd.gap.averageGap,
      overrated: atEnd.gap.overrated,
      coverage: shareOf(atEnd.confirmed, atEnd.total),
    };
  };
  const previous = previousPeriod(from, to);
  return { current: side(from, to), previous: side(previous.from, previous.to) };
}

/** One confirmation link as the response rate needs it. */
export interface PortfolioLink {
  createdAt: Date;
  answered: boolean;
  /** The buying role of the link's contact; null for a link without a contact. */
  buyingRole: BuyingRole | null;
}

/** The confirmation links created from the start of `from` to the end of `to`, and how many were answered, in all and per buying role (role order: name, no contact last). */
export function responseRate(links: readonly PortfolioLink[], from: IsoDay, to: IsoDay): ResponseRate {
  const start = startOfDay(from).getTime();
  const end = endOfDay(to).getTime();
  const roles = new Map<BuyingRole | null, ResponseRate['byRole'][number]>();
  const result: ResponseRate = { sent: 0, answered: 0, byRole: [] };
  for (const link of links) {
    const t = link.createdAt.getTime();
    if (t < start || t >= end) continue;
    const role = roles.get(link.buyingRole) ?? { role: link.buyingRole, sent: 0, answered: 0 };
    roles.set(link.buyingRole, role);
    role.sent++;
    result.sent++;
    if (link.answered) {
      role.answered++;
      result.answered++;
    }
  }
  result.byRole = [...roles.values()].sort((a, b) =>
    a.role === null ? 1 : b.role === null ? -1 : a.role < b.role ? -1 : a.role > b.role ? 1 : 0,
  );
  return result;
}

// ---------------------------------------------------------------------------------------------
// Drill-down: the accounts behind a number

/** Whether the account is one of those behind the number the drill-down names. */
function matchesDrillDown(account: PortfolioAccount, spec: DrillDown, months: number): boolean {
  switch (spec.kind) {
    case 'level':
      return levelOn(account, spec.day, spec.source, months) === spec.level;
    case 'transition':
      return (
        levelOn(account, spec.dayA, spec.source, months) === spec.fromLevel &&
        levelOn(account, spec.dayB, spec.source, months) === spec.toLevel
      );
    case 'gap':
      return (
        levelOn(account, spec.day, 'team', months) === spec.teamLevel &&
        levelOn(account, spec.day, 'customer', months) === spec.customerLevel
      );
    case 'overrated': {
      const team = levelOn(account, spec.day, 'team', months);
      const customer = levelOn(account, spec.day, 'customer', months);
      return team !== null && customer !== null && team > customer;
    }
    case 'stale':
      return isStale(account.events, spec.day);
    case 'unconfirmed':
      return !isConfirmed(account, spec.day, months);
    case 'noEconomicBuyer':
      return !economicBuyerConfirmed(account, spec.day, months);
    case 'target':
      return (
        targetStatus(levelOn(account, spec.day, spec.source, months), account.targetLevel, account.targetDate, spec.day) === spec.status
      );
  }
}

/** The accounts behind a number, largest revenue first (unknown last), then (for the overrated) the larger gap, then by id. */
export function drillDown(accounts: readonly PortfolioAccount[], spec: DrillDown, months: number): PortfolioAccount[] {
  const gap = (account: PortfolioAccount) =>
    spec.kind === 'overrated'
      ? (levelOn(account, spec.day, 'team', months) ?? 0) - (levelOn(account, spec.day, 'customer', months) ?? 0)
      : 0;
  return accounts
    .filter((account) => matchesDrillDown(account, spec, months))
    .sort((a, b) => compareRevenueDesc(a.revenue, b.revenue) || gap(b) - gap(a) || compareIds(a.id, b.id));
}
