import type { Role } from '../inputs/common';

/** Each role can do everything the roles below it can. */
const rank: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

export function hasRole(actual: Role, required: Role): boolean {
  return rank[actual] >= rank[required];
}

/**
 * Who may give or take which role. Admins manage everyone below owner; only an owner can
 * make, change or remove an owner.
 */
export function canAssignRole(actor: Role, targetCurrent: Role | null, targetNew: Role | null): boolean {
  if (!hasRole(actor, 'admin')) return false;
  const touchesOwner = targetCurrent === 'owner' || targetNew === 'owner';
  return touchesOwner ? actor === 'owner' : true;
}

/** The last owner cannot be demoted, removed or leave: an organization always has someone in charge. */
export function wouldRemoveLastOwner(targetCurrent: Role, targetNew: Role | null, ownerCount: number): boolean {
  return targetCurrent === 'owner' && targetNew !== 'owner' && ownerCount <= 1;
}
