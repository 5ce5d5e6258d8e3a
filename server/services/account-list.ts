import 'server-only';
import { and, asc, eq, ilike, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { accounts, users } from '@/db/schema';
import { STALE_AFTER_DAYS } from '../domain/accounts';
import type { AccountFilters, AccountSort } from '../inputs/accounts';
import { economicBuyerLevelNow, effectiveLevelNow } from './account-levels';
import { customerAnsweredAtNow, customerLevelNow } from './customer-level-runs';

/**
 * The accounts list as SQL: which accounts a filter set selects, in which order, with which
 * columns. Shared by the list, its CSV export and confirmation campaigns (which ask the
 * accounts a filter selects).
 */

/** The account's owner; join it with `leftJoin(accountOwner, eq(accountOwner.id, accounts.ownerUserId))`. */
export const accountOwner = alias(users, 'owner');

/** `%` and `_` in a search mean themselves, not wildcards. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function filterConditions(filters: AccountFilters): SQL | undefined {
  const conditions: Array<SQL | undefined> = [];
  if (!filters.showArchived) conditions.push(isNull(accounts.archivedAt));
  if (filters.q)
    conditions.push(or(ilike(accounts.name, likePattern(filters.q)), ilike(accounts.domain, likePattern(filters.q.toLowerCase()))));
  if (filters.ownerUserId)
    conditions.push(filters.ownerUserId === 'none' ? isNull(accounts.ownerUserId) : eq(accounts.ownerUserId, filters.ownerUserId));
  if (filters.segment) conditions.push(filters.segment === 'none' ? isNull(accounts.segment) : eq(accounts.segment, filters.segment));
  if (filters.teamLevel)
    conditions.push(filters.teamLevel === 'none' ? isNull(accounts.teamLevel) : eq(accounts.teamLevel, filters.teamLevel));
  if (filters.customerLevel) {
    conditions.push(
      filters.customerLevel === 'none' ? sql`${customerLevelNow} is null` : sql`${customerLevelNow} = ${filters.customerLevel}`,
    );
  }
  if (filters.effectiveLevel) {
    conditions.push(
      filters.effectiveLevel === 'none' ? sql`${effectiveLevelNow} is null` : sql`${effectiveLevelNow} = ${filters.effectiveLevel}`,
    );
  }
  if (filters.stale) {
    conditions.push(or(isNull(accounts.teamLevelAt), lt(accounts.teamLevelAt, sql`now() - make_interval(days => ${STALE_AFTER_DAYS})`)));
  }
  if (filters.overrated) conditions.push(sql`${accounts.teamLevel} > ${customerLevelNow}`);
  // No answer counts any more (or there never was one): time to ask the customer again.
  if (filters.staleConfirmation) conditions.push(sql`${customerLevelNow} is null`);
  return and(...conditions);
}

/** Sorted with empty values last in either direction, and the id as tie-breaker so pages never overlap. */
export function sortOrder(sort: AccountSort, direction: 'asc' | 'desc'): SQL[] {
  const column = {
    name: sql`lower(${accounts.name})`,
    teamLevel: accounts.teamLevel,
    effectiveLevel: effectiveLevelNow,
    revenue: accounts.annualRevenue,
    lastAssessed: accounts.teamLevelAt,
  }[sort];
  const dir = direction === 'asc' ? sql`asc` : sql`desc`;
  const order = [sql`${column} ${dir} nulls last`];
  if (sort !== 'name') order.push(sql`lower(${accounts.name}) asc`);
  order.push(asc(accounts.id));
  return order;
}

/** A row of the list (and of its export); needs the accountOwner join. */
export const listColumns = {
  id: accounts.id,
  name: accounts.name,
  domain: accounts.domain,
  segment: accounts.segment,
  ownerUserId: accounts.ownerUserId,
  ownerName: accountOwner.name,
  ownerEmail: accountOwner.email,
  annualRevenue: accounts.annualRevenue,
  currency: accounts.currency,
  targetLevel: accounts.targetLevel,
  targetDate: accounts.targetDate,
  teamLevel: accounts.teamLevel,
  teamLevelAt: accounts.teamLevelAt,
  customerLevel: customerLevelNow,
  customerLevelAt: customerAnsweredAtNow,
  economicBuyerLevel: economicBuyerLevelNow,
  archivedAt: accounts.archivedAt,
  sample: accounts.sample,
};
