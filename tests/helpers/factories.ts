import { randomUUID } from 'node:crypto';
import type { Db } from '@/db/client';
import { createCaller } from '@/server/root';
import type { Context } from '@/server/trpc';

export const TEST_PASSWORD = 'correct horse battery';

/** A tRPC caller acting as `userId` (or anonymous), exactly as the route handler would build it. */
export function callerFor(db: Db, userId: string | null, overrides: Partial<Context> = {}) {
  return createCaller({ db, userId, locale: 'en', appUrl: 'http://rung.test', ...overrides });
}

export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.test`;
}

/** Signs a new person up through the real procedure; returns their id and their new organization's slug. */
export async function signUpUser(db: Db, options: { name?: string; orgName?: string; email?: string } = {}) {
  const email = options.email ?? uniqueEmail();
  const { orgSlug } = await callerFor(db, null).auth.signUp({
    name: options.name ?? 'Test Person',
    email,
    password: TEST_PASSWORD,
    organizationName: options.orgName ?? `Org ${randomUUID().slice(0, 6)}`,
  });
  const { findUserByEmail } = await import('@/server/identity');
  const user = (await findUserByEmail(db, email))!;
  return { userId: user.id, email, orgSlug, caller: callerFor(db, user.id) };
}

/** Adds a person to an existing organization with a role, through an invitation like a real user. */
export async function addMember(db: Db, admin: ReturnType<typeof callerFor>, orgSlug: string, role: 'owner' | 'admin' | 'member' | 'viewer') {
  const email = uniqueEmail(role);
  const { link } = await admin.invitation.create({ orgSlug, email, role });
  const token = link.split('/invite/')[1]!;
  await callerFor(db, null).auth.signUp({ name: `A ${role}`, email, password: TEST_PASSWORD, invitationToken: token });
  const { findUserByEmail } = await import('@/server/identity');
  const user = (await findUserByEmail(db, email))!;
  return { userId: user.id, email, caller: callerFor(db, user.id) };
}
