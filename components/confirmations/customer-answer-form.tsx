import { getTranslations } from 'next-intl/server';
import { LevelDescription } from '@/components/confirmations/level-description';
import { LEVELS } from '@/components/levels/levels';
import { Alert } from '@/components/ui/alert';
import { inputClass } from '@/components/ui/field';
import type { AnswerErrorKey } from '@/server/inputs/customer-answer';

/** What the alert above the form says: fix the fields below, or a key under confirm.errors about the whole form. */
export type AnswerFormError = 'fix' | AnswerErrorKey;

/**
 * The customer's answer: a plain HTML form, rendered on the server and posted to a route
 * handler, so it needs no JavaScript at all. The browser checks the required level and the
 * lengths before sending; a rejected answer, or one that could not be saved, comes back with
 * every value (the submission key too) still filled in.
 */
export async function CustomerAnswerForm({
  token,
  lang,
  submissionKey,
  values,
  errors,
  formError,
}: {
  token: string;
  lang: 'en' | 'sv';
  submissionKey: string;
  /** What to fill in: the customer's previous answer, or what they just sent. */
  values: Record<string, string>;
  /** Field → key under confirm.errors. */
  errors: Record<string, AnswerErrorKey>;
  formError?: AnswerFormError;
}) {
  const t = await getTranslations({ locale: lang, namespace: 'confirm' });
  const value = (field: string) => values[field] ?? '';
  const error = (field: string) => {
    const key = errors[field];
    return key ? t(`errors.${key}`) : null;
  };

  return (
    <form action={`/c/${token}/answer`} method="post" className="space-y-8">
      <input type="hidden" name="lang" value={lang} />
      <input type="hidden" name="submissionKey" value={values.submissionKey || submissionKey} />
      {formError ? <Alert tone="error">{formError === 'fix' ? t('fixErrors') : t(`errors.${formError}`)}</Alert> : null}

      <fieldset aria-describedby={error('level') ? 'level-error' : undefined}>
        <legend className="text-base font-semibold text-slate-900">{t('levelLegend')}</legend>
        {error('level') ? (
          <p id="level-error" className="mt-1 text-sm text-red-700">
            {error('level')}
          </p>
        ) : null}
        <div className="mt-3 space-y-2">
          {[...LEVELS].reverse().map((level) => (
            <label
              key={level}
              className="flex cursor-pointer gap-3 rounded-lg bg-white p-3 ring-1 ring-slate-300 ring-inset has-[:checked]:bg-brand-50 has-[:checked]:ring-2 has-[:checked]:ring-brand-600"
            >
              <input
                type="radio"
                name="level"
                value={level}
                defaultChecked={value('level') === String(level)}
                className="mt-1 size-4 accent-brand-600"
                required
              />
              <LevelDescription level={level} name={t(`levels.${level}.name`)} text={t(`levels.${level}.text`)} />
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset>
        <legend className="text-base font-semibold text-slate-900">{t('desiredLegend')}</legend>
        <p className="mt-1 text-sm text-slate-600">{t('desiredHint')}</p>
        {error('desiredLevel') ? <p className="mt-1 text-sm text-red-700">{error('desiredLevel')}</p> : null}
        <div className="mt-3 flex flex-wrap gap-2">
          {[null, ...LEVELS].map((option) => (
            <label
              key={option ?? 'none'}
              className="inline-flex cursor-pointer items-center gap-2 rounded-md bg-white px-3 py-2 text-sm ring-1 ring-slate-300 ring-inset has-[:checked]:bg-brand-50 has-[:checked]:ring-2 has-[:checked]:ring-brand-600"
            >
              <input
                type="radio"
                name="desiredLevel"
                value={option ?? ''}
                defaultChecked={value('desiredLevel') === String(option ?? '')}
                className="size-4 accent-brand-600"
              />
              {option ? `${option} · ${t(`levels.${option}.name`)}` : t('desiredNone')}
            </label>
          ))}
        </div>
      </fieldset>

      <TextArea
        name="moveUp"
        maxLength={2000}
        label={t('moveUp')}
        hint={t('moveUpHint')}
        defaultValue={value('moveUp')}
        error={error('moveUp')}
      />

      <fieldset className="space-y-4">
        <legend className="text-base font-semibold text-slate-900">{t('aboutYou')}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextInput
            name="respondentName"
            label={t('name')}
            defaultValue={value('respondentName')}
            error={error('respondentName')}
            autoComplete="name"
          />
          <TextInput
            name="respondentTitle"
            label={t('jobTitle')}
            defaultValue={value('respondentTitle')}
            error={error('respondentTitle')}
            autoComplete="organization-title"
          />
        </div>
        <TextArea name="comment" maxLength={2000} label={t('comment')} defaultValue={value('comment')} error={error('comment')} />
      </fieldset>

      <button
        type="submit"
        className="inline-flex h-12 w-full items-center justify-center rounded-md bg-brand-600 px-5 text-base font-semibold text-white shadow-sm hover:bg-brand-700 disabled:bg-brand-600/60 sm:w-auto"
      >
        {t('submit')}
      </button>
    </form>
  );
}

function TextInput({
  name,
  label,
  defaultValue,
  error,
  autoComplete,
}: {
  name: string;
  label: string;
  defaultValue: string;
  error: string | null;
  autoComplete?: string;
}) {
  return (
    <div className="space-y-1.5">
      <label htmlFor={name} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={name}
        name={name}
        defaultValue={defaultValue}
        maxLength={100}
        autoComplete={autoComplete}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${name}-error` : undefined}
        className={inputClass}
      />
      {error ? (
        <p id={`${name}-error`} className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function TextArea({
  name,
  label,
  hint,
  defaultValue,
  error,
  maxLength,
}: {
  name: string;
  label: string;
  hint?: string;
  defaultValue: string;
  error: string | null;
  maxLength: number;
}) {
  const describedBy = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="space-y-1.5">
      <label htmlFor={name} className="block text-base font-semibold text-slate-900">
        {label}
      </label>
      {hint ? (
        <p id={`${name}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <textarea
        id={name}
        name={name}
        rows={3}
        maxLength={maxLength}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={inputClass}
      />
      {error ? (
        <p id={`${name}-error`} className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
