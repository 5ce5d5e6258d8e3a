import 'server-only';
import { sql } from 'drizzle-orm';
import type { PgTransactionConfig } from 'drizzle-orm/pg-core';
import type { Db, Tx } from './client';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The only way to touch tenant data. Runs `fn` in a transaction that has switched to the
 * non-superuser role `rung_app` and set `app.org_id`, so row-level security shows and accepts
 * this organization's rows only, even if a query forgets its `where org_id = ...`.
 * Both settings are LOCAL: they end with the transaction and never leak to the next one.
 */
export async function withOrg<T>(db: Db, orgId: string, fn: (tx: Tx) => Promise<T>, config?: PgTransactionConfig): Promise<T> {
  return db.transaction(async (tx) => {
    await enterOrg(tx, orgId);
    return fn(tx);
  }, config);
}

/** Switches an already open transaction into one organization (used where a tenant is created). */
export async function enterOrg(tx: Tx, orgId: string): Promise<void> {
  if (!UUID.test(orgId)) throw new Error('withOrg needs an organization id (a UUID)');
  await tx.execute(sql`set local role rung_app`);
  await tx.execute(sql`select set_config('app.org_id', ${orgId}, true)`);
}
