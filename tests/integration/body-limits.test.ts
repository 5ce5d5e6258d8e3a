/**
 * Public endpoints refuse a body larger than their limit before reading it, with a message in
 * the caller's language: tRPC (sign-up and every other call), Auth.js's sign-in endpoint. The
 * route handlers are called directly; for a body within the limit only the handler behind the
 * check is replaced, to show the body reaches it whole.
 */
import { describe, expect, it, vi } from 'vitest';
import { messages } from '@/i18n/messages';
import type * as Context from '@/server/api/context';

const received = vi.hoisted(() => ({ bodies: [] as string[] }));
vi.mock('@/server/auth/config', () => ({
  currentUserId: () => Promise.resolve(null),
  signedInUserFromHeaders: () => Promise.resolve(null),
  handlers: {
    GET: () => new Response('get'),
    POST: async (request: Request) => {
      received.bodies.push(await request.text());
      return new Response('handled');
    },
  },
}));

// Past the size check, a call needs a context: an anonymous one, so every procedure but the public ones answers 401.
vi.mock('@/server/api/context', async (original) => ({
  ...(await original<typeof Context>()),
  createRequestContext: () => Promise.resolve({ db: null, userId: null, locale: 'en', appUrl: 'http://rung.test' }),
}));

const { POST: trpcPost } = await import('@/app/api/trpc/[trpc]/route');
const { POST: authPost } = await import('@/app/api/auth/[...nextauth]/route');
const { NextRequest } = await import('next/server');

const signUp = (password: string, locale = 'en') =>
  new Request('http://rung.test/api/trpc/auth.signUp?batch=1', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': locale },
    body: JSON.stringify({ 0: { json: { name: 'Big Body', email: 'big@example.test', password, organizationName: 'Big Org' } } }),
  });

describe('tRPC', () => {
  it('a sign-up of 2 MB answers 413 with a sentence in the caller’s language, for every call of the batch', async () => {
    const response = await trpcPost(signUp('p'.repeat(2 * 1024 * 1024), 'sv-SE,sv;q=0.9'));
    expect(response.status).toBe(413);
    const [answer] = (await response.json()) as Array<{ error: { json: { message: string; data: { code: string } } } }>;
    expect(answer!.error.json.message).toBe(messages.sv.errors.requestTooLarge);
    expect(answer!.error.json.data.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('the spreadsheet import may send more than other calls, up to its own limit', async () => {
    const big = (path: string, size: number) =>
      new Request(`http://rung.test/api/trpc/${path}?batch=1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ 0: { json: { orgSlug: 'nobody', csv: 'x'.repeat(size) } } }),
      });
    // Over the ordinary limit, within the import's: refused for any other procedure, through to the import.
    expect((await trpcPost(big('account.create', 3 * 1024 * 1024))).status).toBe(413);
    expect((await trpcPost(big('account.importPreview', 3 * 1024 * 1024))).status).toBe(401);
    // A batch that pairs the import with another call gets the ordinary limit.
    expect((await trpcPost(big('account.importCommit,account.create', 3 * 1024 * 1024))).status).toBe(413);
    expect((await trpcPost(big('account.importPreview', 30 * 1024 * 1024))).status).toBe(413);
  });
});

describe('Auth.js', () => {
  it('a sign-in post over 64 kB answers 413 unread; one within passes through whole', async () => {
    const post = (password: string) =>
      new NextRequest('http://rung.test/api/auth/callback/credentials', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' },
        body: new URLSearchParams({ email: 'a@example.test', password }).toString(),
      });
    const refused = await authPost(post('p'.repeat(100 * 1024)));
    expect(refused.status).toBe(413);
    expect(await refused.text()).toBe(messages.en.errors.requestTooLarge);
    expect(received.bodies).toEqual([]);

    const password = 'p'.repeat(60 * 1024);
    const through = await authPost(post(password));
    expect(await through.text()).toBe('handled');
    expect(received.bodies).toEqual([new URLSearchParams({ email: 'a@example.test', password }).toString()]);
  });
});
