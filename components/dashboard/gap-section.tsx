'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { LevelBadge, LevelPair } from '@/components/levels/level-badge';
import { LEVELS } from '@/components/levels/levels';
import { LoadError } from '@/components/load-error';
import { useOrg } from '@/components/shell/org-context';
import { useTRPC } from '@/components/trpc';
import type { Tally } from '@/server/domain/dashboard';
import { DrillButton } from './drill-button';
import { useDrillDown } from './drill-down';
import { csvGap, csvWeighted, exportFileName, weightedHeader } from './csv-export';
import { pick, useDashboardFormat } from './format';
import { ChartNote, ExportCsvButton, Section, SectionSkeleton, TableAlternative, td, th } from './section';
import type { GapResult } from './types';
import { filtersInput, type DashboardState } from './use-dashboard-state';

const GapTrendChart = dynamic(() => import('./charts').then((m) => m.GapTrendChart), {
  ssr: false,
  loading: () => <SectionSkeleton height="h-56" />,
});

/** Where the customer disagrees: team level × customer level, the accounts the team overrates, and the gap over time. */
export function GapSection({ state }: { state: DashboardState }) {
  const t = useTranslations('portfolio');
  const org = useOrg();
  const trpc = useTRPC();
  const gap = useQuery(trpc.dashboard.gap.queryOptions(filtersInput(org.slug, state)));
  const fmt = useDashboardFormat(gap.data?.currency);
  const title = t('gap.title');

  const csv = () => [
    [t('gap.csvCorner'), ...LEVELS.map((level) => weightedHeader(t('gap.csvCustomer', { level }), state.weight, gap.data!.currency))],
    ...LEVELS.map((level) => [
      t('gap.csvTeam', { level }),
      ...gap.data!.cells[level - 1]!.map((c) => csvWeighted(pick(c, state.weight), state.weight)),
    ]),
  ];

  return (
    <Section
      id="gap"
      title={title}
      description={t('gap.description', { date: fmt.day(state.to) })}
      actions={
        gap.data ? <ExportCsvButton fileName={exportFileName('perception-gap', [state.to], state)} rows={csv} label={title} /> : null
      }
    >
      {gap.isPending ? (
        <SectionSkeleton height="h-72" />
      ) : gap.data === undefined ? (
        <LoadError error={gap.error} onRetry={() => gap.refetch()} />
      ) : (
        <div className="grid gap-6 lg:grid-cols-2">
          <GapMatrix data={gap.data} state={state} fmt={fmt} />
          <Overrated data={gap.data} fmt={fmt} />
        </div>
      )}
      <GapTrend state={state} />
    </Section>
  );
}

function GapMatrix({ data, state, fmt }: { data: GapResult; state: DashboardState; fmt: ReturnType<typeof useDashboardFormat> }) {
  const t = useTranslations('portfolio');
  const drill = useDrillDown();
  const weight = state.weight;
  const max = Math.max(1, ...data.cells.flat().map((c) => pick(c, weight)));
  const date = fmt.day(data.asOf);
  const cell = (tally: Tally, team: number, customer: number) => {
    const label = t('gap.cellLabel', { value: fmt.tally(tally, weight), team: fmt.levelName(team), customer: fmt.levelName(customer) });
    const tint = team > customer ? '220, 38, 38' : team < customer ? '5, 150, 105' : '100, 116, 139';
    const intensity = pick(tally, weight) / max;
    return (
      <td key={customer} className="p-0.5">
        {tally.count === 0 ? (
          <span className="flex h-10 items-center justify-center text-xs text-slate-500">
            <span aria-hidden>·</span>
            <span className="sr-only">{label}</span>
          </span>
        ) : (
          <button
            type="button"
            aria-label={label}
            title={label}
            onClick={() =>
              drill({
                spec: { kind: 'gap', teamLevel: team, customerLevel: customer },
              })
            }
            className="flex h-10 w-full min-w-11 items-center justify-center rounded text-sm font-semibold text-slate-900 tabular-nums ring-1 ring-slate-200 ring-inset hover:ring-2 hover:ring-brand-600"
            style={{ background: `rgba(${tint}, ${0.06 + intensity * 0.5})` }}
          >
            {fmt.tally(tally, weight)}
          </button>
        )}
      </td>
    );
  };
  return (
    <div className="min-w-0">
      <dl className="mb-3 flex flex-wrap gap-x-6 gap-y-1">
        <div>
          <dt className="text-xs text-slate-600">{t('gap.average')}</dt>
          <dd className="text-xl font-semibold text-slate-900 tabular-nums">{fmt.gap(data.averageGap[weight])}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-600">{t('gap.overratedShare')}</dt>
          <dd className="text-xl font-semibold text-slate-900 tabular-nums">
            {fmt.share(pick(data.both, weight) ? pick(data.overrated, weight) / pick(data.both, weight) : null)}
          </dd>
        </div>
      </dl>
      {data.both.count === 0 ? (
        <p className="text-sm text-slate-600">{t('gap.noPairs')}</p>
      ) : (
        <div className="relative overflow-x-auto">
          <p className="mb-1 text-xs text-slate-600 sm:hidden" aria-hidden>
            {t('gap.axis')}
          </p>
          <table className="w-full border-separate border-spacing-0 text-sm sm:min-w-[20rem]">
            <caption className="sr-only">{t('gap.caption', { date })}</caption>
            <thead>
              <tr>
                <td className="p-1 text-left align-bottom text-xs text-slate-600">
                  <span aria-hidden className="hidden sm:inline">
                    {t('gap.axis')}
                  </span>
                </td>
                {LEVELS.map((level) => (
                  <th key={level} scope="col" className="p-1 text-center font-normal">
                    <span className="sr-only">{t('customer')} </span>
                    <LevelBadge level={level} compact />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[...LEVELS].reverse().map((team) => (
                <tr key={team}>
                  <th scope="row" className="p-1 pr-2 text-left font-normal">
                    <span className="sr-only">{t('team')} </span>
                    <LevelBadge level={team} compact />
                  </th>
                  {LEVELS.map((customer) => cell(data.cells[team - 1]![customer - 1]!, team, customer))}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-2 text-xs text-slate-600">{t('gap.legend')}</p>
        </div>
      )}
    </div>
  );
}

function Overrated({ data, fmt }: { data: GapResult; fmt: ReturnType<typeof useDashboardFormat> }) {
  const t = useTranslations('portfolio');
  const org = useOrg();
  const drill = useDrillDown();
  return (
    <div className="min-w-0">
      <h4 className="text-sm font-semibold text-slate-900">{t('gap.overratedTitle')}</h4>
      <p className="text-xs text-slate-600">{t('gap.overratedDescription')}</p>
      {data.overratedAccounts.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">{t('gap.noneOverrated')}</p>
      ) : (
        <>
          <ol className="mt-2 divide-y divide-slate-200">
            {data.overratedAccounts.map((row) => (
              <li key={row.accountId} className="py-2">
                <div className="flex items-baseline justify-between gap-3">
                  <Link href={`/${org.slug}/accounts/${row.accountId}`} className="truncate font-medium text-brand-700 hover:underline">
                    {row.name}
                  </Link>
                  <span className="shrink-0 text-xs text-slate-700 tabular-nums">
                    {row.revenue === null ? t('revenueUnknown') : fmt.money(row.revenue)}
                  </span>
                </div>
                <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600">
                  <LevelPair teamLevel={row.teamLevel} customerLevel={row.customerLevel} compact />
                  <span>{row.ownerName ? t('drill.owner', { name: row.ownerName }) : t('drill.noOwner')}</span>
                </div>
              </li>
            ))}
          </ol>
          {data.overrated.count > data.overratedAccounts.length ? (
            <DrillButton
              label={t('gap.showAll', { count: data.overrated.count })}
              onClick={() => drill({ spec: { kind: 'overrated' } })}
              className="mt-2 text-sm font-medium text-brand-700"
            >
              {t('gap.showAll', { count: data.overrated.count })}
            </DrillButton>
          ) : null}
        </>
      )}
    </div>
  );
}

function GapTrend({ state }: { state: DashboardState }) {
  const t = useTranslations('portfolio');
  const org = useOrg();
  const trpc = useTRPC();
  const trend = useQuery(trpc.dashboard.gapTrend.queryOptions(filtersInput(org.slug, state)));
  const fmt = useDashboardFormat(undefined);
  const weight = state.weight;
  const title = t('gap.trendTitle');
  const periods = trend.data?.periods;
  const csv = () => [
    [t('csv.period'), t('csv.periodEnd'), t('gap.average'), t('gap.accountsWithBoth')],
    ...(periods ?? []).map((p) => [p.label, p.end, csvGap(p.averageGap[weight]), p.both.count]),
  ];
  const last = periods?.at(-1);
  return (
    <div className="mt-6 border-t border-slate-200 pt-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h4 className="text-sm font-semibold text-slate-900">{title}</h4>
          <p className="text-xs text-slate-600">{t(weight === 'count' ? 'gap.trendDescriptionCount' : 'gap.trendDescriptionRevenue')}</p>
        </div>
        {periods ? (
          <ExportCsvButton fileName={exportFileName('perception-gap-trend', [state.from, state.to], state)} rows={csv} label={title} />
        ) : null}
      </div>
      {trend.isPending ? (
        <SectionSkeleton height="h-56" />
      ) : periods === undefined ? (
        <LoadError error={trend.error} onRetry={() => trend.refetch()} />
      ) : (
        <>
          {periods.length === 1 ? (
            // One point is no trend: a lone dot would look like a broken line.
            <ChartNote>{t('singlePeriod', { by: state.by })}</ChartNote>
          ) : (
            <div
              role="img"
              aria-label={t('gap.trendLabel', { periods: periods.length, last: fmt.gap(last?.averageGap[weight] ?? null) })}
              className="mt-2 h-56 w-full"
            >
              <GapTrendChart
                data={periods.map((p) => ({ label: p.label, gap: p.averageGap[weight] }))}
                formatGap={fmt.gap}
                formatPeriod={(label) => fmt.period(label, true)}
                label={t('gap.average')}
              />
            </div>
          )}
          <TableAlternative caption={t('gap.trendCaption')}>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className={th}>
                  {t('csv.period')}
                </th>
                <th scope="col" className={`${th} text-right`}>
                  {t('gap.average')}
                </th>
                <th scope="col" className={`${th} text-right`}>
                  {t('gap.accountsWithBoth')}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {periods.map((p) => (
                <tr key={p.label}>
                  <th scope="row" className={`${td} font-normal whitespace-nowrap`}>
                    {fmt.period(p.label)}
                  </th>
                  <td className={`${td} text-right`}>{fmt.gap(p.averageGap[weight])}</td>
                  <td className={`${td} text-right`}>{fmt.count(p.both.count)}</td>
                </tr>
              ))}
            </tbody>
          </TableAlternative>
        </>
      )}
    </div>
  );
}
