import 'server-only';
import { getDb, type Db } from '@/db/client';
import { LOCALE_COOKIE, resolveLocale, type Locale } from '@/i18n/config';
import { signedInUserFromHeaders } from '../auth/config';
import { clientAddress } from '../adapters/rate-limit';
import { databaseTroubleError } from './errors';
import type { Context } from './trpc';

function readCookie(header: string | null, name: string): string | undefined {
  const match = header
    ?.split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${name}=`));
  return match ? decodeURIComponent(match.slice(name.length + 1)) : undefined;
}

/** Where links in emails should point: APP_URL when set, otherwise the address this request came to. */
export function appUrlFrom(headers: Headers): string {
  if (process.env.APP_URL) return process.env.APP_URL.replace(/\/$/, '');
  const host = headers.get('x-forwarded-host') ?? headers.get('host') ?? 'localhost:3000';
  const proto = headers.get('x-forwarded-proto') ?? (host.startsWith('localhost') || host.startsWith('127.') ? 'http' : 'https');
  return `${proto}://${host}`;
}

/** The caller's language: the cookie they chose, else what their browser asks for. */
export function requestLocale(headers: Headers) {
  return resolveLocale(readCookie(headers.get('cookie'), LOCALE_COOKIE), headers.get('accept-language'));
}

export async function createRequestContext(headers: Headers): Promise<Context> {
  const locale = requestLocale(headers);
  let db: Db;
  try {
    db = await getDb();
  } catch (error) {
    throw databaseTroubleError(error, locale) ?? error;
  }
  return contextFor(db, headers, locale);
}

/** The context of a request on a given database: who the session cookie names, if it is still valid. */
export async function contextFor(db: Db, headers: Headers, locale: Locale): Promise<Context> {
  const user = await signedInUserFromHeaders(db, headers);
  return { db, userId: user?.id ?? null, signedInUser: user ?? undefined, locale, appUrl: appUrlFrom(headers), clientAddress: clientAddress(headers) };
}
