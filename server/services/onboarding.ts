import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { invitations, memberships, organizations } from '@/db/schema';
import { enterOrg } from '@/db/tenant';
import { recordAudit } from './audit';
import { seedOrganizationDefaults } from '../defaults';
import { invitationStatus } from '../domain/invitations';
import { userError } from '../api/errors';
import { findInvitationByToken, findUserById, freeOrganizationSlug } from './identity';

/*
 * The two ways into an organization. Both take a transaction that has not yet entered a tenant:
 * they do their global work first (the organization row, the token lookup), then enterOrg, so
 * everything written for the tenant goes through row-level security.
 */

export async function createOrganizationWithOwner(tx: Tx, name: string, ownerUserId: string) {
  const slug = await freeOrganizationSlug(tx, name);
  const [org] = await tx.insert(organizations).values({ name, slug }).returning();
  await enterOrg(tx, org!.id);
  const [membership] = await tx
    .insert(memberships)
    .values({ orgId: org!.id, userId: ownerUserId, role: 'owner' })
    .returning({ id: memberships.id });
  await seedOrganizationDefaults(tx, org!.id);
  await recordAudit(tx, {
    orgId: org!.id,
    actorUserId: ownerUserId,
    action: 'organization.created',
    entityType: 'organization',
    entityId: org!.id,
    after: { name, slug },
  });
  return { id: org!.id, slug, name, membershipId: membership!.id };
}

/**
 * Single use: two people racing on one link both pass the first check, only one flips accepted_at.
 * Only the invited address may accept: the link alone (which admins can read in the outbox) must
 * not let anyone else in, least of all into an owner role.
 *
 * And only someone who has shown they read that address's mail. An account whose address is
 * verified has. So has a person creating their account right now through the link
 * (`createdThroughThisLink`): the link was mailed to that address, and the account is theirs from
 * its first moment. An older account with an unverified address has not: anyone could have signed
 * up under an address before it was invited, so it verifies first (docs/security.md).
 */
export async function joinByInvitation(
  tx: Tx,
  token: string,
  userId: string,
  { createdThroughThisLink = false }: { createdThroughThisLink?: boolean } = {},
): Promise<{ orgSlug: string; orgId: string }> {
  const invitation = await findInvitationByToken(tx, token);
  if (!invitation || invitationStatus(invitation) !== 'pending') {
    throw userError('NOT_FOUND', 'errors.invitationInvalid');
  }
  const person = await findUserById(tx, userId);
  if (!person || person.email.toLowerCase() !== invitation.email.toLowerCase()) {
    throw userError('FORBIDDEN', 'errors.invitationOtherEmail', { email: invitation.email });
  }
  if (!person.emailVerifiedAt && !createdThroughThisLink) {
    throw userError('FORBIDDEN', 'errors.invitationEmailUnverified', { email: invitation.email });
  }
  await enterOrg(tx, invitation.orgId);
  const [existing] = await tx
    .select({ id: memberships.id, removedAt: memberships.removedAt })
    .from(memberships)
    .where(eq(memberships.userId, userId));
  if (existing && !existing.removedAt) return { orgSlug: invitation.orgSlug, orgId: invitation.orgId };

  const claimed = await tx
    .update(invitations)
    .set({ acceptedAt: new Date(), acceptedByUserId: userId })
    .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning({ id: invitations.id });
  if (claimed.length === 0) throw userError('NOT_FOUND', 'errors.invitationInvalid');

  // Someone who left and is invited back gets their old membership (and its history) again.
  const [membership] = existing
    ? await tx
        .update(memberships)
        .set({ role: invitation.role, removedAt: null })
        .where(eq(memberships.id, existing.id))
        .returning({ id: memberships.id })
    : await tx.insert(memberships).values({ orgId: invitation.orgId, userId, role: invitation.role }).returning({ id: memberships.id });
  await recordAudit(tx, {
    orgId: invitation.orgId,
    actorUserId: userId,
    action: 'member.joined',
    entityType: 'membership',
    entityId: membership!.id,
    after: { role: invitation.role, invitationId: invitation.id },
  });
  return { orgSlug: invitation.orgSlug, orgId: invitation.orgId };
}
