import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appUrl, appUrlProblem } from '@/lib/app-url';
import { contentSecurityPolicy, newNonce, referrerPolicyFor, servedOverHttps } from '@/lib/security-headers';
import { proxy } from '@/proxy';

/** The policy as a map of directive → sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

describe('the Content-Security-Policy of a page', () => {
  const production = directives(contentSecurityPolicy({ nonce: 'abc123', development: false, https: true }));

  it("runs only scripts carrying this response's nonce, or loaded by one; never eval in production", () => {
    expect(production.get('script-src')).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(production.get('script-src')).not.toContain("'unsafe-inline'");
  });

  it('cannot be framed, posts forms and resolves relative links on our own origin only, and loads no plugins', () => {
    expect(production.get('frame-ancestors')).toEqual(["'none'"]);
    expect(production.get('form-action')).toEqual(["'self'"]);
    expect(production.get('base-uri')).toEqual(["'self'"]);
    expect(production.get('object-src')).toEqual(["'none'"]);
    expect(production.get('default-src')).toEqual(["'self'"]);
  });

  it('talks to its own origin only (live updates are server-sent events from it)', () => {
    expect(production.get('connect-src')).toEqual(["'self'"]);
  });

  it("allows inline styles but no nonce in style-src, which would switch 'unsafe-inline' off for style attributes", () => {
    expect(production.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it("adds 'unsafe-eval' in development only, and upgrade-insecure-requests only behind HTTPS", () => {
    const development = directives(contentSecurityPolicy({ nonce: 'n', development: true, https: false }));
    expect(development.get('script-src')).toContain("'unsafe-eval'");
    expect(development.has('upgrade-insecure-requests')).toBe(false);
    expect(production.has('upgrade-insecure-requests')).toBe(true);
  });

  it('gets a fresh 128-bit nonce every time', () => {
    const nonces = new Set(Array.from({ length: 500 }, () => newNonce()));
    expect(nonces.size).toBe(500);
    expect(Buffer.from(newNonce(), 'base64')).toHaveLength(16);
  });
});

describe('the referrer policy and HSTS', () => {
  it('sends no referrer at all from the customer page, whose path holds the token', () => {
    expect(referrerPolicyFor('/c/some-token')).toBe('no-referrer');
    expect(referrerPolicyFor('/acme/accounts')).toBe('strict-origin-when-cross-origin');
  });

  it('is served over HTTPS only when APP_URL says so; a request header has no say', () => {
    expect(servedOverHttps('https://rung.example.com')).toBe(true);
    expect(servedOverHttps('http://localhost:3000')).toBe(false);
    expect(servedOverHttps(undefined)).toBe(false);
  });
});

describe('proxy.ts on a real request', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('puts the same nonce in the request (for Next.js to render with) and the response, a new one per request', () => {
    const first = proxy(new NextRequest('http://localhost:3000/sign-in'));
    const second = proxy(new NextRequest('http://localhost:3000/sign-in'));
    const policy = first.headers.get('content-security-policy')!;
    expect(policy).toMatch(/'nonce-[A-Za-z0-9+/=]{24}'/);
    expect(policy).not.toBe(second.headers.get('content-security-policy'));
    // NextResponse.next passes the rewritten request headers on as x-middleware-request-*.
    expect(first.headers.get('x-middleware-request-content-security-policy')).toBe(policy);
    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
    expect(first.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });

  it('sends no Strict-Transport-Security on plain http, even when a client claims https', () => {
    vi.stubEnv('APP_URL', 'http://localhost:3000');
    const response = proxy(new NextRequest('http://localhost:3000/sign-in', { headers: { 'x-forwarded-proto': 'https' } }));
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });

  it('sends Strict-Transport-Security when APP_URL is https, and no referrer from the customer page', () => {
    vi.stubEnv('APP_URL', 'https://rung.example.com');
    const response = proxy(new NextRequest('https://rung.example.com/c/token'));
    expect(response.headers.get('strict-transport-security')).toBe('max-age=63072000');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });
});

describe('APP_URL: where links in emails point', () => {
  it('is APP_URL without a trailing slash', () => {
    expect(appUrl({ APP_URL: 'https://rung.example.com/', NODE_ENV: 'production' })).toBe('https://rung.example.com');
  });

  it('defaults to the local server in development, on PORT or 3000', () => {
    expect(appUrl({ NODE_ENV: 'development' })).toBe('http://localhost:3000');
    expect(appUrl({ NODE_ENV: 'development', PORT: '3205' })).toBe('http://localhost:3205');
  });

  it('is required in production, with one line that says what to set', () => {
    expect(() => appUrl({ NODE_ENV: 'production' })).toThrow('APP_URL is not set');
    expect(appUrlProblem({ NODE_ENV: 'production' })).toMatch(/^APP_URL is not set\. .*https:\/\/rung\.example\.com/);
    expect(appUrlProblem({ NODE_ENV: 'production' })).not.toContain('\n');
    expect(appUrlProblem({ NODE_ENV: 'production', APP_URL: 'rung.example.com' })).toMatch(/not an address/);
    expect(appUrlProblem({ NODE_ENV: 'production', APP_URL: 'https://rung.example.com' })).toBeNull();
    expect(appUrlProblem({ NODE_ENV: 'development' })).toBeNull();
  });
});
