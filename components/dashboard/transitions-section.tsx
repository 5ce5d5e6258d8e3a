'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import { Fragment, useId } from 'react';
import { LevelBadge } from '@/components/levels/level-badge';
import { LEVELS } from '@/components/levels/levels';
import { LoadError } from '@/components/load-error';
import { useOrg } from '@/components/shell/org-context';
import { useTRPC } from '@/components/trpc';
import { isIsoDay } from '@/server/domain/calendar';
import type { Tally } from '@/server/domain/dashboard';
import { useDrillDown } from './drill-down';
import { csvWeighted, exportFileName, weightedHeader } from './csv-export';
import { pick, useDashboardFormat } from './format';
import { ChartNote, ExportCsvButton, Section, SectionSkeleton, TableAlternative, td, th } from './section';
import type { TransitionsResult } from './types';
import { filtersInput, transitionDays, type DashboardState } from './use-dashboard-state';

const FlowChart = dynamic(() => import('./charts').then((m) => m.FlowChart), {
  ssr: false,
  loading: () => <SectionSkeleton height="h-72" />,
});

/**
 * Where accounts went between two days: a heatmap (rows: level on the first day, columns: level
 * on the second), each cell a button listing its accounts, and the same as a flow.
 */
export function TransitionsSection({ state, update }: { state: DashboardState; update: (patch: Partial<DashboardState>) => void }) {
  const t = useTranslations('portfolio');
  const org = useOrg();
  const trpc = useTRPC();
  const { dayA, dayB } = transitionDays(state);
  const matrix = useQuery(trpc.dashboard.transitions.queryOptions({ ...filtersInput(org.slug, state), dayA, dayB }));
  const fmt = useDashboardFormat(matrix.data?.currency);
  const title = t('transitions.title');
  const idA = useId();
  const idB = useId();

  const csv = () => {
    const data = matrix.data!;
    return [
      [
        t('transitions.csvFrom', { date: dayA }),
        ...[...LEVELS.map((level) => t('transitions.csvTo', { date: dayB, level })), t('transitions.csvToNone', { date: dayB })].map(
          (name) => weightedHeader(name, state.weight, data.currency),
        ),
      ],
      ...LEVELS.map((level) => [
        fmt.levelName(level),
        ...[...data.cells[level - 1]!, data.toNone[level - 1]!].map((c) => csvWeighted(pick(c, state.weight), state.weight)),
      ]),
      [t('transitions.notAssessedYet'), ...[...data.fromNone, data.neither].map((c) => csvWeighted(pick(c, state.weight), state.weight))],
    ];
  };

  return (
    <Section
      id="transitions"
      title={title}
      description={t('transitions.description', { source: state.source })}
      actions={
        matrix.data ? <ExportCsvButton fileName={exportFileName('transitions', [dayA, dayB], state)} rows={csv} label={title} /> : null
      }
    >
      <div className="mb-4 flex flex-wrap items-end gap-3">
        <div className="space-y-1">
          <label htmlFor={idA} className="block text-xs font-medium text-slate-600">
            {t('transitions.dayA')}
          </label>
          <input
            id={idA}
            type="date"
            value={dayA}
            max={dayB}
            onChange={(event) => isIsoDay(event.target.value) && update({ a: event.target.value })}
            className="h-9 rounded-md bg-white px-2 text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset"
          />
        </div>
        <div className="space-y-1">
          <label htmlFor={idB} className="block text-xs font-medium text-slate-600">
            {t('transitions.dayB')}
          </label>
          <input
            id={idB}
            type="date"
            value={dayB}
            min={dayA}
            onChange={(event) => isIsoDay(event.target.value) && update({ b: event.target.value })}
            className="h-9 rounded-md bg-white px-2 text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset"
          />
        </div>
        {state.a || state.b ? (
          <button type="button" className="h-9 text-sm font-medium text-brand-700 hover:underline" onClick={() => update({ a: '', b: '' })}>
            {t('transitions.resetDays')}
          </button>
        ) : null}
      </div>
      {matrix.isPending ? (
        <SectionSkeleton height="h-72" />
      ) : matrix.data === undefined ? (
        <LoadError error={matrix.error} onRetry={() => matrix.refetch()} />
      ) : (
        <TransitionsView data={matrix.data} state={state} fmt={fmt} />
      )}
    </Section>
  );
}

function TransitionsView({
  data,
  state,
  fmt,
}: {
  data: TransitionsResult;
  state: DashboardState;
  fmt: ReturnType<typeof useDashboardFormat>;
}) {
  const t = useTranslations('portfolio');
  const drill = useDrillDown();
  const weight = state.weight;
  const value = (tally: Tally) => fmt.tally(tally, weight);
  const dateA = fmt.day(data.dayA);
  const dateB = fmt.day(data.dayB);
  const max = Math.max(1, ...data.cells.flat().map((c) => pick(c, weight)), ...data.fromNone.map((c) => pick(c, weight)));
  const showToNone = data.toNone.some((c) => c.count > 0);
  let up = 0;
  let down = 0;
  let same = 0;
  data.cells.forEach((row, i) =>
    row.forEach((cell, j) => (j > i ? (up += pick(cell, weight)) : j < i ? (down += pick(cell, weight)) : (same += pick(cell, weight)))),
  );
  const entered = data.fromNone.reduce((s, c) => s + pick(c, weight), 0);
  const total = (n: number) => (weight === 'count' ? fmt.count(n) : fmt.money(n));
  const flowLinks = LEVELS.flatMap((from) => LEVELS.map((to) => ({ from, to, value: pick(data.cells[from - 1]![to - 1]!, weight) })));

  const open = (fromLevel: number | null, toLevel: number | null) =>
    drill({
      spec: { kind: 'transition', fromLevel, toLevel },
    });

  const cell = (tally: Tally, fromLevel: number | null, toLevel: number | null) => {
    const direction =
      fromLevel === null ? 'new' : toLevel === null ? 'same' : toLevel > fromLevel ? 'up' : toLevel < fromLevel ? 'down' : 'same';
    const intensity = pick(tally, weight) / max;
    const label = t('transitions.cellLabel', {
      value: value(tally),
      from: fromLevel === null ? t('transitions.notAssessedYet') : fmt.levelName(fromLevel),
      to: toLevel === null ? t('transitions.noLevel') : fmt.levelName(toLevel),
      dateA,
      dateB,
    });
    const tint = { up: '5, 150, 105', down: '220, 38, 38', same: '100, 116, 139', new: '2, 132, 199' }[direction];
    return (
      <td className="p-0.5">
        {tally.count === 0 ? (
          <span className="flex h-11 items-center justify-center text-xs text-slate-500">
            <span aria-hidden>·</span>
            <span className="sr-only">{label}</span>
          </span>
        ) : (
          <button
            type="button"
            aria-label={label}
            title={label}
            onClick={() => open(fromLevel, toLevel)}
            className="flex h-11 w-full min-w-12 items-center justify-center rounded text-sm font-semibold text-slate-900 tabular-nums ring-1 ring-slate-200 ring-inset hover:ring-2 hover:ring-brand-600"
            style={{ background: `rgba(${tint}, ${0.06 + intensity * 0.5})` }}
          >
            {value(tally)}
          </button>
        )}
      </td>
    );
  };

  return (
    <>
      <p className="mb-3 text-sm text-slate-700">
        {t('transitions.summary', { up: total(up), down: total(down), same: total(same), entered: total(entered) })}
      </p>
      {/* On a phone the axis sits above the matrix: in its corner cell it would wrap word by word. */}
      <p className="mb-1 text-xs text-slate-600 sm:hidden" aria-hidden>
        {t('transitions.axis', { dateA, dateB })}
      </p>
      <div className="relative overflow-x-auto">
        <table className="w-full border-separate border-spacing-0 text-sm sm:min-w-[30rem]">
          <caption className="sr-only">{t('transitions.caption', { dateA, dateB, source: t(state.source) })}</caption>
          <thead>
            <tr>
              {/* As narrow as its content: the level columns take the rest of the width. */}
              <td className="w-px p-1 text-left align-bottom text-xs whitespace-nowrap text-slate-600">
                <span aria-hidden className="hidden sm:inline">
                  {t('transitions.axis', { dateA, dateB })}
                </span>
              </td>
              {LEVELS.map((level) => (
                <th key={level} scope="col" className="p-1 text-center align-bottom font-normal">
                  <span className="sr-only">{t('transitions.columnHeader', { date: dateB })} </span>
                  <LevelBadge level={level} compact />
                </th>
              ))}
              {showToNone ? (
                <th scope="col" className="p-1 text-center text-xs font-normal text-slate-600">
                  {t('transitions.noLevel')}
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {LEVELS.map((level) => (
              <tr key={level}>
                <th scope="row" className="p-1 pr-2 text-left font-normal whitespace-nowrap">
                  <span className="sr-only">{t('transitions.rowHeader', { date: dateA })} </span>
                  <span className="sm:hidden">
                    <LevelBadge level={level} compact />
                  </span>
                  <span className="hidden sm:inline">
                    <LevelBadge level={level} />
                  </span>
                </th>
                {LEVELS.map((to) => (
                  <Fragment key={to}>{cell(data.cells[level - 1]![to - 1]!, level, to)}</Fragment>
                ))}
                {showToNone ? cell(data.toNone[level - 1]!, level, null) : null}
              </tr>
            ))}
            <tr>
              <th scope="row" className="p-1 pr-2 text-left text-xs font-normal text-slate-600">
                {t('transitions.notAssessedYet')}
              </th>
              {LEVELS.map((to) => (
                <Fragment key={to}>{cell(data.fromNone[to - 1]!, null, to)}</Fragment>
              ))}
              {showToNone ? <td /> : null}
            </tr>
          </tbody>
        </table>
      </div>
      <p className="mt-2 text-xs text-slate-600">{t('transitions.legend')}</p>

      <h4 className="mt-6 text-sm font-semibold text-slate-900">{t('transitions.flowTitle')}</h4>
      <p className="text-xs text-slate-600">{t('transitions.flowDescription', { dateA, dateB })}</p>
      {flowLinks.some((link) => link.value > 0) ? (
        <div
          role="img"
          aria-label={t('transitions.flowLabel', { dateA, dateB, up: total(up), down: total(down), same: total(same) })}
          className="mt-2 h-72 w-full"
        >
          <FlowChart
            links={flowLinks}
            formatValue={(n) => (weight === 'count' ? fmt.count(n) : fmt.money(n))}
            nodeLabel={(_side, level) => String(level)}
          />
        </div>
      ) : (
        <ChartNote title={t('transitions.flowEmptyTitle')}>{t('transitions.flowEmptyBody', { dateA, dateB })}</ChartNote>
      )}
      <TableAlternative caption={t('transitions.flowCaption', { dateA, dateB })}>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={th}>
              {t('transitions.flowFrom', { date: dateA })}
            </th>
            <th scope="col" className={th}>
              {t('transitions.flowTo', { date: dateB })}
            </th>
            <th scope="col" className={`${th} text-right`}>
              {t(`weight.${weight}`)}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {LEVELS.flatMap((from) =>
            LEVELS.filter((to) => data.cells[from - 1]![to - 1]!.count > 0).map((to) => (
              <tr key={`${from}-${to}`}>
                <td className={td}>{fmt.levelName(from)}</td>
                <td className={td}>{fmt.levelName(to)}</td>
                <td className={`${td} text-right`}>{value(data.cells[from - 1]![to - 1]!)}</td>
              </tr>
            )),
          )}
        </tbody>
      </TableAlternative>
    </>
  );
}
