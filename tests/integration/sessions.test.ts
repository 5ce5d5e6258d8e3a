/**
 * Sessions that end everywhere. A session is an Auth.js JWT in a cookie; each test builds that
 * cookie with Auth.js's own `encode`, exactly as sign-in would, and resolves it through the
 * tRPC request context (the path every page and API call takes). Ending a person's sessions
 * (sign-out, password change, reset) must refuse every cookie issued before it, copies included.
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { describe, expect, it, vi } from 'vitest';
import { outboxMessages, passwordResets, rateLimits, users } from '@/db/schema';
import { verifyPassword } from '@/server/adapters/passwords';
import { createCaller } from '@/server/api/root';
import { checkPasswordSignIn, SIGN_IN_FAILURE_LIMITS } from '@/server/auth/password-sign-in';
import type { AccountStreamEvent } from '@/server/runtime/events';
import {
  changePassword,
  completePasswordReset,
  currentSessionVersion,
  endAllSessions,
  requestPasswordReset,
  RESET_LINK_LIFETIME_MS,
} from '@/server/services/sessions';
import { useTestDatabase } from '../helpers/db';
import { expectTRPCError } from '../helpers/errors';
import { createTenant, organizationId, TEST_PASSWORD, uniqueEmail, type Caller } from '../helpers/factories';
import { createTeam } from '../helpers/team';

// Auth.js reads its secret when the configuration is created, so it is set before the import.
const SECRET = 'integration-test-secret-for-session-tokens-0123456789';
process.env.AUTH_SECRET = SECRET;
const { contextFor } = await import('@/server/api/context');

const { db } = await useTestDatabase();
const COOKIE = 'authjs.session-token';

/** The cookie a browser holds after signing in now: the token carries the person's current version. */
async function signInCookie(userId: string): Promise<string> {
  const sv = await currentSessionVersion(db, userId);
  return cookieFor({ sub: userId, uid: userId, sv });
}

async function cookieFor(token: Record<string, unknown>): Promise<string> {
  return `${COOKIE}=${await encode({ token, secret: SECRET, salt: COOKIE })}`;
}

/** Who the request with this cookie is, as the tRPC context resolves it. */
async function whoIs(cookie: string): Promise<string | null> {
  const context = await contextFor(db, new Headers({ cookie, host: 'rung.test', 'x-forwarded-proto': 'http' }), 'en');
  return context.userId;
}

async function requestWith(cookie: string) {
  return createCaller(await contextFor(db, new Headers({ cookie, host: 'rung.test', 'x-forwarded-proto': 'http' }), 'en'));
}

describe('a session token', () => {
  it('is accepted while its version is the current one, and refused after the person signs out', async () => {
    const person = await createTenant(db);
    const copied = await signInCookie(person.userId);
    expect(await whoIs(copied)).toBe(person.userId);
    expect((await (await requestWith(copied)).me.get()).user.id).toBe(person.userId);

    // Signing out ends every session of the person (server/auth/server-functions.ts).
    await endAllSessions(db, person.userId);

    expect(await whoIs(copied)).toBeNull();
    await expectTRPCError((await requestWith(copied)).me.get(), 'UNAUTHORIZED');
    // Signing in again gives a token that works.
    expect(await whoIs(await signInCookie(person.userId))).toBe(person.userId);
  });

  it('without a version (issued before versions existed) or with a forged one is refused', async () => {
    const person = await createTenant(db);
    expect(await whoIs(await cookieFor({ sub: person.userId, uid: person.userId }))).toBeNull();
    expect(await whoIs(await cookieFor({ sub: person.userId, uid: person.userId, sv: 5 }))).toBeNull();
    // The same claims signed with another secret are not a session at all.
    const forged = await encode({ token: { uid: person.userId, sv: 0 }, secret: 'another secret entirely, not the app one', salt: COOKIE });
    expect(await whoIs(`${COOKIE}=${forged}`)).toBeNull();
  });

  it('"sign out everywhere" ends the sessions of every device, not someone else\'s', async () => {
    const person = await createTenant(db);
    const other = await createTenant(db);
    const laptop = await signInCookie(person.userId);
    const phone = await signInCookie(person.userId);
    const othersSession = await signInCookie(other.userId);

    await endAllSessions(db, person.userId);

    expect(await whoIs(laptop)).toBeNull();
    expect(await whoIs(phone)).toBeNull();
    expect(await whoIs(othersSession)).toBe(other.userId);
  });
});

describe('changing the password', () => {
  it('refuses a wrong current password and changes nothing', async () => {
    const person = await createTenant(db);
    const session = await signInCookie(person.userId);
    expect(await changePassword(db, person.userId, { currentPassword: 'not my password', newPassword: 'a brand new secret' })).toBe(
      'wrongPassword',
    );
    expect(await whoIs(session)).toBe(person.userId);
    const [stored] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, person.userId));
    expect(await verifyPassword(stored!.hash, TEST_PASSWORD)).toBe(true);
  });

  it('ends every other session; the new password works and the old one no longer does', async () => {
    const person = await createTenant(db);
    const elsewhere = await signInCookie(person.userId);
    expect(await changePassword(db, person.userId, { currentPassword: TEST_PASSWORD, newPassword: 'a brand new secret' })).toBe('changed');

    expect(await whoIs(elsewhere)).toBeNull();
    const [stored] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, person.userId));
    expect(await verifyPassword(stored!.hash, 'a brand new secret')).toBe(true);
    expect(await verifyPassword(stored!.hash, TEST_PASSWORD)).toBe(false);
    // The browser that changed it signs in again with the new password and gets a working token.
    expect(await whoIs(await signInCookie(person.userId))).toBe(person.userId);
  });

  it('is for people who have a password; the others set one through a reset link', async () => {
    const person = await createTenant(db);
    await db.update(users).set({ passwordHash: null }).where(eq(users.id, person.userId));
    expect(await changePassword(db, person.userId, { currentPassword: '', newPassword: 'a brand new secret' })).toBe('noPassword');
  });

  it('is rate limited per person', async () => {
    const person = await createTenant(db);
    const outcomes: string[] = [];
    for (let i = 0; i < 11; i++) {
      outcomes.push(await changePassword(db, person.userId, { currentPassword: 'wrong guess', newPassword: 'a brand new secret' }));
    }
    expect(outcomes.slice(0, 10).every((o) => o === 'wrongPassword')).toBe(true);
    expect(outcomes[10]).toBe('tooManyAttempts');
  });
});

describe('password reset by email', () => {
  const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');

  /**
   * Asks for a reset and returns the token from the link. No mail server here, so the link goes to
   * the server's log, never to an organization's outbox, where its owners would read it.
   */
  async function askForReset(email: string, orgSlug: string, clientAddress = `10.0.${Math.floor(Math.random() * 250)}.1`) {
    const log = vi.spyOn(console, 'info').mockImplementation(() => {});
    let logged: string[];
    try {
      expect(await requestPasswordReset(db, { email, clientAddress, appUrl: 'http://rung.test', locale: 'en' })).toBe('sent');
    } finally {
      logged = log.mock.calls.map((args) => args.join(' '));
      log.mockRestore();
    }
    const orgId = await organizationId(db, orgSlug);
    const inOutbox = await db.select().from(outboxMessages).where(eq(outboxMessages.orgId, orgId));
    expect(inOutbox.filter((m) => m.kind === 'password-reset')).toEqual([]);
    const line = logged.find((text) => text.includes(email));
    const token = /\/reset-password\/([A-Za-z0-9_-]{43})/.exec(line ?? '')?.[1];
    expect(token).toBeDefined();
    return token!;
  }

  it('refuses the address itself as the new password, and leaves the link usable', async () => {
    const person = await createTenant(db);
    const token = await askForReset(person.email, person.orgSlug);
    expect(await completePasswordReset(db, token, person.email)).toEqual({ ok: false, passwordIsEmail: true });
    expect(await completePasswordReset(db, token, person.email.split('@')[0]!.toUpperCase())).toEqual({ ok: false, passwordIsEmail: true });
    expect(await completePasswordReset(db, token, 'a sound new secret')).toEqual({ ok: true, email: person.email });
  });

  it('stores only the hash of the link, works once, and ends every session', async () => {
    const person = await createTenant(db);
    const session = await signInCookie(person.userId);
    const token = await askForReset(person.email, person.orgSlug);

    const stored = await db.select().from(passwordResets).where(eq(passwordResets.userId, person.userId));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(stored)).not.toContain(token);

    expect(await completePasswordReset(db, token, 'chosen after reset')).toEqual({ ok: true, email: person.email });
    expect(await whoIs(session)).toBeNull();
    const [user] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, person.userId));
    expect(await verifyPassword(user!.hash, 'chosen after reset')).toBe(true);

    // Used: a second try changes nothing.
    expect(await completePasswordReset(db, token, 'someone else tries')).toEqual({ ok: false });
    const [after] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, person.userId));
    expect(await verifyPassword(after!.hash, 'chosen after reset')).toBe(true);
  });

  it('lets a person locked out by failed sign-ins in with the new password at once; others stay locked', async () => {
    const locked = await createTenant(db);
    const other = await createTenant(db);
    const address = `10.9.${Math.floor(Math.random() * 250)}.7`;
    const signIn = (email: string, password: string, from = address) => checkPasswordSignIn(db, { email, password }, from);
    for (const person of [locked, other]) {
      for (let i = 0; i < SIGN_IN_FAILURE_LIMITS.perEmailFromAddress.limit; i++) {
        expect((await signIn(person.email, 'a wrong guess')).kind).toBe('wrong');
      }
      expect((await signIn(person.email, TEST_PASSWORD)).kind).toBe('tooManyAttempts');
    }

    const token = await askForReset(locked.email, locked.orgSlug);
    expect(await completePasswordReset(db, token, 'my fresh start 2026')).toEqual({ ok: true, email: locked.email });
    expect((await signIn(locked.email, 'my fresh start 2026')).kind).toBe('signedIn');
    // The other person's lockout, and what the address tried across emails, are still counted.
    expect((await signIn(other.email, TEST_PASSWORD)).kind).toBe('tooManyAttempts');
    const [byAddress] = await db
      .select()
      .from(rateLimits)
      .where(eq(rateLimits.key, `sign-in:failed:address:${address}`));
    expect(byAddress?.hits).toBeGreaterThanOrEqual(2 * SIGN_IN_FAILURE_LIMITS.perEmailFromAddress.limit);
  });

  it('refuses an expired link and a wrong one', async () => {
    const person = await createTenant(db);
    const token = await askForReset(person.email, person.orgSlug);
    const later = new Date(Date.now() + RESET_LINK_LIFETIME_MS + 60_000);
    expect(await completePasswordReset(db, token, 'too late for this', later)).toEqual({ ok: false });
    const wrong = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    expect(await completePasswordReset(db, wrong, 'a guessed link')).toEqual({ ok: false });
    // Still usable before it expires.
    expect(await completePasswordReset(db, token, 'in time after all')).toMatchObject({ ok: true });
  });

  it('gives the same answer for an unknown email and sends nothing', async () => {
    const before = await db.select({ id: passwordResets.id }).from(passwordResets);
    const answer = await requestPasswordReset(db, {
      email: uniqueEmail('nobody'),
      clientAddress: '10.9.9.9',
      appUrl: 'http://rung.test',
      locale: 'en',
    });
    expect(answer).toBe('sent');
    expect(await db.select({ id: passwordResets.id }).from(passwordResets)).toHaveLength(before.length);
  });

  it('is rate limited per email and per client address, whether or not the email exists', async () => {
    const person = await createTenant(db);
    const answers: string[] = [];
    for (let i = 0; i < 6; i++) {
      answers.push(
        await requestPasswordReset(db, { email: person.email, clientAddress: `10.1.${i}.1`, appUrl: 'http://rung.test', locale: 'en' }),
      );
    }
    expect(answers).toEqual(['sent', 'sent', 'sent', 'sent', 'sent', 'tooManyAttempts']);

    const address = `10.2.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const fromOneAddress: string[] = [];
    for (let i = 0; i < 31; i++) {
      fromOneAddress.push(
        await requestPasswordReset(db, { email: uniqueEmail('spray'), clientAddress: address, appUrl: 'http://rung.test', locale: 'en' }),
      );
    }
    expect(fromOneAddress.filter((a) => a === 'tooManyAttempts')).toHaveLength(1);
    expect(fromOneAddress.at(-1)).toBe('tooManyAttempts');
  });
});

describe('an open live-update stream', () => {
  type Events = AsyncIterator<AccountStreamEvent, void, undefined>;

  async function subscribe(caller: Caller, orgSlug: string, accountId: string): Promise<Events> {
    const iterable = await caller.assessment.onAccountEvent({ orgSlug, accountId });
    return iterable[Symbol.asyncIterator]();
  }

  /** How the stream ended within a few seconds: 'done', or the error code it ended with. */
  async function howItEnds(events: Events, ms = 3_000): Promise<string> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve('still open'), ms);
    });
    const ended = (async () => {
      try {
        for (;;) {
          const result = await events.next();
          if (result.done) return 'done';
        }
      } catch (error) {
        return (error as { code?: string }).code ?? String(error);
      }
    })();
    try {
      return await Promise.race([ended, timeout]);
    } finally {
      clearTimeout(timer);
      void events.return?.();
    }
  }

  it("ends when its reader is removed from the organization, and nobody else's does", async () => {
    const t = await createTeam(db, { members: { mia: 'member', max: 'member' }, account: true });
    const mias = await subscribe(t.mia.caller, t.slug, t.account.id);
    const maxs = await subscribe(t.max.caller, t.slug, t.account.id);

    await t.owner.caller.member.remove({ orgSlug: t.slug, membershipId: t.mia.membershipId });

    expect(await howItEnds(mias)).toBe('NOT_FOUND');
    expect(await howItEnds(maxs, 500)).toBe('still open');
  });

  it('ends when its reader signs out everywhere', async () => {
    const t = await createTeam(db, { members: { mia: 'member' }, account: true });
    const mias = await subscribe(t.mia.caller, t.slug, t.account.id);
    await endAllSessions(db, t.mia.userId);
    expect(await howItEnds(mias)).toBe('NOT_FOUND');
  });
});
