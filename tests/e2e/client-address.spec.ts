import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { expect, test } from './fixtures';

/*
 * The production server (server.mjs, as `npm start` runs it) over plain HTTP, from loopback
 * addresses of its own (all of 127/8 is loopback on Linux): rate limits follow the connection,
 * not anything the client writes in a header. The journeys in the other specs come from
 * 127.0.0.1; these use other addresses, so they leave those journeys' counts alone.
 */

const PORT = Number(process.env.E2E_PORT ?? 3100);
const ADMIN = { email: 'erik.admin@rung.example', password: 'rung-demo-2026' };

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(from: string, path: string, options: { method?: string; headers?: OutgoingHttpHeaders; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: PORT, localAddress: from, path, method: options.method ?? 'GET', headers: options.headers },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Headers a client might forge to look like someone new on every request. */
const forged = (i: number) => ({
  'x-forwarded-for': `198.51.100.${i % 250}`,
  'x-rung-client-address': `203.0.113.${i % 250}`,
  'x-real-ip': `192.0.2.${i % 250}`,
});

/** Signs in through Auth.js's credentials endpoint, as the form does; returns its error code or 'signedIn'. */
async function signIn(from: string, email: string, password: string, headers: OutgoingHttpHeaders = {}): Promise<string> {
  const csrf = await send(from, '/api/auth/csrf', { headers });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const cookie = ([] as string[])
    .concat(csrf.headers['set-cookie'] ?? [])
    .map((c) => c.split(';')[0])
    .join('; ');
  const reply = await send(from, '/api/auth/callback/credentials', {
    method: 'POST',
    headers: { ...headers, cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `http://127.0.0.1:${PORT}/` }).toString(),
  });
  const location = new URL(String(reply.headers.location ?? '/'), `http://127.0.0.1:${PORT}`);
  return location.searchParams.get('code') ?? location.searchParams.get('error') ?? 'signedIn';
}

test('the customer page counts views per connection, whatever headers the client forges', async () => {
  const page = '/c/not-a-real-token-but-long-enough-000';
  for (let i = 0; i < 60; i++) {
    const reply = await send('127.0.0.2', page, { headers: forged(i) });
    expect(reply.body).toContain('This link is not available');
  }
  expect((await send('127.0.0.2', page, { headers: forged(60) })).body).toContain('Please wait a moment');
  // Another customer, at another address, is not held up by the first.
  expect((await send('127.0.0.3', page)).body).toContain('This link is not available');
});

test('a shared login signs in again and again without locking', async () => {
  for (let i = 0; i < 12; i++) expect(await signIn('127.0.0.4', ADMIN.email, ADMIN.password)).toBe('signedIn');
});

test('failed sign-ins lock that email at that address only, and forged headers do not reset the count', async () => {
  for (let i = 0; i < 10; i++) expect(await signIn('127.0.0.5', ADMIN.email, 'not the password', forged(i))).toBe('credentials');
  expect(await signIn('127.0.0.5', ADMIN.email, ADMIN.password, forged(10))).toBe('rate_limited');
  expect(await signIn('127.0.0.6', ADMIN.email, ADMIN.password)).toBe('signedIn');
});
