import { randomUUID } from 'node:crypto';
import type { Db } from '@/db/client';
import { accounts } from '@/db/schema';
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
