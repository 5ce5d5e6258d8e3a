import 'server-only';
import { TRPCError } from '@trpc/server';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { createRequestContext } from './context';
import { createCaller } from './root';

/** The tRPC API called directly from Server Components: same procedures, same checks, no HTTP hop. */
export const serverCaller = cache(async () => createCaller(await createRequestContext(await headers())));

/**
 * Runs a call for a page: signed out → sign-in page; not a member or no such thing → 404
 * (the same answer either way, so a page never confirms that another tenant exists).
 */
export async function forPage<T>(call: Promise<T>, returnTo: string): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof TRPCError && error.code === 'UNAUTHORIZED') redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
    if (error instanceof TRPCError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')) notFound();
    throw error;
  }
}
