/**
 * Who can reach which endpoint, for every procedure. A change in the snapshot file means
 * someone changed who can call an endpoint: a reviewer should see that diff and agree to it.
 * Update deliberately with `npx vitest run --project integration -u`.
 */
import { describe, expect, it } from 'vitest';
import type { Role } from '@/server/inputs/common';
import { useTestDatabase } from '../helpers/db';
import { caught } from '../helpers/errors';
import { callerFor, signUpUser, type Caller } from '../helpers/factories';
import { callByPath, procedureAccess } from '../helpers/router';
import { createTeam } from '../helpers/team';

const { db } = await useTestDatabase();

/** procedure path -> builder and minimum role ("public", "authed", "org:admin", ...), sorted by path. */
const accessMap: Record<string, string | undefined> = Object.fromEntries(procedureAccess().map((p) => [p.path, p.access]));

describe('access to every procedure', () => {
  it('every procedure declares its access through its builder', () => {
    expect(Object.keys(accessMap).length).toBeGreaterThan(10);
    const undeclared = Object.entries(accessMap)
      .filter(([, access]) => !access || !/^(public|authed|org:(owner|admin|member|viewer))$/.test(access))
      .map(([path]) => path);
    expect(undeclared).toEqual([]);
  });

  it('matches the reviewed snapshot', async () => {
    await expect(`${JSON.stringify(accessMap, null, 2)}\n`).toMatchFileSnapshot('./__snapshots__/procedure-access.json');
  });
});

/** What the gate in front of a procedure answered; anything past the gate counts as "through". */
async function gateAnswer(caller: Caller, path: string, input: unknown): Promise<string> {
  const outcome = await caught(callByPath(caller, path, input)).catch(() => 'through');
  if (outcome === 'through') return 'through';
  const { code, message } = outcome as { code?: string; message?: string };
  if (
    code === 'UNAUTHORIZED' ||
    (code === 'FORBIDDEN' && message === 'errors.forbidden') ||
    (code === 'NOT_FOUND' && message === 'errors.orgNotFound')
  ) {
    return code;
  }
  return 'through'; // e.g. BAD_REQUEST for the rest of the input, or a rule of the procedure itself
}

describe('the declared access is the enforced access', () => {
  const rank: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };
  // member.leave really removes the caller, so it goes last.
  const byPath = procedureAccess().sort((x, y) => Number(x.path === 'member.leave') - Number(y.path === 'member.leave'));

  it('public procedures answer anonymous callers; all others want a signed-in person', async () => {
    const anonymous = callerFor(db, null);
    for (const { path, access } of byPath) {
      expect(await gateAnswer(anonymous, path, {}), path).toBe(access === 'public' ? 'through' : 'UNAUTHORIZED');
    }
  });

  it('each organization procedure lets in exactly the roles at or above its declared minimum', async () => {
    const { owner, admin, member, viewer } = await createTeam(db, { members: ['admin', 'member', 'viewer'] });
    const people: Record<Role, Caller> = { owner: owner.caller, admin: admin.caller, member: member.caller, viewer: viewer.caller };
    const outsider = (await signUpUser(db)).caller;
    const orgProcedures = byPath.filter((p) => p.access?.startsWith('org:'));
    expect(orgProcedures.length).toBeGreaterThan(5);

    // organization.restore reaches only an organization scheduled for deletion, which every other
    // procedure treats as gone: it is tried on a second team whose organization is scheduled, the
    // owner last, since getting through restores it.
    const scheduledOnly = new Set(['organization.restore']);
    const scheduled = await createTeam(db, { members: ['admin', 'member', 'viewer'] });
    const { name } = await scheduled.owner.caller.organization.get({ orgSlug: scheduled.slug });
    await scheduled.owner.caller.organization.requestDeletion({ orgSlug: scheduled.slug, confirmName: name });
    const scheduledPeople: Record<Role, Caller> = {
      owner: scheduled.owner.caller,
      admin: scheduled.admin.caller,
      member: scheduled.member.caller,
      viewer: scheduled.viewer.caller,
    };

    for (const { path, access } of orgProcedures) {
      const minimum = access!.slice('org:'.length) as Role;
      const onScheduled = scheduledOnly.has(path);
      const [team, orgSlug] = onScheduled ? [scheduledPeople, scheduled.slug] : [people, owner.orgSlug];
      const roles = Object.keys(team) as Role[];
      for (const role of onScheduled ? roles.reverse() : roles) {
        const expected = rank[role] >= rank[minimum] ? 'through' : 'FORBIDDEN';
        expect(await gateAnswer(team[role], path, { orgSlug }), `${path} as ${role}`).toBe(expected);
      }
      expect(await gateAnswer(outsider, path, { orgSlug }), `${path} as an outsider`).toBe('NOT_FOUND');
    }
    // Five calls for every organization procedure: it grows with the router, past the default on shared machines.
  }, 120_000);
});
