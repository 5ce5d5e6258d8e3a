'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { RotateCcw } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { notify } from '@/components/ui/notify';
import { useOrg } from '@/components/shell/org-context';
import { errorMessageOf, useTRPC } from '@/components/trpc';
import { Button } from '@/components/ui/button';
import type { AccountDetails } from './types';

/** Brings an archived account back into the lists. */
export function RestoreAccountButton({ account }: { account: AccountDetails }) {
  const t = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const restore = useMutation(
    trpc.account.unarchive.mutationOptions({
      onSuccess: () => {
        notify.success(t('accounts.header.restored', { name: account.name }));
        void queryClient.invalidateQueries({ queryKey: trpc.account.pathKey() });
        router.refresh();
      },
      onError: (error) => notify.error(errorMessageOf(error, t('errors.network'))),
    }),
  );
  return (
    <Button variant="secondary" disabled={restore.isPending} onClick={() => restore.mutate({ orgSlug: org.slug, accountId: account.id })}>
      <RotateCcw className="size-4" aria-hidden />
      {restore.isPending ? t('accounts.header.restoring') : t('accounts.header.restore')}
    </Button>
  );
}
