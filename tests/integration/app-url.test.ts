/**
 * Links in emails point at APP_URL, whatever the request says about where it came to. The request
 * goes through the app's own tRPC route handler, as a browser's would, with forged Host,
 * X-Forwarded-Host and X-Forwarded-Proto headers.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createTRPCClient, httpLink } from '@trpc/client';
import { eq } from 'drizzle-orm';
import superjson from 'superjson';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { outboxMessages } from '@/db/schema';
import type { AppRouter } from '@/server/api/root';
import { openText } from '@/server/adapters/secrets';
import { useTestDatabase } from '../helpers/db';
import type { Queryable } from '@/db/client';
import { createTenant, uniqueEmail } from '../helpers/factories';

const { db } = await useTestDatabase();
const signedIn = vi.hoisted(() => ({ userId: null as string | null }));
// The session as the test sets it: the request context reads the person through signedInUserFromHeaders.
vi.mock('@/server/auth/config', () => {
  const currentUserId = () => Promise.resolve(signedIn.userId);
  return {
    currentUserId,
    signedInUserFromHeaders: async (database: Queryable) => {
      const id = await currentUserId();
      return id ? (await import('@/server/services/identity')).findUserById(database, id) : null;
    },
  };
});
vi.mock('@/db/client', async (original) => ({ ...(await original<object>()), getDb: () => Promise.resolve(db) }));
const { POST: trpcRoute } = await import('@/app/api/trpc/[trpc]/route');

const FORGED = { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };

function forgedClient() {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: 'http://evil.example/api/trpc',
        transformer: superjson,
        headers: FORGED,
        fetch: (url, init) => trpcRoute(new Request(url, init as RequestInit)),
      }),
    ],
  });
}

afterEach(() => vi.unstubAllEnvs());

async function inviteThroughForgedRequest() {
  const owner = await createTenant(db);
  signedIn.userId = owner.userId;
  const email = uniqueEmail('forged-host');
  return forgedClient().invitation.create.mutate({ orgSlug: owner.orgSlug, email, role: 'member' });
}

describe('APP_URL decides where links in emails point', () => {
  it('an invitation created through a request with a forged Host links to APP_URL, in the response and in the email', async () => {
    vi.stubEnv('APP_URL', 'https://rung.example.com/');
    const created = await inviteThroughForgedRequest();
    expect(created.link).toMatch(/^https:\/\/rung\.example\.com\/invite\/[A-Za-z0-9_-]{43}$/);

    const [stored] = await db.select().from(outboxMessages).where(eq(outboxMessages.invitationId, created.invitationId));
    const body = openText(stored!.bodyText)!;
    expect(body).toContain(created.link);
    expect(body).not.toContain('evil.example');
  });

  it("without APP_URL outside production, links point at the local server, never at the request's Host", async () => {
    vi.stubEnv('APP_URL', '');
    vi.stubEnv('PORT', '3999');
    const created = await inviteThroughForgedRequest();
    expect(created.link).toMatch(/^http:\/\/localhost:3999\/invite\/[A-Za-z0-9_-]{43}$/);
  });
});

describe('starting in production without APP_URL', () => {
  it('fails at once, with one line that says what to set', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', AUTH_SECRET: 'a-production-secret', JOBS_WORKER: 'off' };
    delete env.APP_URL;
    const server = spawn(process.execPath, ['--import', 'tsx', path.join('tests', 'helpers', 'start-server.ts')], { env });
    let stderr = '';
    server.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exitCode = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        server.kill('SIGKILL');
        resolve(null);
      }, 25_000);
      server.once('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
    expect(exitCode).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([
      'Rung cannot start: APP_URL is not set. Links in emails point there: set it to the address people open, e.g. https://rung.example.com.',
    ]);
  }, 40_000);
});
