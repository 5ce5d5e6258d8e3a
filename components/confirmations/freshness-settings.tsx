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
import { MAX_FRESHNESS_MONTHS, MIN_FRESHNESS_MONTHS } from '@/server/domain/customer-level';

/** Settings → General: how long a customer's answer counts toward the customer level. Admins change it; everyone sees it. */
export function FreshnessSettings() {
  const t = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settingsKey = trpc.confirmation.settings.queryKey({ orgSlug: org.slug });
  const settings = useQuery(trpc.confirmation.settings.queryOptions({ orgSlug: org.slug }));
  const [draft, setDraft] = useState<string | null>(null);
  const canEdit = org.can('admin');

  const save = useMutation(
    trpc.confirmation.setFreshness.mutationOptions({
      onSuccess: (result) => {
        queryClient.setQueryData(settingsKey, result);
        setDraft(null);
        toast.success(t('customer.freshnessSaved'));
        // Customer levels were recalculated: every confirmation panel and list may show something new.
        void queryClient.invalidateQueries({ queryKey: trpc.confirmation.overview.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.account.pathKey() });
      },
    }),
  );

  const saved = settings.data?.freshnessMonths;
  const value = draft ?? (saved === undefined ? '' : String(saved));
  const error = fieldErrorsOf(save.error).months ?? null;

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({ orgSlug: org.slug, months: Number(value) });
  }

  return (
    <Card>
      <CardHeader title={t('customer.freshnessTitle')} description={t('customer.freshnessBody')} />
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
            label={t('customer.freshnessLabel')}
            name="freshnessMonths"
            type="number"
            inputMode="numeric"
            min={MIN_FRESHNESS_MONTHS}
            max={MAX_FRESHNESS_MONTHS}
            value={value}
            onChange={(e) => setDraft(e.target.value)}
            disabled={!canEdit}
            error={error}
            hint={canEdit ? undefined : t('customer.freshnessAdminOnly')}
            className="max-w-48"
          />
          {canEdit ? (
            <Button type="submit" disabled={save.isPending || draft === null || Number(draft) === saved}>
              {save.isPending ? t('customer.freshnessSaving') : t('common.save')}
            </Button>
          ) : null}
        </form>
      )}
    </Card>
  );
}
