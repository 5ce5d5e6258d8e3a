/**
 * The public endpoints' limits, keyed on the client address server.mjs writes into each request:
 * sign-up (app/api/trpc), the customer's answer (app/c/[token]/answer) and the customer's page.
 * The route handlers are called in-process with the request server.mjs would hand them; only the
 * database (this file's) and the signed-in viewer (nobody) are replaced.
 */
import { randomUUID } from 'node:crypto';
import { createTRPCClient, httpLink } from '@trpc/client';
import superjson from 'superjson';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { POST as answerRoute } from '@/app/c/[token]/answer/route';
import { POST as trpcRoute } from '@/app/api/trpc/[trpc]/route';
import type * as DbClient from '@/db/client';
import { CLIENT_ADDRESS_SERVER_MARK } from '@/lib/client-address.mjs';
import type { AppRouter } from '@/server/api/root';
import { clientAddress } from '@/server/adapters/rate-limit';
import { viewConfirmation } from '@/server/services/confirmations';
import { SIGN_UPS_PER_ADDRESS } from '@/server/routers/auth';
import { insertAccount } from '../helpers/accounts';
import { fromAddress, newClientAddress, runAsServerMjs } from '../helpers/client-address';
import { useTestDatabase } from '../helpers/db';
import { shownError } from '../helpers/http';
import type { Queryable } from '@/db/client';
import { confirmationToken, createTenant, TEST_PASSWORD, uniqueEmail } from '../helpers/factories';

const scope = vi.hoisted(() => ({ db: null as DbClient.Db | null }));
vi.mock('@/db/client', async (original) => ({ ...(await original<typeof DbClient>()), getDb: () => Promise.resolve(scope.db!) }));
// The session as the test sets it: the request context reads the person through signedInUserFromHeaders.
vi.mock('@/server/auth/config', () => {
  const currentUserId = () => Promise.resolve(null);
  return {
    currentUserId,
    signedInUserFromHeaders: async (database: Queryable) => {
      const id = await currentUserId();
      return id ? (await import('@/server/services/identity')).findUserById(database, id) : null;
    },
  };
});

const { db } = await useTestDatabase();
scope.db = db;
runAsServerMjs();
afterAll(runAsServerMjs);

/** A tRPC client whose requests reach app/api/trpc as server.mjs hands them on, with `headers`. */
const clientWith = (headers: () => Record<string, string>) =>
  createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: 'http://rung.test/api/trpc',
        transformer: superjson,
        headers,
        fetch: (url, init) => trpcRoute(new Request(url, init as RequestInit)),
      }),
    ],
  });

const signUp = (client: ReturnType<typeof clientWith>) =>
  client.auth.signUp.mutate({ name: 'Sam Signup', email: uniqueEmail('signup'), password: TEST_PASSWORD, organizationName: 'Sign Up Co' });

describe('sign-up', () => {
  it('is limited per client address, whatever X-Forwarded-For says', async () => {
    const address = newClientAddress();
    const client = clientWith(() => ({ ...fromAddress(address), 'x-forwarded-for': newClientAddress() }));
    for (let i = 0; i < SIGN_UPS_PER_ADDRESS.limit; i++) await signUp(client);
    expect(await shownError(signUp(client))).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: 'Too many sign-up attempts from this network in the last hour. Please wait a while and try again.',
    });
    // Another client is not held up by the first.
    await expect(signUp(clientWith(() => fromAddress(newClientAddress())))).resolves.toMatchObject({ orgSlug: expect.any(String) });
  });

  it('counts a refused attempt too, so probing for registered addresses is limited as well', async () => {
    const taken = uniqueEmail('taken');
    const address = newClientAddress();
    const client = clientWith(() => fromAddress(address));
    await client.auth.signUp.mutate({ name: 'Tia Taken', email: taken, password: TEST_PASSWORD, organizationName: 'Taken Co' });
    for (let i = 1; i < SIGN_UPS_PER_ADDRESS.limit; i++) {
      expect(
        (
          await shownError(
            client.auth.signUp.mutate({ name: 'Probe', email: taken, password: TEST_PASSWORD, organizationName: 'P' + 'x'.repeat(3) }),
          )
        ).code,
      ).toBe('CONFLICT');
    }
    expect((await shownError(signUp(client))).code).toBe('TOO_MANY_REQUESTS');
  });
});

async function openLink() {
  const owner = await createTenant(db);
  const account = await insertAccount(db, owner.orgSlug, { ownerUserId: owner.userId });
  const created = await owner.caller.confirmation.create({
    orgSlug: owner.orgSlug,
    accountId: account.id,
    contactId: null,
    language: 'en',
  });
  return confirmationToken(created.url);
}

/** Posts an answer as a browser without JavaScript does; returns what the page will show ('answered' or the error). */
async function answer(token: string, headers: Record<string, string>) {
  const response = await answerRoute(
    new Request(`http://rung.test/c/${token}/answer`, {
      method: 'POST',
      body: new URLSearchParams({ level: '3', respondentName: 'Cay Customer', submissionKey: randomUUID() }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    }),
    { params: Promise.resolve({ token }) },
  );
  const location = new URL(response.headers.get('location')!, 'http://rung.test');
  return location.searchParams.get('answered') === '1' ? 'answered' : location.searchParams.get('error');
}

describe("the customer's answer", () => {
  it('is limited per client address: a forged X-Forwarded-For does not start a fresh count', async () => {
    const token = await openLink();
    const address = newClientAddress();
    const forged = () => ({ ...fromAddress(address), 'x-forwarded-for': newClientAddress() });
    const outcomes = [];
    for (let i = 0; i < 21; i++) outcomes.push(await answer(token, forged()));
    expect(outcomes.slice(0, 20)).toEqual(Array(20).fill('answered'));
    expect(outcomes[20]).toBe('tooMany');
    // Another customer, at another address, answers as usual.
    expect(await answer(token, fromAddress(newClientAddress()))).toBe('answered');
  });
});

describe("the customer's page", () => {
  it('is limited per client address as server.mjs saw it, and two addresses count apart', async () => {
    const token = await openLink();
    const address = newClientAddress();
    const kinds = [];
    for (let i = 0; i < 61; i++) {
      kinds.push(
        (await viewConfirmation(token, clientAddress(new Headers({ ...fromAddress(address), 'x-forwarded-for': `198.51.100.${i}` })))).kind,
      );
    }
    expect(kinds.slice(0, 60)).toEqual(Array(60).fill('ok'));
    expect(kinds[60]).toBe('tooMany');
    expect((await viewConfirmation(token, clientAddress(new Headers(fromAddress(newClientAddress()))))).kind).toBe('ok');
  });
});

describe('the client address outside server.mjs', () => {
  it('is not read from the request at all: every client shares one bucket rather than choosing its own', () => {
    delete (globalThis as { [CLIENT_ADDRESS_SERVER_MARK]?: boolean })[CLIENT_ADDRESS_SERVER_MARK];
    const warned = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(clientAddress(new Headers({ ...fromAddress('203.0.113.7'), 'x-forwarded-for': '203.0.113.8' }))).toBe('unknown');
    expect(clientAddress(new Headers(fromAddress('203.0.113.9')))).toBe('unknown');
    warned.mockRestore();
    runAsServerMjs();
    expect(clientAddress(new Headers(fromAddress('203.0.113.7')))).toBe('203.0.113.7');
    expect(clientAddress(new Headers(fromAddress('2001:db8:1:2::7')))).toBe('2001:db8:1:2::/64');
  });
});
