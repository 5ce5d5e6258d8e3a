import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { memberships, outboxMessages } from '@/db/schema';
import { findOrganizationBySlug, findUserByEmail } from '@/server/services/identity';
import type { Role } from '@/server/inputs/common';
import { createCaller } from '@/server/api/root';
import { openText } from '@/server/adapters/secrets';
import type { Context } from '@/server/api/trpc';

export const TEST_PASSWORD = 'correct horse battery';

export type Caller = ReturnType<typeof callerFor>;

/**
 * A tRPC caller acting as `userId` (or anonymous), exactly as the route handler would build it.
 * Each caller is a client of its own for rate limits, unless `clientAddress` says otherwise.
 */
export function callerFor(db: Db, userId: string | null, overrides: Partial<Context> = {}) {
  return createCaller({ db, userId, locale: 'en', appUrl: 'http://rung.test', clientAddress: `test:${randomUUID()}`, ...overrides });
}

/** Eight lowercase hex characters: unique enough for names, and already slug-safe. */
export function uniqueTag(): string {
  return randomUUID().slice(0, 8);
}

export function uniqueEmail(label = 'user'): string {
  return `${label}-${uniqueTag()}@example.test`;
}

/** Signs a new person up through the real procedure; returns their id and their new organization's slug. */
export async function signUpUser(db: Db, options: { name?: string; orgName?: string; email?: string } = {}) {
  const email = options.email ?? uniqueEmail();
  const { orgSlug } = await callerFor(db, null).auth.signUp({
    name: options.name ?? 'Test Person',
    email,
    password: TEST_PASSWORD,
    organizationName: options.orgName ?? `Org ${uniqueTag()}`,
  });
  const user = (await findUserByEmail(db, email))!;
  return { userId: user.id, email, orgSlug, caller: callerFor(db, user.id) };
}

/**
 * The link of the newest verification email to `email`, read from the outbox (as it is without
 * SMTP) through the root connection. Null when there is none.
 */
export async function verificationLinkFor(db: Db, email: string): Promise<string | null> {
  const [message] = await db
    .select({ bodyText: outboxMessages.bodyText })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.toEmail, email.toLowerCase()), eq(outboxMessages.kind, 'email-verification')))
    .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
    .limit(1);
  // Bodies are stored sealed (server/adapters/secrets.ts): opened here as the outbox page opens them.
  const body = message ? openText(message.bodyText) : null;
  return body?.match(/https?:\/\/\S+\/verify-email\/\S+/)?.[0] ?? null;
}

/** Proves the person's address the way they would: opens the link from their verification email. */
export async function verifyEmailOf(db: Db, email: string): Promise<void> {
  const link = await verificationLinkFor(db, email);
  if (!link) throw new Error(`no verification email to ${email} in the outbox`);
  await callerFor(db, null).auth.verifyEmail({ token: link.split('/verify-email/')[1]! });
}

/**
 * A fresh organization with its owner, as most tests start: `orgId` and the owner's
 * `membershipId` are read through the root connection so tests can check the database directly.
 */
export async function createTenant(db: Db, options: { name?: string; orgName?: string } = {}) {
  const owner = await signUpUser(db, { name: options.name ?? 'Owner Person', orgName: options.orgName });
  const orgId = await organizationId(db, owner.orgSlug);
  return { ...owner, orgId, membershipId: await membershipIdOf(db, orgId, owner.userId) };
}

/** Adds a person to an existing organization with a role, through an invitation like a real user. */
export async function addMember(db: Db, admin: Caller, orgSlug: string, role: Role, options: { name?: string } = {}) {
  const { email, token } = await invite(admin, orgSlug, role);
  await callerFor(db, null).auth.signUp({ name: options.name ?? `A ${role}`, email, password: TEST_PASSWORD, invitationToken: token });
  const user = (await findUserByEmail(db, email))!;
  const orgId = await organizationId(db, orgSlug);
  return { userId: user.id, email, caller: callerFor(db, user.id), membershipId: await membershipIdOf(db, orgId, user.id) };
}

/** Creates an invitation through the real procedure and returns the token from its link. */
export async function invite(admin: Caller, orgSlug: string, role: Role, email: string = uniqueEmail(`invitee-${role}`)) {
  const created = await admin.invitation.create({ orgSlug, email, role });
  return { ...created, email, token: tokenFromLink(created.link) };
}

function tokenFromLink(link: string): string {
  const token = link.split('/invite/')[1];
  if (!token) throw new Error(`not an invitation link: ${link}`);
  return token;
}

/** The token in a customer's confirmation link ("…/c/<token>"). */
export function confirmationToken(url: string): string {
  const token = url.split('/c/')[1];
  if (!token) throw new Error(`not a confirmation link: ${url}`);
  return token;
}

export async function organizationId(db: Db, slug: string): Promise<string> {
  const org = await findOrganizationBySlug(db, slug);
  if (!org) throw new Error(`no organization with slug ${slug}`);
  return org.id;
}

/** Read as the root connection (no tenant): the membership of one person in one organization. */
async function membershipIdOf(db: Db, orgId: string, userId: string): Promise<string> {
  const [row] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  if (!row) throw new Error('no such membership');
  return row.id;
}
