import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { endOfDay } from '../domain/calendar';
import { staleCutoff, type DrillDown } from '../domain/dashboard';
import type { Filters } from './filters';
import { at, economicBuyerFresh, lensLevel, probesAt, query, reportingCurrencyOf, scopeCtes, type DashboardDb } from './sql';

const DRILL_DOWN_PAGE_SIZE = 25;

export interface DrillDownRow {
  accountId: string;
  name: string;
  ownerName: string | null;
  revenue: number | null;
  /** Levels at the end of the drill-down's day (for a transition: day B). */
  teamLevel: number | null;
  customerLevel: number | null;
  /** The customer level where there is one, else the team level … */
  effectiveLevel: number | null;
  /** … which it is here (shown as such). */
  effectiveFromTeam: boolean;
  /** For a transition: the level on day A, through the lens. */
  fromLevel: number | null;
}

/** At most this many account ids behind one number (as many as a campaign takes). */
const DRILL_DOWN_MAX_IDS = 10_000;

/**
 * The select over the accounts behind one number, biggest revenue first: `columns` over the
 * scope `s`, the probes `t`/`c` (and `a_t`/`a_c` on day A of a transition) and the owner `u`.
 */
function drillDownSelect(
  db: DashboardDb,
  filters: Filters,
  spec: DrillDown,
  columns: (fromLevel: SQL) => SQL,
  limit: number,
  offset: number,
): SQL {
  const day = spec.kind === 'transition' ? spec.dayB : spec.day;
  const cutoff = endOfDay(day);
  const level = (source: 'effective' | 'team' | 'customer') => lensLevel(source, 't', 'c');
  const is = (value: SQL, wanted: number | null) => (wanted === null ? sql`${value} is null` : sql`${value} = ${wanted}`);
  let condition: SQL;
  switch (spec.kind) {
    case 'level':
      condition = is(level(spec.source), spec.level);
      break;
    case 'transition':
      condition = sql`${is(lensLevel(spec.source, 'a_t', 'a_c'), spec.fromLevel)} and ${is(level(spec.source), spec.toLevel)}`;
      break;
    case 'gap':
      condition = sql`t.level = ${spec.teamLevel} and c.level = ${spec.customerLevel}`;
      break;
    case 'overrated':
      condition = sql`t.level > c.level`;
      break;
    case 'stale':
      condition = sql`(t.effective_at is null or t.effective_at < ${at(staleCutoff(spec.day))})`;
      break;
    case 'unconfirmed':
      condition = sql`c.level is null`;
      break;
    case 'noEconomicBuyer':
      condition = sql`not ${economicBuyerFresh(db, sql`s.id`, cutoff)}`;
      break;
    case 'target': {
      const reached = sql`coalesce(${level(spec.source)} >= s.target_level, false)`;
      const overdue = sql`(s.target_date is not null and s.target_date < ${spec.day}::date)`;
      condition = sql`s.target_level is not null and ${
        spec.status === 'reached'
          ? reached
          : spec.status === 'behind'
            ? sql`not ${reached} and ${overdue}`
            : sql`not ${reached} and not ${overdue}`
      }`;
      break;
    }
  }
  const fromLevel = spec.kind === 'transition' ? sql`${probesAt(db, endOfDay(spec.dayA), 'a_')}` : sql``;
  return sql`with ${scopeCtes(db, filters)}
      select ${columns(spec.kind === 'transition' ? lensLevel(spec.source, 'a_t', 'a_c') : sql`null::smallint`)}
      from scope s
      ${probesAt(db, cutoff, '', undefined, spec.kind === 'stale')}
      ${fromLevel}
      left join users u on u.id = s.owner_user_id
      where ${condition}
      order by s.revenue desc nulls last, ${spec.kind === 'overrated' ? sql`t.level - c.level desc,` : sql``} s.id
      limit ${limit} offset ${offset}`;
}

/** The accounts behind one number, biggest revenue first, a page at a time. */
export async function drillDownQuery(
  db: DashboardDb,
  filters: Filters,
  spec: DrillDown,
  offset: number,
  limit = DRILL_DOWN_PAGE_SIZE,
): Promise<{ total: number; currency: string; freshnessMonths: number; rows: DrillDownRow[] }> {
  const rows = await query<{
    currency: string;
    total: number;
    id: string;
    name: string;
    owner_name: string | null;
    revenue: number | null;
    team: number | null;
    customer: number | null;
    from_level: number | null;
  }>(
    db.tx,
    drillDownSelect(
      db,
      filters,
      spec,
      (
        fromLevel,
      ) => sql`(select code from reporting) as currency, (count(*) over ())::int as total, s.id, s.name, u.name as owner_name, s.revenue,
        t.level as team, c.level as customer, ${fromLevel} as from_level`,
      limit,
      offset,
    ),
  );
  return {
    total: rows[0]?.total ?? 0,
    currency: rows[0]?.currency ?? (await reportingCurrencyOf(db)),
    // The window the titles of the unconfirmed and economic-buyer lists name.
    freshnessMonths: db.months,
    rows: rows.map((row) => ({
      accountId: row.id,
      name: row.name,
      ownerName: row.owner_name,
      revenue: row.revenue,
      teamLevel: row.team,
      customerLevel: row.customer,
      effectiveLevel: row.customer ?? row.team,
      effectiveFromTeam: row.customer === null && row.team !== null,
      fromLevel: row.from_level,
    })),
  };
}

/**
 * The ids of the accounts behind one number, in the list's order, at most `limit` of them (the
 * biggest by revenue), and how many there are in all.
 */
export async function drillDownIdsQuery(
  db: DashboardDb,
  filters: Filters,
  spec: DrillDown,
  limit = DRILL_DOWN_MAX_IDS,
): Promise<{ total: number; accountIds: string[] }> {
  const rows = await query<{ total: number; id: string }>(
    db.tx,
    drillDownSelect(db, filters, spec, () => sql`(count(*) over ())::int as total, s.id`, limit, 0),
  );
  return { total: rows[0]?.total ?? 0, accountIds: rows.map((row) => row.id) };
}
