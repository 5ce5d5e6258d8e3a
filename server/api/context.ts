import 'server-only';
import { getDb, type Db } from '@/db/client';
import { LOCALE_COOKIE, resolveLocale } from '@/i18n/config';
import { appUrl } from '@/lib/app-url';
import { currentUserId } from '../auth/config';
import { databaseTroubleError } from './errors';
import type { Context } from './trpc';

function readCookie(header: string | null, name: string): string | undefined {
  const match = header
    ?.split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${name}=`));
  return match ? decodeURIComponent(match.slice(name.length + 1)) : undefined;
}

/** A request's context. Links in emails point at APP_URL: the request's Host and X-Forwarded-Host decide nothing. */
export async function createRequestContext(headers: Headers): Promise<Context> {
  const locale = resolveLocale(readCookie(headers.get('cookie'), LOCALE_COOKIE), headers.get('accept-language'));
  let db: Db;
  try {
    db = await getDb();
  } catch (error) {
    throw databaseTroubleError(error, locale) ?? error;
  }
  return { db, userId: await currentUserId(), locale, appUrl: appUrl() };
}
