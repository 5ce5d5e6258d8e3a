'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { NumberSettingCard } from '@/components/settings/number-setting-card';
import { useOrg } from '@/components/shell/org-context';
import { fieldErrorsOf, useTRPC } from '@/components/trpc';
import { MAX_FRESHNESS_MONTHS, MIN_FRESHNESS_MONTHS } from '@/server/domain/customer-level';

/** Settings → General: how long a customer's answer counts toward the customer level. Admins change it; everyone sees it. */
export function FreshnessSettings() {
  const t = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settingsKey = trpc.confirmation.settings.queryKey({ orgSlug: org.slug });
  const settings = useQuery(trpc.confirmation.settings.queryOptions({ orgSlug: org.slug }));

  const save = useMutation(
    trpc.confirmation.setFreshness.mutationOptions({
      onSuccess: (result) => {
        queryClient.setQueryData(settingsKey, (current) => (current ? { ...current, freshnessMonths: result.freshnessMonths } : current));
        toast.success(t('customer.freshnessSaved'));
        // Customer levels were recalculated: every confirmation panel and list may show something new.
        void queryClient.invalidateQueries({ queryKey: trpc.confirmation.overview.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.account.pathKey() });
      },
    }),
  );

  return (
    <NumberSettingCard
      title={t('customer.freshnessTitle')}
      description={t('customer.freshnessBody')}
      label={t('customer.freshnessLabel')}
      name="freshnessMonths"
      min={MIN_FRESHNESS_MONTHS}
      max={MAX_FRESHNESS_MONTHS}
      canEdit={org.can('admin')}
      adminOnlyHint={t('customer.freshnessAdminOnly')}
      savingLabel={t('customer.freshnessSaving')}
      setting={{ value: settings.data?.freshnessMonths, isPending: settings.isPending, error: settings.error }}
      save={{
        run: (months) => save.mutateAsync({ orgSlug: org.slug, months }),
        isPending: save.isPending,
        error: save.error,
        fieldError: fieldErrorsOf(save.error).months ?? null,
      }}
    />
  );
}
