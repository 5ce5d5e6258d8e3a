import type { Tx } from '@/db/client';

/** Inserts the default playbook methods for a new organization (inside withOrg / enterOrg). */
export async function seedDefaultPlaybook(_tx: Tx, _orgId: string): Promise<void> {
  // Filled in by the playbook work.
}
