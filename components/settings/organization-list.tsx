'use client';

import { useMutation } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { toast } from 'sonner';
import { errorMessageOf, useTRPC, type RouterOutputs } from '@/components/trpc';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';

type Organization = RouterOutputs['me']['get']['organizations'][number];
type Scheduled = RouterOutputs['me']['scheduledForDeletion'][number];

/** The organizations a person belongs to, and below them those scheduled for deletion that they own and can restore. */
export function OrganizationList({ organizations, scheduled }: { organizations: Organization[]; scheduled: Scheduled[] }) {
  const t = useTranslations();
  return (
    <div className="space-y-6">
      {organizations.length > 0 ? (
        <Card>
          <ul className="divide-y divide-slate-200">
            {organizations.map((org) => (
              <li key={org.slug} className="flex items-center justify-between gap-4 px-4 py-3 sm:px-6">
                <div className="min-w-0">
                  <p className="truncate font-medium text-slate-900">{org.name}</p>
                  <p className="text-sm text-slate-600">{t(`roles.${org.role}.name`)}</p>
                </div>
                <Button asChild variant="secondary" size="sm">
                  <Link href={`/${org.slug}`} aria-label={`${t('orgList.open')} ${org.name}`}>
                    {t('orgList.open')}
                  </Link>
                </Button>
              </li>
            ))}
          </ul>
        </Card>
      ) : (
        <p className="text-sm text-slate-600">{t('orgList.none')}</p>
      )}

      {scheduled.length > 0 ? (
        <section aria-labelledby="scheduled-heading" className="space-y-3">
          <div>
            <h2 id="scheduled-heading" className="text-base font-semibold text-slate-900">
              {t('orgList.scheduledTitle')}
            </h2>
            <p className="mt-1 text-sm text-slate-600">{t('orgList.scheduledHint')}</p>
          </div>
          <Card className="ring-amber-200">
            <ul className="divide-y divide-slate-200">
              {scheduled.map((org) => (
                <ScheduledOrganization key={org.slug} org={org} />
              ))}
            </ul>
          </Card>
        </section>
      ) : null}

      <p className="text-sm">
        <Link href="/orgs/new" className="font-medium text-brand-700 hover:underline">
          {t('orgList.create')}
        </Link>
      </p>
    </div>
  );
}

function ScheduledOrganization({ org }: { org: Scheduled }) {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const router = useRouter();
  const restore = useMutation(
    trpc.organization.restore.mutationOptions({
      onSuccess: () => {
        toast.success(t('orgList.restored', { org: org.name }));
        router.refresh();
      },
      onError: (error) => toast.error(errorMessageOf(error, t('errors.network'))),
    }),
  );
  return (
    <li className="flex flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center sm:justify-between sm:px-6">
      <div className="min-w-0">
        <p className="truncate font-medium text-slate-900">{org.name}</p>
        <p className="text-sm text-amber-800">{t('orgList.scheduledOn', { date: format.dateTime(org.purgeAt, { dateStyle: 'long' }) })}</p>
      </div>
      <Button
        variant="secondary"
        size="sm"
        disabled={restore.isPending}
        onClick={() => restore.mutate({ orgSlug: org.slug })}
        aria-label={`${t('orgList.restore')} ${org.name}`}
      >
        {restore.isPending ? t('orgList.restoring') : t('orgList.restore')}
      </Button>
    </li>
  );
}
