'use client';

import { useQuery } from '@tanstack/react-query';
import { ArrowDownRight, ArrowRight, ArrowUpRight } from 'lucide-react';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { LevelBadge } from '@/components/levels/level-badge';
import { LoadError } from '@/components/load-error';
import { useOrg } from '@/components/shell/org-context';
import { useTRPC } from '@/components/trpc';
import { csvMoney, exportFileName } from './csv-export';
import { useDashboardFormat } from './format';
import { ExportCsvButton, Section, SectionSkeleton } from './section';
import type { MoverRow } from './types';
import { filtersInput, type DashboardState } from './use-dashboard-state';

/** The accounts that moved most over the period, up and down, with when and why. */
export function TopMovers({ state }: { state: DashboardState }) {
  const t = useTranslations('portfolio');
  const org = useOrg();
  const trpc = useTRPC();
  const movers = useQuery(trpc.dashboard.topMovers.queryOptions(filtersInput(org.slug, state)));
  const fmt = useDashboardFormat(movers.data?.currency);
  const title = t('movers.title');

  // Who or what made the last change: an assessment, a stakeholder's answer, or answers that aged out.
  const cause = (m: MoverRow) =>
    m.via === 'team'
      ? m.recordedByName
        ? t('movers.causeAssessment', { name: m.recordedByName })
        : t('movers.causeAssessmentUnknown')
      : m.agedOut
        ? t('movers.causeAgedOut')
        : m.contactName
          ? t('movers.causeAnswer', { name: m.contactName, level: m.answerLevel ?? 0 })
          : t('movers.causeAnswerUnknown', { level: m.answerLevel ?? 0 });

  const csv = () => [
    [
      t('csv.direction'),
      t('csv.account'),
      t('csv.from'),
      t('csv.to'),
      t('csv.changedOn'),
      t('csv.cause'),
      t('csv.revenue', { currency: movers.data!.currency }),
    ],
    ...(['up', 'down'] as const).flatMap((direction) =>
      movers.data![direction].map((m) => [
        t(`movers.${direction}`),
        m.name,
        m.fromLevel,
        m.toLevel,
        m.changedAt.toISOString().slice(0, 10),
        cause(m),
        csvMoney(m.revenue),
      ]),
    ),
  ];

  const list = (direction: 'up' | 'down', items: MoverRow[]) => (
    <div>
      <h4 className="mb-2 flex items-center gap-1.5 text-sm font-semibold text-slate-900">
        {direction === 'up' ? (
          <ArrowUpRight className="size-4 text-emerald-700" aria-hidden />
        ) : (
          <ArrowDownRight className="size-4 text-red-700" aria-hidden />
        )}
        {t(`movers.${direction}`)}
      </h4>
      {items.length === 0 ? (
        <p className="text-sm text-slate-600">{t(direction === 'up' ? 'movers.noneUp' : 'movers.noneDown')}</p>
      ) : (
        <ol className="divide-y divide-slate-200">
          {items.map((m) => (
            <li key={m.accountId} className="py-2">
              <div className="flex items-baseline justify-between gap-3">
                <Link href={`/${org.slug}/accounts/${m.accountId}`} className="truncate font-medium text-brand-700 hover:underline">
                  {m.name}
                </Link>
                <span className="shrink-0 text-xs text-slate-600 tabular-nums">
                  {m.revenue === null ? t('revenueUnknown') : fmt.money(m.revenue)}
                </span>
              </div>
              <div className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600">
                <span className="inline-flex items-center gap-1">
                  <LevelBadge level={m.fromLevel} compact />
                  <ArrowRight className="size-3" aria-hidden />
                  <span className="sr-only">{t('drill.to')}</span>
                  <LevelBadge level={m.toLevel} compact />
                </span>
                <span>
                  <time dateTime={m.changedAt.toISOString()}>{fmt.instant(m.changedAt)}</time> · {cause(m)}
                </span>
              </div>
            </li>
          ))}
        </ol>
      )}
    </div>
  );

  return (
    <Section
      id="movers"
      title={title}
      description={t('movers.description', { from: fmt.day(state.from), to: fmt.day(state.to), source: state.source })}
      actions={
        movers.data ? (
          <ExportCsvButton fileName={exportFileName('top-movers', [state.from, state.to], state)} rows={csv} label={title} />
        ) : null
      }
    >
      {movers.isPending ? (
        <SectionSkeleton height="h-56" />
      ) : movers.data === undefined ? (
        <LoadError error={movers.error} onRetry={() => movers.refetch()} />
      ) : (
        <div className="grid gap-6 md:grid-cols-2">
          {list('up', movers.data.up)}
          {list('down', movers.data.down)}
        </div>
      )}
    </Section>
  );
}
