import { randomUUID } from 'node:crypto';
import type { Db } from '@/db/client';
import { accountFollowers, accounts } from '@/db/schema';
import { withOrg } from '@/db/tenant';
import { findOrganizationBySlug } from '@/server/services/identity';

/** Inserts an account straight through withOrg, for tests of features that build on accounts. */
export async function insertAccount(db: Db, orgSlug: string, values: Partial<typeof accounts.$inferInsert> = {}) {
  const org = (await findOrganizationBySlug(db, orgSlug))!;
  const [row] = await withOrg(db, org.id, (tx) =>
    tx
      .insert(accounts)
      .values({ orgId: org.id, name: `Account ${randomUUID().slice(0, 6)}`, ...values })
      .returning(),
  );
  return row!;
}

/**
 * Inserts follower rows straight through withOrg: no audit entry and no role check, so a test
 * can also make a viewer a follower (which the follow procedure refuses).
 */
export async function followAccount(db: Db, orgId: string, accountId: string, userIds: string[]) {
  await withOrg(db, orgId, (tx) => tx.insert(accountFollowers).values(userIds.map((userId) => ({ orgId, accountId, userId }))));
}
