import 'server-only';
import { sql } from 'drizzle-orm';
import { endOfDay, startOfDay, type IsoDay } from '../domain/calendar';
import {
  staleCutoff,
  watershedShare,
  type Distribution,
  type LevelSource,
  type ResponseRate,
  type Tally,
  type TargetStatus,
} from '../domain/dashboard';
import type { BuyingRole } from '../domain/accounts';
import { resolvePeriod, type Filters } from './filters';
import {
  add,
  at,
  economicBuyerFresh,
  lensLevel,
  probesAt,
  query,
  reportingCurrencyOf,
  scopeConditions,
  scopeCtes,
  tallyColumns,
  tallyOf,
  zero,
  zeros,
  type DashboardDb,
} from './sql';

type Share = { count: number | null; revenue: number | null };

export interface SummaryResult {
  asOf: IsoDay;
  currency: string;
  effective: Distribution;
  team: Distribution;
  customer: Distribution;
  watershed: Record<LevelSource, Share>;
  gap: { averageGap: Share; both: Tally; overrated: Tally };
  /** Accounts with a customer level on the day: an answer still fresh within the organization's window. */
  confirmed: Tally;
  /** Accounts where an economic buyer's answer is fresh on the day. */
  economicBuyer: Tally;
  freshnessMonths: number;
  stale: Tally;
  targets: Record<TargetStatus, Tally>;
  total: Tally;
  /** Accounts whose revenue is unknown (no amount, or a currency without a reference rate). */
  withoutRevenue: number;
}

/**
 * Where the portfolio stands at the end of `to`: one walk over the accounts, a team probe each
 * (skipped where the account's current team level answers it), the customer level runs that
 * cover the cutoff (one range scan), and for economic buyers the answers in the window before it
 * (a hashed subplan over the organization's answers).
 */
export async function summaryQuery(db: DashboardDb, filters: Filters): Promise<SummaryResult> {
  const { to } = resolvePeriod(filters);
  const cutoff = endOfDay(to);
  const target = lensLevel(filters.source, 't', 'c');
  const rows = await query<{
    currency: string;
    team: number | null;
    customer: number | null;
    stale: boolean;
    eb: boolean;
    target: TargetStatus | null;
    unknown_revenue: boolean;
    n: number;
    revenue: number;
  }>(
    db.tx,
    sql`with ${scopeCtes(db, filters)}
      select (select code from reporting) as currency, t.level as team, c.level as customer,
        (t.effective_at is null or t.effective_at < ${at(staleCutoff(to))}) as stale,
        ${economicBuyerFresh(db, sql`s.id`, cutoff)} as eb,
        case when s.target_level is null then null
             when ${target} >= s.target_level then 'reached'
             when s.target_date is not null and s.target_date < ${to}::date then 'behind'
             else 'onTrack' end as target,
        s.revenue is null as unknown_revenue,
        ${tallyColumns}
      from scope s
      ${probesAt(db, cutoff, '', undefined, true)}
      group by 2, 3, 4, 5, 6, 7`,
  );
  const result: SummaryResult = {
    asOf: to,
    currency: rows[0]?.currency ?? (await reportingCurrencyOf(db)),
    effective: { byLevel: zeros(5), none: zero() },
    team: { byLevel: zeros(5), none: zero() },
    customer: { byLevel: zeros(5), none: zero() },
    watershed: {
      effective: { count: null, revenue: null },
      team: { count: null, revenue: null },
      customer: { count: null, revenue: null },
    },
    gap: { averageGap: { count: null, revenue: null }, both: zero(), overrated: zero() },
    confirmed: zero(),
    economicBuyer: zero(),
    freshnessMonths: db.months,
    stale: zero(),
    targets: { reached: zero(), onTrack: zero(), behind: zero() },
    total: zero(),
    withoutRevenue: 0,
  };
  const gapSum = zero();
  for (const row of rows) {
    const tally = tallyOf(row);
    const effective = row.customer ?? row.team;
    add(result.total, tally);
    add(row.team === null ? result.team.none : result.team.byLevel[row.team - 1]!, tally);
    add(row.customer === null ? result.customer.none : result.customer.byLevel[row.customer - 1]!, tally);
    add(effective === null ? result.effective.none : result.effective.byLevel[effective - 1]!, tally);
    if (row.team !== null && row.customer !== null) {
      add(result.gap.both, tally);
      if (row.team > row.customer) add(result.gap.overrated, tally);
      add(gapSum, { count: (row.team - row.customer) * tally.count, revenue: (row.team - row.customer) * tally.revenue });
    }
    if (row.customer !== null) add(result.confirmed, tally);
    if (row.eb) add(result.economicBuyer, tally);
    if (row.stale) add(result.stale, tally);
    if (row.target) add(result.targets[row.target], tally);
    if (row.unknown_revenue) result.withoutRevenue += row.n;
  }
  result.gap.averageGap = {
    count: result.gap.both.count ? gapSum.count / result.gap.both.count : null,
    revenue: result.gap.both.revenue ? gapSum.revenue / result.gap.both.revenue : null,
  };
  result.watershed = {
    effective: watershedShare(result.effective),
    team: watershedShare(result.team),
    customer: watershedShare(result.customer),
  };
  return result;
}

/**
 * The period's response rate: confirmation links created from the start of `from` to the end of
 * `to` for the accounts in view, and how many of them have been answered (by now), per buying role
 * of the link's contact (null: a link without a contact). Its own endpoint, so the summary does
 * not wait for it: it reads every link created in the period (see docs/performance.md).
 */
export async function responseRateQuery(db: DashboardDb, filters: Filters): Promise<ResponseRate> {
  const { from, to } = resolvePeriod(filters);
  const rows = await query<{ role: BuyingRole | null; sent: number; answered: number }>(
    db.tx,
    sql`select ct.buying_role::text as role, count(*)::int as sent, (count(*) filter (where l.last_answered_at is not null))::int as answered
      from accounts a
      join confirmation_links l on l.org_id = ${db.orgId}::uuid and l.account_id = a.id
        and l.created_at >= ${at(startOfDay(from))} and l.created_at < ${at(endOfDay(to))}
      left join contacts ct on ct.org_id = l.org_id and ct.id = l.contact_id
      where ${scopeConditions(db, filters)}
      group by 1`,
  );
  return {
    sent: rows.reduce((sum, r) => sum + r.sent, 0),
    answered: rows.reduce((sum, r) => sum + r.answered, 0),
    byRole: rows
      .map((r) => ({ role: r.role, sent: r.sent, answered: r.answered }))
      .sort((a, b) => (a.role === null ? 1 : b.role === null ? -1 : a.role < b.role ? -1 : a.role > b.role ? 1 : 0)),
  };
}
