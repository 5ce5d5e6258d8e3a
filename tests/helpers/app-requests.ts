import { createTRPCClient, httpLink } from '@trpc/client';
import superjson from 'superjson';
import { GET as healthRoute } from '@/app/api/health/route';
import { POST as trpcRoute } from '@/app/api/trpc/[trpc]/route';
import type { Locale } from '@/i18n/config';
import type { AppRouter } from '@/server/api/root';

/*
 * The app's own route handlers, called in-process as Next.js calls them: each request builds its
 * context with createRequestContext, so it asks getDatabase for the database like a real one.
 * A test that uses these mocks '@/server/auth/config' for who is signed in (the session cookie
 * needs Next.js's request scope).
 */

/** A tRPC client whose requests go to app/api/trpc's handler, with the browser language `locale`. */
export function appClient(locale: Locale = 'en') {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: 'http://rung.test/api/trpc',
        transformer: superjson,
        headers: { 'accept-language': locale },
        fetch: (url, init) => trpcRoute(new Request(url, init as RequestInit)),
      }),
    ],
  });
}

/** GET /api/health: its status and body. */
export async function health(): Promise<{ status: number; body: unknown }> {
  const response = await healthRoute();
  return { status: response.status, body: await response.json() };
}
