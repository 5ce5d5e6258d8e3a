import { randomUUID } from 'node:crypto';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import superjson from 'superjson';
import { expect } from 'vitest';
import type { Db } from '@/db/client';
import type { Locale } from '@/i18n/config';
import { appRouter, type AppRouter } from '@/server/api/root';
import { caught } from './errors';

/**
 * A tRPC client that goes through the same fetch handler as app/api/trpc, without a server:
 * errors arrive exactly as the browser sees them, translated by the error formatter into the
 * caller's language, with `data.fieldErrors` for bad input.
 */
export function httpClientFor(db: Db, userId: string | null, locale: Locale = 'en') {
  const clientAddress = `test:${randomUUID()}`;
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: 'http://rung.test/api/trpc',
        transformer: superjson,
        fetch: (url, init) =>
          fetchRequestHandler({
            endpoint: '/api/trpc',
            req: new Request(url, init as RequestInit),
            router: appRouter,
            createContext: () => ({ db, userId, locale, appUrl: 'http://rung.test', clientAddress }),
          }),
      }),
    ],
  });
}

export interface ShownError {
  code: string | undefined;
  httpStatus: number | undefined;
  message: string;
  fieldErrors: Record<string, string> | null;
}

/** Awaits a client call that must fail and returns what a person would be shown. */
export async function shownError(work: Promise<unknown>): Promise<ShownError> {
  const error = await caught(work);
  expect(error).toBeInstanceOf(TRPCClientError);
  const data = (error as TRPCClientError<AppRouter>).data as
    { code?: string; httpStatus?: number; fieldErrors?: Record<string, string> | null } | undefined;
  return {
    code: data?.code,
    httpStatus: data?.httpStatus,
    message: (error as Error).message,
    fieldErrors: data?.fieldErrors ?? null,
  };
}
