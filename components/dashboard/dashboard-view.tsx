'use client';

import { useQuery } from '@tanstack/react-query';
import { BarChart3, FilterX } from 'lucide-react';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { LoadError } from '@/components/load-error';
import { useOrg } from '@/components/shell/org-context';
import { useTRPC } from '@/components/trpc';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { DashboardFilters } from './dashboard-filters';
import { DrillDownProvider } from './drill-down';
import { useDashboardFormat } from './format';
import { GapSection } from './gap-section';
import { HeadlineSkeleton, HeadlineStrip } from './headline-strip';
import { KpiCards } from './kpi-cards';
import { KpiSkeleton } from './kpi-skeleton';
import { SectionSkeleton } from './section';
import { TopMovers } from './top-movers';
import { TransitionsSection } from './transitions-section';
import { DistributionSection, MovementSection } from './trend-sections';
import { filtersInput, useDashboardState } from './use-dashboard-state';

/**
 * The executive dashboard: where the portfolio stands, how it moved, and where the customer
 * disagrees. Every view reads the filters from the URL; each block loads on its own, so the
 * numbers at the top appear first.
 */
export function DashboardView() {
  const t = useTranslations('portfolio');
  const tc = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const { state, update, today } = useDashboardState();
  const input = filtersInput(org.slug, state);
  const headline = useQuery(trpc.dashboard.headline.queryOptions(input));
  const summary = useQuery(trpc.dashboard.summary.queryOptions(input));
  const trend = useQuery(trpc.dashboard.distributionOverTime.queryOptions(input));
  const responses = useQuery(trpc.dashboard.responseRate.queryOptions(input));
  const options = useQuery(trpc.account.filterOptions.queryOptions({ orgSlug: org.slug }));
  const fmt = useDashboardFormat(summary.data?.currency);

  // Nothing assessed and nothing confirmed in the whole organization (not just under a filter): say what the page is for.
  const unfiltered = !state.owner && !state.segment && !state.target && !state.eb;
  const empty =
    unfiltered &&
    summary.data !== undefined &&
    summary.data.team.none.count === summary.data.total.count &&
    summary.data.customer.none.count === summary.data.total.count;
  // Filters that leave no account: say so once, instead of a page of zeros and empty charts.
  const noMatch = !unfiltered && summary.data !== undefined && summary.data.total.count === 0;

  const header = (
    <PageHeader
      title={tc('dashboard.title')}
      description={
        summary.data ? t('subtitle', { date: fmt.day(summary.data.asOf), count: summary.data.total.count }) : t('subtitleLoading')
      }
    />
  );

  if (empty) {
    return (
      <>
        {header}
        <EmptyState
          icon={<BarChart3 className="size-10" />}
          title={tc('dashboard.emptyTitle')}
          action={
            <Button asChild>
              <Link href={`/${org.slug}/accounts`}>{t('emptyAction')}</Link>
            </Button>
          }
        >
          <p>{tc('dashboard.emptyBody')}</p>
          <p className="mt-2">{t('emptyHint')}</p>
        </EmptyState>
      </>
    );
  }

  return (
    <DrillDownProvider state={state} update={update}>
      {header}
      <div className="space-y-6">
        <DashboardFilters
          state={state}
          today={today}
          update={update}
          owners={options.data?.owners ?? []}
          segments={(options.data?.segments ?? []).map((s) => s.segment)}
        />
        {state.weight === 'revenue' && summary.data && summary.data.withoutRevenue > 0 ? (
          <p className="text-xs text-slate-600">
            {t('revenueNote', { currency: summary.data.currency, count: summary.data.withoutRevenue })}
          </p>
        ) : state.weight === 'revenue' && summary.data ? (
          <p className="text-xs text-slate-600">{t('revenueNoteAll', { currency: summary.data.currency })}</p>
        ) : null}

        {noMatch ? (
          <EmptyState
            icon={<FilterX className="size-10" />}
            title={t('noMatchTitle')}
            action={
              <Button variant="secondary" onClick={() => update({ owner: '', segment: '', target: '', eb: '' })}>
                {t('noMatchAction')}
              </Button>
            }
          >
            <p>{t('noMatchBody')}</p>
          </EmptyState>
        ) : (
          <>
            {headline.isPending ? (
              <HeadlineSkeleton label={t('headline.loading')} />
            ) : headline.data === undefined ? (
              <LoadError error={headline.error} onRetry={() => headline.refetch()} />
            ) : (
              <HeadlineStrip headline={headline.data} state={state} />
            )}

            <section aria-labelledby="now-title" className="space-y-3">
              <h2 id="now-title" className="text-lg font-semibold text-slate-900">
                {summary.data ? t('now.title', { date: fmt.day(summary.data.asOf) }) : t('now.titleLoading')}
              </h2>
              {summary.isPending ? (
                <KpiSkeleton label={tc('common.loading')} />
              ) : summary.data === undefined ? (
                <LoadError error={summary.error} onRetry={() => summary.refetch()} />
              ) : (
                <KpiCards summary={summary.data} responses={responses.data} state={state} />
              )}
            </section>

            <section aria-labelledby="over-title" className="space-y-3">
              <h2 id="over-title" className="text-lg font-semibold text-slate-900">
                {t('over.title')}
              </h2>
              {trend.isError && !trend.data ? <LoadError error={trend.error} onRetry={() => trend.refetch()} /> : null}
              <div className="grid gap-6 xl:grid-cols-2">
                <DistributionSection
                  periods={trend.data?.periods}
                  currency={trend.data?.currency}
                  state={state}
                  loading={<SectionSkeleton />}
                />
                <MovementSection
                  periods={trend.data?.periods}
                  currency={trend.data?.currency}
                  state={state}
                  loading={<SectionSkeleton />}
                />
              </div>
              <TransitionsSection state={state} update={update} />
              <TopMovers state={state} />
            </section>

            <section aria-labelledby="disagree-title" className="space-y-3">
              <h2 id="disagree-title" className="text-lg font-semibold text-slate-900">
                {t('disagree.title')}
              </h2>
              <GapSection state={state} />
            </section>
          </>
        )}
      </div>
    </DrillDownProvider>
  );
}
