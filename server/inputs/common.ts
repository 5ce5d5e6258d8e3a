import { z } from 'zod';
import { cleanPersonalMessage, containsLink, PERSONAL_MESSAGE_MAX } from '../domain/customer-email';

/**
 * Input schemas shared by routers (which enforce them) and forms (which show the same errors
 * before a round trip). Custom messages are keys into messages/*.json under "validation".
 */

/**
 * A NUL character, or half of a UTF-16 surrogate pair with no other half. PostgreSQL cannot store
 * either in text (NUL is refused outright, a lone surrogate cannot be encoded as UTF-8), so text
 * that holds one is refused here with a message instead of failing in the database with a 500.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether PostgreSQL can store this text as it is. */
export function isStorableText(value: string): boolean {
  return !UNSTORABLE.test(value);
}

/**
 * The start of every text input: a string PostgreSQL can store. `error` is the message for a
 * value that is not a string at all (a form's "required" message, usually). Chain trim, min and
 * max onto it as onto z.string().
 */
export function safeText(options: { error?: string } = {}) {
  return z.string({ error: options.error ?? 'validation.invalid' }).refine(isStorableText, { error: 'validation.textUnstorable' });
}

/**
 * The earliest and latest instants Rung accepts. PostgreSQL's timestamps reach from 4713 BC to
 * 294276 AD and JavaScript's dates to ±275760, so a date outside either fails in the database or
 * in the driver; no sales history reaches outside these years.
 */
export const EARLIEST_DATE = new Date('1900-01-01T00:00:00Z');
export const LATEST_DATE = new Date('2200-01-01T00:00:00Z');

/** A Date that is a real instant within EARLIEST_DATE..LATEST_DATE (pagination cursors, mostly). */
export const safeDateSchema = z
  .date({ error: 'validation.dateInvalid' })
  .min(EARLIEST_DATE, { error: 'validation.dateOutOfRange' })
  .max(LATEST_DATE, { error: 'validation.dateOutOfRange' });

export const emailSchema = safeText()
  .trim()
  .toLowerCase()
  .min(1, { error: 'validation.emailRequired' })
  .max(254, { error: 'validation.emailInvalid' })
  .pipe(z.email({ error: 'validation.emailInvalid' }));

export const personNameSchema = safeText()
  .trim()
  .min(1, { error: 'validation.nameRequired' })
  .max(100, { error: 'validation.nameTooLong' });

export const organizationNameSchema = safeText()
  .trim()
  .min(2, { error: 'validation.orgNameTooShort' })
  .max(80, { error: 'validation.orgNameTooLong' });

export const orgSlugSchema = safeText({ error: 'validation.invalid' }).min(1).max(64);

export const roles = ['owner', 'admin', 'member', 'viewer'] as const;
export type Role = (typeof roles)[number];
export const roleSchema = z.enum(roles, { error: 'validation.roleInvalid' });

export const tokenSchema = safeText().min(20).max(100);

/** A member's own words in an email to a customer: plain text, at most 1,000 characters, no web addresses. */
export const personalMessageSchema = safeText({ error: 'validation.invalid' })
  .transform(cleanPersonalMessage)
  .pipe(
    z
      .string()
      .max(PERSONAL_MESSAGE_MAX, { error: 'validation.messageTooLong' })
      .refine((text) => !containsLink(text), { error: 'validation.messageHasLink' }),
  );

/** The id of any row Rung stores. */
export const idSchema = z.uuid({ error: 'validation.invalid' });

/** The version an edit form was opened with; a save of an older version is refused (optimistic concurrency). */
export const versionSchema = z.int({ error: 'validation.invalid' }).min(1, { error: 'validation.invalid' });

/** A level of the Buy-Sell Hierarchy, 1 to 5. */
export const levelSchema = z
  .int({ error: 'validation.levelInvalid' })
  .min(1, { error: 'validation.levelInvalid' })
  .max(5, { error: 'validation.levelInvalid' });

/** What every account-scoped procedure takes (accountProcedure in server/api/trpc.ts resolves it). */
export const accountIdInput = z.object({ accountId: idSchema });

/** A live stream's input: how long ago the page loaded what it shows, so the stream can start with a catch-up. */
export const dataAgeInput = z.object({ dataAgeMs: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional() });
