'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Archive } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { notify } from '@/components/ui/notify';
import { useOrg } from '@/components/shell/org-context';
import { errorMessageOf, useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose } from '@/components/ui/dialog';
import { HEADER_BUTTON, HEADER_BUTTON_LABEL } from './header-button';
import type { AccountDetails } from './types';

/** "Archive", with a dialog to confirm: the account leaves the lists and the page reloads as archived. */
export function ArchiveAccountButton({ account }: { account: AccountDetails }) {
  const t = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const archive = useMutation(
    trpc.account.archive.mutationOptions({
      onSuccess: () => {
        notify.success(t('accounts.header.archived', { name: account.name }));
        setOpen(false);
        void queryClient.invalidateQueries({ queryKey: trpc.account.pathKey() });
        router.refresh();
      },
    }),
  );
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        archive.reset();
        setOpen(next);
      }}
      title={t('accounts.header.archiveTitle', { name: account.name })}
      description={t('accounts.header.archiveBody')}
      trigger={
        <Button variant="ghost" className={HEADER_BUTTON}>
          <Archive className="size-4" aria-hidden />
          <span className={HEADER_BUTTON_LABEL}>{t('accounts.header.archive')}</span>
        </Button>
      }
    >
      {archive.error ? (
        <Alert tone="error" className="mb-4">
          {errorMessageOf(archive.error, t('errors.network'))}
        </Alert>
      ) : null}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <DialogClose asChild>
          <Button variant="secondary">{t('common.cancel')}</Button>
        </DialogClose>
        <Button variant="danger" disabled={archive.isPending} onClick={() => archive.mutate({ orgSlug: org.slug, accountId: account.id })}>
          {t('accounts.header.archiveConfirm')}
        </Button>
      </div>
    </Dialog>
  );
}
