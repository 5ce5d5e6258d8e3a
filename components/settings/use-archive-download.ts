'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { downloadText } from '@/components/accounts/download';
import { useOrg } from '@/components/shell/org-context';
import { errorMessageOf, useTRPC } from '@/components/trpc';

/** Downloads the whole organization as one file, the same archive `npm run org:import` reads (docs/operations.md). */
export function useArchiveDownload() {
  const t = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation({
    // Fetched afresh on each click, and not kept: the archive can be large and holds everything.
    mutationFn: () =>
      queryClient.fetchQuery({ ...trpc.organization.exportArchive.queryOptions({ orgSlug: org.slug }), staleTime: 0, gcTime: 0 }),
    onSuccess: (archive) => {
      downloadText(`${org.slug}-${archive.exportedAt.slice(0, 10)}.json`, JSON.stringify(archive), 'application/json');
      toast.success(t('settings.exportDone'));
    },
    onError: (error) => toast.error(errorMessageOf(error, t('errors.network'))),
  });
}
