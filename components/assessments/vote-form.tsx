'use client';

import { Checkbox } from 'radix-ui';
import { Check } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useId, type FormEvent } from 'react';
import { LevelBadge } from '@/components/levels/level-badge';
import { LEVELS } from '@/components/levels/levels';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import { RATIONALE_MAX } from '@/server/domain/consensus';
import { LevelPicker } from './level-picker';
import { useSignalLabel, type Signal } from './shared';

export interface VoteDraft {
  level: number | null;
  rationale: string;
  evidence: string[];
}

export const emptyVoteDraft: VoteDraft = { level: null, rationale: '', evidence: [] };

/**
 * One member's vote: a level, a rationale and the evidence they observed. The checklist of the
 * chosen level comes first; signals of other levels can be ticked too (an account rarely sits
 * neatly on one level). The draft lives in the parent, so nothing typed is lost if the server refuses.
 */
export function VoteForm({
  draft,
  onDraftChange,
  onSubmit,
  signals,
  pending,
  error,
  fieldErrors,
  blind,
}: {
  draft: VoteDraft;
  onDraftChange: (draft: VoteDraft) => void;
  onSubmit: () => void;
  signals: Signal[];
  pending: boolean;
  error: string | null;
  fieldErrors: Record<string, string>;
  blind: boolean;
}) {
  const t = useTranslations('assessments');
  const id = useId();
  const levelLabelId = `${id}-level`;
  const rationaleId = `${id}-rationale`;
  const active = signals.filter((s) => !s.retiredAt);
  const chosen = active.filter((s) => s.level === draft.level);
  const others = LEVELS.filter((level) => level !== draft.level);
  const rationaleLength = draft.rationale.trim().length;
  const tooLong = rationaleLength > RATIONALE_MAX;
  const levelError = fieldErrors.level ?? null;
  const rationaleError = fieldErrors.rationale ?? (tooLong ? t('rationaleTooLong') : null);

  const toggle = (signalId: string, checked: boolean) =>
    onDraftChange({ ...draft, evidence: checked ? [...draft.evidence, signalId] : draft.evidence.filter((e) => e !== signalId) });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.level === null || rationaleLength === 0 || tooLong) return;
    onSubmit();
  };

  const ticked = (level: number) => active.filter((s) => s.level === level && draft.evidence.includes(s.id)).length;

  return (
    <form onSubmit={submit} className="space-y-5" noValidate aria-label={t('voteFormLabel')}>
      <div className="space-y-2">
        <p id={levelLabelId} className="text-sm font-medium text-slate-800">
          {t('yourLevel')}
        </p>
        <LevelPicker
          value={draft.level}
          onChange={(level) => onDraftChange({ ...draft, level })}
          labelledBy={levelLabelId}
          describedBy={levelError ? `${levelLabelId}-error` : undefined}
          invalid={Boolean(levelError)}
          disabled={pending}
        />
        {levelError ? (
          <p id={`${levelLabelId}-error`} className="text-sm text-red-700" role="alert">
            {levelError}
          </p>
        ) : null}
      </div>

      <div className="space-y-1.5">
        <label htmlFor={rationaleId} className="block text-sm font-medium text-slate-800">
          {t('rationale')}
        </label>
        <textarea
          id={rationaleId}
          value={draft.rationale}
          onChange={(e) => onDraftChange({ ...draft, rationale: e.target.value })}
          rows={3}
          required
          disabled={pending}
          placeholder={t('rationalePlaceholder')}
          aria-invalid={rationaleError ? true : undefined}
          aria-describedby={`${rationaleId}-hint${rationaleError ? ` ${rationaleId}-error` : ''}`}
          className={inputClass}
        />
        <p id={`${rationaleId}-hint`} className="flex justify-between gap-3 text-xs text-slate-600">
          <span>{blind ? t('rationaleHintBlind') : t('rationaleHint')}</span>
          <span className={tooLong ? 'font-semibold text-red-700' : undefined}>
            {t('characters', { count: rationaleLength, max: RATIONALE_MAX })}
          </span>
        </p>
        {rationaleError ? (
          <p id={`${rationaleId}-error`} className="text-sm text-red-700" role="alert">
            {rationaleError}
          </p>
        ) : null}
      </div>

      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-slate-800">{t('evidence')}</legend>
        <p className="text-xs text-slate-600">{t('evidenceHint')}</p>
        {draft.level === null ? (
          <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600">{t('evidencePickLevel')}</p>
        ) : chosen.length === 0 ? (
          <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600">{t('evidenceNoneForLevel')}</p>
        ) : (
          <SignalChecklist signals={chosen} selected={draft.evidence} onToggle={toggle} disabled={pending} />
        )}
        <details className="group rounded-md ring-1 ring-slate-200">
          <summary className="cursor-pointer rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50">
            {draft.level === null ? t('evidenceAllLevels') : t('evidenceOtherLevels')}
            {others.some((level) => ticked(level) > 0) ? (
              <span className="ml-2 text-xs font-normal text-slate-600">
                {t('evidenceTicked', { count: others.reduce((n, level) => n + ticked(level), 0) })}
              </span>
            ) : null}
          </summary>
          <div className="space-y-4 px-3 pt-1 pb-3">
            {others.map((level) => {
              const list = active.filter((s) => s.level === level);
              if (list.length === 0) return null;
              return (
                <div key={level} className="space-y-2">
                  <LevelBadge level={level} />
                  <SignalChecklist signals={list} selected={draft.evidence} onToggle={toggle} disabled={pending} />
                </div>
              );
            })}
          </div>
        </details>
      </fieldset>

      {error ? <Alert tone="error">{error}</Alert> : null}

      <div className="flex flex-col-reverse gap-3 sm:flex-row sm:items-center sm:justify-end">
        {draft.level === null || rationaleLength === 0 ? <p className="text-xs text-slate-600">{t('voteNeeds')}</p> : null}
        <Button type="submit" disabled={pending || draft.level === null || rationaleLength === 0 || tooLong}>
          {pending ? t('voting') : t('castVote')}
        </Button>
      </div>
    </form>
  );
}

function SignalChecklist({
  signals,
  selected,
  onToggle,
  disabled,
}: {
  signals: Signal[];
  selected: string[];
  onToggle: (signalId: string, checked: boolean) => void;
  disabled: boolean;
}) {
  const label = useSignalLabel();
  const id = useId();
  return (
    <ul className="space-y-1.5">
      {signals.map((signal) => {
        const inputId = `${id}-${signal.id}`;
        return (
          <li key={signal.id} className="flex items-start gap-2.5">
            <Checkbox.Root
              id={inputId}
              checked={selected.includes(signal.id)}
              onCheckedChange={(checked) => onToggle(signal.id, checked === true)}
              disabled={disabled}
              className="mt-0.5 inline-flex size-4.5 shrink-0 items-center justify-center rounded bg-white ring-1 ring-slate-400 ring-inset data-[state=checked]:bg-brand-600 data-[state=checked]:ring-brand-600"
            >
              <Checkbox.Indicator>
                <Check className="size-3.5 text-white" strokeWidth={3} aria-hidden />
              </Checkbox.Indicator>
            </Checkbox.Root>
            <label htmlFor={inputId} className="text-sm text-slate-800">
              {label(signal)}
            </label>
          </li>
        );
      })}
    </ul>
  );
}
