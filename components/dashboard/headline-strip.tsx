'use client';

import { ArrowDown, ArrowUp, Minus } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { Skeleton } from '@/components/ui/skeleton';
import type { Share } from '@/server/domain/dashboard';
import { pick, useDashboardFormat } from './format';
import { withoutNegativeZero } from './numbers';
import type { HeadlineResult } from './types';
import type { DashboardState } from './use-dashboard-state';

/** The change of a number against the previous period: an arrow and the signed amount, so it never rests on colour. */
function Change({ delta, format }: { delta: number | null; format: (magnitude: number) => string }) {
  const t = useTranslations('portfolio.headline');
  if (delta === null) return <p className="mt-1 text-xs text-slate-600">{t('noEarlier')}</p>;
  const direction = delta > 0 ? 'up' : delta < 0 ? 'down' : 'same';
  const Icon = direction === 'up' ? ArrowUp : direction === 'down' ? ArrowDown : Minus;
  return (
    <p className="mt-1 flex items-center gap-1 text-xs text-slate-700">
      <Icon className="size-3.5 shrink-0" aria-hidden />
      <span>{t('change', { direction, amount: format(Math.abs(delta)) })}</span>
    </p>
  );
}

function Tile({ label, value, detail, change }: { label: string; value: string; detail?: ReactNode; change: ReactNode }) {
  return (
    <div className="min-w-0 rounded-xl bg-white p-3 shadow-sm ring-1 ring-slate-200 sm:p-4">
      <dt className="text-xs font-medium text-slate-600 sm:text-sm">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold text-slate-900 tabular-nums" data-testid="headline-value">
        {value}
      </dd>
      {detail ? <dd className="text-xs text-slate-600">{detail}</dd> : null}
      <dd>{change}</dd>
    </div>
  );
}

export function HeadlineSkeleton({ label }: { label: string }) {
  return (
    <div aria-busy="true" aria-label={label} className="space-y-3">
      <Skeleton className="h-5 w-3/4" />
      <div className="grid grid-cols-2 gap-3 xl:grid-cols-4">
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} className="h-28" />
        ))}
      </div>
    </div>
  );
}

/**
 * The first thing the page says: how the accounts moved over the period, where they stand at its
 * end, and how both compare with the period of the same length before it, in four numbers and one
 * sentence. Counted by accounts or by revenue, as the weight switch says; through the page's lens.
 */
export function HeadlineStrip({ headline, state }: { headline: HeadlineResult; state: DashboardState }) {
  const t = useTranslations('portfolio.headline');
  const format = useFormatter();
  const fmt = useDashboardFormat(headline.currency);
  const { weight } = state;
  const { current, previous } = headline;

  const amount = (magnitude: number) => (weight === 'count' ? fmt.count(magnitude) : fmt.money(magnitude));
  const signed = (value: number) => {
    const rounded = withoutNegativeZero(value, weight === 'count' ? 0 : 1);
    return rounded > 0 ? `+${amount(rounded)}` : rounded < 0 ? `−${amount(-rounded)}` : amount(0);
  };
  const points = (magnitude: number) =>
    t('points', { value: format.number(withoutNegativeZero(magnitude * 100, 0), { maximumFractionDigits: 0 }) });
  const levels = (magnitude: number) =>
    format.number(withoutNegativeZero(magnitude, 1), { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const delta = (now: Share, before: Share) => {
    const a = now[weight];
    const b = before[weight];
    return a === null || b === null ? null : a - b;
  };

  const net = pick(current.net, weight);
  const sentence =
    weight === 'count'
      ? t('sentenceCount', { up: current.up.count, down: current.down.count, overrated: current.overrated.count })
      : t('sentenceRevenue', {
          up: fmt.money(current.up.revenue),
          down: fmt.money(current.down.revenue),
          overratedCount: current.overrated.count,
          overrated: fmt.money(current.overrated.revenue),
        });

  return (
    <section aria-labelledby="headline-title" className="space-y-3">
      <div>
        <h2 id="headline-title" className="text-lg font-semibold text-slate-900">
          {t('title', { from: fmt.day(current.from), to: fmt.day(current.to) })}
        </h2>
        <p className="mt-1 text-base text-slate-800" data-testid="headline-sentence">
          {sentence}
        </p>
      </div>
      <dl className="grid grid-cols-2 gap-3 xl:grid-cols-4">
        <Tile
          label={t('net')}
          value={signed(net)}
          detail={t('upDown', { up: amount(pick(current.up, weight)), down: amount(pick(current.down, weight)) })}
          change={<Change delta={net - pick(previous.net, weight)} format={amount} />}
        />
        <Tile
          label={t('watershed')}
          value={fmt.share(current.watershed[weight])}
          detail={t('lens', { source: state.source })}
          change={<Change delta={delta(current.watershed, previous.watershed)} format={points} />}
        />
        <Tile
          label={t('gap')}
          value={fmt.gap(current.averageGap[weight])}
          detail={t('gapHint')}
          change={<Change delta={delta(current.averageGap, previous.averageGap)} format={levels} />}
        />
        <Tile
          label={t('coverage')}
          value={fmt.share(current.coverage[weight])}
          detail={t(weight === 'count' ? 'coverageHintCount' : 'coverageHintRevenue')}
          change={<Change delta={delta(current.coverage, previous.coverage)} format={points} />}
        />
      </dl>
      <p className="text-xs text-slate-600">{t('comparedWith', { from: fmt.day(previous.from), to: fmt.day(previous.to) })}</p>
    </section>
  );
}
