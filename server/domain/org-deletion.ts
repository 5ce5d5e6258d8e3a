/*
 * Deleting an organization happens in two steps: an owner schedules it, and once the grace period
 * has passed the worker removes the organization with every row it holds. Until then an owner can
 * restore it exactly as it was.
 */

/** How long a scheduled organization waits before it is removed for good. */
export const ORGANIZATION_DELETION_GRACE_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/** When an organization scheduled at `requestedAt` is removed (and until when it can be restored). */
export function organizationPurgeAt(requestedAt: Date): Date {
  return new Date(requestedAt.getTime() + ORGANIZATION_DELETION_GRACE_DAYS * DAY_MS);
}

/** Organizations scheduled at or before this moment are due for removal at `now`. */
export function purgeCutoff(now: Date): Date {
  return new Date(now.getTime() - ORGANIZATION_DELETION_GRACE_DAYS * DAY_MS);
}

/**
 * The confirmation an owner types: the organization's name, exactly. No trimming or case folding:
 * the point is that the person looked at which organization they are about to delete.
 */
export function deletionConfirmed(typed: string, organizationName: string): boolean {
  return typed === organizationName;
}
