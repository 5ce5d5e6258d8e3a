'use client';

import { useMutation } from '@tanstack/react-query';
import { Download } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { FreshnessSettings } from '@/components/confirmations/freshness-settings';
import { QuietPeriodSettings } from '@/components/confirmations/quiet-period-settings';
import { useOrg } from '@/components/shell/org-context';
import { errorMessageOf, fieldErrorsOf, useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { Dialog, DialogClose } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { DeleteOrganization } from './delete-organization';
import { BrandingSettings } from './branding-settings';
import { useArchiveDownload } from './use-archive-download';

export function GeneralSettings() {
  const t = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const router = useRouter();
  const [name, setName] = useState(org.name);
  const [leaveOpen, setLeaveOpen] = useState(false);
  const canEdit = org.can('admin');

  const rename = useMutation(
    trpc.organization.rename.mutationOptions({
      onSuccess: () => {
        toast.success(t('settings.renamed'));
        router.refresh();
      },
    }),
  );
  const leave = useMutation(
    trpc.member.leave.mutationOptions({
      onSuccess: () => {
        toast.success(t('settings.left', { org: org.name }));
        router.push('/');
        router.refresh();
      },
    }),
  );
  const nameError = fieldErrorsOf(rename.error).name ?? null;

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title={t('settings.general')} description={canEdit ? undefined : t('settings.viewerNotice')} />
        <form
          className="space-y-5 px-4 py-5 sm:px-6"
          noValidate
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            rename.mutate({ orgSlug: org.slug, name });
          }}
        >
          {rename.error && !nameError ? <Alert tone="error">{errorMessageOf(rename.error, t('errors.network'))}</Alert> : null}
          <Field
            label={t('settings.orgNameLabel')}
            name="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            disabled={!canEdit}
            error={nameError}
            className="max-w-md"
          />
          <div className="max-w-md space-y-1.5">
            <p className="text-sm font-medium text-slate-800">{t('settings.orgUrlLabel')}</p>
            <p className="font-mono text-sm text-slate-700">/{org.slug}</p>
            <p className="text-sm text-slate-600">{t('settings.orgUrlHint')}</p>
          </div>
          {canEdit ? (
            <Button type="submit" disabled={rename.isPending || name.trim() === org.name}>
              {rename.isPending ? t('common.saving') : t('common.save')}
            </Button>
          ) : null}
        </form>
      </Card>

      <BrandingSettings />
      <FreshnessSettings />
      <QuietPeriodSettings />
      {org.can('owner') ? <ExportOrganization /> : null}

      <Card>
        <CardHeader title={t('settings.leaveTitle')} description={t('settings.leaveBody', { org: org.name })} />
        <div className="px-4 py-5 sm:px-6">
          <Dialog
            open={leaveOpen}
            onOpenChange={setLeaveOpen}
            title={t('settings.leaveButton', { org: org.name })}
            description={t('settings.leaveBody', { org: org.name })}
            trigger={<Button variant="secondary">{t('settings.leaveButton', { org: org.name })}</Button>}
          >
            {leave.error ? (
              <Alert tone="error" className="mb-4">
                {errorMessageOf(leave.error, t('errors.network'))}
              </Alert>
            ) : null}
            <div className="flex justify-end gap-3">
              <DialogClose asChild>
                <Button variant="secondary">{t('common.cancel')}</Button>
              </DialogClose>
              <Button variant="danger" disabled={leave.isPending} onClick={() => leave.mutate({ orgSlug: org.slug })}>
                {t('settings.leaveConfirm')}
              </Button>
            </div>
          </Dialog>
        </div>
      </Card>

      {org.can('owner') ? <DeleteOrganization /> : null}
    </div>
  );
}

/** The whole organization as one file, the same archive `npm run org:import` reads (docs/operations.md). */
function ExportOrganization() {
  const t = useTranslations();
  const org = useOrg();
  const download = useArchiveDownload();
  return (
    <Card>
      <CardHeader title={t('settings.exportTitle')} description={t('settings.exportBody', { org: org.name })} />
      <div className="px-4 py-5 sm:px-6">
        <Button variant="secondary" disabled={download.isPending} onClick={() => download.mutate()}>
          <Download className="size-4" aria-hidden />
          {download.isPending ? t('settings.exporting') : t('settings.exportButton')}
        </Button>
      </div>
    </Card>
  );
}
