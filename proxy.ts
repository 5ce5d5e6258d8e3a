import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, newNonce, referrerPolicyFor, servedOverHttps, STRICT_TRANSPORT_SECURITY } from '@/lib/security-headers';

/**
 * Runs before every page: a fresh nonce per response, in the Content-Security-Policy of both the
 * request (Next.js reads the nonce from it and puts it on its own scripts while rendering) and
 * the response (the browser enforces it). lib/security-headers.ts says why each value is what it is.
 */
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const https = servedOverHttps(process.env.APP_URL);
  const policy = contentSecurityPolicy({ nonce, development: process.env.NODE_ENV === 'development', https });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', policy);
  response.headers.set('X-Content-Type-Options', 'nosniff');
  response.headers.set('Referrer-Policy', referrerPolicyFor(request.nextUrl.pathname));
  if (https) response.headers.set('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: API responses (tRPC, Auth.js, health) run no scripts, and static files carry no nonce.
      source: '/((?!api/|_next/static|_next/image|icon.svg|favicon.ico).*)',
      // A prefetch's payload is rendered again, with a nonce, when the page is opened.
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
