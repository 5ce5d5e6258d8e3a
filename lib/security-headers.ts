/*
 * The headers every page is served with (proxy.ts sets them). Pure, so the unit tests can read
 * the exact values.
 */

/** A fresh, unguessable nonce for one response: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The Content-Security-Policy of a page. Scripts run only when they carry this response's nonce
 * (Next.js puts it on its own scripts) or were loaded by such a script ('strict-dynamic').
 * Styles allow 'unsafe-inline': React writes computed `style` attributes (bar widths, heat-map
 * tints) and Radix positions its popovers with inline styles; a style cannot run code, and a
 * nonce in style-src would switch 'unsafe-inline' off for the attributes too. Development adds
 * 'unsafe-eval', which React's dev build uses to rebuild server error stacks.
 */
export function contentSecurityPolicy(options: { nonce: string; development: boolean; https: boolean }): string {
  const directives = [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.development ? ` 'unsafe-eval'` : ''}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self'`,
    // Live updates are server-sent events from the same origin; development adds its reload socket, same origin too.
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
    // Only behind HTTPS: on plain-http localhost it would send every request to a port nobody listens on.
    ...(options.https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/** Two years, the preload list's minimum; subdomains are left to whoever owns the domain. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=63072000';

/** The public customer page carries its secret token in the path: never let it leave in a Referer. */
export function referrerPolicyFor(pathname: string): string {
  return pathname.startsWith('/c/') ? 'no-referrer' : 'strict-origin-when-cross-origin';
}

/**
 * Whether the app is served over HTTPS, so HSTS and upgrade-insecure-requests may be sent:
 * decided from APP_URL (required in production), never from a request header such as
 * X-Forwarded-Proto, which anyone can send and which would pin plain-http localhost to HTTPS.
 */
export function servedOverHttps(appUrl: string | undefined): boolean {
  return Boolean(appUrl?.trim().toLowerCase().startsWith('https://'));
}
