/**
 * Signing up: the account, the first organization and its slug, and every way the form can be
 * filled in wrong. Error texts are checked through the HTTP handler, as the browser gets them.
 */
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, memberships, organizations, users } from '@/db/schema';
import { messages } from '@/i18n/messages';
import { verifyPassword } from '@/server/adapters/passwords';
import { useTestDatabase } from '../helpers/db';
import { expectTRPCError } from '../helpers/errors';
import { callerFor, organizationId, signUpUser, TEST_PASSWORD, uniqueEmail, uniqueTag } from '../helpers/factories';
import { httpClientFor, shownError } from '../helpers/http';

const { db } = await useTestDatabase();
const { en, sv } = messages;

const anonymous = () => callerFor(db, null);

async function usersWithEmail(email: string) {
  return db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
}

describe('signing up creates the person and their first organization', () => {
  it('makes the new person owner of a new organization and records it in the audit log', async () => {
    const orgName = `Nordic Sales ${uniqueTag()}`;
    const person = await signUpUser(db, { name: 'Sara Seller', orgName });

    const me = await person.caller.me.get();
    // Not proven yet: the address is confirmed through the link emailed at sign-up.
    expect(me.user).toEqual({ id: person.userId, name: 'Sara Seller', email: person.email, emailVerifiedAt: null });
    expect(me.organizations).toEqual([{ slug: person.orgSlug, name: orgName, role: 'owner' }]);

    const orgId = await organizationId(db, person.orgSlug);
    const events = await db.select().from(auditEvents).where(eq(auditEvents.orgId, orgId));
    expect(events).toEqual([
      expect.objectContaining({
        action: 'organization.created',
        actorUserId: person.userId,
        entityId: orgId,
        after: { name: orgName, slug: person.orgSlug },
      }),
    ]);
  });

  it('stores the email trimmed and in lower case', async () => {
    const local = `Mixed.Case-${uniqueTag()}`;
    await anonymous().auth.signUp({
      name: 'Mixed Case',
      email: `  ${local}@Example.TEST `,
      password: TEST_PASSWORD,
      organizationName: `Org ${uniqueTag()}`,
    });
    const [stored] = await usersWithEmail(`${local}@example.test`);
    expect(stored?.email).toBe(`${local.toLowerCase()}@example.test`);
  });

  it('stores the password only as an argon2id hash that verifies', async () => {
    const person = await signUpUser(db);
    const [stored] = await usersWithEmail(person.email);
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored?.passwordHash).not.toContain(TEST_PASSWORD);
    expect(await verifyPassword(stored!.passwordHash, TEST_PASSWORD)).toBe(true);
    expect(await verifyPassword(stored!.passwordHash, `${TEST_PASSWORD}!`)).toBe(false);
  });
});

describe('sign-up refuses bad input and says which field is wrong', () => {
  const valid = () => ({ name: 'Valid Name', email: uniqueEmail(), password: TEST_PASSWORD, organizationName: `Org ${uniqueTag()}` });

  it('a password shorter than 8 characters', async () => {
    const input = { ...valid(), password: 'short' };
    const shown = await shownError(httpClientFor(db, null).auth.signUp.mutate(input));
    expect(shown).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400, message: en.errors.invalidInput });
    expect(shown.fieldErrors).toEqual({ password: en.validation.passwordTooShort });
    expect(await usersWithEmail(input.email)).toEqual([]);
  });

  it('an invalid email, an empty name, a password over 200 characters', async () => {
    const shown = await shownError(
      httpClientFor(db, null).auth.signUp.mutate({ ...valid(), name: '   ', email: 'not-an-email', password: 'x'.repeat(201) }),
    );
    expect(shown.code).toBe('BAD_REQUEST');
    expect(shown.fieldErrors).toEqual({
      name: en.validation.nameRequired,
      email: en.validation.emailInvalid,
      password: en.validation.passwordTooLong,
    });
  });

  it('no organization name and no invitation', async () => {
    const input = { ...valid(), organizationName: undefined };
    const shown = await shownError(httpClientFor(db, null).auth.signUp.mutate(input));
    expect(shown.code).toBe('BAD_REQUEST');
    expect(shown.fieldErrors).toEqual({ organizationName: en.validation.orgNameTooShort });
    expect(await usersWithEmail(input.email)).toEqual([]);
  });

  it('an email that already has an account, in whatever case, and nothing is created', async () => {
    const existing = await signUpUser(db);
    const orgName = `Second Try ${uniqueTag()}`;
    const input = { ...valid(), email: existing.email.toUpperCase(), organizationName: orgName };

    await expectTRPCError(anonymous().auth.signUp(input), 'CONFLICT', 'errors.emailTaken');
    const shown = await shownError(httpClientFor(db, null).auth.signUp.mutate(input));
    expect(shown).toMatchObject({ code: 'CONFLICT', httpStatus: 409, message: en.errors.emailTaken });
    expect(shown.message).toMatch(/account with this email already exists/);

    expect(await usersWithEmail(existing.email)).toHaveLength(1);
    expect(await db.select().from(organizations).where(eq(organizations.name, orgName))).toEqual([]);
  });

  it('tells a Swedish visitor in Swedish', async () => {
    const existing = await signUpUser(db);
    const client = httpClientFor(db, null, 'sv');

    const taken = await shownError(client.auth.signUp.mutate({ ...valid(), email: existing.email }));
    expect(taken.message).toBe(sv.errors.emailTaken);
    expect(taken.message).not.toBe(en.errors.emailTaken);

    const short = await shownError(client.auth.signUp.mutate({ ...valid(), password: 'kort' }));
    expect(short.message).toBe(sv.errors.invalidInput);
    expect(short.fieldErrors).toEqual({ password: sv.validation.passwordTooShort });

    const signedOut = await shownError(client.me.get.query());
    expect(signedOut).toMatchObject({ code: 'UNAUTHORIZED', message: sv.errors.signInRequired });
  });
});

describe('organization addresses (slugs) are readable and never collide', () => {
  it('a second organization with the same name gets "-2", a third "-3"', async () => {
    const tag = uniqueTag();
    const first = await signUpUser(db, { orgName: `Acme ${tag}` });
    const second = await signUpUser(db, { orgName: `Acme ${tag}` });
    const third = await signUpUser(db, { orgName: `ACME ${tag}` });
    expect([first.orgSlug, second.orgSlug, third.orgSlug]).toEqual([`acme-${tag}`, `acme-${tag}-2`, `acme-${tag}-3`]);
  });

  it('Swedish letters become plain ASCII', async () => {
    const tag = uniqueTag();
    const person = await signUpUser(db, { orgName: `Ålö Fläkt ${tag}` });
    expect(person.orgSlug).toBe(`alo-flakt-${tag}`);
    const me = await person.caller.me.get();
    expect(me.organizations[0]?.name).toBe(`Ålö Fläkt ${tag}`);
  });

  it("a name that spells one of the app's own paths gets a numbered slug instead", async () => {
    const person = await signUpUser(db, { orgName: 'Sign in' });
    expect(person.orgSlug).toMatch(/^sign-in-\d+$/);
  });

  it('every organization has exactly one owner membership after sign-up', async () => {
    const person = await signUpUser(db);
    const orgId = await organizationId(db, person.orgSlug);
    const members = await db
      .select({ userId: memberships.userId, role: memberships.role })
      .from(memberships)
      .where(eq(memberships.orgId, orgId));
    expect(members).toEqual([{ userId: person.userId, role: 'owner' }]);
  });
});
