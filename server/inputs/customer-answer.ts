import { z } from 'zod';
import { isStorableText } from './common';
import { messages, type KeysOf, type Messages } from '@/i18n/messages';

/** Why the public form refused an answer: a key under "confirm.errors". */
export type AnswerErrorKey = KeysOf<Messages['confirm']['errors']>;

/** Error keys travel through the page's address (`error=field:key`), which anyone can edit: only known ones are shown. */
export function isAnswerErrorKey(value: string): value is AnswerErrorKey {
  return Object.hasOwn(messages.en.confirm.errors, value);
}

const optionalText = (max: number, key: `confirm.errors.${AnswerErrorKey}`) =>
  z
    .string()
    .refine(isStorableText, { error: 'confirm.errors.unstorable' })
    .trim()
    .max(max, { error: key })
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

/** What the public form sends. Field messages are keys under "confirm.errors" in messages/<locale>/confirmations.json. */
export const customerAnswerInput = z.object({
  level: z.coerce
    .number({ error: 'confirm.errors.levelRequired' })
    .int()
    .min(1, { error: 'confirm.errors.levelRequired' })
    .max(5, { error: 'confirm.errors.levelRequired' }),
  desiredLevel: z
    .union(
      [
        z.literal(''),
        z.coerce
          .number({ error: 'confirm.errors.desiredInvalid' })
          .int({ error: 'confirm.errors.desiredInvalid' })
          .min(1, { error: 'confirm.errors.desiredInvalid' })
          .max(5, { error: 'confirm.errors.desiredInvalid' }),
      ],
      { error: 'confirm.errors.desiredInvalid' },
    )
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional(),
  moveUp: optionalText(2000, 'confirm.errors.tooLong'),
  respondentName: optionalText(100, 'confirm.errors.nameTooLong'),
  respondentTitle: optionalText(100, 'confirm.errors.nameTooLong'),
  comment: optionalText(2000, 'confirm.errors.tooLong'),
  submissionKey: z.string().min(8).max(64).refine(isStorableText, { error: 'confirm.errors.unstorable' }),
});
