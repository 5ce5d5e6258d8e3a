/**
 * The portfolio dashboards' arithmetic, as pure functions over the level history.
 *
 * One rule underlies every number: the level of an account on day D, from one source (team or
 * customer), is the level of its latest event of that source on or before D, that is with
 * `effective_at` before the start of the next day (UTC). Events at the same instant are ordered
 * by id (ids are time-ordered UUIDv7). An account without an event of that source on or before D
 * has no level on D: nothing is carried backwards and nothing is invented.
 *
 * The routers compute the same numbers in SQL (set-based, for 10,000 accounts); the integration
 * tests check that SQL against these functions on generated data, and the unit and property
 * tests check these functions against the rules above.
 */
import { LEVELS } from './levels';

export type LevelSource = 'team' | 'customer';
export type Granularity = 'month' | 'quarter';
/** A calendar day, "2026-03-31" (UTC). */
export type IsoDay = string;

export interface LevelEvent {
  id: string;
  source: LevelSource;
  level: number;
  effectiveAt: Date;
}

/** One account as the dashboard computations need it. */
export interface PortfolioAccount {
  id: string;
  /** Annual revenue in the reporting currency (see revenueIn), or null when unknown. */
  revenue: number | null;
  targetLevel: number | null;
  targetDate: IsoDay | null;
  events: readonly LevelEvent[];
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
export function latestEventBefore(events: readonly LevelEvent[], before: Date, source: LevelSource): LevelEvent | null {
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

/** The account's level from one source on a day: its latest event of that source on or before the day. */
export function levelOn(events: readonly LevelEvent[], day: IsoDay, source: LevelSource): number | null {
  return latestEventBefore(events, endOfDay(day), source)?.level ?? null;
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
  /** Accounts without a level from this source on the day. */
  none: Tally;
}

/** Accounts per level on a day. byLevel plus none covers every account exactly once. */
export function distribution(accounts: readonly PortfolioAccount[], day: IsoDay, source: LevelSource): Distribution {
  const result: Distribution = { byLevel: zeros(5), none: zero() };
  for (const account of accounts) {
    const level = levelOn(account.events, day, source);
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
export function distributionOverTime(accounts: readonly PortfolioAccount[], periods: readonly Period[], source: LevelSource): DistributionPoint[] {
  return periods.map((period) => ({ ...period, distribution: distribution(accounts, period.end, source) }));
}

// ---------------------------------------------------------------------------------------------
// Transitions and movement

export interface TransitionMatrix {
  /** cells[i][j]: level i+1 on day A and level j+1 on day B. */
  cells: Tally[][];
  /** No level on day A, level j+1 on day B (assessed for the first time in between). */
  fromNone: Tally[];
  /** Level i+1 on day A, none on day B (only when B is before A). */
  toNone: Tally[];
  /** No level on either day. */
  neither: Tally;
}

export function transitionMatrix(accounts: readonly PortfolioAccount[], dayA: IsoDay, dayB: IsoDay, source: LevelSource): TransitionMatrix {
  const matrix: TransitionMatrix = { cells: LEVELS.map(() => zeros(5)), fromNone: zeros(5), toNone: zeros(5), neither: zero() };
  for (const account of accounts) {
    const a = levelOn(account.events, dayA, source);
    const b = levelOn(account.events, dayB, source);
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
  /** Accounts that got their first level during the period. */
  entered: Tally;
}

/** Per period: accounts up, down and net, comparing the level just before the period with the level at its end. */
export function netMovement(accounts: readonly PortfolioAccount[], periods: readonly Period[], source: LevelSource): Movement[] {
  return periods.map((period) => {
    const movement: Movement = { ...period, up: zero(), down: zero(), net: zero(), entered: zero() };
    for (const account of accounts) {
      const before = levelOn(account.events, addDays(period.start, -1), source);
      const after = levelOn(account.events, period.end, source);
      const weight = weightOf(account);
      if (before === null) {
        if (after !== null) add(movement.entered, weight);
      } else if (after !== null && after > before) add(movement.up, weight);
      else if (after !== null && after < before) add(movement.down, weight);
    }
    movement.net = { count: movement.up.count - movement.down.count, revenue: movement.up.revenue - movement.down.revenue };
    return movement;
  });
}

export interface Mover {
  accountId: string;
  revenue: number | null;
  fromLevel: number;
  toLevel: number;
  /** The last event in the period that changed the level: when, and what it came from. */
  changedAt: Date;
  changeEventId: string;
}

/**
 * The accounts whose level moved most between the start of the period (before `from`) and its end
 * (`to`), up and down: largest move first, then the larger account, then the id. Accounts without
 * a level before the period are not movers (they are new).
 */
export function topMovers(accounts: readonly PortfolioAccount[], from: IsoDay, to: IsoDay, source: LevelSource, limit: number): { up: Mover[]; down: Mover[] } {
  const movers: Mover[] = [];
  const start = startOfDay(from);
  const end = endOfDay(to);
  for (const account of accounts) {
    const before = latestEventBefore(account.events, start, source);
    const after = latestEventBefore(account.events, end, source);
    if (!before || !after || before.level === after.level) continue;
    const change = lastChangeBetween(account.events, start, end, source)!;
    movers.push({ accountId: account.id, revenue: account.revenue, fromLevel: before.level, toLevel: after.level, changedAt: change.effectiveAt, changeEventId: change.id });
  }
  const byMove = (direction: 1 | -1) => (a: Mover, b: Mover) =>
    direction * (b.toLevel - b.fromLevel - (a.toLevel - a.fromLevel)) || compareRevenueDesc(a.revenue, b.revenue) || compareIds(a.accountId, b.accountId);
  return {
    up: movers.filter((m) => m.toLevel > m.fromLevel).sort(byMove(1)).slice(0, limit),
    down: movers.filter((m) => m.toLevel < m.fromLevel).sort(byMove(-1)).slice(0, limit),
  };
}

/** The latest event in [start, end) whose level differs from the level just before it. */
export function lastChangeBetween(events: readonly LevelEvent[], start: Date, end: Date, source: LevelSource): LevelEvent | null {
  const ordered = events
    .filter((e) => e.source === source && e.effectiveAt.getTime() < end.getTime())
    .sort((a, b) => a.effectiveAt.getTime() - b.effectiveAt.getTime() || compareIds(a.id, b.id));
  let previous: number | null = null;
  let change: LevelEvent | null = null;
  for (const event of ordered) {
    if (event.effectiveAt.getTime() >= start.getTime() && event.level !== previous) change = event;
    previous = event.level;
  }
  return change;
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

export function gapMatrix(accounts: readonly PortfolioAccount[], day: IsoDay): GapMatrix {
  const result: GapMatrix = { cells: LEVELS.map(() => zeros(5)), averageGap: { count: null, revenue: null }, both: zero(), overrated: zero(), underrated: zero() };
  const gapSum = zero();
  for (const account of accounts) {
    const team = levelOn(account.events, day, 'team');
    const customer = levelOn(account.events, day, 'customer');
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

export function gapTrend(accounts: readonly PortfolioAccount[], periods: readonly Period[]): GapPoint[] {
  return periods.map((period) => {
    const matrix = gapMatrix(accounts, period.end);
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
export function overratedAccounts(accounts: readonly PortfolioAccount[], day: IsoDay): OverratedAccount[] {
  const rows: OverratedAccount[] = [];
  for (const account of accounts) {
    const team = levelOn(account.events, day, 'team');
    const customer = levelOn(account.events, day, 'customer');
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

/** No team assessment for this long (or never) makes an account stale. Same rule as the accounts list. */
export const STALE_DAYS = 180;

/** No team event in the STALE_DAYS days up to the end of the day (or none at all). */
export function isStale(events: readonly LevelEvent[], day: IsoDay): boolean {
  const latest = latestEventBefore(events, endOfDay(day), 'team');
  return !latest || latest.effectiveAt.getTime() < staleCutoff(day).getTime();
}

export function staleCutoff(day: IsoDay): Date {
  return new Date(endOfDay(day).getTime() - STALE_DAYS * DAY_MS);
}

/**
 * A customer event in the `months` months up to the end of the day: the organization's freshness
 * window for customer answers (the setting that also decides the accounts' customer level).
 */
export function isConfirmed(events: readonly LevelEvent[], day: IsoDay, months: number): boolean {
  const latest = latestEventBefore(events, endOfDay(day), 'customer');
  return latest !== null && latest.effectiveAt.getTime() >= coverageCutoff(day, months).getTime();
}

export function coverageCutoff(day: IsoDay, months: number): Date {
  // TEMPORARY until coverage reads the customer level runs: calendar months back from the end of the day.
  const cutoff = endOfDay(day);
  const dayOfMonth = cutoff.getUTCDate();
  cutoff.setUTCDate(1);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  cutoff.setUTCDate(Math.min(dayOfMonth, new Date(Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth() + 1, 0)).getUTCDate()));
  return cutoff;
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
  team: Distribution;
  customer: Distribution;
  watershed: { team: { count: number | null; revenue: number | null }; customer: { count: number | null; revenue: number | null } };
  gap: { averageGap: { count: number | null; revenue: number | null }; both: Tally; overrated: Tally };
  /** Accounts with a customer answer in the organization's freshness window, out of all. */
  confirmed: Tally;
  stale: Tally;
  targets: Record<TargetStatus, Tally>;
  total: Tally;
}

/**
 * Where the portfolio stands on a day, by team and by customer. Targets are measured against
 * the level from `targetSource` (the team's, unless the dashboard is switched to the customer's).
 */
export function summary(accounts: readonly PortfolioAccount[], day: IsoDay, targetSource: LevelSource, freshnessMonths: number): Summary {
  const team = distribution(accounts, day, 'team');
  const customer = distribution(accounts, day, 'customer');
  const gap = gapMatrix(accounts, day);
  const result: Summary = {
    team,
    customer,
    watershed: { team: watershedShare(team), customer: watershedShare(customer) },
    gap: { averageGap: gap.averageGap, both: gap.both, overrated: gap.overrated },
    confirmed: zero(),
    stale: zero(),
    targets: { reached: zero(), onTrack: zero(), behind: zero() },
    total: zero(),
  };
  for (const account of accounts) {
    const weight = weightOf(account);
    add(result.total, weight);
    if (isConfirmed(account.events, day, freshnessMonths)) add(result.confirmed, weight);
    if (isStale(account.events, day)) add(result.stale, weight);
    const status = targetStatus(levelOn(account.events, day, targetSource), account.targetLevel, account.targetDate, day);
    if (status) add(result.targets[status], weight);
  }
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
  | { kind: 'unconfirmed'; day: IsoDay; months: number }
  | { kind: 'target'; source: LevelSource; day: IsoDay; status: TargetStatus };

/** Whether the account is one of those behind the number the drill-down names. */
export function matchesDrillDown(account: PortfolioAccount, spec: DrillDown): boolean {
  switch (spec.kind) {
    case 'level':
      return levelOn(account.events, spec.day, spec.source) === spec.level;
    case 'transition':
      return levelOn(account.events, spec.dayA, spec.source) === spec.fromLevel && levelOn(account.events, spec.dayB, spec.source) === spec.toLevel;
    case 'gap':
      return levelOn(account.events, spec.day, 'team') === spec.teamLevel && levelOn(account.events, spec.day, 'customer') === spec.customerLevel;
    case 'overrated': {
      const team = levelOn(account.events, spec.day, 'team');
      const customer = levelOn(account.events, spec.day, 'customer');
      return team !== null && customer !== null && team > customer;
    }
    case 'stale':
      return isStale(account.events, spec.day);
    case 'unconfirmed':
      return !isConfirmed(account.events, spec.day, spec.months);
    case 'target':
      return targetStatus(levelOn(account.events, spec.day, spec.source), account.targetLevel, account.targetDate, spec.day) === spec.status;
  }
}

/** The accounts behind a number, largest revenue first (unknown last), then (for the overrated) the larger gap, then by id. */
export function drillDown(accounts: readonly PortfolioAccount[], spec: DrillDown): PortfolioAccount[] {
  const gap = (account: PortfolioAccount) =>
    spec.kind === 'overrated' ? (levelOn(account.events, spec.day, 'team') ?? 0) - (levelOn(account.events, spec.day, 'customer') ?? 0) : 0;
  return accounts
    .filter((account) => matchesDrillDown(account, spec))
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
