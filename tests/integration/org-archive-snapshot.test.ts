/**
 * The archive is the organization at one moment: its tables are read one after the other, and a
 * change committed by someone else meanwhile must not show up in the tables read after it. On the
 * embedded database there is one connection, so nothing can commit during the export; the race
 * exists on a server only, and this test runs there.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { accounts } from '@/db/schema';
import { withOrg } from '@/db/tenant';
import { exportOrganization } from '@/server/services/org-archive';
import { serverDatabaseUrl, useTestDatabase } from '../helpers/db';
import { createTenant } from '../helpers/factories';

const { db } = await useTestDatabase();

describe.skipIf(!serverDatabaseUrl())('exportOrganization on a server', () => {
  it('reads every table in one snapshot: an account committed during the export is not in it', async () => {
    const tenant = await createTenant(db);
    let statements = 0;
    let committedMeanwhile: string | null = null;
    // The export's transaction, with a colleague's account committed (on another connection)
    // after its first few statements: by then it has read some tables and not yet accounts.
    const racing = new Proxy(db, {
      get(target, property, receiver) {
        if (property !== 'transaction') return Reflect.get(target, property, receiver) as unknown;
        return (fn: (tx: unknown) => Promise<unknown>, config?: unknown) =>
          target.transaction(
            (tx) =>
              fn(
                new Proxy(tx, {
                  get(txTarget, txProperty, txReceiver) {
                    if (txProperty !== 'execute') return Reflect.get(txTarget, txProperty, txReceiver) as unknown;
                    return async (query: Parameters<typeof tx.execute>[0]) => {
                      statements += 1;
                      if (statements === 5) {
                        const [row] = await withOrg(db, tenant.orgId, (other) =>
                          other
                            .insert(accounts)
                            .values({ orgId: tenant.orgId, name: `Meanwhile ${randomUUID().slice(0, 6)}` })
                            .returning(),
                        );
                        committedMeanwhile = row!.id;
                      }
                      return txTarget.execute(query);
                    };
                  },
                }),
              ),
            config as Parameters<Db['transaction']>[1],
          );
      },
    });
    const archive = await exportOrganization(racing, tenant.orgId);
    expect(committedMeanwhile).not.toBeNull();
    expect(archive.tables.accounts!.map((row) => row.id)).not.toContain(committedMeanwhile);
    // It is there for the next export.
    const next = await exportOrganization(db, tenant.orgId);
    expect(next.tables.accounts!.map((row) => row.id)).toContain(committedMeanwhile);
  });
});
