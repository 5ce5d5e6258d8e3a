'use client';

import { useTranslations } from 'next-intl';
import { useId, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import { CLOSE_REASON_MAX } from '@/server/domain/consensus';
import { LevelPicker } from './level-picker';

export interface CloseDraft {
  /** null: the suggestion (median rounded down), whatever it is when the form is sent. */
  level: number | null;
  reason: string;
}

export const emptyCloseDraft: CloseDraft = { level: null, reason: '' };

/**
 * Closing a round: the team level starts at the suggestion; choosing another level asks for a
 * short reason, which stays with the level in the history.
 */
export function CloseForm({
  suggested,
  draft,
  onDraftChange,
  onSubmit,
  pending,
  error,
  fieldErrors,
}: {
  suggested: number;
  draft: CloseDraft;
  onDraftChange: (draft: CloseDraft) => void;
  onSubmit: (level: number, reason: string) => void;
  pending: boolean;
  error: string | null;
  fieldErrors: Record<string, string>;
}) {
  const t = useTranslations('assessments');
  const id = useId();
  const level = draft.level ?? suggested;
  const differs = level !== suggested;
  const reason = draft.reason.trim();
  const tooLong = reason.length > CLOSE_REASON_MAX;
  const reasonMissing = differs && reason.length === 0;
  const reasonError = fieldErrors.reason ?? (tooLong ? t('reasonTooLong') : null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reasonMissing || tooLong) return;
    onSubmit(level, differs ? reason : '');
  };

  return (
    <form onSubmit={submit} className="space-y-4" noValidate aria-labelledby={`${id}-title`}>
      <div>
        <h3 id={`${id}-title`} className="text-sm font-semibold text-slate-900">
          {t('closeTitle')}
        </h3>
        <p className="mt-1 text-sm text-slate-600">{t('closeBody')}</p>
      </div>
      <div className="space-y-2">
        <p id={`${id}-level`} className="text-sm font-medium text-slate-800">
          {t('teamLevel')}
        </p>
        <LevelPicker
          value={level}
          onChange={(value) => onDraftChange({ ...draft, level: value })}
          labelledBy={`${id}-level`}
          suggested={suggested}
          compact
          disabled={pending}
        />
        <p className="text-xs text-slate-600">{t('suggestedHint', { level: suggested })}</p>
      </div>
      {differs ? (
        <div className="space-y-1.5">
          <label htmlFor={`${id}-reason`} className="block text-sm font-medium text-slate-800">
            {t('reason')}
          </label>
          <textarea
            id={`${id}-reason`}
            value={draft.reason}
            onChange={(e) => onDraftChange({ ...draft, reason: e.target.value })}
            rows={2}
            required
            disabled={pending}
            placeholder={t('reasonPlaceholder')}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={`${id}-reason-hint${reasonError ? ` ${id}-reason-error` : ''}`}
            className={inputClass}
          />
          <p id={`${id}-reason-hint`} className="flex justify-between gap-3 text-xs text-slate-600">
            <span>{t('reasonHint')}</span>
            <span className={tooLong ? 'font-semibold text-red-700' : undefined}>
              {t('characters', { count: reason.length, max: CLOSE_REASON_MAX })}
            </span>
          </p>
          {reasonError ? (
            <p id={`${id}-reason-error`} className="text-sm text-red-700" role="alert">
              {reasonError}
            </p>
          ) : null}
        </div>
      ) : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div className="flex justify-end">
        <Button type="submit" disabled={pending || reasonMissing || tooLong}>
          {pending ? t('closing') : t('closeAt', { level })}
        </Button>
      </div>
    </form>
  );
}
