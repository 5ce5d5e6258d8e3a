import 'server-only';
import { and, asc, eq, isNotNull, isNull, like, or, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '@/db/client';
import { confirmationLinks, invitations, memberships, organizations, users } from '@/db/schema';
import { firstFreeSlug, slugify } from '../domain/slug';
import { hashToken } from '../adapters/tokens';

/*
 * The narrow lookups that run outside any tenant, as the connection's own role: people,
 * organizations, and the few questions that must be answered before an organization is known
 * (which organizations is this person in? which invitation does this token open?). Each returns
 * the minimum; everything that follows goes through withOrg. Nothing else reads tenant tables
 * outside withOrg.
 */

export async function findUserById(db: Queryable, id: string) {
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, emailVerifiedAt: users.emailVerifiedAt })
    .from(users)
    .where(eq(users.id, id));
  return user ?? null;
}

export async function findUserByEmail(db: Queryable, email: string) {
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      passwordHash: users.passwordHash,
      emailVerifiedAt: users.emailVerifiedAt,
    })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()));
  return user ?? null;
}

/** An organization people can use: not archived, not scheduled for deletion. */
const inUse = and(isNull(organizations.archivedAt), isNull(organizations.deletionRequestedAt));

/**
 * The organization with this slug that people can use; with `scheduledForDeletion`, instead the
 * one that is waiting to be deleted (all an owner can do with it is restore it).
 */
export async function findOrganizationBySlug(db: Queryable, slug: string, options: { scheduledForDeletion?: boolean } = {}) {
  const state = options.scheduledForDeletion ? and(isNull(organizations.archivedAt), isNotNull(organizations.deletionRequestedAt)) : inUse;
  const [org] = await db
    .select({ id: organizations.id, slug: organizations.slug, name: organizations.name })
    .from(organizations)
    .where(and(eq(organizations.slug, slug), state));
  return org ?? null;
}

export async function listOrganizationsOfUser(db: Queryable, userId: string) {
  return db
    .select({ slug: organizations.slug, name: organizations.name, role: memberships.role })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(and(eq(memberships.userId, userId), isNull(memberships.removedAt), inUse))
    .orderBy(asc(organizations.name));
}

/** The organizations scheduled for deletion that this person owns, and so may restore. */
export async function listScheduledOrganizationsOfOwner(db: Queryable, userId: string) {
  return db
    .select({ slug: organizations.slug, name: organizations.name, deletionRequestedAt: organizations.deletionRequestedAt })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(
      and(
        eq(memberships.userId, userId),
        eq(memberships.role, 'owner'),
        isNull(memberships.removedAt),
        isNull(organizations.archivedAt),
        isNotNull(organizations.deletionRequestedAt),
      ),
    )
    .orderBy(asc(organizations.name));
}

/** The invitation a link's token opens, with what the invitee needs to see; null for any other token. */
export async function findInvitationByToken(db: Queryable, token: string) {
  const [row] = await db
    .select({
      id: invitations.id,
      orgId: invitations.orgId,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
      orgName: organizations.name,
      orgSlug: organizations.slug,
      invitedByName: users.name,
    })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.orgId))
    .innerJoin(users, eq(users.id, invitations.invitedByUserId))
    .where(and(eq(invitations.tokenHash, hashToken(token)), inUse));
  return row ?? null;
}

export async function freeOrganizationSlug(db: Queryable, name: string): Promise<string> {
  const base = slugify(name);
  const rows = await db
    .select({ slug: organizations.slug })
    .from(organizations)
    .where(or(eq(organizations.slug, base), like(organizations.slug, `${base}-%`)));
  return firstFreeSlug(base, new Set(rows.map((r) => r.slug)));
}

/**
 * The one lookup the public confirmation page makes before it knows the organization: which
 * link a token opens. Returns ids only; everything after it goes through withOrg.
 */
export async function findConfirmationLinkByToken(db: Queryable, token: string): Promise<{ orgId: string; linkId: string } | null> {
  const [row] = await db
    .select({ orgId: confirmationLinks.orgId, linkId: confirmationLinks.id })
    .from(confirmationLinks)
    // A link of an organization nobody can use (scheduled for deletion) is as dead as a wrong token.
    .innerJoin(organizations, eq(organizations.id, confirmationLinks.orgId))
    .where(and(eq(confirmationLinks.tokenHash, hashToken(token)), inUse));
  return row ?? null;
}

/**
 * The person's current membership in the organization the transaction is in (withOrg: row-level
 * security shows that organization's memberships only), or undefined.
 */
export async function findActiveMembership(tx: Tx, userId: string) {
  const [membership] = await tx
    .select({ id: memberships.id, role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), isNull(memberships.removedAt)))
    .limit(1);
  return membership;
}
