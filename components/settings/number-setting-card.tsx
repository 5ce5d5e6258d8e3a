'use client';

import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { errorMessageOf } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Skeleton } from '@/components/ui/skeleton';

/**
 * A settings card holding one whole number of the organization that admins change and everyone
 * sees: a skeleton while it loads, the reason when it cannot load, and a field whose typed value
 * stays until it is saved (or refused, with the reason next to it).
 */
export function NumberSettingCard({
  title,
  description,
  label,
  name,
  min,
  max,
  canEdit,
  adminOnlyHint,
  savingLabel,
  setting,
  save,
}: {
  title: string;
  description: string;
  label: string;
  name: string;
  min: number;
  max: number;
  canEdit: boolean;
  adminOnlyHint: string;
  savingLabel: string;
  setting: { value: number | undefined; isPending: boolean; error: unknown };
  save: { run: (value: number) => Promise<unknown>; isPending: boolean; error: unknown; fieldError: string | null };
}) {
  const t = useTranslations();
  const [draft, setDraft] = useState<string | null>(null);
  const value = draft ?? (setting.value === undefined ? '' : String(setting.value));

  function submit(event: FormEvent) {
    event.preventDefault();
    // A refused value stays in the field with the reason; the mutation's error says it.
    save.run(Number(value)).then(
      () => setDraft(null),
      () => undefined,
    );
  }

  return (
    <Card>
      <CardHeader title={title} description={description} />
      {setting.isPending ? (
        <div className="px-4 py-5 sm:px-6">
          <Skeleton className="h-9 w-40" />
        </div>
      ) : setting.error ? (
        <div className="px-4 py-5 sm:px-6">
          <Alert tone="error">{errorMessageOf(setting.error, t('errors.network'))}</Alert>
        </div>
      ) : (
        <form className="space-y-5 px-4 py-5 sm:px-6" noValidate onSubmit={submit}>
          {save.error && !save.fieldError ? <Alert tone="error">{errorMessageOf(save.error, t('errors.network'))}</Alert> : null}
          <Field
            label={label}
            name={name}
            type="number"
            inputMode="numeric"
            min={min}
            max={max}
            value={value}
            onChange={(e) => setDraft(e.target.value)}
            disabled={!canEdit}
            error={save.fieldError}
            hint={canEdit ? undefined : adminOnlyHint}
            className="max-w-48"
          />
          {canEdit ? (
            <Button type="submit" disabled={save.isPending || draft === null || Number(draft) === setting.value}>
              {save.isPending ? savingLabel : t('common.save')}
            </Button>
          ) : null}
        </form>
      )}
    </Card>
  );
}
