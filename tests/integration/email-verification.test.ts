/**
 * Proving an address: the verification link (hash stored, single use, 24 hours, resend limited),
 * what waits for it (accepting an invitation), and whom single sign-on may sign in as.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { outboxMessages, users } from '@/db/schema';
import { hashToken } from '@/server/adapters/tokens';
import { accountForSso } from '@/server/services/sso-accounts';
import { useTestDatabase } from '../helpers/db';
import { expectTRPCError } from '../helpers/errors';
import {
  callerFor,
  createTenant,
  invite,
  signUpUser,
  TEST_PASSWORD,
  uniqueEmail,
  verificationLinkFor,
  verifyEmailOf,
} from '../helpers/factories';
import { openText } from '@/server/adapters/secrets';
import { rows } from '../helpers/sql';

const { db } = await useTestDatabase();
const anonymous = () => callerFor(db, null);
const HOUR = 60 * 60 * 1000;

afterEach(() => {
  vi.unstubAllEnvs();
});

function withoutSmtp() {
  vi.stubEnv('SMTP_URL', undefined);
}

async function userRow(email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email));
  return row!;
}

async function linkTokenFor(email: string): Promise<string> {
  const link = await verificationLinkFor(db, email);
  expect(link).toMatch(/^http:\/\/rung\.test\/verify-email\/[\w-]{43}$/);
  return link!.split('/verify-email/')[1]!;
}

describe('the verification link', () => {
  it('is emailed at sign-up (in the new organization’s outbox without SMTP), and only its hash is stored', async () => {
    withoutSmtp();
    const owner = await createTenant(db);
    expect((await owner.caller.me.get()).user.emailVerifiedAt).toBeNull();
    const token = await linkTokenFor(owner.email);

    const stored = await userRow(owner.email);
    expect(stored.emailVerificationTokenHash).toBe(hashToken(token));
    const expiresIn = stored.emailVerificationExpiresAt!.getTime() - Date.now();
    expect(expiresIn).toBeGreaterThan(23.9 * HOUR);
    expect(expiresIn).toBeLessThanOrEqual(24 * HOUR);
    const [asText] = await rows<{ row: string }>(db, sql`select row_to_json(u)::text as row from users u where u.id = ${owner.userId}`);
    expect(asText?.row).not.toContain(token);

    const { messages } = await owner.caller.outbox.list({ orgSlug: owner.orgSlug });
    expect(messages).toEqual([expect.objectContaining({ toEmail: owner.email, subject: 'Confirm your email address for Rung' })]);
  });

  it('verifies the address once: the second click, and a made-up token, get the same NOT_FOUND', async () => {
    withoutSmtp();
    const owner = await createTenant(db);
    const token = await linkTokenFor(owner.email);

    expect(await anonymous().auth.verifyEmail({ token })).toEqual({ verified: true });
    const verified = await userRow(owner.email);
    expect(verified.emailVerifiedAt).toBeInstanceOf(Date);
    expect(verified.emailVerificationTokenHash).toBeNull();
    expect((await owner.caller.me.get()).user.emailVerifiedAt).toEqual(verified.emailVerifiedAt);

    await expectTRPCError(anonymous().auth.verifyEmail({ token }), 'NOT_FOUND', 'errors.verificationLinkInvalid');
    await expectTRPCError(anonymous().auth.verifyEmail({ token: 'x'.repeat(43) }), 'NOT_FOUND', 'errors.verificationLinkInvalid');
    expect((await userRow(owner.email)).emailVerifiedAt).toEqual(verified.emailVerifiedAt);
  });

  it('stops working after 24 hours', async () => {
    withoutSmtp();
    const owner = await createTenant(db);
    const token = await linkTokenFor(owner.email);
    await db
      .update(users)
      .set({ emailVerificationExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(users.id, owner.userId));
    await expectTRPCError(anonymous().auth.verifyEmail({ token }), 'NOT_FOUND', 'errors.verificationLinkInvalid');
    expect((await userRow(owner.email)).emailVerifiedAt).toBeNull();
  });

  it('sent again replaces the earlier link, and is limited to five a person an hour', async () => {
    withoutSmtp();
    const owner = await createTenant(db);
    const first = await linkTokenFor(owner.email);
    expect(await owner.caller.auth.resendVerification()).toEqual({ alreadyVerified: false, emailed: false });
    const second = await linkTokenFor(owner.email);
    expect(second).not.toBe(first);
    await expectTRPCError(anonymous().auth.verifyEmail({ token: first }), 'NOT_FOUND', 'errors.verificationLinkInvalid');

    for (let i = 0; i < 4; i++) await owner.caller.auth.resendVerification();
    await expectTRPCError(owner.caller.auth.resendVerification(), 'TOO_MANY_REQUESTS', 'errors.verificationResendLimited');
    // Someone else's limit is their own.
    const other = await createTenant(db);
    await expect(other.caller.auth.resendVerification()).resolves.toEqual({ alreadyVerified: false, emailed: false });

    await anonymous().auth.verifyEmail({ token: await linkTokenFor(owner.email) });
    expect((await userRow(owner.email)).emailVerifiedAt).toBeInstanceOf(Date);
  });

  it('says so instead of sending another link once the address is verified', async () => {
    withoutSmtp();
    const owner = await createTenant(db);
    await verifyEmailOf(db, owner.email);
    expect(await owner.caller.auth.resendVerification()).toEqual({ alreadyVerified: true, emailed: false });
  });

  it('with SMTP, the outbox copy (which admins read) holds no link', async () => {
    vi.stubEnv('SMTP_URL', 'smtp://127.0.0.1:1');
    const owner = await createTenant(db);
    const [message] = await db.select().from(outboxMessages).where(eq(outboxMessages.toEmail, owner.email));
    expect(message).toMatchObject({ kind: 'email-verification', status: 'failed' });
    const kept = openText(message!.bodyText);
    expect(kept).not.toContain('/verify-email/');
    expect(kept).toContain('[The link is only in the email sent to the address, not in this copy.]');
  });
});

describe('accepting an invitation needs a proven address', () => {
  it('a squatter who signed up under the address before it was invited cannot accept, even holding the link', async () => {
    withoutSmtp();
    const owner = await createTenant(db);
    const email = uniqueEmail('squatted');
    const squatter = await signUpUser(db, { email });
    const { token } = await invite(owner.caller, owner.orgSlug, 'admin', email);

    await expectTRPCError(squatter.caller.invitation.accept({ token }), 'FORBIDDEN', 'errors.invitationEmailUnverified');
    await expectTRPCError(squatter.caller.member.list({ orgSlug: owner.orgSlug }), 'NOT_FOUND', 'errors.orgNotFound');
    // The invitation is still there for whoever proves the address.
    await expect(anonymous().invitation.preview({ token })).resolves.toMatchObject({ email });
  });

  it('the same account accepts once its address is verified', async () => {
    withoutSmtp();
    const owner = await createTenant(db);
    const person = await signUpUser(db);
    const { token } = await invite(owner.caller, owner.orgSlug, 'member', person.email);
    await expectTRPCError(person.caller.invitation.accept({ token }), 'FORBIDDEN', 'errors.invitationEmailUnverified');

    await verifyEmailOf(db, person.email);
    expect(await person.caller.invitation.accept({ token })).toEqual({ orgSlug: owner.orgSlug });
    expect((await person.caller.member.list({ orgSlug: owner.orgSlug })).map((m) => m.email)).toContain(person.email);
  });

  it('a verified account with another address is still refused', async () => {
    withoutSmtp();
    const owner = await createTenant(db);
    const other = await signUpUser(db);
    await verifyEmailOf(db, other.email);
    const { token, email } = await invite(owner.caller, owner.orgSlug, 'member');
    await expectTRPCError(other.caller.invitation.accept({ token }), 'FORBIDDEN', 'errors.invitationOtherEmail');
    await expect(anonymous().invitation.preview({ token })).resolves.toMatchObject({ email });
  });

  it('signing up through the link joins at once, and the new account still verifies its address for everything else', async () => {
    withoutSmtp();
    const owner = await createTenant(db);
    const { token, email } = await invite(owner.caller, owner.orgSlug, 'member');
    expect(await anonymous().auth.signUp({ name: 'Invited', email, password: TEST_PASSWORD, invitationToken: token })).toEqual({
      orgSlug: owner.orgSlug,
    });
    const joined = await userRow(email);
    expect(joined.emailVerifiedAt).toBeNull();
    // Its verification email went to the organization it joined.
    const [message] = await db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.toEmail, email.toLowerCase()), eq(outboxMessages.kind, 'email-verification')));
    expect(message).toMatchObject({ orgId: owner.orgId });
    await linkTokenFor(email);
  });
});

describe('single sign-on finds or makes the account', () => {
  it('a first sign-in with a verified address creates a verified account; the next finds the same one', async () => {
    const email = uniqueEmail('sso');
    const first = await accountForSso(db, { email: email.toUpperCase(), name: 'Sam Sso', emailVerified: true });
    expect(first).toEqual({ userId: expect.any(String) });
    const created = await userRow(email);
    expect(created).toMatchObject({ name: 'Sam Sso', passwordHash: null, emailVerifiedAt: expect.any(Date) });
    expect(await accountForSso(db, { email, name: 'Sam Sso', emailVerified: true })).toEqual(first);
  });

  it('an unverified claim is refused and creates nothing', async () => {
    const email = uniqueEmail('sso-unverified');
    expect(await accountForSso(db, { email, name: 'X', emailVerified: false })).toEqual({ refused: 'unverifiedClaim' });
    expect(await db.select().from(users).where(eq(users.email, email))).toEqual([]);
  });

  it('links to a password account only once that account has verified the address too', async () => {
    withoutSmtp();
    const owner = await createTenant(db);
    expect(await accountForSso(db, { email: owner.email, name: 'X', emailVerified: true })).toEqual({ refused: 'unverifiedAccount' });
    expect(await accountForSso(db, { email: owner.email, name: 'X', emailVerified: false })).toEqual({ refused: 'unverifiedClaim' });
    await verifyEmailOf(db, owner.email);
    expect(await accountForSso(db, { email: owner.email, name: 'X', emailVerified: true })).toEqual({ userId: owner.userId });
    expect(await accountForSso(db, { email: owner.email, name: 'X', emailVerified: false })).toEqual({ refused: 'unverifiedClaim' });
  });
});
