'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { LevelBadge } from '@/components/levels/level-badge';
import { LEVELS } from '@/components/levels/levels';
import { Card } from '@/components/ui/card';
import { cn } from '@/lib/cn';
import { Skeleton } from '@/components/ui/skeleton';
import type { ResponseRate, Tally } from '@/server/domain/dashboard';
import { DrillButton } from './drill-button';
import { useDrillDown } from './drill-down';
import { LEVEL_HEX, pick, useDashboardFormat } from './format';
import { csvWeighted, exportFileName, weightedHeader } from './csv-export';
import { ExportCsvButton } from './section';
import type { SummaryResult } from './types';
import type { DashboardState } from './use-dashboard-state';

function StatCard({ title, children, className }: { title: string; children: ReactNode; className?: string }) {
  return (
    <Card className={cn('p-4', className)}>
      <section aria-label={title}>
        <h3 className="text-sm font-medium text-slate-600">{title}</h3>
        <div className="mt-2">{children}</div>
      </section>
    </Card>
  );
}

/** Where the portfolio stands on the "as of" day: the cards at the top of the dashboard. */
export function KpiCards({
  summary,
  responses,
  state,
}: {
  summary: SummaryResult;
  responses: ResponseRate | undefined;
  /** The weight, the lens, and the filters the export's file name records. */
  state: DashboardState;
}) {
  const { weight, source } = state;
  const t = useTranslations('portfolio');
  const fmt = useDashboardFormat(summary.currency);
  const drill = useDrillDown();
  const asOf = fmt.day(summary.asOf);
  const value = (tally: Tally) => fmt.tally(tally, weight);
  const share = (part: Tally, whole: Tally) => {
    const w = pick(whole, weight);
    return w ? pick(part, weight) / w : null;
  };
  const LENSES = ['effective', 'team', 'customer'] as const;
  const teamMax = Math.max(1, ...LENSES.flatMap((lens) => summary[lens].byLevel.map((x) => pick(x, weight))));
  const targetsTotal = summary.targets.reached.count + summary.targets.onTrack.count + summary.targets.behind.count;

  const levelRows = () => [
    [
      t('csv.level'),
      ...[t('csv.effective'), t('csv.team'), t('csv.customer')].map((name) => weightedHeader(name, weight, summary.currency)),
    ],
    ...LEVELS.map((level) => [
      fmt.levelName(level),
      ...LENSES.map((lens) => csvWeighted(pick(summary[lens].byLevel[level - 1]!, weight), weight)),
    ]),
    [t('kpi.noLevel'), ...LENSES.map((lens) => csvWeighted(pick(summary[lens].none, weight), weight))],
  ];
  const responseShare = responses?.sent ? responses.answered / responses.sent : null;
  const withoutBuyer = summary.total.count - summary.economicBuyer.count;

  return (
    <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
      <Card className="min-w-0 p-4 md:col-span-2 xl:row-span-2">
        <section aria-labelledby="kpi-levels-title">
          <div className="flex items-start justify-between gap-2">
            <div>
              <h3 id="kpi-levels-title" className="text-sm font-medium text-slate-600">
                {t('kpi.levelsTitle')}
              </h3>
              <p className="text-xs text-slate-600">{t(weight === 'count' ? 'kpi.levelsCount' : 'kpi.levelsRevenue', { date: asOf })}</p>
            </div>
            <ExportCsvButton fileName={exportFileName('levels', [summary.asOf], state)} rows={levelRows} label={t('kpi.levelsTitle')} />
          </div>
          <table className="mt-3 w-full text-sm">
            <caption className="sr-only">{t('kpi.levelsCaption', { date: asOf })}</caption>
            <thead>
              <tr className="text-xs text-slate-600">
                <th scope="col" className="py-1 text-left font-medium">
                  {t('csv.level')}
                </th>
                {LENSES.map((lens) => (
                  <th key={lens} scope="col" className="w-[26%] py-1 text-left font-medium">
                    {t(lens)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {LEVELS.map((level) => (
                <tr key={level}>
                  <th scope="row" className="py-1.5 pr-2 text-left font-normal">
                    {/* On a phone the number alone (the names would push the amounts off the screen); the name stays for screen readers. */}
                    <span className="sm:hidden">
                      <LevelBadge level={level} compact />
                    </span>
                    <span className="hidden sm:inline">
                      <LevelBadge level={level} className="max-w-full" />
                    </span>
                  </th>
                  {LENSES.map((source) => {
                    const tally = summary[source].byLevel[level - 1]!;
                    return (
                      <td key={source} className="py-1.5 pr-2">
                        <div className="flex items-center gap-1.5">
                          <span
                            className="hidden h-2.5 rounded-full sm:inline-block"
                            style={{
                              width: `${(pick(tally, weight) / teamMax) * 50}%`,
                              minWidth: pick(tally, weight) ? 4 : 0,
                              background: LEVEL_HEX[level],
                              opacity: source === 'customer' ? 0.55 : source === 'team' ? 0.8 : 1,
                            }}
                            aria-hidden
                          />
                          <DrillButton
                            label={t('kpi.levelDrill', { source: t(source), level: fmt.levelName(level), value: value(tally) })}
                            onClick={() =>
                              drill({
                                spec: { kind: 'level', source, level },
                              })
                            }
                          >
                            {value(tally)}
                          </DrillButton>
                        </div>
                      </td>
                    );
                  })}
                </tr>
              ))}
              <tr className="border-t border-slate-200 text-slate-600">
                <th scope="row" className="py-1.5 pr-2 text-left text-xs font-normal">
                  {t('kpi.noLevel')}
                </th>
                {LENSES.map((source) => (
                  <td key={source} className="py-1.5 pr-2 text-xs">
                    <DrillButton
                      label={t('kpi.noLevelDrill', { source: t(source), value: value(summary[source].none) })}
                      onClick={() => drill({ spec: { kind: 'level', source, level: null } })}
                      className="font-medium text-slate-700"
                    >
                      {value(summary[source].none)}
                    </DrillButton>
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </section>
      </Card>

      <StatCard title={t('kpi.watershedTitle')}>
        {/* The lens the page follows, large; the other two beside it. */}
        <dl className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
          {[source, ...LENSES.filter((lens) => lens !== source)].map((lens) => (
            <div key={lens} className={cn('flex items-baseline gap-1.5', lens === source ? 'basis-full' : '')}>
              <dt className="text-xs text-slate-600">{t(lens)}</dt>
              <dd className={cn('font-semibold tabular-nums', lens === source ? 'text-2xl text-slate-900' : 'text-base text-slate-700')}>
                {fmt.share(summary.watershed[lens][weight])}
              </dd>
            </div>
          ))}
        </dl>
        <p className="mt-1 text-xs text-slate-600">{t(weight === 'count' ? 'kpi.watershedHintCount' : 'kpi.watershedHintRevenue')}</p>
      </StatCard>

      <StatCard title={t('kpi.gapTitle')}>
        <p className="text-2xl font-semibold text-slate-900 tabular-nums">
          {fmt.gap(summary.gap.averageGap[weight])}
          <span className="sr-only"> {t('kpi.gapUnit')}</span>
        </p>
        <p className="mt-1 text-xs text-slate-600">
          {summary.gap.overrated.count > 0
            ? t.rich('kpi.gapOverrated', {
                count: summary.gap.overrated.count,
                link: (chunks) => (
                  <DrillButton
                    label={t('kpi.gapOverratedDrill', { count: summary.gap.overrated.count })}
                    onClick={() => drill({ spec: { kind: 'overrated' } })}
                    className="font-medium text-slate-800"
                  >
                    {chunks}
                  </DrillButton>
                ),
              })
            : summary.gap.both.count > 0
              ? t('kpi.gapNoneOverrated')
              : t('kpi.gapNoPairs')}
        </p>
      </StatCard>

      <StatCard title={t('kpi.confirmedTitle')}>
        <dl className="grid grid-cols-2 gap-2">
          <div>
            <dt className="text-xs text-slate-600">{t('kpi.ofAccounts')}</dt>
            <dd className="text-2xl font-semibold text-slate-900 tabular-nums">
              {fmt.share(summary.total.count ? summary.confirmed.count / summary.total.count : null)}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-600">{t('kpi.ofRevenue')}</dt>
            <dd className="text-2xl font-semibold text-slate-900 tabular-nums">
              {fmt.share(summary.total.revenue ? summary.confirmed.revenue / summary.total.revenue : null)}
            </dd>
          </div>
        </dl>
        <p className="mt-1 text-xs text-slate-600">
          {t.rich('kpi.unconfirmed', {
            count: summary.total.count - summary.confirmed.count,
            months: summary.freshnessMonths,
            link: (chunks) => (
              <DrillButton
                label={t('kpi.unconfirmedDrill', { count: summary.total.count - summary.confirmed.count, months: summary.freshnessMonths })}
                onClick={() =>
                  drill({
                    spec: { kind: 'unconfirmed' },
                  })
                }
                className="font-medium text-slate-800"
              >
                {chunks}
              </DrillButton>
            ),
          })}
        </p>
        <p className="mt-1 text-xs text-slate-500">{t('kpi.customerLevelDefinition', { months: summary.freshnessMonths })}</p>
      </StatCard>

      <StatCard title={t('kpi.economicBuyerTitle')}>
        <dl className="grid grid-cols-2 gap-2">
          <div>
            <dt className="text-xs text-slate-600">{t('kpi.ofAccounts')}</dt>
            <dd className="text-2xl font-semibold text-slate-900 tabular-nums">
              {fmt.share(summary.total.count ? summary.economicBuyer.count / summary.total.count : null)}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-600">{t('kpi.ofRevenue')}</dt>
            <dd className="text-2xl font-semibold text-slate-900 tabular-nums">
              {fmt.share(summary.total.revenue ? summary.economicBuyer.revenue / summary.total.revenue : null)}
            </dd>
          </div>
        </dl>
        <p className="mt-1 text-xs text-slate-600">
          {t.rich('kpi.economicBuyerMissing', {
            count: withoutBuyer,
            months: summary.freshnessMonths,
            link: (chunks) => (
              <DrillButton
                label={t('kpi.economicBuyerDrill', { count: withoutBuyer })}
                onClick={() =>
                  drill({
                    spec: { kind: 'noEconomicBuyer' },
                  })
                }
                className="font-medium text-slate-800"
              >
                {chunks}
              </DrillButton>
            ),
          })}
        </p>
      </StatCard>

      <StatCard title={t('kpi.staleTitle')}>
        <p className="text-2xl font-semibold text-slate-900 tabular-nums">
          <DrillButton label={t('kpi.staleDrill', { count: summary.stale.count })} onClick={() => drill({ spec: { kind: 'stale' } })}>
            {fmt.count(summary.stale.count)}
          </DrillButton>
        </p>
        <p className="mt-1 text-xs text-slate-600">
          {t('kpi.staleHint', { share: fmt.share(share(summary.stale, summary.total)), weight })}
        </p>
      </StatCard>

      <StatCard title={t('kpi.responsesTitle')}>
        {responses === undefined ? (
          <Skeleton className="h-16 w-full" />
        ) : responses.sent === 0 ? (
          <p className="text-sm text-slate-600">{t('kpi.responsesNone')}</p>
        ) : (
          <>
            <p className="text-2xl font-semibold text-slate-900 tabular-nums">{fmt.share(responseShare)}</p>
            <p className="mt-1 text-xs text-slate-600">{t('kpi.responsesHint', { answered: responses.answered, sent: responses.sent })}</p>
            <ul className="mt-2 space-y-0.5 text-xs text-slate-700" aria-label={t('kpi.responsesByRole')}>
              {responses.byRole.map((row) => (
                <li key={row.role ?? 'none'} className="flex justify-between gap-2">
                  <span className="min-w-0">{t(`kpi.role.${row.role ?? 'none'}`)}</span>
                  <span className="shrink-0 tabular-nums">{t('kpi.responsesRow', { answered: row.answered, sent: row.sent })}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </StatCard>

      <StatCard title={t('kpi.targetsTitle')} className="md:col-span-2 xl:col-span-2">
        {targetsTotal === 0 ? (
          <p className="text-sm text-slate-600">{t('kpi.noTargets')}</p>
        ) : (
          <>
            <div className="flex h-3 overflow-hidden rounded-full bg-slate-100" aria-hidden>
              <div className="bg-emerald-600" style={{ width: `${(summary.targets.reached.count / targetsTotal) * 100}%` }} />
              <div className="bg-sky-500" style={{ width: `${(summary.targets.onTrack.count / targetsTotal) * 100}%` }} />
              <div className="bg-red-600" style={{ width: `${(summary.targets.behind.count / targetsTotal) * 100}%` }} />
            </div>
            <dl className="mt-2 grid grid-cols-3 gap-2">
              {(
                [
                  ['reached', 'bg-emerald-600'],
                  ['onTrack', 'bg-sky-500'],
                  ['behind', 'bg-red-600'],
                ] as const
              ).map(([status, colour]) => (
                <div key={status}>
                  <dt className="flex items-center gap-1.5 text-xs text-slate-600">
                    <span className={cn('size-2.5 rounded-full', colour)} aria-hidden />
                    {t(`kpi.target.${status}`)}
                  </dt>
                  <dd className="text-xl">
                    <DrillButton
                      label={t('kpi.targetDrill', { status: t(`kpi.target.${status}`), count: summary.targets[status].count })}
                      onClick={() =>
                        drill({
                          spec: { kind: 'target', status },
                        })
                      }
                    >
                      {fmt.count(summary.targets[status].count)}
                    </DrillButton>
                  </dd>
                </div>
              ))}
            </dl>
            <p className="mt-1 text-xs text-slate-600">{t('kpi.targetsHint', { source })}</p>
          </>
        )}
      </StatCard>
    </div>
  );
}
