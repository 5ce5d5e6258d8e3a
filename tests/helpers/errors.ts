import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { expect } from 'vitest';

/** Awaits something that must fail and returns what it threw; fails the test if it succeeded. */
export async function caught(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error('expected this call to fail, but it succeeded');
}

/**
 * Awaits a procedure call that must fail with `code` and, when given, the message key the
 * router chose (createCaller returns the untranslated key; see http.ts for translated text).
 */
export async function expectTRPCError(work: Promise<unknown>, code: TRPC_ERROR_CODE_KEY, messageKey?: string): Promise<TRPCError> {
  const error = await caught(work);
  expect(error).toBeInstanceOf(TRPCError);
  const trpcError = error as TRPCError;
  expect({ code: trpcError.code, ...(messageKey ? { message: trpcError.message } : {}) }).toEqual({
    code,
    ...(messageKey ? { message: messageKey } : {}),
  });
  return trpcError;
}

/** The PostgreSQL error inside whatever Drizzle and the driver wrapped it in. */
export function pgError(error: unknown): { code: string; message: string } {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return { code, message: String(message) };
  }
  throw new Error(`not a database error: ${String(error)}`);
}

/** SQLSTATE codes the tests look for. */
export const PG = {
  insufficientPrivilege: '42501',
  foreignKeyViolation: '23503',
  uniqueViolation: '23505',
} as const;
