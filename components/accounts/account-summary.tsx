'use client';

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { ListChecks, MessageSquareQuote, UserRound } from 'lucide-react';
import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import { useState, type ReactNode } from 'react';
import type { ActionPrefill } from '@/components/actions/action-dialog';
import { DueDate } from '@/components/actions/due-date';
import { PlaybookSuggestions } from '@/components/actions/playbook-suggestions';
import { LevelBadge } from '@/components/levels/level-badge';
import { LoadError } from '@/components/load-error';
import { useOrg } from '@/components/shell/org-context';
import { useTRPC } from '@/components/trpc';
import { Card } from '@/components/ui/card';
import { RelativeTime } from '@/components/ui/relative-time';
import { Skeleton } from '@/components/ui/skeleton';
import { cn } from '@/lib/cn';
import { isActive } from '@/server/domain/actions';
import { AccountLevels } from './account-levels';

// The form opens on a click only: its fields and selects stay out of the page's first load.
const ActionDialog = dynamic(() => import('@/components/actions/action-dialog').then((module) => module.ActionDialog), { ssr: false });

/** How many open actions and answers the summary lists before pointing to their sections; a phone shows the first only, under the count. */
const SHOWN = 3;

/** What shows only from `sm` up: on a phone the summary lists one item, so the level history stays within the first screen. */
const WIDE_ONLY = 'hidden sm:block';

/**
 * What a salesperson needs before a call, at the top of the account page: where the
 * relationship stands (team, customer and effective level, the perception gap), the next step
 * up with the playbook's methods for it, the open actions and what the customer said last.
 * Each part links to its full section further down. On a phone each list shows its first item
 * and how many more there are, so the level history starts within the first screen.
 */
export function AccountSummary({ accountId }: { accountId: string }) {
  const t = useTranslations('accounts.summary');
  const tAll = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const account = useQuery(trpc.account.get.queryOptions({ orgSlug: org.slug, accountId }));
  const [planning, setPlanning] = useState<ActionPrefill | null>(null);
  const canEdit = org.can('member') && account.data?.archivedAt === null;

  return (
    <Card>
      <h2 className="sr-only">{t('title')}</h2>
      <div className="space-y-3 px-4 py-3 sm:space-y-5 sm:px-6 sm:py-5">
        {account.isPending ? (
          <div className="grid gap-3 sm:grid-cols-3" aria-busy="true" aria-label={tAll('common.loading')}>
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} className="h-24" />
            ))}
          </div>
        ) : account.isError ? (
          <LoadError error={account.error} onRetry={() => account.refetch()} />
        ) : (
          <AccountLevels account={account.data} />
        )}
        <div className="grid gap-3 sm:gap-5 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <PlaybookSuggestions accountId={accountId} canEdit={canEdit} onPlan={setPlanning} />
          <div className="space-y-3 sm:space-y-5">
            <OpenActions accountId={accountId} canEdit={canEdit} />
            <LatestAnswers accountId={accountId} canAsk={canEdit} />
          </div>
        </div>
      </div>
      {planning ? <ActionDialog accountId={accountId} open onOpenChange={(open) => !open && setPlanning(null)} prefill={planning} /> : null}
    </Card>
  );
}

function SectionLink({ href, children, className }: { href: string; children: ReactNode; className?: string }) {
  return (
    <a href={href} className={cn('text-xs font-medium text-brand-700 underline-offset-2 hover:underline', className)}>
      {children}
    </a>
  );
}

/** The actions still to do (same query as the actions section, so no second request). */
function OpenActions({ accountId, canEdit }: { accountId: string; canEdit: boolean }) {
  const t = useTranslations('accounts.summary');
  const tActions = useTranslations('actions');
  const org = useOrg();
  const trpc = useTRPC();
  const list = useInfiniteQuery(
    trpc.action.list.infiniteQueryOptions({ orgSlug: org.slug, accountId }, { getNextPageParam: (page) => page.nextCursor }),
  );
  const open = (list.data?.pages.flatMap((page) => page.actions) ?? []).filter((action) => isActive(action.status));
  const today = list.data?.pages[0]?.today ?? '';
  const headingId = `summary-actions-${accountId}`;
  return (
    <section aria-labelledby={headingId}>
      <div className="flex items-baseline justify-between gap-3">
        <h3 id={headingId} className="flex items-center gap-2 text-sm font-semibold text-slate-900">
          <ListChecks className="size-4 text-slate-500" aria-hidden />
          {t('openActions')}
          {list.data ? <span className="font-normal text-slate-600">({open.length})</span> : null}
        </h3>
        <SectionLink href="#actions">{t('allActions')}</SectionLink>
      </div>
      {list.isPending ? (
        <Skeleton className="mt-2 h-10 w-full" />
      ) : list.isError ? (
        <div className="mt-2">
          <LoadError error={list.error} onRetry={() => list.refetch()} />
        </div>
      ) : open.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">{canEdit ? t('noOpenActions') : t('noOpenActionsViewer')}</p>
      ) : (
        <ul className="mt-1 space-y-1 sm:mt-2 sm:space-y-2">
          {open.slice(0, SHOWN).map((action, index) => (
            <li key={action.id} className={cn('text-sm', index > 0 && WIDE_ONLY)}>
              <p className="line-clamp-1 font-medium break-words text-slate-900 sm:line-clamp-none">{action.title}</p>
              <p className="mt-0.5 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600">
                <span className="inline-flex items-center gap-1">
                  <UserRound className="size-3.5" aria-hidden />
                  <span className="sr-only">{tActions('ownerLabel')}:</span>
                  {action.ownerName ?? tActions('noOwner')}
                </span>
                <DueDate action={action} today={today} />
              </p>
            </li>
          ))}
          {open.length > SHOWN ? (
            <li className={cn('text-xs text-slate-600', WIDE_ONLY)}>{t('moreActions', { count: open.length - SHOWN })}</li>
          ) : null}
        </ul>
      )}
    </section>
  );
}

/** The newest answers from the customer's side: who, the level they gave, when. */
function LatestAnswers({ accountId, canAsk }: { accountId: string; canAsk: boolean }) {
  const t = useTranslations('accounts.summary');
  const tAll = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const overview = useQuery(trpc.confirmation.overview.queryOptions({ orgSlug: org.slug, accountId }));
  const stakeholders = overview.data?.stakeholders ?? [];
  const answers = stakeholders.slice(0, SHOWN);
  const headingId = `summary-answers-${accountId}`;
  return (
    <section aria-labelledby={headingId}>
      <div className="flex items-baseline justify-between gap-3">
        <h3 id={headingId} className="flex items-center gap-2 text-sm font-semibold text-slate-900">
          <MessageSquareQuote className="size-4 text-slate-500" aria-hidden />
          {t('lastAnswers')}
          {overview.data ? <span className="font-normal text-slate-600">({stakeholders.length})</span> : null}
        </h3>
        <SectionLink href="#customer" className="shrink-0">
          <span className="sm:hidden">{t('allAnswersShort')}</span>
          <span className="hidden sm:inline">{t('allAnswers')}</span>
        </SectionLink>
      </div>
      {overview.isPending ? (
        <Skeleton className="mt-2 h-10 w-full" />
      ) : overview.isError ? (
        <div className="mt-2">
          <LoadError error={overview.error} onRetry={() => overview.refetch()} />
        </div>
      ) : answers.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">
          {t('noAnswers')}{' '}
          {canAsk ? (
            <a href="#customer" className="font-medium text-brand-700 underline-offset-2 hover:underline">
              {tAll('accounts.header.askCustomer')}
            </a>
          ) : null}
        </p>
      ) : (
        <ul className="mt-1 space-y-1 sm:mt-2 sm:space-y-2">
          {answers.map((answer, index) => (
            <li key={answer.id} className={cn('flex-wrap items-center gap-x-2 gap-y-1 text-sm', index === 0 ? 'flex' : 'hidden sm:flex')}>
              <span className="font-medium text-slate-900">{answer.contactName ?? answer.respondentName ?? t('unnamed')}</span>
              {answer.buyingRole ? (
                <span className="hidden text-xs text-slate-600 sm:inline">{tAll(`contacts.buyingRoles.${answer.buyingRole}.name`)}</span>
              ) : null}
              <LevelBadge level={answer.level} />
              <span className="text-xs text-slate-600">
                {t.rich('answered', { when: () => <RelativeTime date={answer.answeredAt} /> })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
