import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { messages } from '@/i18n/messages';
import { customerAnswerInput } from '@/server/inputs/customer-answer';
import {
  EARLIEST_DATE,
  isStorableText,
  LATEST_DATE,
  orgSlugSchema,
  personNameSchema,
  safeDateSchema,
  safeText,
} from '@/server/inputs/common';

/** The message key of the first issue, or null when the value is accepted. */
function refusal(
  schema: { safeParse: (value: unknown) => { success: boolean; error?: { issues: Array<{ message: string }> } } },
  value: unknown,
) {
  const result = schema.safeParse(value);
  return result.success ? null : result.error!.issues[0]!.message;
}

describe('safe text: what PostgreSQL can store', () => {
  it('refuses NUL and halves of surrogate pairs with a message in both languages', () => {
    for (const value of ['\u0000', 'a\u0000b', '\uD800', 'x\uDBFFy', '\uDC00', 'end\uDFFF', '\uDC00\uD800']) {
      expect(refusal(safeText(), value), JSON.stringify(value)).toBe('validation.textUnstorable');
      expect(refusal(orgSlugSchema, value), `orgSlug ${JSON.stringify(value)}`).toBe('validation.textUnstorable');
    }
    expect(messages.en.validation.textUnstorable).toMatch(/can't be saved/);
    expect(messages.sv.validation.textUnstorable).toMatch(/inte går att spara/);
  });

  it('accepts any other text: emoji (whole pairs), right-to-left marks, quotes, control characters other than NUL', () => {
    for (const value of ['😀👩‍👩‍👧‍👦', '\u202Eabc', "'; drop table x; --", 'tab\tand\nnewline', 'åäö ÅÄÖ', '']) {
      expect(refusal(safeText(), value), JSON.stringify(value)).toBeNull();
    }
  });

  it('keeps the string methods: trim, min and max still apply, and their own messages win', () => {
    expect(personNameSchema.parse('  Åsa  ')).toBe('Åsa');
    expect(refusal(personNameSchema, '   ')).toBe('validation.nameRequired');
    expect(refusal(personNameSchema, 'a\u0000')).toBe('validation.textUnstorable');
    expect(refusal(safeText({ error: 'validation.commentRequired' }), 42)).toBe('validation.commentRequired');
  });

  it('accepts exactly the strings that survive a round trip through UTF-8 and have no NUL', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const survives = Buffer.from(value, 'utf8').toString('utf8') === value && !value.includes('\u0000');
        expect(isStorableText(value)).toBe(survives);
      }),
      { numRuns: 500, seed: 11 },
    );
  }, 30_000);
});

describe('safe dates: real instants that PostgreSQL and JavaScript both hold', () => {
  it('refuses invalid dates and dates outside 1900–2200 with a message', () => {
    expect(refusal(safeDateSchema, new Date(Number.NaN))).toBe('validation.dateInvalid');
    expect(refusal(safeDateSchema, '2026-01-01')).toBe('validation.dateInvalid');
    for (const date of [
      new Date(-8.64e15),
      new Date(8.64e15),
      new Date('0001-01-01T00:00:00Z'),
      new Date(EARLIEST_DATE.getTime() - 1),
      new Date(LATEST_DATE.getTime() + 1),
    ]) {
      expect(refusal(safeDateSchema, date), date.toISOString()).toBe('validation.dateOutOfRange');
    }
    expect(messages.sv.validation.dateOutOfRange).toMatch(/1900/);
  });

  it('accepts any date in range', () => {
    for (const date of [EARLIEST_DATE, LATEST_DATE, new Date()]) expect(refusal(safeDateSchema, date)).toBeNull();
  });
});

describe('the customer answer form', () => {
  it('refuses a NUL or a broken emoji in any text with its own message, not a failure to save', () => {
    for (const field of ['moveUp', 'comment', 'respondentName', 'respondentTitle']) {
      const result = customerAnswerInput.safeParse({ level: '3', submissionKey: 'abcdefgh-1234', [field]: 'text\u0000' });
      expect(result.success).toBe(false);
      expect(result.error!.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([[field, 'confirm.errors.unstorable']]);
    }
    expect(customerAnswerInput.safeParse({ level: '3', submissionKey: 'abcdefgh\u0000' }).success).toBe(false);
  });
});
