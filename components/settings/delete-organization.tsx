'use client';

import { useMutation } from '@tanstack/react-query';
import { Download } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { useOrg } from '@/components/shell/org-context';
import { errorMessageOf, useTRPC } from '@/components/trpc';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { Dialog, DialogClose } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { deletionConfirmed, ORGANIZATION_DELETION_GRACE_DAYS, organizationPurgeAt } from '@/server/domain/org-deletion';
import { useArchiveDownload } from './use-archive-download';

/**
 * The danger zone, for owners: deleting takes two steps. The first offers the archive and says
 * what the grace period means; the second asks for the organization's name, typed exactly (the
 * server checks it again).
 */
export function DeleteOrganization() {
  const t = useTranslations();
  const format = useFormatter();
  const org = useOrg();
  const trpc = useTRPC();
  const router = useRouter();
  const download = useArchiveDownload();
  const [open, setOpen] = useState(false);
  const [step, setStep] = useState<'export' | 'confirm'>('export');
  const [typed, setTyped] = useState('');

  const schedule = useMutation(
    trpc.organization.requestDeletion.mutationOptions({
      onSuccess: ({ purgeAt }) => {
        toast.success(t('orgDeletion.scheduled', { org: org.name, date: format.dateTime(purgeAt, { dateStyle: 'long' }) }));
        router.push('/orgs');
        router.refresh();
      },
    }),
  );

  const reset = (next: boolean) => {
    setOpen(next);
    if (!next) {
      setStep('export');
      setTyped('');
      schedule.reset();
    }
  };
  // Shown before anything is scheduled: the server sets the real date when the owner confirms.
  const restorableUntil = format.dateTime(organizationPurgeAt(new Date()), { dateStyle: 'long' });

  return (
    <Card className="ring-red-200">
      <CardHeader
        title={t('orgDeletion.cardTitle')}
        description={t('orgDeletion.cardBody', { org: org.name, days: ORGANIZATION_DELETION_GRACE_DAYS })}
      />
      <div className="px-4 py-5 sm:px-6">
        <Dialog
          open={open}
          onOpenChange={reset}
          title={t('orgDeletion.dialogTitle', { org: org.name })}
          trigger={<Button variant="danger">{t('orgDeletion.openButton')}</Button>}
        >
          {step === 'export' ? (
            <div className="space-y-5">
              <section className="space-y-2">
                <h3 className="text-sm font-semibold text-slate-900">{t('orgDeletion.exportTitle')}</h3>
                <p className="text-sm text-slate-700">{t('orgDeletion.exportBody')}</p>
                <Button variant="secondary" disabled={download.isPending} onClick={() => download.mutate()}>
                  <Download className="size-4" aria-hidden />
                  {download.isPending ? t('orgDeletion.exporting') : t('orgDeletion.exportButton')}
                </Button>
              </section>
              <section className="space-y-2 rounded-lg bg-amber-50 p-3 ring-1 ring-amber-200">
                <h3 className="text-sm font-semibold text-slate-900">{t('orgDeletion.graceTitle')}</h3>
                <p className="text-sm text-slate-800">{t('orgDeletion.graceBody', { org: org.name, date: restorableUntil })}</p>
              </section>
              <div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
                <DialogClose asChild>
                  <Button variant="secondary">{t('common.cancel')}</Button>
                </DialogClose>
                <Button variant="danger" onClick={() => setStep('confirm')}>
                  {t('orgDeletion.continue')}
                </Button>
              </div>
            </div>
          ) : (
            <form
              className="space-y-5"
              noValidate
              onSubmit={(event: FormEvent) => {
                event.preventDefault();
                schedule.mutate({ orgSlug: org.slug, confirmName: typed });
              }}
            >
              <Field
                label={t('orgDeletion.confirmLabel', { org: org.name })}
                hint={t('orgDeletion.confirmHint')}
                name="confirmName"
                autoComplete="off"
                spellCheck={false}
                autoFocus
                value={typed}
                onChange={(event) => setTyped(event.target.value)}
                error={schedule.error ? errorMessageOf(schedule.error, t('errors.network')) : null}
              />
              <div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
                <Button variant="secondary" onClick={() => setStep('export')}>
                  {t('orgDeletion.back')}
                </Button>
                <Button type="submit" variant="danger" disabled={schedule.isPending || !deletionConfirmed(typed, org.name)}>
                  {schedule.isPending ? t('orgDeletion.scheduling') : t('orgDeletion.confirmButton')}
                </Button>
              </div>
            </form>
          )}
        </Dialog>
      </div>
    </Card>
  );
}
