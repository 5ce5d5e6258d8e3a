/**
 * Contacts: the people at an account who will later confirm its level. Listed per account,
 * added, edited with optimistic concurrency and archived; audited against their account;
 * refused to viewers and to other tenants.
 */
import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { contacts } from '@/db/schema';
import { messages } from '@/i18n/messages';
import { useTestDatabase } from '../helpers/db';
import { expectTRPCError } from '../helpers/errors';
import { httpClientFor, shownError } from '../helpers/http';
import { auditEventsOf } from '../helpers/stored';
import { createTeam } from '../helpers/team';

const { db } = await useTestDatabase();

const team = () => createTeam(db, { members: ['member', 'viewer'], account: { name: 'Acme' } });

async function storedContacts(orgId: string) {
  return db.select().from(contacts).where(eq(contacts.orgId, orgId)).orderBy(asc(contacts.createdAt), asc(contacts.id));
}

describe('contact.create and contact.list', () => {
  it('adds people to an account and lists them by name, for everyone in the organization', async () => {
    const t = await team();
    const eva = await t.member.caller.contact.create({
      orgSlug: t.slug,
      accountId: t.account.id,
      name: ' Eva   Ek ',
      email: ' Eva.Ek@Acme.SE ',
      title: 'CFO',
      buyingRole: 'economic_buyer',
      language: 'sv',
    });
    expect(eva).toMatchObject({
      name: 'Eva Ek',
      email: 'eva.ek@acme.se',
      title: 'CFO',
      buyingRole: 'economic_buyer',
      language: 'sv',
      version: 1,
      accountId: t.account.id,
    });
    await t.member.caller.contact.create({ orgSlug: t.slug, accountId: t.account.id, name: 'adam Andersson' });

    const list = await t.viewer.caller.contact.list({ orgSlug: t.slug, accountId: t.account.id });
    expect(list.map((c) => [c.name, c.buyingRole, c.email, c.language])).toEqual([
      ['adam Andersson', 'other', null, null],
      ['Eva Ek', 'economic_buyer', 'eva.ek@acme.se', 'sv'],
    ]);
    const [audit] = await auditEventsOf(db, t.orgId, 'contact.created');
    expect(audit).toMatchObject({ accountId: t.account.id, entityType: 'contact', actorUserId: t.member.userId });
  });

  it.each([
    ['an empty name', { name: ' ' }, 'name', 'nameRequired'],
    ['a name over 200 characters', { name: 'x'.repeat(201) }, 'name', 'accountNameTooLong'],
    ['an invalid email', { name: 'Eva', email: 'eva@' }, 'email', 'emailInvalid'],
    ['a title over 100 characters', { name: 'Eva', title: 'x'.repeat(101) }, 'title', 'titleTooLong'],
    ['an unknown buying role', { name: 'Eva', buyingRole: 'boss' }, 'buyingRole', 'invalid'],
    ['an unsupported language', { name: 'Eva', language: 'de' }, 'language', 'invalid'],
  ] as const)('refuses %s with a message on the field, and writes nothing', async (_label, input, field, key) => {
    const t = await team();
    const shown = await shownError(
      httpClientFor(db, t.member.userId).contact.create.mutate({
        orgSlug: t.slug,
        accountId: t.account.id,
        ...(input as { name: string }),
      }),
    );
    expect(shown.code).toBe('BAD_REQUEST');
    expect(shown.fieldErrors?.[field]).toBe(messages.en.validation[key]);
    expect(await storedContacts(t.orgId)).toEqual([]);
  });

  it('refuses contacts on an archived account until it is restored', async () => {
    const t = await team();
    await t.member.caller.account.archive({ orgSlug: t.slug, accountId: t.account.id });
    await expectTRPCError(
      t.member.caller.contact.create({ orgSlug: t.slug, accountId: t.account.id, name: 'Eva' }),
      'CONFLICT',
      'errors.accountArchived',
    );
    expect(await storedContacts(t.orgId)).toEqual([]);
    // Reading stays possible.
    expect(await t.viewer.caller.contact.list({ orgSlug: t.slug, accountId: t.account.id })).toEqual([]);
  });
});

describe('contact.update', () => {
  it('saves changes, bumps the version and audits before and after against the account', async () => {
    const t = await team();
    const eva = await t.member.caller.contact.create({ orgSlug: t.slug, accountId: t.account.id, name: 'Eva', title: 'Buyer' });
    const updated = await t.owner.caller.contact.update({
      orgSlug: t.slug,
      contactId: eva.id,
      version: 1,
      name: 'Eva',
      title: 'CFO',
      buyingRole: 'economic_buyer',
    });
    expect(updated).toMatchObject({ title: 'CFO', buyingRole: 'economic_buyer', version: 2 });
    const [audit] = await auditEventsOf(db, t.orgId, 'contact.updated');
    expect(audit).toMatchObject({
      accountId: t.account.id,
      entityId: eva.id,
      before: { title: 'Buyer', buyingRole: 'other' },
      after: { title: 'CFO', buyingRole: 'economic_buyer' },
    });
  });

  it('treats a save without changes as no edit', async () => {
    const t = await team();
    const eva = await t.member.caller.contact.create({ orgSlug: t.slug, accountId: t.account.id, name: 'Eva' });
    expect((await t.member.caller.contact.update({ orgSlug: t.slug, contactId: eva.id, version: 1, name: 'Eva' })).version).toBe(1);
    expect(await auditEventsOf(db, t.orgId, 'contact.updated')).toEqual([]);
  });

  it("refuses a save based on an old version and keeps the teammate's change", async () => {
    const t = await team();
    const eva = await t.member.caller.contact.create({ orgSlug: t.slug, accountId: t.account.id, name: 'Eva' });
    await t.owner.caller.contact.update({ orgSlug: t.slug, contactId: eva.id, version: 1, name: 'Eva Ek' });
    const shown = await shownError(
      httpClientFor(db, t.member.userId).contact.update.mutate({ orgSlug: t.slug, contactId: eva.id, version: 1, name: 'Eva Lund' }),
    );
    expect(shown).toMatchObject({ code: 'CONFLICT', message: messages.en.errors.contactChanged });
    expect((await storedContacts(t.orgId))[0]).toMatchObject({ name: 'Eva Ek', version: 2 });
  });

  it('refuses bad input without changing the contact', async () => {
    const t = await team();
    const eva = await t.member.caller.contact.create({ orgSlug: t.slug, accountId: t.account.id, name: 'Eva' });
    await expectTRPCError(t.member.caller.contact.update({ orgSlug: t.slug, contactId: eva.id, version: 1, name: '' }), 'BAD_REQUEST');
    await expectTRPCError(
      t.member.caller.contact.update({ orgSlug: t.slug, contactId: eva.id, version: 1, name: 'Eva', email: 'nope' }),
      'BAD_REQUEST',
    );
    expect((await storedContacts(t.orgId))[0]).toMatchObject({ name: 'Eva', email: null, version: 1 });
  });
});

describe('contact.archive', () => {
  it('removes the contact from the list but keeps the row for the history', async () => {
    const t = await team();
    const eva = await t.member.caller.contact.create({ orgSlug: t.slug, accountId: t.account.id, name: 'Eva' });
    await t.member.caller.contact.archive({ orgSlug: t.slug, contactId: eva.id });
    expect(await t.viewer.caller.contact.list({ orgSlug: t.slug, accountId: t.account.id })).toEqual([]);
    const [stored] = await storedContacts(t.orgId);
    expect(stored!.archivedAt).toBeInstanceOf(Date);
    expect(await auditEventsOf(db, t.orgId, 'contact.archived')).toHaveLength(1);
    // An archived contact can no longer be edited or archived again.
    await expectTRPCError(
      t.member.caller.contact.update({ orgSlug: t.slug, contactId: eva.id, version: 2, name: 'Eva' }),
      'NOT_FOUND',
      'errors.contactNotFound',
    );
    await expectTRPCError(t.member.caller.contact.archive({ orgSlug: t.slug, contactId: eva.id }), 'NOT_FOUND', 'errors.contactNotFound');
  });
});

describe('roles and tenants', () => {
  it('lets a viewer read contacts but not add, edit or remove them', async () => {
    const t = await team();
    const eva = await t.member.caller.contact.create({ orgSlug: t.slug, accountId: t.account.id, name: 'Eva' });
    const v = t.viewer.caller.contact;
    for (const attempt of [
      () => v.create({ orgSlug: t.slug, accountId: t.account.id, name: 'Nope' }),
      () => v.update({ orgSlug: t.slug, contactId: eva.id, version: 1, name: 'Nope' }),
      () => v.archive({ orgSlug: t.slug, contactId: eva.id }),
    ]) {
      await expectTRPCError(attempt(), 'FORBIDDEN', 'errors.forbidden');
    }
    expect((await storedContacts(t.orgId)).map((c) => [c.name, c.version, c.archivedAt])).toEqual([['Eva', 1, null]]);
    expect(await v.list({ orgSlug: t.slug, accountId: t.account.id })).toHaveLength(1);
  });

  it("answers NOT_FOUND for another organization's accounts and contacts, and changes nothing", async () => {
    const a = await team();
    const b = await team();
    const eva = await a.member.caller.contact.create({ orgSlug: a.slug, accountId: a.account.id, name: 'Eva' });
    const mallory = b.member.caller.contact;
    await expectTRPCError(mallory.list({ orgSlug: b.slug, accountId: a.account.id }), 'NOT_FOUND', 'errors.accountNotFound');
    await expectTRPCError(
      mallory.create({ orgSlug: b.slug, accountId: a.account.id, name: 'Planted' }),
      'NOT_FOUND',
      'errors.accountNotFound',
    );
    await expectTRPCError(
      mallory.update({ orgSlug: b.slug, contactId: eva.id, version: 1, name: 'Hacked' }),
      'NOT_FOUND',
      'errors.contactNotFound',
    );
    await expectTRPCError(mallory.archive({ orgSlug: b.slug, contactId: eva.id }), 'NOT_FOUND', 'errors.contactNotFound');
    expect((await storedContacts(a.orgId)).map((c) => [c.name, c.version, c.archivedAt])).toEqual([['Eva', 1, null]]);
    expect(await storedContacts(b.orgId)).toEqual([]);
  });
});
