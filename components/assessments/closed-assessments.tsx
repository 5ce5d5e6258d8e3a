'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { ChevronRight } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { LevelBadge } from '@/components/levels/level-badge';
import { LoadError } from '@/components/load-error';
import { useOrg } from '@/components/shell/org-context';
import { useTRPC } from '@/components/trpc';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { usePersonName, type Signal } from './shared';
import { VotesList, VoteSummaryView } from './votes-list';

/** Earlier rounds of the account, newest first, each collapsed to one line until opened. Read-only. */
export function ClosedAssessments({ accountId, signalsById }: { accountId: string; signalsById: Map<string, Signal> }) {
  const t = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const format = useFormatter();
  const personName = usePersonName();
  const list = useInfiniteQuery(
    trpc.assessment.list.infiniteQueryOptions({ orgSlug: org.slug, accountId, limit: 5 }, { getNextPageParam: (page) => page.nextCursor }),
  );

  if (list.isPending) {
    return (
      <div className="space-y-2" aria-busy="true" aria-label={t('common.loading')}>
        <Skeleton className="h-10 w-full" />
        <Skeleton className="h-10 w-full" />
      </div>
    );
  }
  // A failed background refresh keeps what is already on screen; only a first load that failed shows the error.
  if (list.data === undefined) {
    return <LoadError error={list.error} onRetry={() => list.refetch()} />;
  }
  const items = list.data.pages.flatMap((page) => page.items);
  if (items.length === 0) return <p className="text-sm text-slate-600">{t('assessments.noClosed')}</p>;

  return (
    <div className="space-y-3">
      <ul className="divide-y divide-slate-200 rounded-lg ring-1 ring-slate-200">
        {items.map((item) => (
          <li key={item.id}>
            <details className="group">
              <summary className="flex cursor-pointer list-none flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2.5 hover:bg-slate-50 [&::-webkit-details-marker]:hidden">
                <ChevronRight className="size-4 shrink-0 text-slate-500 transition-transform group-open:rotate-90" aria-hidden />
                <time dateTime={item.closedAt.toISOString()} className="text-sm font-medium text-slate-900">
                  {format.dateTime(item.closedAt, { dateStyle: 'medium' })}
                </time>
                <LevelBadge level={item.teamLevel} />
                <span className="text-xs text-slate-600">
                  {t('assessments.closedSummary', { count: item.votes.length, name: personName(item.closedByName) })}
                </span>
              </summary>
              <div className="space-y-4 border-t border-slate-100 px-3 py-4 sm:px-4">
                {item.closeReason ? (
                  <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200 ring-inset">
                    <span className="font-medium">{t('assessments.reasonLabel')}</span> {item.closeReason}
                  </p>
                ) : null}
                <VoteSummaryView summary={item.summary} />
                <VotesList votes={item.votes} signalsById={signalsById} />
              </div>
            </details>
          </li>
        ))}
      </ul>
      {list.hasNextPage ? (
        <Button variant="secondary" size="sm" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {list.isFetchingNextPage ? t('common.loading') : t('assessments.loadOlder')}
        </Button>
      ) : null}
    </div>
  );
}
