'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { isLocale } from '@/i18n/config';
import { answerConfirmation } from '@/server/confirmations';
import { clientAddress } from '@/server/rate-limit';

export interface AnswerFormState {
  /** Field → message key under confirm.errors; `_form` for the whole form. */
  errors: Record<string, string>;
  /** What the customer typed, so a rejected form comes back filled in (also without JavaScript). */
  values: Record<string, string>;
}

const FIELDS = ['level', 'desiredLevel', 'moveUp', 'respondentName', 'respondentTitle', 'comment', 'submissionKey'] as const;

/** The customer's form posts here, with or without JavaScript. Success redirects to the thank-you page. */
export async function submitAnswerAction(_previous: AnswerFormState, form: FormData): Promise<AnswerFormState> {
  const token = String(form.get('token') ?? '');
  const lang = isLocale(form.get('lang')) ? String(form.get('lang')) : 'en';
  const values = Object.fromEntries(FIELDS.map((field) => [field, String(form.get(field) ?? '')]));
  const result = await answerConfirmation(token, clientAddress(await headers()), values);
  if (result.kind === 'tooMany') return { errors: { _form: 'tooMany' }, values };
  if (result.kind === 'unavailable') return { errors: { _form: 'unavailable' }, values };
  if (result.kind === 'invalid') return { errors: { _form: 'fix', ...result.errors }, values };
  redirect(`/c/${encodeURIComponent(token)}?answered=1&lang=${lang}`);
}
