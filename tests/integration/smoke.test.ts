import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/db';
import { addMember, signUpUser } from '../helpers/factories';

const { db } = await useTestDatabase();

describe('sign-up and membership', () => {
  it('creates the first organization and lists its owner', async () => {
    const owner = await signUpUser(db, { name: 'Olga Owner', orgName: 'Acme Sales' });
    expect(owner.orgSlug).toMatch(/^acme-sales/);
    const members = await owner.caller.member.list({ orgSlug: owner.orgSlug });
    expect(members).toEqual([expect.objectContaining({ name: 'Olga Owner', role: 'owner' })]);
    const viewer = await addMember(db, owner.caller, owner.orgSlug, 'viewer');
    const after = await viewer.caller.member.list({ orgSlug: owner.orgSlug });
    expect(after.map((m) => m.role).sort()).toEqual(['owner', 'viewer']);
  });
});
