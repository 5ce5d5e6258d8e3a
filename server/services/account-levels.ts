import 'server-only';
import { sql } from 'drizzle-orm';
import { accounts } from '@/db/schema';
import { answerExpiresAtSql, customerLevelNow } from './customer-level-runs';
import { perceptionGap } from '../domain/levels';

/*
 * The levels an account shows next to each other, in one place for the account page, the list and
 * its export: the team level, the customer level (from its runs), the effective level built on
 * them, and whether the economic buyer sees the relationship far from the combined customer level.
 */

/** Where the effective level comes from: the customer's answers, else the team's assessment. */
export type EffectiveSource = 'customer' | 'team';

/**
 * The effective level: the customer level where there is one, else the team level (the team's
 * view, not confirmed by the customer). What the playbook coaches and targets are measured on.
 */
export function effectiveLevelOf(
  teamLevel: number | null,
  customerLevel: number | null,
): { level: number | null; source: EffectiveSource | null } {
  if (customerLevel !== null) return { level: customerLevel, source: 'customer' };
  if (teamLevel !== null) return { level: teamLevel, source: 'team' };
  return { level: null, source: null };
}

/** The same effective level in SQL, for filters and sorting over `accounts`. */
export const effectiveLevelNow = sql<number | null>`coalesce(${customerLevelNow}, ${accounts.teamLevel})`.mapWith(Number);

/** How far (in levels) the economic buyer's answer may be from the combined customer level before it is flagged. */
const ECONOMIC_BUYER_DISSENT = 2;

/**
 * The economic buyer's fresh answer now: the latest answer of each economic-buyer contact who is
 * not archived, while it counts (the organization's freshness window, as for the customer level);
 * with several economic buyers, the one furthest from the combined customer level. Null when no
 * economic buyer has a fresh answer. One index probe per account, usable in any query over `accounts`.
 */
export const economicBuyerLevelNow = sql<number | null>`(select eb.level from (
    select distinct on (ca.contact_id) ca.level, ca.created_at
    from confirmation_answers ca
    join contacts c on c.org_id = ca.org_id and c.id = ca.contact_id
    where ca.org_id = ${accounts.orgId} and ca.account_id = ${accounts.id} and ca.created_at <= now()
      and c.buying_role = 'economic_buyer' and c.archived_at is null
    order by ca.contact_id, ca.created_at desc, ca.id desc
  ) eb
  where ${answerExpiresAtSql(sql`eb.created_at`, sql`(select o.customer_answer_freshness_months from organizations o where o.id = ${accounts.orgId})`)} > now()
  order by abs(eb.level - coalesce(${customerLevelNow}, eb.level)) desc, eb.created_at desc
  limit 1)`.mapWith(Number);

/**
 * The economic buyer sees the relationship at least ECONOMIC_BUYER_DISSENT levels away from the
 * combined customer level: the person who signs off the budget disagrees with the rest.
 */
export function economicBuyerDissents(economicBuyerLevel: number | null, customerLevel: number | null): boolean {
  return economicBuyerLevel !== null && customerLevel !== null && Math.abs(economicBuyerLevel - customerLevel) >= ECONOMIC_BUYER_DISSENT;
}

/** The level fields every reader of an account returns, from the team level, the customer level and the economic buyer's. */
export function levelsOf(row: { teamLevel: number | null; customerLevel: number | null; economicBuyerLevel: number | null }) {
  const effective = effectiveLevelOf(row.teamLevel, row.customerLevel);
  return {
    gap: perceptionGap(row.teamLevel, row.customerLevel),
    effectiveLevel: effective.level,
    effectiveSource: effective.source,
    economicBuyerDissent: economicBuyerDissents(row.economicBuyerLevel, row.customerLevel),
  };
}
