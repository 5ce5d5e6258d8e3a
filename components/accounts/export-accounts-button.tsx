'use client';

import { useMutation } from '@tanstack/react-query';
import { Download } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { useOrg } from '@/components/shell/org-context';
import { errorMessageOf, useTRPC } from '@/components/trpc';
import { Button } from '@/components/ui/button';
import { downloadText } from './download';
import { filtersInput, type AccountListState } from './use-account-list-state';

/** Downloads the list as it is filtered and sorted now, with the current levels, as an Excel-friendly CSV. */
export function ExportAccountsButton({ state }: { state: AccountListState }) {
  const t = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const exportCsv = useMutation(
    trpc.account.exportCsv.mutationOptions({
      onSuccess: ({ fileName, csv, rowCount }) => {
        downloadText(fileName, csv);
        toast.success(t('accounts.exported', { count: rowCount }));
      },
      onError: (error) => toast.error(errorMessageOf(error, t('errors.network'))),
    }),
  );
  return (
    <Button
      variant="secondary"
      disabled={exportCsv.isPending}
      onClick={() => exportCsv.mutate({ orgSlug: org.slug, ...filtersInput(state) })}
    >
      <Download className="size-4" aria-hidden />
      {exportCsv.isPending ? t('accounts.exporting') : t('accounts.exportCsv')}
    </Button>
  );
}
