/**
 * Tenant isolation, one lock at a time (docs: ARCHITECTURE.md, "Tenancy: three locks").
 * Each describe block takes the other two locks out of the picture, so that a regression in
 * any single lock fails here even while the other two still hold.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Queryable, Tx } from '@/db/client';
import { auditEvents, invitations, memberships, organizations, outboxMessages, users } from '@/db/schema';
import { withOrg } from '@/db/tenant';
import { hashToken } from '@/server/adapters/tokens';
import { singleConnection, useTestDatabase } from '../helpers/db';
import { caught, expectTRPCError, pgError, PG } from '../helpers/errors';
import { addMember, callerFor, createTenant, invite } from '../helpers/factories';
import { callByPath, procedureAccess } from '../helpers/router';
import { one, rows } from '../helpers/sql';
import { createTeam } from '../helpers/team';

const database = await useTestDatabase();
const { db } = database;

/**
 * Two organizations with rows in every tenant table: an owner, a viewer, a pending invitation
 * (which also writes an outbox message and audit events).
 */
async function twoTenants() {
  const make = async (label: string) => {
    const tenant = await createTenant(db, { name: `Owner ${label}`, orgName: `Tenant ${label} ${randomUUID().slice(0, 6)}` });
    const viewer = await addMember(db, tenant.caller, tenant.orgSlug, 'viewer', { name: `Viewer ${label}` });
    const pending = await invite(tenant.caller, tenant.orgSlug, 'member');
    return { ...tenant, viewer, invitationId: pending.invitationId };
  };
  return { a: await make('A'), b: await make('B') };
}

/** Runs a write in a savepoint inside withOrg(orgId) and returns the error it raised. */
async function rejectedInside(orgId: string, write: (tx: Tx) => Promise<unknown>): Promise<unknown> {
  return withOrg(db, orgId, async (tx) => {
    const error = await caught(tx.transaction(async (savepoint) => void (await write(savepoint))));
    // Only the savepoint rolled back: the transaction goes on, still inside the same tenant.
    const visible = await tx.select({ id: organizations.id }).from(organizations);
    expect(visible).toEqual([{ id: orgId }]);
    return error;
  });
}

describe('lock 2, row-level security: inside withOrg a query sees and writes one tenant only', () => {
  it('an unscoped select returns only the current organization rows, although the other one has rows too', async () => {
    const { a, b } = await twoTenants();

    // Control: the root connection (no tenant) sees both organizations' rows in every table.
    for (const table of [memberships, invitations, outboxMessages, auditEvents]) {
      const seen = await db
        .selectDistinct({ orgId: table.orgId })
        .from(table)
        .where(inArray(table.orgId, [a.orgId, b.orgId]));
      expect(seen.map((r) => r.orgId).sort()).toEqual([a.orgId, b.orgId].sort());
    }

    await withOrg(db, a.orgId, async (tx) => {
      // Deliberately no `where org_id = ...` anywhere below.
      const seen = {
        memberships: await tx.select().from(memberships),
        invitations: await tx.select().from(invitations),
        outboxMessages: await tx.select().from(outboxMessages),
        auditEvents: await tx.select().from(auditEvents),
      };
      for (const [table, found] of Object.entries(seen)) {
        expect(found.length, `${table} in A`).toBeGreaterThan(0);
        expect(new Set(found.map((r) => r.orgId)), table).toEqual(new Set([a.orgId]));
      }
      expect(seen.memberships.map((m) => m.userId).sort()).toEqual([a.userId, a.viewer.userId].sort());

      const orgs = await tx.select({ id: organizations.id }).from(organizations);
      expect(orgs).toEqual([{ id: a.orgId }]);

      // Users are global, but a tenant sees only its own members.
      const people = await tx.select({ id: users.id }).from(users);
      expect(people.map((u) => u.id).sort()).toEqual([a.userId, a.viewer.userId].sort());

      // Asking for the other tenant's rows by id finds nothing.
      expect(await tx.select().from(invitations).where(eq(invitations.id, b.invitationId))).toEqual([]);
      expect(await tx.select().from(users).where(eq(users.id, b.userId))).toEqual([]);
      expect(await tx.select().from(organizations).where(eq(organizations.id, b.orgId))).toEqual([]);
    });
  });

  it("rejects inserting rows that carry the other organization's org_id", async () => {
    const { a, b } = await twoTenants();
    // a.userId is not a member of B, so without row-level security each insert would succeed.
    const attempts: Record<string, (tx: Tx) => Promise<unknown>> = {
      memberships: (tx) => tx.insert(memberships).values({ orgId: b.orgId, userId: a.userId, role: 'owner' }),
      invitations: (tx) =>
        tx.insert(invitations).values({
          orgId: b.orgId,
          email: 'planted@example.test',
          role: 'owner',
          tokenHash: hashToken(randomUUID()),
          invitedByUserId: a.userId,
          expiresAt: new Date(Date.now() + 86_400_000),
        }),
      auditEvents: (tx) =>
        tx.insert(auditEvents).values({ orgId: b.orgId, actorUserId: a.userId, action: 'forged', entityType: 'organization' }),
      outboxMessages: (tx) =>
        tx.insert(outboxMessages).values({ orgId: b.orgId, toEmail: 'x@example.test', subject: 's', bodyText: 'b', kind: 'invitation' }),
    };
    for (const [table, write] of Object.entries(attempts)) {
      const error = pgError(await rejectedInside(a.orgId, write));
      expect(error.code, table).toBe(PG.insufficientPrivilege);
      expect(error.message, table).toMatch(/row-level security/);
    }

    // Nothing landed in B.
    expect(
      await db
        .select()
        .from(memberships)
        .where(and(eq(memberships.orgId, b.orgId), eq(memberships.userId, a.userId))),
    ).toEqual([]);
    expect(
      await db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.orgId, b.orgId), eq(auditEvents.action, 'forged'))),
    ).toEqual([]);
  });

  it("updates and deletes aimed at the other organization's rows affect nothing", async () => {
    const { a, b } = await twoTenants();
    const touched = await withOrg(db, a.orgId, async (tx) => ({
      memberships: await tx.update(memberships).set({ role: 'viewer' }).where(eq(memberships.orgId, b.orgId)).returning(),
      invitations: await tx.update(invitations).set({ revokedAt: new Date() }).where(eq(invitations.id, b.invitationId)).returning(),
      outboxMessages: await tx.update(outboxMessages).set({ status: 'failed' }).where(eq(outboxMessages.orgId, b.orgId)).returning(),
      organizations: await tx.update(organizations).set({ name: 'Taken over' }).where(eq(organizations.id, b.orgId)).returning(),
      deletedMemberships: await tx.delete(memberships).where(eq(memberships.orgId, b.orgId)).returning(),
      // Control: the same statement aimed at the current organization does change a row.
      ownInvitation: await tx.update(invitations).set({ revokedAt: new Date() }).where(eq(invitations.id, a.invitationId)).returning(),
    }));
    expect(touched).toEqual({
      memberships: [],
      invitations: [],
      outboxMessages: [],
      organizations: [],
      deletedMemberships: [],
      ownInvitation: [expect.objectContaining({ id: a.invitationId })],
    });

    // B, read through the root connection, is exactly as it was.
    const bMembers = await db
      .select({ userId: memberships.userId, role: memberships.role })
      .from(memberships)
      .where(eq(memberships.orgId, b.orgId));
    expect(bMembers).toHaveLength(2);
    expect(bMembers).toContainEqual({ userId: b.userId, role: 'owner' });
    const [bInvitation] = await db.select().from(invitations).where(eq(invitations.id, b.invitationId));
    expect(bInvitation?.revokedAt).toBeNull();
    const [bOrg] = await db.select().from(organizations).where(eq(organizations.id, b.orgId));
    expect(bOrg?.name).not.toBe('Taken over');
    const bOutbox = await db.select({ status: outboxMessages.status }).from(outboxMessages).where(eq(outboxMessages.orgId, b.orgId));
    expect(bOutbox.map((m) => m.status)).not.toContain('failed');
  });

  it('the audit log is append-only: the application role can neither update nor delete its own events', async () => {
    const { a } = await twoTenants();
    const before = await db.select().from(auditEvents).where(eq(auditEvents.orgId, a.orgId));
    expect(before.length).toBeGreaterThan(0);

    const updateError = pgError(
      await caught(withOrg(db, a.orgId, (tx) => tx.update(auditEvents).set({ action: 'rewritten' }).where(eq(auditEvents.orgId, a.orgId)))),
    );
    const deleteError = pgError(await caught(withOrg(db, a.orgId, (tx) => tx.delete(auditEvents).where(eq(auditEvents.orgId, a.orgId)))));
    for (const error of [updateError, deleteError]) {
      expect(error.code).toBe(PG.insufficientPrivilege);
      expect(error.message).toMatch(/permission denied/);
    }

    // Inserting (what recordAudit does) still works, and nothing that was there changed.
    await withOrg(db, a.orgId, (tx) => tx.insert(auditEvents).values({ orgId: a.orgId, action: 'test.appended', entityType: 'test' }));
    const after = await db.select().from(auditEvents).where(eq(auditEvents.orgId, a.orgId));
    expect(after).toHaveLength(before.length + 1);
    expect(after).toEqual(expect.arrayContaining(before));
  });

  it('role and organization are reset when withOrg ends, whether the callback succeeded or failed', async () => {
    const { a } = await twoTenants();
    // One connection, so the query after withOrg runs on the very connection withOrg used.
    const conn = singleConnection(database).db;
    const whoAmI = (q: Queryable = conn) =>
      one<{ role: string; org: string | null }>(q, sql`select current_user as role, current_setting('app.org_id', true) as org`);

    const outside = await whoAmI();
    expect(outside.role).not.toBe('rung_app');

    const inside = await withOrg(conn, a.orgId, (tx) => whoAmI(tx));
    expect(inside).toEqual({ role: 'rung_app', org: a.orgId });
    const afterSuccess = await whoAmI();
    expect(afterSuccess.role).toBe(outside.role);
    expect(afterSuccess.org ?? '').toBe('');

    await caught(withOrg(conn, a.orgId, () => Promise.reject(new Error('the callback failed'))));
    const afterFailure = await whoAmI();
    expect(afterFailure.role).toBe(outside.role);
    expect(afterFailure.org ?? '').toBe('');

    // And the root connection sees every tenant again.
    const orgs = await rows<{ n: number }>(conn, sql`select count(*)::int as n from organizations`);
    expect(orgs[0]!.n).toBeGreaterThanOrEqual(2);
  });

  it('refuses an organization id that is not a UUID, before running any query', async () => {
    let ran = false;
    for (const bad of ['', 'acme', "' or true --", `${randomUUID()}x`]) {
      const error = await caught(
        withOrg(db, bad, () => {
          ran = true;
          return Promise.resolve();
        }),
      );
      expect(String(error)).toMatch(/UUID/);
    }
    expect(ran).toBe(false);
  });
});

describe('lock 3, tenant-safe keys: a row can never point into another organization', () => {
  it("rejects an outbox message in A that points at B's invitation, even for the superuser that bypasses RLS", async () => {
    const { a, b } = await twoTenants();
    // The root connection is a superuser: row-level security does not apply to it at all.
    const root = await one<{ super: boolean }>(db, sql`select rolsuper as super from pg_roles where rolname = current_user`);
    expect(root.super).toBe(true);

    const message = { toEmail: 'x@example.test', subject: 's', bodyText: 'b', kind: 'invitation' };
    const error = pgError(await caught(db.insert(outboxMessages).values({ ...message, orgId: a.orgId, invitationId: b.invitationId })));
    expect(error.code).toBe(PG.foreignKeyViolation);
    expect(error.message).toMatch(/outbox_messages_org_id_invitation_id_invitations_org_id_id_fk/);

    // Control: the same row pointing at A's own invitation is accepted.
    const [ok] = await db
      .insert(outboxMessages)
      .values({ ...message, orgId: a.orgId, invitationId: a.invitationId })
      .returning();
    expect(ok?.invitationId).toBe(a.invitationId);
  });
});

const orgProcedures = procedureAccess()
  .filter((p) => p.access?.startsWith('org:'))
  .map((p) => p.path);
const signedInProcedures = procedureAccess()
  .filter((p) => p.access !== 'public')
  .map((p) => p.path);

describe('lock 1, the procedure builder: only members reach an organization, through its own slug', () => {
  it('the sweep below covers the organization procedures this suite knows about', () => {
    expect(orgProcedures).toEqual(
      expect.arrayContaining([
        'organization.get',
        'organization.rename',
        'member.list',
        'member.changeRole',
        'member.remove',
        'member.leave',
        'invitation.list',
        'invitation.create',
        'invitation.revoke',
        'outbox.list',
        'audit.list',
      ]),
    );
  });

  it("a member of B gets NOT_FOUND from every one of A's procedures, exactly as for a slug that does not exist", async () => {
    const { a, b } = await twoTenants();
    const aOrgBefore = await db.select().from(organizations).where(eq(organizations.id, a.orgId));
    const inputs: Record<string, object> = {
      'organization.get': {},
      'organization.rename': { name: 'Renamed by B' },
      'member.list': {},
      'member.changeRole': { membershipId: a.membershipId, role: 'viewer' },
      'member.remove': { membershipId: a.viewer.membershipId },
      'member.leave': {},
      'invitation.list': {},
      'invitation.create': { email: 'planted@example.test', role: 'owner' },
      'invitation.revoke': { invitationId: a.invitationId },
      'outbox.list': {},
      'audit.list': {},
    };
    for (const path of orgProcedures) {
      const input = inputs[path] ?? {};
      const intoA = await expectTRPCError(callByPath(b.caller, path, { ...input, orgSlug: a.orgSlug }), 'NOT_FOUND');
      const intoNowhere = await expectTRPCError(
        callByPath(b.caller, path, { ...input, orgSlug: `no-such-org-${randomUUID()}` }),
        'NOT_FOUND',
      );
      expect(intoA.message, path).toBe('errors.orgNotFound');
      expect(intoNowhere.message, path).toBe(intoA.message);
    }

    // Nothing in A changed.
    expect(await db.select().from(organizations).where(eq(organizations.id, a.orgId))).toEqual(aOrgBefore);
    const aMembers = await db
      .select({ userId: memberships.userId, role: memberships.role })
      .from(memberships)
      .where(eq(memberships.orgId, a.orgId));
    expect(aMembers.sort((x, y) => x.role.localeCompare(y.role))).toEqual([
      { userId: a.userId, role: 'owner' },
      { userId: a.viewer.userId, role: 'viewer' },
    ]);
    expect(
      await db
        .select()
        .from(invitations)
        .where(and(eq(invitations.orgId, a.orgId), eq(invitations.email, 'planted@example.test'))),
    ).toEqual([]);
    expect(
      await db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.orgId, a.orgId), eq(auditEvents.actorUserId, b.userId))),
    ).toEqual([]);
    const [aInvitation] = await db.select().from(invitations).where(eq(invitations.id, a.invitationId));
    expect(aInvitation?.revokedAt).toBeNull();
  });

  it("an owner of A passing B's membership or invitation ids to A's procedures gets NOT_FOUND, and B is untouched", async () => {
    const { a, b } = await twoTenants();
    await expectTRPCError(
      a.caller.member.changeRole({ orgSlug: a.orgSlug, membershipId: b.viewer.membershipId, role: 'admin' }),
      'NOT_FOUND',
      'errors.memberNotFound',
    );
    await expectTRPCError(
      a.caller.member.remove({ orgSlug: a.orgSlug, membershipId: b.viewer.membershipId }),
      'NOT_FOUND',
      'errors.memberNotFound',
    );
    await expectTRPCError(
      a.caller.member.remove({ orgSlug: a.orgSlug, membershipId: b.membershipId }),
      'NOT_FOUND',
      'errors.memberNotFound',
    );
    await expectTRPCError(
      a.caller.invitation.revoke({ orgSlug: a.orgSlug, invitationId: b.invitationId }),
      'NOT_FOUND',
      'errors.invitationNotPending',
    );

    const bMembers = await db
      .select({ id: memberships.id, role: memberships.role })
      .from(memberships)
      .where(eq(memberships.orgId, b.orgId));
    expect(bMembers).toHaveLength(2);
    expect(bMembers).toContainEqual({ id: b.viewer.membershipId, role: 'viewer' });
    expect(bMembers).toContainEqual({ id: b.membershipId, role: 'owner' });
    const [bInvitation] = await db.select().from(invitations).where(eq(invitations.id, b.invitationId));
    expect(bInvitation?.revokedAt).toBeNull();
  });

  it('a removed member loses access on the very next call, and a demoted admin loses admin rights at once', async () => {
    const { owner, admin, member } = await createTeam(db, { members: ['admin', 'member'] });

    expect(await member.caller.member.list({ orgSlug: owner.orgSlug })).toHaveLength(3);
    await owner.caller.member.remove({ orgSlug: owner.orgSlug, membershipId: member.membershipId });
    await expectTRPCError(member.caller.member.list({ orgSlug: owner.orgSlug }), 'NOT_FOUND', 'errors.orgNotFound');
    await expectTRPCError(member.caller.organization.get({ orgSlug: owner.orgSlug }), 'NOT_FOUND', 'errors.orgNotFound');

    await admin.caller.invitation.list({ orgSlug: owner.orgSlug });
    await owner.caller.member.changeRole({ orgSlug: owner.orgSlug, membershipId: admin.membershipId, role: 'viewer' });
    await expectTRPCError(admin.caller.invitation.list({ orgSlug: owner.orgSlug }), 'FORBIDDEN', 'errors.forbidden');
  });

  it('anonymous callers, and sessions of people who no longer exist, get UNAUTHORIZED from everything but the public procedures', async () => {
    const { a } = await twoTenants();
    expect(signedInProcedures).toEqual(expect.arrayContaining(['me.get', 'organization.create', 'invitation.accept', ...orgProcedures]));
    for (const userId of [null, randomUUID()]) {
      const stranger = callerFor(db, userId);
      for (const path of signedInProcedures) {
        const error = await expectTRPCError(callByPath(stranger, path, { orgSlug: a.orgSlug }), 'UNAUTHORIZED');
        expect(error.message, path).toBe('errors.signInRequired');
      }
    }
  });
});
