'use client';

import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import { LevelBadge } from '@/components/levels/level-badge';
import { LEVELS } from '@/components/levels/levels';
import { useDrillDown } from './drill-down';
import { csvWeighted, exportFileName, weightedHeader } from './csv-export';
import { LEVEL_HEX, pick, useDashboardFormat } from './format';
import { ChartNote, ExportCsvButton, Section, SectionSkeleton, TableAlternative, td, th } from './section';
import type { TrendPoint } from './types';
import type { DashboardState } from './use-dashboard-state';

const DistributionChart = dynamic(() => import('./charts').then((m) => m.DistributionChart), {
  ssr: false,
  loading: () => <SectionSkeleton />,
});
const MovementChart = dynamic(() => import('./charts').then((m) => m.MovementChart), { ssr: false, loading: () => <SectionSkeleton /> });

interface Props {
  periods: TrendPoint[] | undefined;
  currency: string | undefined;
  state: DashboardState;
  loading: React.ReactNode;
}

/** The level distribution at the end of each month or quarter, stacked. */
export function DistributionSection({ periods, currency, state, loading }: Props) {
  const t = useTranslations('portfolio');
  const fmt = useDashboardFormat(currency);
  const drill = useDrillDown();
  const weight = state.weight;
  const value = (n: number) => (weight === 'count' ? fmt.count(n) : fmt.money(n));
  const sourceName = t(state.source);
  const title = t('distribution.title');

  const csv = () => [
    [
      t('csv.period'),
      t('csv.periodEnd'),
      ...[...LEVELS.map((level) => fmt.levelName(level)), t('kpi.noLevel')].map((name) => weightedHeader(name, weight, currency)),
    ],
    ...(periods ?? []).map((p) => [
      p.label,
      p.end,
      ...p.distribution.byLevel.map((x) => csvWeighted(pick(x, weight), weight)),
      csvWeighted(pick(p.distribution.none, weight), weight),
    ]),
  ];
  const drillInto = (index: number, level: number) => {
    const period = periods?.[index];
    if (!period) return;
    drill({
      spec: { kind: 'level', source: state.source, level },
      period: { from: period.start, to: period.end },
    });
  };
  const last = periods?.at(-1);

  return (
    <Section
      id="distribution"
      title={title}
      description={t(weight === 'count' ? 'distribution.descriptionCount' : 'distribution.descriptionRevenue', { source: sourceName })}
      actions={
        periods ? (
          <ExportCsvButton fileName={exportFileName('level-distribution', [state.from, state.to], state)} rows={csv} label={title} />
        ) : null
      }
    >
      {!periods ? (
        loading
      ) : (
        <>
          <LevelLegend />
          <div
            role="img"
            aria-label={t('distribution.chartLabel', {
              source: sourceName,
              periods: periods.length,
              last: last ? fmt.period(last.label) : '',
              summary: last
                ? LEVELS.map((level) => `${fmt.levelName(level)}: ${value(pick(last.distribution.byLevel[level - 1]!, weight))}`).join(', ')
                : '',
            })}
            className="mt-2 h-64 w-full"
          >
            {/* One bar still shows how the levels split; the note says why there is no trend beside it. */}
            <DistributionChart
              data={periods.map((p) => ({ label: p.label, levels: p.distribution.byLevel.map((x) => pick(x, weight)) }))}
              formatValue={value}
              formatPeriod={(label) => fmt.period(label, true)}
              levelName={fmt.levelName}
              onSelect={drillInto}
            />
          </div>
          {periods.length === 1 ? <p className="mt-2 text-xs text-slate-600">{t('singlePeriod', { by: state.by })}</p> : null}
          <TableAlternative caption={t('distribution.tableCaption', { source: sourceName })}>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className={th}>
                  {t('csv.period')}
                </th>
                {LEVELS.map((level) => (
                  <th key={level} scope="col" className={`${th} text-right`}>
                    <LevelBadge level={level} compact />
                  </th>
                ))}
                <th scope="col" className={`${th} text-right`}>
                  {t('kpi.noLevel')}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {periods.map((p, index) => (
                <tr key={p.label}>
                  <th scope="row" className={`${td} font-normal whitespace-nowrap`}>
                    {fmt.period(p.label)}
                  </th>
                  {LEVELS.map((level) => {
                    const tally = p.distribution.byLevel[level - 1]!;
                    return (
                      <td key={level} className={`${td} text-right`}>
                        {tally.count === 0 ? (
                          value(0)
                        ) : (
                          <button
                            type="button"
                            className="rounded underline decoration-slate-300 underline-offset-2 hover:text-brand-700"
                            aria-label={t('distribution.cellLabel', {
                              level: fmt.levelName(level),
                              period: fmt.period(p.label),
                              value: value(pick(tally, weight)),
                            })}
                            onClick={() => drillInto(index, level)}
                          >
                            {value(pick(tally, weight))}
                          </button>
                        )}
                      </td>
                    );
                  })}
                  <td className={`${td} text-right text-slate-600`}>{value(pick(p.distribution.none, weight))}</td>
                </tr>
              ))}
            </tbody>
          </TableAlternative>
        </>
      )}
    </Section>
  );
}

function LevelLegend() {
  const t = useTranslations('hierarchy');
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700" aria-hidden>
      {LEVELS.map((level) => (
        <li key={level} className="inline-flex items-center gap-1.5">
          <span className="size-3 rounded-sm" style={{ background: LEVEL_HEX[level] }} />
          {level} {t(`levels.${level}.name`)}
        </li>
      ))}
    </ul>
  );
}

/** Per period: accounts that ended it on a higher level than they started, on a lower one, and the net. */
export function MovementSection({ periods, currency, state, loading }: Props) {
  const t = useTranslations('portfolio');
  const fmt = useDashboardFormat(currency);
  const weight = state.weight;
  const value = (n: number) => (weight === 'count' ? fmt.count(n) : fmt.money(n));
  const title = t('movement.title');
  const labels = { up: t('movement.up'), down: t('movement.down'), net: t('movement.net') };
  const totals = (periods ?? []).reduce((sum, p) => ({ up: sum.up + pick(p.up, weight), down: sum.down + pick(p.down, weight) }), {
    up: 0,
    down: 0,
  });
  const csv = () => [
    [
      t('csv.period'),
      t('csv.periodStart'),
      t('csv.periodEnd'),
      ...[labels.up, labels.down, labels.net, t('movement.entered'), t('movement.left')].map((name) =>
        weightedHeader(name, weight, currency),
      ),
    ],
    ...(periods ?? []).map((p) => [
      p.label,
      p.start,
      p.end,
      ...[p.up, p.down, p.net, p.entered, p.left].map((x) => csvWeighted(pick(x, weight), weight)),
    ]),
  ];
  return (
    <Section
      id="movement"
      title={title}
      description={t('movement.description', { source: state.source })}
      actions={
        periods ? (
          <ExportCsvButton fileName={exportFileName('net-movement', [state.from, state.to], state)} rows={csv} label={title} />
        ) : null
      }
    >
      {!periods ? (
        loading
      ) : (
        <>
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700" aria-hidden>
            <li className="inline-flex items-center gap-1.5">
              <span className="size-3 rounded-sm bg-emerald-600" />
              {labels.up}
            </li>
            <li className="inline-flex items-center gap-1.5">
              <span className="size-3 rounded-sm bg-red-600" />
              {labels.down}
            </li>
            <li className="inline-flex items-center gap-1.5">
              <svg width="20" height="6">
                <line x1="0" y1="3" x2="20" y2="3" stroke="#0f172a" strokeWidth="2" strokeDasharray="5 3" />
              </svg>
              {labels.net}
            </li>
          </ul>
          {periods.length === 1 ? (
            // One period has no movement over time to draw: a lone bar and dot would look broken.
            <ChartNote>{t('singlePeriod', { by: state.by })}</ChartNote>
          ) : (
            <div
              role="img"
              aria-label={t('movement.chartLabel', { up: value(totals.up), down: value(totals.down), periods: periods.length })}
              className="mt-2 h-56 w-full"
            >
              <MovementChart
                data={periods.map((p) => ({
                  label: p.label,
                  up: pick(p.up, weight),
                  down: pick(p.down, weight),
                  net: pick(p.net, weight),
                }))}
                formatValue={value}
                formatPeriod={(label) => fmt.period(label, true)}
                labels={labels}
              />
            </div>
          )}
          <TableAlternative caption={t('movement.tableCaption')}>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className={th}>
                  {t('csv.period')}
                </th>
                <th scope="col" className={`${th} text-right`}>
                  {labels.up}
                </th>
                <th scope="col" className={`${th} text-right`}>
                  {labels.down}
                </th>
                <th scope="col" className={`${th} text-right`}>
                  {labels.net}
                </th>
                <th scope="col" className={`${th} text-right`}>
                  {t('movement.entered')}
                </th>
                <th scope="col" className={`${th} text-right`}>
                  {t('movement.left')}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {periods.map((p) => (
                <tr key={p.label}>
                  <th scope="row" className={`${td} font-normal whitespace-nowrap`}>
                    {fmt.period(p.label)}
                  </th>
                  <td className={`${td} text-right`}>{value(pick(p.up, weight))}</td>
                  <td className={`${td} text-right`}>{value(pick(p.down, weight))}</td>
                  <td className={`${td} text-right font-medium`}>{value(pick(p.net, weight))}</td>
                  <td className={`${td} text-right text-slate-600`}>{value(pick(p.entered, weight))}</td>
                  <td className={`${td} text-right text-slate-600`}>{value(pick(p.left, weight))}</td>
                </tr>
              ))}
            </tbody>
          </TableAlternative>
        </>
      )}
    </Section>
  );
}
