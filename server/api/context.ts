import 'server-only';
import { getDb, type Db } from '@/db/client';
import { LOCALE_COOKIE, resolveLocale, type Locale } from '@/i18n/config';
import { appUrl } from '@/lib/app-url';
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

/** The caller's language: the cookie they chose, else what their browser asks for. */
export function requestLocale(headers: Headers) {
  return resolveLocale(readCookie(headers.get('cookie'), LOCALE_COOKIE), headers.get('accept-language'));
}

/** A request's context. Links in emails point at APP_URL: the request's Host and X-Forwarded-Host decide nothing. */
export async function createRequestContext(headers: Headers): Promise<Context> {
  const locale = requestLocale(headers);
  let db: Db;
  try {
    db = await getDb();
  } catch (error) {
    throw databaseTroubleError(error, locale) ?? error;
  }
  try {
    // Reading the session reads the database too (its version): an outage there is told as one.
    return await contextFor(db, headers, locale);
  } catch (error) {
    throw databaseTroubleError(error, locale) ?? error;
  }
}

/** The context of a request on a given database: who the session cookie names, if it is still valid. */
export async function contextFor(db: Db, headers: Headers, locale: Locale): Promise<Context> {
  const user = await signedInUserFromHeaders(db, headers);
  return { db, userId: user?.id ?? null, signedInUser: user ?? undefined, locale, appUrl: appUrl(), clientAddress: clientAddress(headers) };
}
