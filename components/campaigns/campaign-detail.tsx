'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ArrowLeft } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState } from 'react';
import { LoadError } from '@/components/load-error';
import { useOrg } from '@/components/shell/org-context';
import { useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Skeleton } from '@/components/ui/skeleton';
import { cn } from '@/lib/cn';
import type { CampaignContactStatus } from '@/server/domain/campaigns';
import { formatRate } from './format';
import { RenameCampaignButton } from './rename-campaign-button';
import { StopCampaignButton } from './stop-campaign-button';

const statusStyle: Record<CampaignContactStatus, string> = {
  answered: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  opened: 'bg-sky-50 text-sky-800 ring-sky-200',
  sent: 'bg-slate-50 text-slate-800 ring-slate-300',
  queued: 'bg-amber-50 text-amber-900 ring-amber-200',
  failed: 'bg-red-50 text-red-800 ring-red-200',
  revoked: 'bg-white text-slate-600 ring-slate-200',
  expired: 'bg-white text-slate-600 ring-slate-200',
  cancelled: 'bg-white text-slate-600 ring-slate-200',
};

const STOP_REASONS = ['campaignStopped', 'answered', 'revoked', 'expired', 'accountArchived', 'contactArchived', 'noEmail'] as const;
const isStopReason = (reason: string | null): reason is (typeof STOP_REASONS)[number] =>
  (STOP_REASONS as readonly (string | null)[]).includes(reason);

/** A campaign's progress: totals, by buying role, and each contact asked; refreshed every 5 seconds. */
export function CampaignDetail({ campaignId }: { campaignId: string }) {
  const t = useTranslations('campaigns');
  const tAll = useTranslations();
  const format = useFormatter();
  const org = useOrg();
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const campaign = useQuery({
    ...trpc.campaign.get.queryOptions({ orgSlug: org.slug, campaignId, page }),
    refetchInterval: 5000,
    placeholderData: keepPreviousData,
  });

  const back = (
    <Link
      href={`/${org.slug}/campaigns`}
      className="mb-4 inline-flex items-center gap-1.5 text-sm font-medium text-slate-700 hover:text-slate-900"
    >
      <ArrowLeft className="size-4" aria-hidden />
      {t('back')}
    </Link>
  );

  if (campaign.isPending) {
    return (
      <div aria-busy="true" aria-label={tAll('common.loading')}>
        {back}
        <Skeleton className="mb-2 h-8 w-72" />
        <Skeleton className="mb-6 h-4 w-96 max-w-full" />
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
          {[0, 1, 2, 3, 4, 5].map((i) => (
            <Skeleton key={i} className="h-20" />
          ))}
        </div>
        <Skeleton className="mt-6 h-64 w-full" />
      </div>
    );
  }
  if (campaign.isError) {
    return (
      <>
        {back}
        <LoadError error={campaign.error} onRetry={() => campaign.refetch()} lead={t('loadFailed')} />
      </>
    );
  }

  const { campaign: info, total, byRole, contacts, pageSize, emailsQueued } = campaign.data;
  const pages = Math.max(1, Math.ceil(total.asked / pageSize));
  const stats = [
    { key: 'asked', value: format.number(total.asked) },
    { key: 'sent', value: format.number(total.sent) },
    { key: 'failed', value: format.number(total.failed) },
    { key: 'opened', value: format.number(total.opened) },
    { key: 'answered', value: format.number(total.answered) },
    { key: 'rate', value: formatRate(format, total.responseRate, t('stats.none')) },
  ] as const;
  const stopReason = (reason: string | null) => (isStopReason(reason) ? t(`stopReasons.${reason}`) : (reason ?? ''));

  return (
    <>
      {back}
      <PageHeader
        title={info.name}
        description={
          <>
            {t('startedBy', {
              date: format.dateTime(info.createdAt, { dateStyle: 'medium', timeStyle: 'short' }),
              name: info.createdByName,
            })}
            <br />
            {t('reminderPlan', { reminders: info.reminders, days: info.reminderDays, expires: info.expiresInDays })}
          </>
        }
        action={
          org.can('member') ? (
            <div className="flex flex-wrap gap-2">
              <RenameCampaignButton campaignId={info.id} name={info.name} />
              {!info.stoppedAt && emailsQueued > 0 ? <StopCampaignButton campaignId={info.id} emailsQueued={emailsQueued} /> : null}
            </div>
          ) : undefined
        }
      />
      {info.stoppedAt ? (
        <Alert tone="info" className="mb-6">
          {t('stop.stoppedBy', {
            date: format.dateTime(info.stoppedAt, { dateStyle: 'medium', timeStyle: 'short' }),
            name: info.stoppedByName ?? '',
          })}
        </Alert>
      ) : null}

      <section aria-label={t('title')}>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
          {stats.map((stat) => (
            <div
              key={stat.key}
              className={cn(
                'rounded-xl bg-white px-4 py-3 shadow-sm ring-1 ring-slate-200',
                stat.key === 'failed' && total.failed > 0 && 'ring-red-300',
              )}
            >
              <dt className="text-xs font-medium text-slate-600">{t(`stats.${stat.key}`)}</dt>
              <dd className="mt-1 text-2xl font-semibold text-slate-900 tabular-nums" data-testid={`campaign-stat-${stat.key}`}>
                {stat.value}
              </dd>
            </div>
          ))}
        </dl>
        <p className="mt-2 text-xs text-slate-600">{t('live')}</p>
      </section>

      <Card className="mt-6">
        <CardHeader title={t('byRole')} />
        {/* A phone gets one line per role; the full table from the small breakpoint up. */}
        <ul className="divide-y divide-slate-100 sm:hidden" aria-label={t('byRoleCaption')}>
          {byRole.map((row) => (
            <li key={row.role} className="flex items-baseline justify-between gap-3 px-4 py-2.5 text-sm">
              <span className="font-medium text-slate-900">{tAll(`contacts.buyingRoles.${row.role}.name`)}</span>
              <span className="text-right text-slate-700 tabular-nums">
                {t('answeredOf', { answered: row.answered, asked: row.asked })} · {formatRate(format, row.responseRate, t('stats.none'))}
              </span>
            </li>
          ))}
        </ul>
        <div className="hidden overflow-x-auto sm:block" tabIndex={0} role="region" aria-label={t('byRoleCaption')}>
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t('byRoleCaption')}</caption>
            <thead className="border-b border-slate-200 text-xs font-medium tracking-wide text-slate-600 uppercase">
              <tr>
                <th scope="col" className="px-4 py-2.5 sm:px-6">
                  {t('role')}
                </th>
                <th scope="col" className="px-3 py-2.5 text-right">
                  {t('stats.asked')}
                </th>
                <th scope="col" className="hidden px-3 py-2.5 text-right sm:table-cell">
                  {t('stats.opened')}
                </th>
                <th scope="col" className="hidden px-3 py-2.5 text-right sm:table-cell">
                  {t('stats.answered')}
                </th>
                <th scope="col" className="px-4 py-2.5 text-right sm:px-6">
                  {t('stats.rate')}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {byRole.map((row) => (
                <tr key={row.role}>
                  <th scope="row" className="px-4 py-2.5 font-medium text-slate-900 sm:px-6">
                    {tAll(`contacts.buyingRoles.${row.role}.name`)}
                  </th>
                  <td className="px-3 py-2.5 text-right tabular-nums">{format.number(row.asked)}</td>
                  <td className="hidden px-3 py-2.5 text-right tabular-nums sm:table-cell">{format.number(row.opened)}</td>
                  <td className="hidden px-3 py-2.5 text-right tabular-nums sm:table-cell">{format.number(row.answered)}</td>
                  <td className="px-4 py-2.5 text-right font-medium tabular-nums sm:px-6">
                    {formatRate(format, row.responseRate, t('stats.none'))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>

      <Card className="mt-6">
        <CardHeader title={t('contactsTitle')} />
        <div
          className={cn('overflow-x-auto', campaign.isPlaceholderData && 'opacity-60 transition-opacity')}
          tabIndex={0}
          role="region"
          aria-label={t('contactsCaption')}
        >
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t('contactsCaption')}</caption>
            <thead className="border-b border-slate-200 text-xs font-medium tracking-wide text-slate-600 uppercase">
              <tr>
                <th scope="col" className="px-4 py-2.5 sm:px-6">
                  {t('contact')}
                </th>
                <th scope="col" className="hidden px-3 py-2.5 md:table-cell">
                  {t('role')}
                </th>
                <th scope="col" className="px-3 py-2.5">
                  {t('statusColumn')}
                </th>
                <th scope="col" className="hidden px-4 py-2.5 sm:table-cell sm:px-6">
                  {t('remindersColumn')}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {contacts.map((row) => {
                const reminders =
                  info.reminders === 0 ? (
                    t('remindersNone')
                  ) : (
                    <>
                      {t('remindersSent', { sent: row.remindersSent, total: info.reminders })}
                      {row.nextReminderAt ? (
                        <span className="block text-xs text-slate-600">
                          {t('nextReminder', { date: format.dateTime(row.nextReminderAt, { dateStyle: 'medium' }) })}
                        </span>
                      ) : row.remindersStopped && row.remindersSent < info.reminders ? (
                        <span className="block text-xs text-slate-600">
                          {t('remindersStopped', { reason: stopReason(row.remindersStopped.reason) })}
                        </span>
                      ) : null}
                    </>
                  );
                return (
                  <tr key={row.linkId} data-testid="campaign-contact-row">
                    <td className="px-4 py-2.5 align-top sm:px-6">
                      <span className="font-medium text-slate-900">{row.contactName}</span>
                      <Link href={`/${org.slug}/accounts/${row.accountId}`} className="block text-xs text-brand-700 hover:underline">
                        {row.accountName}
                      </Link>
                    </td>
                    <td className="hidden px-3 py-2.5 align-top text-slate-700 md:table-cell">
                      {tAll(`contacts.buyingRoles.${row.buyingRole}.name`)}
                    </td>
                    <td className="px-3 py-2.5 align-top">
                      <span
                        className={cn('inline-flex rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset', statusStyle[row.status])}
                      >
                        {t(`status.${row.status}`)}
                      </span>
                      {row.answeredAfterReminder ? <span className="block text-xs text-slate-600">{t('afterReminder')}</span> : null}
                      {row.status === 'failed' && row.firstMessage.reason ? (
                        <span className="block max-w-56 text-xs break-words text-red-700">{row.firstMessage.reason}</span>
                      ) : row.status === 'queued' && row.firstMessage.reason ? (
                        <span className="block max-w-56 text-xs break-words text-amber-800">
                          {t('retrying', { reason: row.firstMessage.reason })}
                        </span>
                      ) : row.status === 'cancelled' ? (
                        <span className="block text-xs text-slate-600">{stopReason(row.firstMessage.reason)}</span>
                      ) : null}
                      <span className="mt-1 block text-xs text-slate-600 sm:hidden">{reminders}</span>
                    </td>
                    <td className="hidden px-4 py-2.5 align-top text-slate-700 sm:table-cell sm:px-6">{reminders}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {pages > 1 ? (
          <nav className="flex items-center justify-between border-t border-slate-200 px-4 py-3 sm:px-6" aria-label={t('contactsTitle')}>
            <Button variant="secondary" size="sm" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
              {t('previous')}
            </Button>
            <span className="text-sm text-slate-600">{t('pageOf', { page, pages })}</span>
            <Button variant="secondary" size="sm" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>
              {t('next')}
            </Button>
          </nav>
        ) : null}
      </Card>
    </>
  );
}
