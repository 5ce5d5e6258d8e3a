import 'server-only';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { and, eq, gt, lt } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { returnedAnswers } from '@/db/schema';
import { isAnswerErrorKey, type AnswerErrorKey } from '../inputs/customer-answer';
import { hashToken, newToken } from './tokens';

/** Refusals about the whole form rather than one field: the key is the message. */
const FORM_ERRORS = ['tooMany', 'unavailable', 'saveFailed', 'tooLarge'] as const satisfies readonly AnswerErrorKey[];
type FormErrorKey = (typeof FORM_ERRORS)[number];
const isFormError = (value: string): value is FormErrorKey => (FORM_ERRORS as readonly string[]).includes(value);

/** Why an answer went back to the customer instead of being recorded. */
export type AnswerRefusal = { kind: 'invalid'; errors: Record<string, AnswerErrorKey> } | { kind: FormErrorKey };

/** How long what the customer typed is kept for the page they are sent back to: long enough to fix a field, no longer. */
const KEPT_FOR_MS = 60 * 60 * 1000;

/**
 * Only when the answer can't be kept in the database (it is unreachable): the answer deflated into
 * the address, if that stays this short (a few kB, well within what any proxy and Node read).
 */
const MAX_ADDRESS_COPY = 6_000;

/** The most a deflated copy may inflate to: the body limit of the form, and nothing a real answer reaches. */
const MAX_RETURNED_BYTES = 64 * 1024;

/** Where the page finds what the customer typed: `r`, a key to the kept copy, or `v`, a short copy in the address itself. */
export type ReturnedAnswerReference = { r: string } | { v: string } | Record<string, never>;

/**
 * Keeps what the customer typed for the page they are sent back to, and says how that page finds
 * it. The text stays on the server (keyed by a random key that only this customer's browser gets,
 * bound to the link's token), so an answer of any length the form takes comes back whole while the
 * address stays short. If the database can't take it, a short answer still travels in the address;
 * a long one is then lost, and the page says it could not be saved.
 */
export async function keepAnswerForReturn(
  token: string,
  values: Record<string, string>,
  database?: Db,
  now: Date = new Date(),
): Promise<ReturnedAnswerReference> {
  try {
    const db = database ?? (await getDb());
    const key = newToken();
    await db.delete(returnedAnswers).where(lt(returnedAnswers.expiresAt, now));
    await db.insert(returnedAnswers).values({
      keyHash: hashToken(key),
      tokenHash: hashToken(token),
      answer: values,
      expiresAt: new Date(now.getTime() + KEPT_FOR_MS),
    });
    return { r: key };
  } catch (error) {
    console.error('keeping a returned customer answer failed', error);
    const copy = deflateRawSync(Buffer.from(JSON.stringify(values))).toString('base64url');
    return copy.length <= MAX_ADDRESS_COPY ? { v: copy } : {};
  }
}

/** What goes into the page's address when an answer is not recorded: `error=field:key,...` (or the form-level key), and where the answer is. */
export function returnedAnswerParams(refusal: AnswerRefusal, reference: ReturnedAnswerReference): Record<string, string> {
  const error =
    refusal.kind === 'invalid'
      ? Object.entries(refusal.errors)
          .map(([field, key]) => `${field}:${key}`)
          .join(',')
      : refusal.kind;
  return { error, ...reference };
}

/** The field and form messages in `error`. The address can be edited by anyone: unknown keys are dropped. */
function readRefusal(error: string) {
  const errors: Record<string, AnswerErrorKey> = {};
  let formError: 'fix' | AnswerErrorKey = 'fix';
  for (const pair of error.split(',')) {
    const [field, key] = pair.split(':');
    if (field && key) {
      if (!isAnswerErrorKey(key)) continue;
      if (field === '_form') formError = key;
      else errors[field] = key;
    } else if (field && isFormError(field)) formError = field;
  }
  return { errors, formError };
}

/** Only string values: whatever else a stored or edited copy holds is not something the form shows. */
function textValues(parsed: unknown): Record<string, string> {
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
  return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

function inflatedCopy(v: string): Record<string, string> {
  try {
    return textValues(JSON.parse(inflateRawSync(Buffer.from(v, 'base64url'), { maxOutputLength: MAX_RETURNED_BYTES }).toString('utf8')));
  } catch {
    return {};
  }
}

/**
 * Reads what keepAnswerForReturn and returnedAnswerParams wrote, for the page of `token`. A key
 * that is unknown, expired or from another link's page gives an empty form with the message;
 * so does a broken copy in the address.
 */
export async function readReturnedAnswer(
  token: string,
  query: { error?: unknown; r?: unknown; v?: unknown },
  database?: Db,
  now: Date = new Date(),
) {
  // A repeated parameter arrives as an array: only a single one is ours.
  if (typeof query.error !== 'string' || !query.error) return null;
  let values: Record<string, string> = {};
  if (typeof query.r === 'string' && query.r) {
    try {
      const db = database ?? (await getDb());
      const [kept] = await db
        .select({ answer: returnedAnswers.answer })
        .from(returnedAnswers)
        .where(
          and(
            eq(returnedAnswers.keyHash, hashToken(query.r)),
            eq(returnedAnswers.tokenHash, hashToken(token)),
            gt(returnedAnswers.expiresAt, now),
          ),
        );
      values = textValues(kept?.answer);
    } catch (error) {
      console.error('reading a returned customer answer failed', error);
    }
  } else if (typeof query.v === 'string' && query.v) {
    values = inflatedCopy(query.v);
  }
  return { ...readRefusal(query.error), values };
}
