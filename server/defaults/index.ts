import 'server-only';
import type { Tx } from '@/db/client';
import { seedDefaultPlaybook } from './playbook';
import { seedDefaultSignals } from './signals';

/** What every new organization starts with: the default playbook and evidence checklists, in English and Swedish. */
export async function seedOrganizationDefaults(tx: Tx, orgId: string): Promise<void> {
  await seedDefaultPlaybook(tx, orgId);
  await seedDefaultSignals(tx, orgId);
}
