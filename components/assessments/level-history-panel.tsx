'use client';

import { useQuery } from '@tanstack/react-query';
import { LineChart as LineChartIcon } from 'lucide-react';
import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import { LoadError } from '@/components/load-error';
import { useOrg } from '@/components/shell/org-context';
import { useTRPC } from '@/components/trpc';
import { Card, CardHeader } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';

function ChartSkeleton() {
  const t = useTranslations('common');
  return (
    <div aria-busy="true" aria-label={t('loading')}>
      <Skeleton className="h-72 w-full" />
    </div>
  );
}

// The chart (Recharts) loads after the page has rendered, in the space its skeleton keeps for it.
const HistoryView = dynamic(() => import('./level-history-view').then((module) => module.HistoryView), {
  ssr: false,
  loading: ChartSkeleton,
});

/**
 * The account's levels over time: the team level as a step line, the customer level as a step
 * line from its runs (with gaps where no answer was fresh), and each customer answer as a marker
 * that names who gave it on hover and on keyboard focus; the same facts as a table.
 */
export function LevelHistoryPanel({ accountId }: { accountId: string }) {
  const t = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const history = useQuery(trpc.account.levelHistory.queryOptions({ orgSlug: org.slug, accountId }));

  return (
    <Card>
      <CardHeader title={t('history.title')} description={t('levelHistory.subtitle')} />
      <div className="px-4 py-5 sm:px-6">
        {history.isPending ? (
          <ChartSkeleton />
        ) : history.data === undefined ? (
          <LoadError error={history.error} onRetry={() => history.refetch()} />
        ) : history.data.team.length === 0 && history.data.answers.length === 0 ? (
          <div className="flex flex-col items-center px-4 py-8 text-center">
            <LineChartIcon className="mb-3 size-8 text-slate-400" aria-hidden />
            <p className="text-sm font-medium text-slate-900">{t('history.emptyTitle')}</p>
            <p className="mt-1 max-w-prose text-sm text-slate-600">{t('history.emptyBody')}</p>
          </div>
        ) : (
          <HistoryView history={history.data} />
        )}
      </div>
    </Card>
  );
}
