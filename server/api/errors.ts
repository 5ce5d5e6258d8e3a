import 'server-only';
import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import type { KeysOf, Messages } from '@/i18n/messages';

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
  ) {
    super(key);
  }
}

export function userError(code: TRPC_ERROR_CODE_KEY, key: ErrorKey, values?: Record<string, string | number>): TRPCError {
  return new TRPCError({ code, message: key, cause: new UserFacingError(key, values) });
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
