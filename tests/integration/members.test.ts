/**
 * Members and roles: who may see, invite, promote, demote and remove whom, and the rule that an
 * organization always keeps an owner.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { invitations, memberships, organizations } from '@/db/schema';
import { messages } from '@/i18n/messages';
import { useTestDatabase } from '../helpers/db';
import { expectTRPCError } from '../helpers/errors';
import { addMember, invite, uniqueEmail, type Caller } from '../helpers/factories';
import { httpClientFor, shownError } from '../helpers/http';
import { auditEventsOf } from '../helpers/stored';
import { createTeam } from '../helpers/team';

const { db } = await useTestDatabase();
const { en, sv } = messages;

/** An organization with one person in each role, named so that the member list sorts predictably. */
const team = () => createTeam(db, { members: ['admin', 'member', 'viewer'] });

/** Roles of current members as stored (people who left keep a row marked removed), read through the root connection. */
async function rolesIn(orgId: string): Promise<Record<string, string>> {
  const found = await db
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), isNull(memberships.removedAt)));
  return Object.fromEntries(found.map((m) => [m.userId, m.role]));
}

describe('the member list', () => {
  it('shows every member with name, email and role, sorted by name, to anyone in the organization', async () => {
    const t = await team();
    const expected = [
      { name: 'Adam Admin', email: t.admin.email, role: 'admin', userId: t.admin.userId, membershipId: t.admin.membershipId },
      { name: 'Mia Member', email: t.member.email, role: 'member', userId: t.member.userId, membershipId: t.member.membershipId },
      { name: 'Olga Owner', email: t.owner.email, role: 'owner', userId: t.owner.userId, membershipId: t.owner.membershipId },
      { name: 'Vera Viewer', email: t.viewer.email, role: 'viewer', userId: t.viewer.userId, membershipId: t.viewer.membershipId },
    ];
    for (const person of [t.owner, t.admin, t.member, t.viewer]) {
      const list = await person.caller.member.list({ orgSlug: t.slug });
      expect(list.map(({ joinedAt: _joinedAt, ...rest }) => rest)).toEqual(expected);
      expect(list.every((m) => m.joinedAt instanceof Date)).toBe(true);
    }
  });
});

describe('viewers and members can look but not manage', () => {
  for (const role of ['viewer', 'member'] as const) {
    it(`a ${role} is refused every management action, and nothing changes`, async () => {
      const t = await team();
      const caller: Caller = t[role].caller;
      const orgSlug = t.slug;
      const { invitationId } = await invite(t.owner.caller, orgSlug, 'member');
      const rolesBefore = await rolesIn(t.orgId);
      const refusedEmail = uniqueEmail('refused');

      const attempts: Array<[string, () => Promise<unknown>]> = [
        ['invitation.create', () => caller.invitation.create({ orgSlug, email: refusedEmail, role: 'viewer' })],
        ['invitation.list', () => caller.invitation.list({ orgSlug })],
        ['invitation.revoke', () => caller.invitation.revoke({ orgSlug, invitationId })],
        ['organization.rename', () => caller.organization.rename({ orgSlug, name: 'Renamed' })],
        ['member.changeRole', () => caller.member.changeRole({ orgSlug, membershipId: t.viewer.membershipId, role: 'admin' })],
        ['member.remove', () => caller.member.remove({ orgSlug, membershipId: t.admin.membershipId })],
        ['outbox.list', () => caller.outbox.list({ orgSlug })],
        ['audit.list', () => caller.audit.list({ orgSlug })],
      ];
      for (const [path, attempt] of attempts) {
        // One at a time: a refusal that nobody awaits yet would count as an unhandled rejection.
        const error = await expectTRPCError(attempt(), 'FORBIDDEN');
        expect(error.message, path).toBe('errors.forbidden');
      }

      expect(await rolesIn(t.orgId)).toEqual(rolesBefore);
      const [org] = await db.select().from(organizations).where(eq(organizations.id, t.orgId));
      expect(org?.name).not.toBe('Renamed');
      const [pending] = await db.select().from(invitations).where(eq(invitations.id, invitationId));
      expect(pending?.revokedAt).toBeNull();
      expect(await db.select().from(invitations).where(eq(invitations.email, refusedEmail))).toEqual([]);
    });
  }

  it('the refusal is explained in words, and in Swedish for a Swedish viewer', async () => {
    const t = await team();
    const shown = await shownError(httpClientFor(db, t.viewer.userId).organization.rename.mutate({ orgSlug: t.slug, name: 'Nope' }));
    expect(shown).toMatchObject({ code: 'FORBIDDEN', httpStatus: 403, message: en.errors.forbidden });
    const swedish = await shownError(
      httpClientFor(db, t.viewer.userId, 'sv').organization.rename.mutate({ orgSlug: t.slug, name: 'Nope' }),
    );
    expect(swedish.message).toBe(sv.errors.forbidden);
    expect(swedish.message).toMatch(/Din roll tillåter inte/);
  });
});

describe('admins manage everyone below owner', () => {
  it('an admin can invite members, viewers and admins, but not owners', async () => {
    const t = await team();
    for (const role of ['member', 'viewer', 'admin'] as const) {
      const created = await t.admin.caller.invitation.create({ orgSlug: t.slug, email: uniqueEmail(role), role });
      expect(created.link).toMatch(/^http:\/\/rung\.test\/invite\/[\w-]{43}$/);
    }
    const ownerEmail = uniqueEmail('would-be-owner');
    await expectTRPCError(
      t.admin.caller.invitation.create({ orgSlug: t.slug, email: ownerEmail, role: 'owner' }),
      'FORBIDDEN',
      'errors.onlyOwnerCanManageOwners',
    );
    const stored = await db
      .select({ role: invitations.role, email: invitations.email })
      .from(invitations)
      .where(eq(invitations.orgId, t.orgId));
    expect(stored.filter((i) => i.role === 'owner')).toEqual([]);
    expect(stored.map((i) => i.email)).not.toContain(ownerEmail);
  });

  it('an admin changes roles below owner, and each change is in the audit log with before and after', async () => {
    const t = await team();
    expect(await t.admin.caller.member.changeRole({ orgSlug: t.slug, membershipId: t.member.membershipId, role: 'viewer' })).toEqual({
      role: 'viewer',
    });
    await t.admin.caller.member.changeRole({ orgSlug: t.slug, membershipId: t.viewer.membershipId, role: 'admin' });

    const roles = await rolesIn(t.orgId);
    expect(roles[t.member.userId]).toBe('viewer');
    expect(roles[t.viewer.userId]).toBe('admin');

    const changes = await auditEventsOf(db, t.orgId, 'member.role_changed');
    expect(changes).toHaveLength(2);
    expect(changes).toContainEqual(
      expect.objectContaining({
        actorUserId: t.admin.userId,
        entityType: 'membership',
        entityId: t.member.membershipId,
        before: { role: 'member' },
        after: { role: 'viewer' },
      }),
    );
  });

  it('an admin cannot make anyone owner, demote an owner, or remove an owner', async () => {
    const t = await team();
    const onlyOwner = 'errors.onlyOwnerCanManageOwners';
    await expectTRPCError(
      t.admin.caller.member.changeRole({ orgSlug: t.slug, membershipId: t.member.membershipId, role: 'owner' }),
      'FORBIDDEN',
      onlyOwner,
    );
    await expectTRPCError(
      t.admin.caller.member.changeRole({ orgSlug: t.slug, membershipId: t.admin.membershipId, role: 'owner' }),
      'FORBIDDEN',
      onlyOwner,
    );
    await expectTRPCError(
      t.admin.caller.member.changeRole({ orgSlug: t.slug, membershipId: t.owner.membershipId, role: 'admin' }),
      'FORBIDDEN',
      onlyOwner,
    );
    await expectTRPCError(t.admin.caller.member.remove({ orgSlug: t.slug, membershipId: t.owner.membershipId }), 'FORBIDDEN', onlyOwner);

    const roles = await rolesIn(t.orgId);
    expect([roles[t.owner.userId], roles[t.admin.userId], roles[t.member.userId]]).toEqual(['owner', 'admin', 'member']);
    expect(await auditEventsOf(db, t.orgId, 'member.role_changed')).toEqual([]);
  });

  it('an admin removes a member, who disappears from the list; the removal is audited', async () => {
    const t = await team();
    expect(await t.admin.caller.member.remove({ orgSlug: t.slug, membershipId: t.member.membershipId })).toEqual({ removed: true });
    const list = await t.owner.caller.member.list({ orgSlug: t.slug });
    expect(list.map((m) => m.name)).toEqual(['Adam Admin', 'Olga Owner', 'Vera Viewer']);
    expect(await auditEventsOf(db, t.orgId, 'member.removed')).toEqual([
      expect.objectContaining({
        actorUserId: t.admin.userId,
        entityId: t.member.membershipId,
        before: { userId: t.member.userId, role: 'member' },
      }),
    ]);
    // Removed means gone: the same id is now unknown.
    await expectTRPCError(
      t.admin.caller.member.remove({ orgSlug: t.slug, membershipId: t.member.membershipId }),
      'NOT_FOUND',
      'errors.memberNotFound',
    );
  });

  it('setting the role someone already has changes nothing and writes no audit event', async () => {
    const t = await team();
    expect(await t.admin.caller.member.changeRole({ orgSlug: t.slug, membershipId: t.member.membershipId, role: 'member' })).toEqual({
      role: 'member',
    });
    expect(await auditEventsOf(db, t.orgId, 'member.role_changed')).toEqual([]);
  });
});

describe('owners manage owners', () => {
  it('an owner can invite another owner, promote an admin to owner, and demote an owner', async () => {
    const t = await team();
    const coOwner = await addMember(db, t.owner.caller, t.slug, 'owner', { name: 'Otto Owner' });
    expect((await rolesIn(t.orgId))[coOwner.userId]).toBe('owner');

    await t.owner.caller.member.changeRole({ orgSlug: t.slug, membershipId: t.admin.membershipId, role: 'owner' });
    await t.owner.caller.member.changeRole({ orgSlug: t.slug, membershipId: coOwner.membershipId, role: 'member' });
    const roles = await rolesIn(t.orgId);
    expect([roles[t.admin.userId], roles[coOwner.userId], roles[t.owner.userId]]).toEqual(['owner', 'member', 'owner']);

    // The promoted admin is now an owner in every sense: they can manage owners too.
    await t.admin.caller.member.remove({ orgSlug: t.slug, membershipId: t.owner.membershipId });
    expect((await rolesIn(t.orgId))[t.owner.userId]).toBeUndefined();
  });
});

describe('an organization always keeps at least one owner', () => {
  it('the last owner cannot demote themselves, be removed, or leave', async () => {
    const t = await team();
    const { caller, membershipId } = t.owner;
    await expectTRPCError(caller.member.changeRole({ orgSlug: t.slug, membershipId, role: 'admin' }), 'CONFLICT', 'errors.lastOwner');
    await expectTRPCError(caller.member.remove({ orgSlug: t.slug, membershipId }), 'CONFLICT', 'errors.lastOwner');
    await expectTRPCError(caller.member.leave({ orgSlug: t.slug }), 'CONFLICT', 'errors.lastOwner');
    expect((await rolesIn(t.orgId))[t.owner.userId]).toBe('owner');

    const shown = await shownError(httpClientFor(db, t.owner.userId).member.leave.mutate({ orgSlug: t.slug }));
    expect(shown).toMatchObject({ code: 'CONFLICT', message: en.errors.lastOwner });
  });

  it('with a second owner, the first may step down or leave; then the other is the last one', async () => {
    const t = await team();
    const second = await addMember(db, t.owner.caller, t.slug, 'owner');

    await t.owner.caller.member.changeRole({ orgSlug: t.slug, membershipId: t.owner.membershipId, role: 'admin' });
    await t.owner.caller.member.leave({ orgSlug: t.slug });
    expect((await rolesIn(t.orgId))[t.owner.userId]).toBeUndefined();

    await expectTRPCError(second.caller.member.leave({ orgSlug: t.slug }), 'CONFLICT', 'errors.lastOwner');
    await expectTRPCError(
      second.caller.member.changeRole({ orgSlug: t.slug, membershipId: second.membershipId, role: 'viewer' }),
      'CONFLICT',
      'errors.lastOwner',
    );
  });
});

describe('leaving an organization', () => {
  it('anyone but the last owner can leave; access ends at once and the departure is audited', async () => {
    const t = await team();
    expect(await t.viewer.caller.member.leave({ orgSlug: t.slug })).toEqual({ left: true });

    expect((await t.viewer.caller.me.get()).organizations).toEqual([]);
    await expectTRPCError(t.viewer.caller.member.list({ orgSlug: t.slug }), 'NOT_FOUND', 'errors.orgNotFound');
    expect((await t.owner.caller.member.list({ orgSlug: t.slug })).map((m) => m.name)).not.toContain('Vera Viewer');
    expect(await auditEventsOf(db, t.orgId, 'member.left')).toEqual([
      expect.objectContaining({ actorUserId: t.viewer.userId, entityId: t.viewer.membershipId, before: { role: 'viewer' } }),
    ]);
  });
});

describe('bad input to member procedures', () => {
  it('a malformed membership id or an unknown role is refused field by field', async () => {
    const t = await team();
    const shown = await shownError(
      httpClientFor(db, t.owner.userId).member.changeRole.mutate({ orgSlug: t.slug, membershipId: 'not-a-uuid', role: 'king' as never }),
    );
    expect(shown.code).toBe('BAD_REQUEST');
    expect(shown.fieldErrors).toEqual({ membershipId: en.validation.invalid, role: en.validation.roleInvalid });
  });

  it('a well-formed id that is nobody here is NOT_FOUND', async () => {
    const t = await team();
    const nobody = '01890000-0000-7000-8000-000000000000';
    await expectTRPCError(
      t.owner.caller.member.changeRole({ orgSlug: t.slug, membershipId: nobody, role: 'viewer' }),
      'NOT_FOUND',
      'errors.memberNotFound',
    );
    await expectTRPCError(t.owner.caller.member.remove({ orgSlug: t.slug, membershipId: nobody }), 'NOT_FOUND', 'errors.memberNotFound');
  });
});
