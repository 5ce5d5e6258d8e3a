import 'server-only';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { isAnswerErrorKey, type AnswerErrorKey } from '../inputs/customer-answer';

/** Refusals about the whole form rather than one field: the key is the message. */
const FORM_ERRORS = ['tooMany', 'unavailable', 'saveFailed'] as const satisfies readonly AnswerErrorKey[];
type FormErrorKey = (typeof FORM_ERRORS)[number];
const isFormError = (value: string): value is FormErrorKey => (FORM_ERRORS as readonly string[]).includes(value);

/** Why an answer went back to the customer instead of being recorded. */
export type AnswerRefusal = { kind: 'invalid'; errors: Record<string, AnswerErrorKey> } | { kind: FormErrorKey };

/** The most a returned answer may inflate to: the form sends at most about 13 kB of JSON, so anything larger is not ours. */
const MAX_RETURNED_BYTES = 64 * 1024;

/**
 * What goes back into the page's address when an answer is not recorded: `error=field:key,...`
 * (or the form-level key) and `v`, what the customer typed, so the form is filled in again.
 * `v` is deflated: with the longest answer the form lets through (two 2,000-character texts),
 * the address stays under 2 kB for Swedish prose and under 14 kB even for characters drawn from
 * every script (tests/unit/returned-answer.test.ts), within the 16 kB a Node server reads.
 * No state is kept on the server, so it works across instances and restarts.
 */
export function returnedAnswerParams(refusal: AnswerRefusal, values: Record<string, string>): Record<'error' | 'v', string> {
  const error =
    refusal.kind === 'invalid'
      ? Object.entries(refusal.errors)
          .map(([field, key]) => `${field}:${key}`)
          .join(',')
      : refusal.kind;
  return { error, v: deflateRawSync(Buffer.from(JSON.stringify(values))).toString('base64url') };
}

/** Reads what returnedAnswerParams wrote. The address can be edited by anyone: unknown keys are dropped, a broken `v` is empty. */
export function readReturnedAnswer(error: string | undefined, v: string | undefined) {
  if (!error) return null;
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
  let values: Record<string, string> = {};
  try {
    const parsed: unknown = v
      ? JSON.parse(inflateRawSync(Buffer.from(v, 'base64url'), { maxOutputLength: MAX_RETURNED_BYTES }).toString('utf8'))
      : {};
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      values = Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    }
  } catch {
    values = {};
  }
  return { errors, formError, values };
}
