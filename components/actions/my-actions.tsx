'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { Checkbox } from 'radix-ui';
import { Check, ListChecks } from 'lucide-react';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useId, useState } from 'react';
import { LevelBadge } from '@/components/levels/level-badge';
import { LoadError } from '@/components/load-error';
import { useMethodText } from '@/components/playbook/localized';
import { useOrg } from '@/components/shell/org-context';
import { useTRPC } from '@/components/trpc';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Skeleton } from '@/components/ui/skeleton';
import { cn } from '@/lib/cn';
import { StatusControl } from './action-parts';
import { DueDate } from './due-date';

/** Everything the signed-in person owns across accounts: overdue first, then by due date. */
export function MyActions() {
  const t = useTranslations('actions');
  const tAll = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const methodText = useMethodText();
  const checkboxId = useId();
  const [includeFinished, setIncludeFinished] = useState(false);

  const mine = useInfiniteQuery(
    trpc.action.mine.infiniteQueryOptions({ orgSlug: org.slug, includeFinished }, { getNextPageParam: (page) => page.nextCursor }),
  );
  const actions = mine.data?.pages.flatMap((page) => page.actions) ?? [];
  const today = mine.data?.pages[0]?.today ?? '';
  const counts = mine.data?.pages[0]?.counts;

  return (
    <>
      <PageHeader
        title={t('mineTitle')}
        description={counts ? t('mineSummary', { active: counts.active, overdue: counts.overdue }) : t('mineSubtitle')}
        action={
          <div className="flex items-center gap-2">
            <Checkbox.Root
              id={checkboxId}
              checked={includeFinished}
              onCheckedChange={(checked) => setIncludeFinished(checked === true)}
              className="inline-flex size-4.5 shrink-0 items-center justify-center rounded bg-white ring-1 ring-slate-400 ring-inset data-[state=checked]:bg-brand-600 data-[state=checked]:ring-brand-600"
            >
              <Checkbox.Indicator>
                <Check className="size-3.5 text-white" strokeWidth={3} aria-hidden />
              </Checkbox.Indicator>
            </Checkbox.Root>
            <label htmlFor={checkboxId} className="text-sm text-slate-800">
              {t('showFinished')}
            </label>
          </div>
        }
      />

      {mine.isPending ? (
        <Card>
          <div className="space-y-3 px-4 py-5 sm:px-6">
            {[0, 1, 2, 3].map((i) => (
              <Skeleton key={i} className="h-14 w-full" />
            ))}
          </div>
        </Card>
      ) : mine.isError ? (
        <LoadError error={mine.error} onRetry={() => mine.refetch()} />
      ) : actions.length === 0 ? (
        <EmptyState
          icon={<ListChecks className="size-10" />}
          title={includeFinished ? t('mineEmptyAllTitle') : t('mineEmptyTitle')}
          action={
            <Button asChild>
              <Link href={`/${org.slug}/accounts`}>{t('mineEmptyAction')}</Link>
            </Button>
          }
        >
          {t('mineEmptyBody')}
        </EmptyState>
      ) : (
        <Card>
          <ul className="divide-y divide-slate-200">
            {actions.map((action) => (
              <li
                key={action.id}
                className={cn(
                  'flex flex-col gap-2 border-l-4 px-4 py-3 sm:flex-row sm:items-center sm:gap-4 sm:px-6',
                  action.overdue ? 'border-red-500 bg-red-50/40' : 'border-transparent',
                )}
              >
                <div className="min-w-0 flex-1">
                  <p className={cn('font-medium break-words text-slate-900', action.status === 'dropped' && 'text-slate-500 line-through')}>
                    {action.title}
                  </p>
                  <p className="mt-1 flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-600">
                    <Link
                      href={`/${org.slug}/accounts/${action.accountId}#actions`}
                      className="font-medium text-brand-700 underline-offset-2 hover:underline"
                    >
                      {action.accountName}
                    </Link>
                    <span className="inline-flex items-center gap-1">
                      {t('towards')} <LevelBadge level={action.targetLevel} compact />
                    </span>
                    <DueDate action={action} today={today} />
                    {action.methodId ? <span>{methodText.name({ nameEn: action.methodNameEn, nameSv: action.methodNameSv })}</span> : null}
                  </p>
                </div>
                <StatusControl action={action} />
              </li>
            ))}
          </ul>
          {mine.hasNextPage ? (
            <div className="border-t border-slate-200 px-4 py-3 sm:px-6">
              <Button variant="secondary" size="sm" disabled={mine.isFetchingNextPage} onClick={() => void mine.fetchNextPage()}>
                {mine.isFetchingNextPage ? tAll('common.loading') : t('showMore')}
              </Button>
            </div>
          ) : null}
        </Card>
      )}
    </>
  );
}
