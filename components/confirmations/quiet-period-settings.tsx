'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { useOrg } from '@/components/shell/org-context';
import { errorMessageOf, fieldErrorsOf, useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Skeleton } from '@/components/ui/skeleton';
import { MAX_QUIET_DAYS, MIN_QUIET_DAYS } from '@/server/domain/campaigns';

/** Settings → General: how many days pass before a contact may be asked for a confirmation again. Admins change it; everyone sees it. */
export function QuietPeriodSettings() {
  const t = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settingsKey = trpc.confirmation.settings.queryKey({ orgSlug: org.slug });
  const settings = useQuery(trpc.confirmation.settings.queryOptions({ orgSlug: org.slug }));
  const [draft, setDraft] = useState<string | null>(null);
  const canEdit = org.can('admin');

  const save = useMutation(
    trpc.confirmation.setQuietPeriod.mutationOptions({
      onSuccess: (result) => {
        queryClient.setQueryData(settingsKey, (current) => (current ? { ...current, quietDays: result.quietDays } : current));
        setDraft(null);
        toast.success(t('campaigns.quiet.saved'));
        void queryClient.invalidateQueries({ queryKey: trpc.campaign.preview.pathKey() });
      },
    }),
  );

  const saved = settings.data?.quietDays;
  const value = draft ?? (saved === undefined ? '' : String(saved));
  const error = fieldErrorsOf(save.error).days ?? null;

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({ orgSlug: org.slug, days: Number(value) });
  }

  return (
    <Card>
      <CardHeader title={t('campaigns.quiet.title')} description={t('campaigns.quiet.body')} />
      {settings.isPending ? (
        <div className="px-4 py-5 sm:px-6">
          <Skeleton className="h-9 w-40" />
        </div>
      ) : settings.isError ? (
        <div className="px-4 py-5 sm:px-6">
          <Alert tone="error">{errorMessageOf(settings.error, t('errors.network'))}</Alert>
        </div>
      ) : (
        <form className="space-y-5 px-4 py-5 sm:px-6" noValidate onSubmit={submit}>
          {save.error && !error ? <Alert tone="error">{errorMessageOf(save.error, t('errors.network'))}</Alert> : null}
          <Field
            label={t('campaigns.quiet.label')}
            name="quietDays"
            type="number"
            inputMode="numeric"
            min={MIN_QUIET_DAYS}
            max={MAX_QUIET_DAYS}
            value={value}
            onChange={(e) => setDraft(e.target.value)}
            disabled={!canEdit}
            error={error}
            hint={canEdit ? undefined : t('campaigns.quiet.adminOnly')}
            className="max-w-48"
          />
          {canEdit ? (
            <Button type="submit" disabled={save.isPending || draft === null || Number(draft) === saved}>
              {save.isPending ? t('campaigns.quiet.saving') : t('common.save')}
            </Button>
          ) : null}
        </form>
      )}
    </Card>
  );
}
