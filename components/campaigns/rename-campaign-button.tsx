'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Pencil } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { useOrg } from '@/components/shell/org-context';
import { errorMessageOf, fieldErrorsOf, useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { notify } from '@/components/ui/notify';

/** "Rename": a campaign's own name instead of its date, so two started on one day can be told apart. */
export function RenameCampaignButton({ campaignId, name }: { campaignId: string; name: string }) {
  const t = useTranslations('campaigns.rename');
  const tAll = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState(name);
  const rename = useMutation(
    trpc.campaign.rename.mutationOptions({
      onSuccess: () => {
        notify.success(t('saved'));
        setOpen(false);
        void queryClient.invalidateQueries({ queryKey: trpc.campaign.pathKey() });
      },
    }),
  );
  const fieldError = fieldErrorsOf(rename.error).name ?? null;
  const formError = rename.error && !fieldError ? errorMessageOf(rename.error, tAll('errors.network')) : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    rename.mutate({ orgSlug: org.slug, campaignId, name: draft });
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        rename.reset();
        setDraft(name);
        setOpen(next);
      }}
      title={t('title')}
      trigger={
        <Button variant="secondary">
          <Pencil className="size-4" aria-hidden />
          {t('button')}
        </Button>
      }
    >
      <form onSubmit={submit} noValidate className="space-y-4">
        {formError ? <Alert tone="error">{formError}</Alert> : null}
        <Field
          label={t('label')}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          error={fieldError}
          maxLength={100}
          autoFocus
        />
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <DialogClose asChild>
            <Button variant="secondary">{tAll('common.cancel')}</Button>
          </DialogClose>
          <Button type="submit" disabled={rename.isPending}>
            {t('save')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
