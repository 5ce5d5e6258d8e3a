import { describe, expect, it } from 'vitest';
import { canAssignRole, hasRole, wouldRemoveLastOwner } from '@/server/domain/roles';
import { roles, type Role } from '@/server/inputs/common';

describe('hasRole: each role can do everything the roles below it can', () => {
  const order: Role[] = ['viewer', 'member', 'admin', 'owner'];
  it.each(order.flatMap((actual, i) => order.map((required, j) => [actual, required, i >= j] as const)))(
    '%s meets %s: %s',
    (actual, required, expected) => {
      expect(hasRole(actual, required)).toBe(expected);
    },
  );

  it('covers every role the input schema accepts', () => {
    expect([...roles].sort()).toEqual([...order].sort());
  });
});

describe('canAssignRole: admins manage everyone below owner, only owners touch the owner role', () => {
  it('viewers and members cannot give, change or take any role', () => {
    for (const actor of ['viewer', 'member'] as const) {
      for (const current of [null, ...roles]) {
        for (const next of [null, ...roles]) expect(canAssignRole(actor, current, next), `${actor}: ${current} -> ${next}`).toBe(false);
      }
    }
  });

  it('an admin invites, changes and removes members, viewers and admins', () => {
    expect(canAssignRole('admin', null, 'member')).toBe(true); // invite
    expect(canAssignRole('admin', null, 'admin')).toBe(true);
    expect(canAssignRole('admin', 'member', 'viewer')).toBe(true); // change
    expect(canAssignRole('admin', 'viewer', 'admin')).toBe(true);
    expect(canAssignRole('admin', 'admin', null)).toBe(true); // remove
  });

  it('an admin cannot invite an owner, make someone owner, demote or remove an owner', () => {
    expect(canAssignRole('admin', null, 'owner')).toBe(false);
    expect(canAssignRole('admin', 'admin', 'owner')).toBe(false);
    expect(canAssignRole('admin', 'owner', 'admin')).toBe(false);
    expect(canAssignRole('admin', 'owner', null)).toBe(false);
  });

  it('an owner can do all of it, owners included', () => {
    for (const current of [null, ...roles]) {
      for (const next of [null, ...roles]) expect(canAssignRole('owner', current, next), `${current} -> ${next}`).toBe(true);
    }
  });
});

describe('wouldRemoveLastOwner: an organization always keeps an owner', () => {
  it('blocks demoting or removing the only owner', () => {
    expect(wouldRemoveLastOwner('owner', 'admin', 1)).toBe(true);
    expect(wouldRemoveLastOwner('owner', null, 1)).toBe(true);
  });

  it('allows it when there is another owner', () => {
    expect(wouldRemoveLastOwner('owner', 'admin', 2)).toBe(false);
    expect(wouldRemoveLastOwner('owner', null, 2)).toBe(false);
  });

  it('never blocks changes to non-owners, or an owner staying owner', () => {
    expect(wouldRemoveLastOwner('admin', null, 1)).toBe(false);
    expect(wouldRemoveLastOwner('viewer', 'member', 0)).toBe(false);
    expect(wouldRemoveLastOwner('owner', 'owner', 1)).toBe(false);
  });
});
