'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CircleStop } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useOrg } from '@/components/shell/org-context';
import { errorMessageOf, useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose } from '@/components/ui/dialog';
import { notify } from '@/components/ui/notify';

/**
 * "Stop sending", with a dialog that says what stops and what does not: the emails not sent yet
 * are cancelled, the links already sent keep working.
 */
export function StopCampaignButton({ campaignId, emailsQueued }: { campaignId: string; emailsQueued: number }) {
  const t = useTranslations('campaigns.stop');
  const tAll = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const stop = useMutation(
    trpc.campaign.stop.mutationOptions({
      onSuccess: ({ cancelled }) => {
        notify.success(t('done', { count: cancelled }));
        setOpen(false);
        void queryClient.invalidateQueries({ queryKey: trpc.campaign.pathKey() });
      },
    }),
  );
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        stop.reset();
        setOpen(next);
      }}
      title={t('title')}
      description={t('body', { count: emailsQueued })}
      trigger={
        <Button variant="secondary">
          <CircleStop className="size-4" aria-hidden />
          {t('button')}
        </Button>
      }
    >
      {stop.error ? (
        <Alert tone="error" className="mb-4">
          {errorMessageOf(stop.error, tAll('errors.network'))}
        </Alert>
      ) : null}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <DialogClose asChild>
          <Button variant="secondary">{t('keep')}</Button>
        </DialogClose>
        <Button variant="danger" disabled={stop.isPending} onClick={() => stop.mutate({ orgSlug: org.slug, campaignId })}>
          {stop.isPending ? t('stopping') : t('confirm')}
        </Button>
      </div>
    </Dialog>
  );
}
