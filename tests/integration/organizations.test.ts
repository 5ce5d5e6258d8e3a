/**
 * Organizations as their members see them: creating another one, the settings page (get,
 * rename), the organization switcher (me.get) and the audit log.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, memberships, organizations } from '@/db/schema';
import { messages } from '@/i18n/messages';
import { useTestDatabase } from '../helpers/db';
import { expectTRPCError } from '../helpers/errors';
import { addMember, createTenant, organizationId, signUpUser, uniqueTag } from '../helpers/factories';
import { httpClientFor, shownError } from '../helpers/http';
import { auditEventsOf } from '../helpers/stored';

const { db } = await useTestDatabase();
const { en } = messages;

describe('creating another organization', () => {
  it('a signed-in person creates a second organization, owns it, and can switch between both', async () => {
    const tag = uniqueTag();
    const person = await signUpUser(db, { orgName: `B First ${tag}` });
    const { orgSlug } = await person.caller.organization.create({ name: `A Second ${tag}` });
    expect(orgSlug).toBe(`a-second-${tag}`);

    const orgId = await organizationId(db, orgSlug);
    expect(
      await db.select({ userId: memberships.userId, role: memberships.role }).from(memberships).where(eq(memberships.orgId, orgId)),
    ).toEqual([{ userId: person.userId, role: 'owner' }]);
    const created = await auditEventsOf(db, orgId, 'organization.created');
    expect(created).toEqual([expect.objectContaining({ actorUserId: person.userId })]);

    // The switcher lists both, sorted by name.
    expect((await person.caller.me.get()).organizations).toEqual([
      { slug: orgSlug, name: `A Second ${tag}`, role: 'owner' },
      { slug: person.orgSlug, name: `B First ${tag}`, role: 'owner' },
    ]);
  });

  it('a name that is too short or too long is refused with a message for the field', async () => {
    const person = await signUpUser(db);
    const client = httpClientFor(db, person.userId);
    const tooShort = await shownError(client.organization.create.mutate({ name: ' x ' }));
    expect(tooShort.fieldErrors).toEqual({ name: en.validation.orgNameTooShort });
    const tooLong = await shownError(client.organization.create.mutate({ name: 'x'.repeat(81) }));
    expect(tooLong.fieldErrors).toEqual({ name: en.validation.orgNameTooLong });
    expect((await person.caller.me.get()).organizations).toHaveLength(1);
  });
});

describe('the organization settings', () => {
  it("every member sees the organization's name, slug, member count and their own role", async () => {
    const owner = await createTenant(db);
    const viewer = await addMember(db, owner.caller, owner.orgSlug, 'viewer');
    const [org] = await db.select().from(organizations).where(eq(organizations.id, owner.orgId));
    const common = { id: owner.orgId, slug: owner.orgSlug, name: org!.name, memberCount: 2 };
    expect(await owner.caller.organization.get({ orgSlug: owner.orgSlug })).toEqual({ ...common, role: 'owner' });
    expect(await viewer.caller.organization.get({ orgSlug: owner.orgSlug })).toEqual({ ...common, role: 'viewer' });
  });

  it('an admin renames the organization; the slug stays, and the audit log has before and after', async () => {
    const owner = await createTenant(db, { orgName: `Old Name ${uniqueTag()}` });
    const admin = await addMember(db, owner.caller, owner.orgSlug, 'admin', { name: 'Renaming Admin' });
    const [before] = await db.select().from(organizations).where(eq(organizations.id, owner.orgId));

    expect(await admin.caller.organization.rename({ orgSlug: owner.orgSlug, name: '  New Name AB  ' })).toEqual({ name: 'New Name AB' });
    const after = await owner.caller.organization.get({ orgSlug: owner.orgSlug });
    expect(after).toMatchObject({ name: 'New Name AB', slug: owner.orgSlug });

    const { events } = await owner.caller.audit.list({ orgSlug: owner.orgSlug });
    expect(events[0]).toMatchObject({
      action: 'organization.renamed',
      entityType: 'organization',
      actorName: 'Renaming Admin',
      before: { name: before!.name },
      after: { name: 'New Name AB' },
    });
  });

  it('a member cannot rename, and the name stays', async () => {
    const owner = await createTenant(db);
    const member = await addMember(db, owner.caller, owner.orgSlug, 'member');
    const [before] = await db.select().from(organizations).where(eq(organizations.id, owner.orgId));
    await expectTRPCError(
      member.caller.organization.rename({ orgSlug: owner.orgSlug, name: 'Members Rule' }),
      'FORBIDDEN',
      'errors.forbidden',
    );
    const [after] = await db.select().from(organizations).where(eq(organizations.id, owner.orgId));
    expect(after?.name).toBe(before?.name);
  });
});

describe('the audit log', () => {
  it('lists events newest first, in pages of 50, without gaps or repeats', async () => {
    const owner = await createTenant(db);
    // organization.created + 55 renames = 56 events.
    for (let i = 1; i <= 55; i++) await owner.caller.organization.rename({ orgSlug: owner.orgSlug, name: `Name ${i}` });

    const first = await owner.caller.audit.list({ orgSlug: owner.orgSlug });
    expect(first.events).toHaveLength(50);
    expect(first.nextCursor).toBe(first.events.at(-1)!.id);
    const second = await owner.caller.audit.list({ orgSlug: owner.orgSlug, cursor: first.nextCursor });
    expect(second.events).toHaveLength(6);
    expect(second.nextCursor).toBeNull();

    const all = [...first.events, ...second.events];
    expect(new Set(all.map((e) => e.id)).size).toBe(56);
    // Ordered by id, which is time-ordered to the millisecond (UUIDv7): newest first, oldest last.
    const ids = all.map((e) => e.id);
    expect(ids).toEqual([...ids].sort().reverse());
    expect(all.filter((e) => e.action === 'organization.renamed')).toHaveLength(55);
    expect(all.filter((e) => e.action === 'organization.created')).toHaveLength(1);
    expect(first.events[0]!.createdAt.getTime()).toBeGreaterThanOrEqual(second.events.at(-1)!.createdAt.getTime());
  });

  it('a foreign or malformed cursor does not open another organization', async () => {
    const a = await createTenant(db);
    const b = await createTenant(db);
    const [bEvent] = await db.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.orgId, b.orgId));
    const page = await a.caller.audit.list({ orgSlug: a.orgSlug, cursor: bEvent!.id });
    expect(page.events.every((e) => e.action === 'organization.created')).toBe(true);
    const [aEvent] = await db.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.orgId, a.orgId));
    expect(page.events.map((e) => e.id)).toEqual(page.events.length ? [aEvent!.id] : []);
    await expectTRPCError(a.caller.audit.list({ orgSlug: a.orgSlug, cursor: 'yesterday' }), 'BAD_REQUEST');
  });
});

describe('history keeps its people', () => {
  /*
   * Row-level security shows a tenant only the people who are or were its members, so someone
   * who leaves must keep a (removed) membership row: otherwise every event they caused would
   * lose its author.
   */
  it('the audit log and the invitation list still name a person after they have left', async () => {
    const owner = await createTenant(db);
    const admin = await addMember(db, owner.caller, owner.orgSlug, 'admin', { name: 'Departed Admin' });
    await admin.caller.organization.rename({ orgSlug: owner.orgSlug, name: 'Renamed Before Leaving' });
    const { invitationId } = await admin.caller.invitation.create({
      orgSlug: owner.orgSlug,
      email: `left-behind-${uniqueTag()}@example.test`,
      role: 'member',
    });
    await admin.caller.member.leave({ orgSlug: owner.orgSlug });

    const { events } = await owner.caller.audit.list({ orgSlug: owner.orgSlug });
    const renamed = events.find((e) => e.action === 'organization.renamed');
    const invitation = (await owner.caller.invitation.list({ orgSlug: owner.orgSlug })).find((i) => i.id === invitationId);
    expect({ renamedBy: renamed?.actorName, invitedBy: invitation?.invitedByName }).toEqual({
      renamedBy: 'Departed Admin',
      invitedBy: 'Departed Admin',
    });
  });
});
