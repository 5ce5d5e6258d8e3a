import type { Tx } from '@/db/client';

/** Inserts the default evidence checklist (signals per level) for a new organization (inside withOrg / enterOrg). */
export async function seedDefaultSignals(_tx: Tx, _orgId: string): Promise<void> {
  // Filled in by the assessment work.
}
