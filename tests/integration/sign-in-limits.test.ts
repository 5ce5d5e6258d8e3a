/**
 * Password sign-in throttling: only failures count, per email from one address, per email from
 * anywhere (a looser ceiling) and per address across emails. The last test goes through Auth.js's
 * own route handler, as the browser's form does, with the header server.mjs writes.
 */
import { describe, expect, it, vi } from 'vitest';
import type * as DbClient from '@/db/client';
import { checkPasswordSignIn, SIGN_IN_FAILURE_LIMITS } from '@/server/auth/password-sign-in';
import { fromAddress, newClientAddress, runAsServerMjs } from '../helpers/client-address';
import { useTestDatabase } from '../helpers/db';
import { signUpUser, TEST_PASSWORD, uniqueEmail } from '../helpers/factories';

const scope = vi.hoisted(() => ({ db: null as DbClient.Db | null }));
vi.mock('@/db/client', async (original) => ({ ...(await original<typeof DbClient>()), getDb: () => Promise.resolve(scope.db!) }));
vi.stubEnv('AUTH_SECRET', 'sign-in-limits-test-secret-000000000000');
vi.stubEnv('AUTH_TRUST_HOST', 'true');

const { db } = await useTestDatabase();
scope.db = db;
runAsServerMjs();

const { perEmailFromAddress, perEmail, perAddress } = SIGN_IN_FAILURE_LIMITS;

async function person() {
  const email = uniqueEmail('signin');
  await signUpUser(db, { email });
  return email;
}
const right = (email: string, address: string) => checkPasswordSignIn(db, { email, password: TEST_PASSWORD }, address);
const wrong = (email: string, address: string) => checkPasswordSignIn(db, { email, password: 'not the password' }, address);
const kinds = async (attempts: Array<Promise<{ kind: string }>>) => (await Promise.all(attempts)).map((a) => a.kind);

describe('password sign-in limits', () => {
  it('never lock a login that keeps signing in successfully, like a shared demo login', async () => {
    const email = await person();
    const address = newClientAddress();
    for (let i = 0; i < perEmailFromAddress.limit + 5; i++) expect((await right(email, address)).kind).toBe('signedIn');
    // Nothing was counted: a full allowance of mistakes is still there.
    for (let i = 0; i < perEmailFromAddress.limit; i++) expect((await wrong(email, address)).kind).toBe('wrong');
    expect((await right(email, address)).kind).toBe('tooManyAttempts');
  });

  it('stop guesses at one email from one address, before the password is checked, without locking out its owner elsewhere', async () => {
    const email = await person();
    const stranger = newClientAddress();
    for (let i = 0; i < perEmailFromAddress.limit; i++) expect((await wrong(email, stranger)).kind).toBe('wrong');
    expect((await wrong(email, stranger)).kind).toBe('tooManyAttempts');
    // Even the right password is refused there: the limit is checked first.
    expect((await right(email, stranger)).kind).toBe('tooManyAttempts');
    expect((await right(email, newClientAddress())).kind).toBe('signedIn');
  });

  it('lock an email everywhere only at the global ceiling of failures from many addresses', async () => {
    const email = await person();
    const owner = newClientAddress();
    const strangers = Array.from({ length: perEmail.limit / perEmailFromAddress.limit }, newClientAddress);
    for (const stranger of strangers) {
      expect(await kinds(Array.from({ length: perEmailFromAddress.limit }, () => wrong(email, stranger)))).toEqual(
        Array(perEmailFromAddress.limit).fill('wrong'),
      );
      if (stranger !== strangers.at(-1)) expect((await right(email, owner)).kind).toBe('signedIn');
    }
    expect((await right(email, owner)).kind).toBe('tooManyAttempts');
    expect((await right(email, newClientAddress())).kind).toBe('tooManyAttempts');
  });

  it('stop one address trying passwords on many emails', async () => {
    const address = newClientAddress();
    const emails = Array.from({ length: perAddress.limit }, () => uniqueEmail('nobody'));
    for (let i = 0; i < emails.length; i += 25) {
      expect(new Set(await kinds(emails.slice(i, i + 25).map((email) => wrong(email, address))))).toEqual(new Set(['wrong']));
    }
    const email = await person();
    expect((await right(email, address)).kind).toBe('tooManyAttempts');
    expect((await right(email, newClientAddress())).kind).toBe('signedIn');
  });

  it('let no more concurrent wrong guesses through than the limit', async () => {
    const email = await person();
    const address = newClientAddress();
    const outcomes = await kinds(Array.from({ length: 3 * perEmailFromAddress.limit }, () => wrong(email, address)));
    expect(outcomes.filter((kind) => kind === 'wrong')).toHaveLength(perEmailFromAddress.limit);
    expect(outcomes.filter((kind) => kind === 'tooManyAttempts')).toHaveLength(2 * perEmailFromAddress.limit);
  });
});

const { handlers } = await import('@/server/auth/config');

describe('the sign-in form, through Auth.js', () => {
  /** Posts the credentials as the sign-in form does; returns the error code Auth.js redirects with, or 'signedIn'. */
  async function signIn(email: string, password: string, headers: Record<string, string>) {
    const csrf = await handlers.GET(new Request('http://rung.test/api/auth/csrf', { headers }) as never);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookie = csrf.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const response = await handlers.POST(
      new Request('http://rung.test/api/auth/callback/credentials', {
        method: 'POST',
        headers: { ...headers, cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email, password, csrfToken, callbackUrl: 'http://rung.test/' }),
      }) as never,
    );
    const location = new URL(response.headers.get('location') ?? '', 'http://rung.test');
    return location.searchParams.get('code') ?? location.searchParams.get('error') ?? 'signedIn';
  }

  it('counts a forged X-Forwarded-For in the same bucket as the address server.mjs saw', async () => {
    const email = await person();
    const address = newClientAddress();
    for (let i = 0; i < perEmailFromAddress.limit; i++) {
      expect(await signIn(email, 'not the password', { ...fromAddress(address), 'x-forwarded-for': newClientAddress() })).toBe(
        'credentials',
      );
    }
    expect(await signIn(email, TEST_PASSWORD, { ...fromAddress(address), 'x-forwarded-for': newClientAddress() })).toBe('rate_limited');
    expect(await signIn(email, TEST_PASSWORD, fromAddress(newClientAddress()))).toBe('signedIn');
  });

  it('counts guesses at many emails from one address in one bucket, whatever X-Forwarded-For each one claims', async () => {
    const address = newClientAddress();
    for (let i = 0; i < perAddress.limit; i += 20) {
      const round = Array.from({ length: 20 }, () =>
        signIn(uniqueEmail('nobody'), 'not the password', { ...fromAddress(address), 'x-forwarded-for': newClientAddress() }),
      );
      expect(new Set(await Promise.all(round))).toEqual(new Set(['credentials']));
    }
    const email = await person();
    expect(await signIn(email, TEST_PASSWORD, { ...fromAddress(address), 'x-forwarded-for': newClientAddress() })).toBe('rate_limited');
    expect(await signIn(email, TEST_PASSWORD, fromAddress(newClientAddress()))).toBe('signedIn');
  });
});
