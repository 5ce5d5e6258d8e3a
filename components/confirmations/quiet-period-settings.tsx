'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { NumberSettingCard } from '@/components/settings/number-setting-card';
import { useOrg } from '@/components/shell/org-context';
import { fieldErrorsOf, useTRPC } from '@/components/trpc';
import { MAX_QUIET_DAYS, MIN_QUIET_DAYS } from '@/server/domain/campaigns';

/** Settings → General: how many days pass before a contact may be asked for a confirmation again. Admins change it; everyone sees it. */
export function QuietPeriodSettings() {
  const t = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settingsKey = trpc.confirmation.settings.queryKey({ orgSlug: org.slug });
  const settings = useQuery(trpc.confirmation.settings.queryOptions({ orgSlug: org.slug }));

  const save = useMutation(
    trpc.confirmation.setQuietPeriod.mutationOptions({
      onSuccess: (result) => {
        queryClient.setQueryData(settingsKey, (current) => (current ? { ...current, quietDays: result.quietDays } : current));
        toast.success(t('campaigns.quiet.saved'));
        void queryClient.invalidateQueries({ queryKey: trpc.campaign.preview.pathKey() });
      },
    }),
  );

  return (
    <NumberSettingCard
      title={t('campaigns.quiet.title')}
      description={t('campaigns.quiet.body')}
      label={t('campaigns.quiet.label')}
      name="quietDays"
      min={MIN_QUIET_DAYS}
      max={MAX_QUIET_DAYS}
      canEdit={org.can('admin')}
      adminOnlyHint={t('campaigns.quiet.adminOnly')}
      savingLabel={t('campaigns.quiet.saving')}
      setting={{ value: settings.data?.quietDays, isPending: settings.isPending, error: settings.error }}
      save={{
        run: (days) => save.mutateAsync({ orgSlug: org.slug, days }),
        isPending: save.isPending,
        error: save.error,
        fieldError: fieldErrorsOf(save.error).days ?? null,
      }}
    />
  );
}
