'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { useOrg } from '@/components/shell/org-context';
import { errorMessageOf, fieldErrorsOf, isTRPCClientError, useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field, inputClass } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import { TRANSITIONS } from '@/server/domain/actions';
import { METHOD_ACTION_PHRASE_MAX, METHOD_DESCRIPTION_MAX, METHOD_NAME_MAX } from '@/server/domain/playbook';
import type { Method } from './playbook-settings';

interface Draft {
  fromLevel: string;
  nameEn: string;
  nameSv: string;
  descriptionEn: string;
  descriptionSv: string;
  actionPhraseEn: string;
  actionPhraseSv: string;
}

/**
 * Adds a method to the playbook or edits one, in English and Swedish. A name in one language
 * is enough (readers of the other see it as a fallback). The optional action phrase is how an
 * action planned from the method is titled ("Run a USP analysis"); without one the title starts
 * with the name. Nothing typed is lost on an error; after
 * a "changed meanwhile" conflict the next save goes onto the other admin's version.
 */
export function MethodDialog({
  open,
  onOpenChange,
  fromLevel,
  method,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  fromLevel: number;
  method?: Method;
}) {
  const t = useTranslations('playbook');
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={method ? t('editTitle') : t('newTitle')} description={t('dialogDescription')}>
      {open ? <MethodForm fromLevel={fromLevel} method={method} onDone={() => onOpenChange(false)} /> : null}
    </Dialog>
  );
}

function MethodForm({ fromLevel, method, onDone }: { fromLevel: number; method?: Method; onDone: () => void }) {
  const t = useTranslations('playbook');
  const tAll = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [draft, setDraft] = useState<Draft>({
    fromLevel: String(method?.fromLevel ?? fromLevel),
    nameEn: method?.nameEn ?? '',
    nameSv: method?.nameSv ?? '',
    descriptionEn: method?.descriptionEn ?? '',
    descriptionSv: method?.descriptionSv ?? '',
    actionPhraseEn: method?.actionPhraseEn ?? '',
    actionPhraseSv: method?.actionPhraseSv ?? '',
  });
  const [baseVersion, setBaseVersion] = useState(method?.version ?? 1);
  const [rebase, setRebase] = useState(false);
  const [touched, setTouched] = useState(false);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const done = (message: string) => {
    toast.success(message);
    void queryClient.invalidateQueries({ queryKey: trpc.playbook.pathKey() });
    onDone();
  };
  const create = useMutation(trpc.playbook.create.mutationOptions({ onSuccess: () => done(t('createdToast')) }));
  const update = useMutation(
    trpc.playbook.update.mutationOptions({
      onSuccess: () => done(t('savedToast')),
      onError: (error) => {
        if (isTRPCClientError(error) && error.data?.code === 'CONFLICT') {
          setRebase(true);
          void queryClient.invalidateQueries({ queryKey: trpc.playbook.pathKey() });
        }
      },
    }),
  );
  const mutation = method ? update : create;
  const fieldErrors = fieldErrorsOf(mutation.error);
  const formError = mutation.error && Object.keys(fieldErrors).length === 0 ? errorMessageOf(mutation.error, tAll('errors.network')) : null;
  const noName = touched && !draft.nameEn.trim() && !draft.nameSv.trim();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!draft.nameEn.trim() && !draft.nameSv.trim()) return;
    const fields = { orgSlug: org.slug, ...draft, fromLevel: Number(draft.fromLevel) };
    if (method) {
      const version = rebase ? method.version : baseVersion;
      setBaseVersion(version);
      setRebase(false);
      update.mutate({ ...fields, methodId: method.id, version });
    } else {
      create.mutate(fields);
    }
  };

  const textarea = (key: 'descriptionEn' | 'descriptionSv', label: string, lang: 'en' | 'sv') => {
    const error =
      fieldErrors[key] ??
      (draft[key].trim().length > METHOD_DESCRIPTION_MAX ? t('descriptionTooLong', { max: METHOD_DESCRIPTION_MAX }) : null);
    const fieldId = `${id}-${key}`;
    return (
      <div className="space-y-1.5">
        <label htmlFor={fieldId} className="block text-sm font-medium text-slate-800">
          {label}
        </label>
        <textarea
          id={fieldId}
          lang={lang}
          rows={3}
          value={draft[key]}
          onChange={(e) => set({ [key]: e.target.value })}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${fieldId}-error` : undefined}
          className={inputClass}
        />
        {error ? (
          <p id={`${fieldId}-error`} className="text-sm text-red-700" role="alert">
            {error}
          </p>
        ) : null}
      </div>
    );
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      <div className="space-y-1.5">
        <label htmlFor={`${id}-transition`} className="block text-sm font-medium text-slate-800">
          {t('transitionLabel')}
        </label>
        <Select
          id={`${id}-transition`}
          value={draft.fromLevel}
          onValueChange={(value) => set({ fromLevel: value })}
          options={TRANSITIONS.map((tr) => ({
            value: String(tr.fromLevel),
            label: t('transitionOption', { from: tr.fromLevel, to: tr.toLevel }),
          }))}
        />
      </div>

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-900">{t('english')}</legend>
        <Field
          label={t('nameEn')}
          value={draft.nameEn}
          onChange={(e) => set({ nameEn: e.target.value })}
          maxLength={METHOD_NAME_MAX}
          lang="en"
          error={fieldErrors.nameEn ?? (noName ? t('nameRequired') : null)}
          autoFocus
        />
        {textarea('descriptionEn', t('descriptionEn'), 'en')}
        <Field
          label={t('actionPhraseEn')}
          value={draft.actionPhraseEn}
          onChange={(e) => set({ actionPhraseEn: e.target.value })}
          maxLength={METHOD_ACTION_PHRASE_MAX}
          lang="en"
          hint={t('actionPhraseHintEn')}
          error={fieldErrors.actionPhraseEn ?? null}
        />
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-900">{t('swedish')}</legend>
        <Field
          label={t('nameSv')}
          value={draft.nameSv}
          onChange={(e) => set({ nameSv: e.target.value })}
          maxLength={METHOD_NAME_MAX}
          lang="sv"
          error={fieldErrors.nameSv ?? null}
        />
        {textarea('descriptionSv', t('descriptionSv'), 'sv')}
        <Field
          label={t('actionPhraseSv')}
          value={draft.actionPhraseSv}
          onChange={(e) => set({ actionPhraseSv: e.target.value })}
          maxLength={METHOD_ACTION_PHRASE_MAX}
          lang="sv"
          hint={t('actionPhraseHintSv')}
          error={fieldErrors.actionPhraseSv ?? null}
        />
      </fieldset>

      <p className="text-xs text-slate-600">{t('languageHint')}</p>

      {formError ? <Alert tone="error">{formError}</Alert> : null}

      <div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onDone}>
          {tAll('common.cancel')}
        </Button>
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? tAll('common.saving') : method ? tAll('common.save') : t('add')}
        </Button>
      </div>
    </form>
  );
}
