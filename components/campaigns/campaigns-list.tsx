'use client';

import { useQuery } from '@tanstack/react-query';
import { Megaphone } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import Link from 'next/link';
import { LoadError } from '@/components/load-error';
import { useOrg } from '@/components/shell/org-context';
import { useTRPC } from '@/components/trpc';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { RelativeTime } from '@/components/ui/relative-time';
import { Skeleton } from '@/components/ui/skeleton';
import { formatRate } from './format';

/** The organization's confirmation campaigns, newest first, with how far each has come. */
export function CampaignsList() {
  const t = useTranslations('campaigns');
  const tAll = useTranslations();
  const format = useFormatter();
  const org = useOrg();
  const trpc = useTRPC();
  // Progress moves while emails go out and customers answer: keep the numbers fresh.
  const list = useQuery({ ...trpc.campaign.list.queryOptions({ orgSlug: org.slug }), refetchInterval: 5000 });

  const toAccounts = (
    <Button asChild>
      <Link href={`/${org.slug}/accounts`}>{t('list.emptyAction')}</Link>
    </Button>
  );

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('subtitle')}
        action={
          org.can('member') && list.data && list.data.length > 0 ? (
            <Button asChild variant="secondary">
              <Link href={`/${org.slug}/accounts`}>
                <Megaphone className="size-4" aria-hidden />
                {t('list.newFromAccounts')}
              </Link>
            </Button>
          ) : null
        }
      />
      {list.isPending ? (
        <Card>
          <div className="space-y-3 px-4 py-5 sm:px-6" aria-busy="true" aria-label={tAll('common.loading')}>
            {[0, 1, 2, 3].map((i) => (
              <Skeleton key={i} className="h-11 w-full" />
            ))}
          </div>
        </Card>
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} lead={t('list.loadFailed')} />
      ) : list.data.length === 0 ? (
        <EmptyState
          icon={<Megaphone className="size-10" />}
          title={t('list.emptyTitle')}
          action={org.can('member') ? toAccounts : undefined}
        >
          <p>{t('list.emptyBody')}</p>
        </EmptyState>
      ) : (
        <Card>
          <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t('list.caption')}>
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t('list.caption')}</caption>
              <thead className="border-b border-slate-200 text-xs font-medium tracking-wide text-slate-600 uppercase">
                <tr>
                  <th scope="col" className="px-4 py-3 sm:px-6">
                    {t('list.name')}
                  </th>
                  <th scope="col" className="hidden px-4 py-3 md:table-cell">
                    {t('list.started')}
                  </th>
                  <th scope="col" className="px-4 py-3 text-right">
                    {t('list.asked')}
                  </th>
                  <th scope="col" className="hidden px-4 py-3 text-right sm:table-cell">
                    {t('list.answered')}
                  </th>
                  <th scope="col" className="px-4 py-3 text-right sm:px-6">
                    {t('list.rate')}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {list.data.map((campaign) => (
                  <tr key={campaign.id} className="hover:bg-slate-50">
                    <td className="px-4 py-3 sm:px-6">
                      <Link href={`/${org.slug}/campaigns/${campaign.id}`} className="font-medium text-brand-700 hover:underline">
                        {campaign.name}
                      </Link>
                      {campaign.stoppedAt ? (
                        <span className="ml-2 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-slate-200 ring-inset">
                          {t('stop.badge')}
                        </span>
                      ) : null}
                      <p className="text-xs text-slate-600">
                        <span className="md:hidden">
                          <RelativeTime date={campaign.createdAt} />{' '}
                        </span>
                        {t('list.by', { name: campaign.createdByName })}
                      </p>
                    </td>
                    <td className="hidden px-4 py-3 text-slate-700 md:table-cell">
                      <RelativeTime date={campaign.createdAt} />
                    </td>
                    <td className="px-4 py-3 text-right text-slate-900 tabular-nums">{format.number(campaign.asked)}</td>
                    <td className="hidden px-4 py-3 text-right text-slate-900 tabular-nums sm:table-cell">
                      {format.number(campaign.answered)}
                    </td>
                    <td className="px-4 py-3 text-right font-medium text-slate-900 tabular-nums sm:px-6">
                      {formatRate(format, campaign.responseRate, t('stats.none'))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      )}
    </>
  );
}
