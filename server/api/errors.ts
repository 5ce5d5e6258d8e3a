import 'server-only';
import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { databaseTrouble } from '@/db/failures';
import type { Locale } from '@/i18n/config';
import type { KeysOf, Messages } from '@/i18n/messages';
import { DATABASE_UNAVAILABLE_DIGEST } from '@/lib/database-unavailable';

/**
 * A sentence for an error a person can act on: a key under `errors`, or under a feature's own
 * errors namespace. A misspelt or missing key fails the typecheck.
 */
export type ErrorKey = `errors.${KeysOf<Messages['errors']>}` | `campaigns.errors.${KeysOf<Messages['campaigns']['errors']>}`;

/**
 * An error a person can act on. `key` points into messages/*.json ("errors.emailTaken");
 * the tRPC error formatter turns it into a sentence in the caller's language.
 */
export class UserFacingError extends Error {
  constructor(
    readonly key: ErrorKey,
    readonly values: Record<string, string | number> = {},
    /** The caller's language, for an error raised before the request's context exists. */
    readonly locale?: Locale,
  ) {
    super(key);
  }
}

export function userError(code: TRPC_ERROR_CODE_KEY, key: ErrorKey, values?: Record<string, string | number>): TRPCError {
  return new TRPCError({ code, message: key, cause: new UserFacingError(key, values) });
}

/**
 * For an error that comes from the database being unreachable or too busy (db/failures.ts): a
 * 503 that says to try again in a moment, in the caller's language, and that a page's error
 * boundary recognizes by its digest. Null for any other error.
 */
export function databaseTroubleError(error: unknown, locale?: Locale): TRPCError | null {
  const trouble = databaseTrouble(error);
  if (!trouble) return null;
  const key = trouble === 'busy' ? 'errors.databaseBusy' : 'errors.databaseUnavailable';
  const trpcError = new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: key, cause: new UserFacingError(key, {}, locale) });
  return trouble === 'unavailable' ? Object.assign(trpcError, { digest: DATABASE_UNAVAILABLE_DIGEST }) : trpcError;
}

/** A request whose body is over its limit (server/adapters/request-body.ts): 413, with a sentence in the caller's language. */
export function requestTooLarge(locale?: Locale): TRPCError {
  return new TRPCError({
    code: 'PAYLOAD_TOO_LARGE',
    message: 'errors.requestTooLarge',
    cause: new UserFacingError('errors.requestTooLarge', {}, locale),
  });
}

/**
 * Postgres unique_violation (23505), whichever driver raised it and however Drizzle wrapped it;
 * with `constraint`, only a violation of that constraint or index.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const pgError = e as { code?: unknown; constraint?: unknown; constraint_name?: unknown };
    if (pgError.code === '23505') return !constraint || (pgError.constraint ?? pgError.constraint_name) === constraint;
  }
  return false;
}
