import 'server-only';
import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { accounts } from '@/db/schema';
import { userError } from '../api/errors';

/**
 * An account of the organization the transaction is in, or NOT_FOUND (another organization's
 * account is simply not there: row-level security). `writable` also refuses an archived account:
 * it is read-only until restored.
 */
export async function requireAccount(tx: Tx, accountId: string, options: { writable?: boolean } = {}) {
  const [account] = await tx
    .select({ id: accounts.id, name: accounts.name, ownerUserId: accounts.ownerUserId, archivedAt: accounts.archivedAt })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  if (!account) throw userError('NOT_FOUND', 'errors.accountNotFound');
  if (options.writable && account.archivedAt) throw userError('CONFLICT', 'errors.accountArchived');
  return account;
}
