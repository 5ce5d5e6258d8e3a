import { eq } from 'drizzle-orm';
import { hashPassword } from '@/server/passwords';
import { createOrganizationWithOwner } from '@/server/onboarding';
import type { Db } from './client';
import { memberships, organizations, users } from './schema';
import { enterOrg } from './tenant';

export const DEMO_ORG_NAME = 'Polar Supply (demo)';
export const DEMO_PASSWORD = 'rung-demo-2026';
export const DEMO_PEOPLE = [
  { email: 'demo@rung.example', name: 'Dana Demo', role: 'owner' },
  { email: 'erik.admin@rung.example', name: 'Erik Holm', role: 'admin' },
  { email: 'sara.member@rung.example', name: 'Sara Lind', role: 'member' },
  { email: 'exec@rung.example', name: 'Eva Exec', role: 'viewer' },
] as const;

/** The demo organization is seeded on the embedded database, and on a server only when SEED_DEMO=true. */
export function demoSeedWanted(): boolean {
  return process.env.SEED_DEMO ? process.env.SEED_DEMO === 'true' : !process.env.DATABASE_URL;
}

/**
 * Creates the demo organization once. Returns false when it already exists, so every start
 * after the first leaves the data (and whatever the visitor changed) alone.
 */
export async function seedDemoOrganization(db: Db): Promise<boolean> {
  const [existing] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .innerJoin(users, eq(users.email, DEMO_PEOPLE[0].email))
    .limit(1);
  if (existing) return false;

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const people = await tx
      .insert(users)
      .values(DEMO_PEOPLE.map((p) => ({ email: p.email, name: p.name, passwordHash })))
      .returning({ id: users.id, email: users.email });
    const idOf = (email: string) => people.find((p) => p.email === email)!.id;
    const org = await createOrganizationWithOwner(tx, DEMO_ORG_NAME, idOf(DEMO_PEOPLE[0].email));
    await enterOrg(tx, org.id);
    await tx.insert(memberships).values(
      DEMO_PEOPLE.slice(1).map((p) => ({ orgId: org.id, userId: idOf(p.email), role: p.role })),
    );
  });
  return true;
}
