import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { accounts, confirmationAnswers, organizations } from '@/db/schema';
import { withOrg } from '@/db/tenant';
import { customerAnsweredAtNow, customerLevelNow, rebuildCustomerLevelRuns } from '@/server/services/customer-level-runs';

/** The account's customer level now, read the way the product reads it (its runs). */
export async function customerLevelOf(db: Db, accountId: string): Promise<{ level: number | null; at: Date | null }> {
  const [row] = await db.select({ level: customerLevelNow, at: customerAnsweredAtNow }).from(accounts).where(eq(accounts.id, accountId));
  return row!;
}

/**
 * Moves answers back in time, as if they had been given `days` ago, and rebuilds the account's
 * customer level history from them (answers never move in the product; tests need old ones).
 */
export async function ageAnswers(db: Db, accountId: string, days: number, only?: { linkId: string }): Promise<void> {
  const then = new Date(Date.now() - days * 86_400_000);
  const [account] = await db.select({ orgId: accounts.orgId }).from(accounts).where(eq(accounts.id, accountId));
  await db
    .update(confirmationAnswers)
    .set({ createdAt: then })
    .where(only ? eq(confirmationAnswers.linkId, only.linkId) : eq(confirmationAnswers.accountId, accountId));
  await rebuildRuns(db, account!.orgId, [accountId]);
}

/** Rebuilds customer level runs with the organization's own window. */
export async function rebuildRuns(db: Db, orgId: string, accountIds?: string[]): Promise<void> {
  const [org] = await db
    .select({ months: organizations.customerAnswerFreshnessMonths })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  await withOrg(db, orgId, (tx) => rebuildCustomerLevelRuns(tx, orgId, org!.months, accountIds));
}
