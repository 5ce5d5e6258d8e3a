/**
 * The portfolio dashboards' arithmetic, as pure functions over the level history.
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
 * The routers compute the same numbers in SQL (set-based, for 10,000 accounts); the integration
 * tests check that SQL against these functions on generated data, and the unit and property
 * tests check these functions against the rules above.
 */
import { answerExpiresAt, customerLevelAt, customerLevelOnDay, customerLevelRuns, type CustomerAnswer } from './customer-level';
import { STALE_AFTER_DAYS, type BuyingRole } from './accounts';
import { LEVELS } from './levels';

/** Whose level a view follows. */
export type LevelSource = 'effective' | 'team' | 'customer';
export type Granularity = 'month' | 'quarter';
/** A calendar day, "2026-03-31" (UTC). */
export type IsoDay = string;

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
  /** Annual revenue in the reporting currency (see revenueIn), or null when unknown. */
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

/** A count of accounts and the revenue behind them: every dashboard number comes as both. */
export interface Tally {
  count: number;
  revenue: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

// ---------------------------------------------------------------------------------------------
// Days and periods

export function isIsoDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** 00:00 UTC of the day. */
export function startOfDay(day: IsoDay): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** The first instant after the day: events before it happened "on or before" the day. */
export function endOfDay(day: IsoDay): Date {
  return new Date(startOfDay(day).getTime() + DAY_MS);
}

export function addDays(day: IsoDay, days: number): IsoDay {
  return new Date(startOfDay(day).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

export function toIsoDay(date: Date): IsoDay {
  return date.toISOString().slice(0, 10);
}

/** The dashboard's default period: the first of the month eleven months back up to today (twelve monthly columns). */
export function defaultPeriod(today: IsoDay): { from: IsoDay; to: IsoDay } {
  const date = startOfDay(today);
  return { from: toIsoDay(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - 11, 1))), to: today };
}

export interface Period {
  /** "2026-03" for a month, "2026-Q1" for a quarter */
  label: string;
  start: IsoDay;
  end: IsoDay;
}

/** Periods longer than this are refused: a chart of ten years by month is already 120 columns. */
export const MAX_PERIODS = 120;

/**
 * Calendar months (or quarters) covering from..to, the first starting on `from` and the last
 * ending on `to` (so both may be partial). Each period's numbers are read at its end.
 */
export function periodsBetween(from: IsoDay, to: IsoDay, granularity: Granularity): Period[] {
  const periods: Period[] = [];
  const step = granularity === 'month' ? 1 : 3;
  const first = startOfDay(from);
  let year = first.getUTCFullYear();
  let month = granularity === 'month' ? first.getUTCMonth() : Math.floor(first.getUTCMonth() / 3) * 3;
  let start = from;
  while (start <= to && periods.length <= MAX_PERIODS) {
    const next = new Date(Date.UTC(year, month + step, 1));
    const lastDay = addDays(toIsoDay(next), -1);
    const end = lastDay < to ? lastDay : to;
    const label = granularity === 'month' ? `${year}-${String(month + 1).padStart(2, '0')}` : `${year}-Q${month / 3 + 1}`;
    periods.push({ label, start, end });
    start = toIsoDay(next);
    year = next.getUTCFullYear();
    month = next.getUTCMonth();
  }
  return periods;
}

// ---------------------------------------------------------------------------------------------
// The level on a date

/** The latest event of the source before the instant (ties: the greater id), or null. */
export function latestEventBefore(events: readonly LevelEvent[], before: Date, source: 'team' | 'customer' = 'team'): LevelEvent | null {
  let best: LevelEvent | null = null;
  const limit = before.getTime();
  for (const event of events) {
    if (event.source !== source || event.effectiveAt.getTime() >= limit) continue;
    if (!best || event.effectiveAt.getTime() > best.effectiveAt.getTime() || (event.effectiveAt.getTime() === best.effectiveAt.getTime() && event.id > best.id)) {
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

export interface Distribution {
  /** Index 0 is level 1 … index 4 is level 5. */
  byLevel: Tally[];
  /** Accounts without a level through this lens on the day. */
  none: Tally;
}

/** Accounts per level on a day. byLevel plus none covers every account exactly once. */
export function distribution(accounts: readonly PortfolioAccount[], day: IsoDay, source: LevelSource, months: number): Distribution {
  const result: Distribution = { byLevel: zeros(5), none: zero() };
  for (const account of accounts) {
    const level = levelOn(account, day, source, months);
    add(level === null ? result.none : result.byLevel[level - 1]!, weightOf(account));
  }
  return result;
}

/** Sum of the accounts that have a level (byLevel only). */
export function withLevel(d: Distribution): Tally {
  const total = zero();
  for (const tally of d.byLevel) add(total, tally);
  return total;
}

/** Share of accounts with a level that stand at level 4 or 5, the watershed; null when none has a level. */
export function watershedShare(d: Distribution): { count: number | null; revenue: number | null } {
  const total = withLevel(d);
  const high = zero();
  add(high, d.byLevel[3]!);
  add(high, d.byLevel[4]!);
  return { count: total.count ? high.count / total.count : null, revenue: total.revenue ? high.revenue / total.revenue : null };
}

export interface DistributionPoint extends Period {
  distribution: Distribution;
}

/** The distribution at the end of each period. */
export function distributionOverTime(accounts: readonly PortfolioAccount[], periods: readonly Period[], source: LevelSource, months: number): DistributionPoint[] {
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

export function transitionMatrix(accounts: readonly PortfolioAccount[], dayA: IsoDay, dayB: IsoDay, source: LevelSource, months: number): TransitionMatrix {
  const matrix: TransitionMatrix = { cells: LEVELS.map(() => zeros(5)), fromNone: zeros(5), toNone: zeros(5), neither: zero() };
  for (const account of accounts) {
    const a = levelOn(account, dayA, source, months);
    const b = levelOn(account, dayB, source, months);
    const target = a === null ? (b === null ? matrix.neither : matrix.fromNone[b - 1]!) : b === null ? matrix.toNone[a - 1]! : matrix.cells[a - 1]![b - 1]!;
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

export interface Movement extends Period {
  /** Accounts whose level at the end of the period is higher than just before it started. */
  up: Tally;
  down: Tally;
  /** up − down */
  net: Tally;
  /** Accounts without a level just before the period and with one at its end. */
  entered: Tally;
  /** Accounts with a level just before the period and none at its end (the customer's answers aged out). */
  left: Tally;
}

/** Per period: accounts up, down and net, comparing the level just before the period with the level at its end. */
export function netMovement(accounts: readonly PortfolioAccount[], periods: readonly Period[], source: LevelSource, months: number): Movement[] {
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
    direction * (b.toLevel - b.fromLevel - (a.toLevel - a.fromLevel)) || compareRevenueDesc(a.revenue, b.revenue) || compareIds(a.accountId, b.accountId);
  return {
    up: movers.filter((m) => m.toLevel > m.fromLevel).sort(byMove(1)).slice(0, limit),
    down: movers.filter((m) => m.toLevel < m.fromLevel).sort(byMove(-1)).slice(0, limit),
  };
}

/** The latest team event in [start, end) whose level differs from the level just before it. */
export function lastTeamChangeBetween(events: readonly LevelEvent[], start: Date, end: Date): LevelEvent | null {
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
export function lastChangeBetween(account: PortfolioAccount, start: Date, end: Date, source: LevelSource, months: number): LevelChange | null {
  const inPeriod = (t: number) => t >= start.getTime() && t < end.getTime();
  if (source === 'team') {
    const event = lastTeamChangeBetween(account.events, start, end);
    return event ? { at: event.effectiveAt, via: 'team', event, answer: null } : null;
  }
  const runStarts = customerLevelRuns(account.answers, months)
    .map((run) => run.startsAt.getTime())
    .filter(inPeriod);
  const customerChange = (t: number): LevelChange => ({ at: new Date(t), via: 'customer', event: null, answer: answerAt(account.answers, new Date(t)) });
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

/** Byte order of the lowercase UUID text, which is also PostgreSQL's order of uuid values. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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
  const result: GapMatrix = { cells: LEVELS.map(() => zeros(5)), averageGap: { count: null, revenue: null }, both: zero(), overrated: zero(), underrated: zero() };
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

/** Larger revenue first, unknown revenue last. */
export function compareRevenueDesc(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return b - a;
}

// ---------------------------------------------------------------------------------------------
// Health: stale levels, customer confirmation, targets

/** No team assessment for this long (or never) makes an account stale: the accounts list's rule. */
export const STALE_DAYS = STALE_AFTER_DAYS;

/** No team event in the STALE_DAYS days up to the end of the day (or none at all). */
export function isStale(events: readonly LevelEvent[], day: IsoDay): boolean {
  const latest = latestEventBefore(events, endOfDay(day), 'team');
  return !latest || latest.effectiveAt.getTime() < staleCutoff(day).getTime();
}

export function staleCutoff(day: IsoDay): Date {
  return new Date(endOfDay(day).getTime() - STALE_DAYS * DAY_MS);
}

/** Confirmed by the customer on the day: the account has a customer level (an answer still fresh at the end of the day). */
export function isConfirmed(account: PortfolioAccount, day: IsoDay, months: number): boolean {
  return customerLevelOnDay(account.answers, day, months) !== null;
}

/** An economic buyer's answer is still fresh at the end of the day (given on or before it, not yet aged out). */
export function economicBuyerConfirmed(account: PortfolioAccount, day: IsoDay, months: number): boolean {
  const last = endOfDay(day).getTime() - 1;
  return account.answers.some((a) => a.economicBuyer === true && a.answeredAt.getTime() <= last && last < answerExpiresAt(a.answeredAt, months).getTime());
}

export type TargetStatus = 'reached' | 'onTrack' | 'behind';

/**
 * Where an account stands against its target on a day: reached when its level is at or above
 * the target level; behind when not reached and the target date has passed; otherwise on track
 * (including targets without a date). Null for accounts without a target level.
 */
export function targetStatus(level: number | null, targetLevel: number | null, targetDate: IsoDay | null, day: IsoDay): TargetStatus | null {
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

/** One confirmation link as the response rate needs it. */
export interface PortfolioLink {
  createdAt: Date;
  answered: boolean;
  /** The buying role of the link's contact; null for a link without a contact. */
  buyingRole: BuyingRole | null;
}

export interface ResponseRate {
  /** Links created in the period, and how many of them have been answered (by now). */
  sent: number;
  answered: number;
  byRole: Array<{ role: BuyingRole | null; sent: number; answered: number }>;
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
  result.byRole = [...roles.values()].sort((a, b) => (a.role === null ? 1 : b.role === null ? -1 : a.role < b.role ? -1 : a.role > b.role ? 1 : 0));
  return result;
}

// ---------------------------------------------------------------------------------------------
// Drill-down: the accounts behind a number

export type DrillDown =
  | { kind: 'level'; source: LevelSource; day: IsoDay; level: number | null }
  | { kind: 'transition'; source: LevelSource; dayA: IsoDay; dayB: IsoDay; fromLevel: number | null; toLevel: number | null }
  | { kind: 'gap'; day: IsoDay; teamLevel: number; customerLevel: number }
  | { kind: 'overrated'; day: IsoDay }
  | { kind: 'stale'; day: IsoDay }
  | { kind: 'unconfirmed'; day: IsoDay }
  | { kind: 'noEconomicBuyer'; day: IsoDay }
  | { kind: 'target'; source: LevelSource; day: IsoDay; status: TargetStatus };

/** Whether the account is one of those behind the number the drill-down names. */
export function matchesDrillDown(account: PortfolioAccount, spec: DrillDown, months: number): boolean {
  switch (spec.kind) {
    case 'level':
      return levelOn(account, spec.day, spec.source, months) === spec.level;
    case 'transition':
      return levelOn(account, spec.dayA, spec.source, months) === spec.fromLevel && levelOn(account, spec.dayB, spec.source, months) === spec.toLevel;
    case 'gap':
      return levelOn(account, spec.day, 'team', months) === spec.teamLevel && levelOn(account, spec.day, 'customer', months) === spec.customerLevel;
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
      return targetStatus(levelOn(account, spec.day, spec.source, months), account.targetLevel, account.targetDate, spec.day) === spec.status;
  }
}

/** The accounts behind a number, largest revenue first (unknown last), then (for the overrated) the larger gap, then by id. */
export function drillDown(accounts: readonly PortfolioAccount[], spec: DrillDown, months: number): PortfolioAccount[] {
  const gap = (account: PortfolioAccount) =>
    spec.kind === 'overrated' ? (levelOn(account, spec.day, 'team', months) ?? 0) - (levelOn(account, spec.day, 'customer', months) ?? 0) : 0;
  return accounts
    .filter((account) => matchesDrillDown(account, spec, months))
    .sort((a, b) => compareRevenueDesc(a.revenue, b.revenue) || gap(b) - gap(a) || compareIds(a.id, b.id));
}

// ---------------------------------------------------------------------------------------------
// Revenue in one currency

/**
 * Units of each currency per euro: fixed reference rates (rounded ECB rates of 2025), used only
 * to put accounts in different currencies on one scale for revenue weighting. Revenue in a
 * currency not listed here counts as unknown.
 */
export const RATES_PER_EUR: Readonly<Record<string, number>> = {
  EUR: 1,
  SEK: 11.1,
  NOK: 11.7,
  DKK: 7.46,
  USD: 1.13,
  GBP: 0.85,
  CHF: 0.94,
  PLN: 4.26,
  ISK: 145,
  CAD: 1.58,
  AUD: 1.76,
  JPY: 163,
};

/** The factor that turns an amount in `currency` into `reporting`, or null for an unknown currency. */
export function conversionFactor(currency: string | null, reporting: string): number | null {
  if (currency === null) return null;
  const from = RATES_PER_EUR[currency];
  const to = RATES_PER_EUR[reporting];
  return from === undefined || to === undefined ? null : to / from;
}

/** Annual revenue in the reporting currency, or null when the amount or its currency is unknown. */
export function revenueIn(amount: number | null, currency: string | null, reporting: string): number | null {
  const factor = conversionFactor(currency, reporting);
  return amount === null || factor === null ? null : amount * factor;
}

/** The currency most accounts use (ties: alphabetical), the dashboard's scale for revenue; EUR when none has one. */
export function reportingCurrency(currencies: ReadonlyArray<string | null>): string {
  const counts = new Map<string, number>();
  for (const c of currencies) if (c !== null && RATES_PER_EUR[c] !== undefined) counts.set(c, (counts.get(c) ?? 0) + 1);
  let best = 'EUR';
  let bestCount = 0;
  for (const [currency, count] of [...counts].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (count > bestCount) {
      best = currency;
      bestCount = count;
    }
  }
  return best;
}
