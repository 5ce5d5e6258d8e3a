'use client';

import { useTranslations } from 'next-intl';
import { useId, type ReactNode } from 'react';
import { LEVELS } from '@/components/levels/levels';
import { NativeSelect as Select } from '@/components/ui/native-select';
import { cn } from '@/lib/cn';
import { addDays, defaultPeriod, isIsoDay, toIsoDay } from '@/server/domain/calendar';
import type { DashboardState } from './use-dashboard-state';

/** "Any" in a filter: no filter (the empty value, as in the URL). */
const ANY = '';
const PRESETS = ['12m', '6m', '24m', 'thisYear', 'lastYear'] as const;
type Preset = (typeof PRESETS)[number];

function presetPeriod(preset: Preset, today: string): { from: string; to: string } {
  const year = Number(today.slice(0, 4));
  const monthsBack = (n: number) => {
    const d = new Date(`${today}T00:00:00Z`);
    return toIsoDay(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - n + 1, 1)));
  };
  switch (preset) {
    case '12m':
      return defaultPeriod(today);
    case '6m':
      return { from: monthsBack(6), to: today };
    case '24m':
      return { from: monthsBack(24), to: today };
    case 'thisYear':
      return { from: `${year}-01-01`, to: today };
    case 'lastYear':
      return { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
  }
}

function Labelled({ label, children, className }: { label: string; children: (id: string) => ReactNode; className?: string }) {
  const id = useId();
  return (
    <div className={cn('min-w-0 space-y-1', className)}>
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      {children(id)}
    </div>
  );
}

/** Two or three choices as a row of radio buttons that looks like a switch. */
function Segmented<T extends string>({
  legend,
  value,
  options,
  onChange,
}: {
  legend: string;
  value: T;
  options: Array<{ value: T; label: string }>;
  onChange: (value: T) => void;
}) {
  const name = useId();
  return (
    <fieldset className="min-w-0">
      <legend className="mb-1 block text-xs font-medium text-slate-600">{legend}</legend>
      <div className="inline-flex rounded-md bg-slate-100 p-0.5">
        {options.map((option) => (
          <label
            key={option.value}
            className={cn(
              'cursor-pointer rounded px-3 py-1.5 text-sm font-medium select-none has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600',
              value === option.value ? 'bg-white text-slate-900 shadow-sm' : 'text-slate-600 hover:text-slate-900',
            )}
          >
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              className="sr-only"
            />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

const dateInput = 'h-9 w-full rounded-md bg-white px-2 text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset';

export function DashboardFilters({
  state,
  today,
  update,
  owners,
  segments,
}: {
  state: DashboardState;
  today: string;
  update: (patch: Partial<DashboardState>) => void;
  owners: Array<{ userId: string; name: string }>;
  segments: string[];
}) {
  const t = useTranslations('portfolio');
  const th = useTranslations('hierarchy');
  const preset = PRESETS.find((p) => {
    const period = presetPeriod(p, today);
    return period.from === state.from && period.to === state.to;
  });
  const segmentNames =
    state.segment && state.segment !== 'none' && !segments.includes(state.segment) ? [...segments, state.segment] : segments;
  // Changing the period resets the transition matrix's own days to the period's.
  const setPeriod = (patch: { from?: string; to?: string }) => update({ ...patch, a: '', b: '' });

  return (
    <div className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200" role="search" aria-label={t('filters.label')}>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4 2xl:grid-cols-8">
        <Labelled label={t('filters.period')} className="col-span-2 md:col-span-1">
          {(id) => (
            <Select
              id={id}
              value={preset ?? 'custom'}
              onValueChange={(value) => value !== 'custom' && setPeriod(presetPeriod(value as Preset, today))}
              options={[
                ...PRESETS.map((p) => ({ value: p, label: t(`filters.presets.${p}`) })),
                { value: 'custom', label: t('filters.presets.custom') },
              ]}
            />
          )}
        </Labelled>
        <Labelled label={t('filters.from')}>
          {(id) => (
            <input
              id={id}
              type="date"
              className={dateInput}
              value={state.from}
              max={state.to}
              onChange={(event) =>
                isIsoDay(event.target.value) && event.target.value <= state.to && setPeriod({ from: event.target.value })
              }
            />
          )}
        </Labelled>
        <Labelled label={t('filters.to')}>
          {(id) => (
            <input
              id={id}
              type="date"
              className={dateInput}
              value={state.to}
              min={state.from}
              max={addDays(today, 366)}
              onChange={(event) =>
                isIsoDay(event.target.value) && event.target.value >= state.from && setPeriod({ to: event.target.value })
              }
            />
          )}
        </Labelled>
        <Labelled label={t('filters.by')}>
          {(id) => (
            <Select
              id={id}
              value={state.by}
              onValueChange={(by) => update({ by: by as DashboardState['by'] })}
              options={[
                { value: 'month', label: t('filters.byMonth') },
                { value: 'quarter', label: t('filters.byQuarter') },
              ]}
            />
          )}
        </Labelled>
        <Labelled label={t('filters.owner')}>
          {(id) => (
            <Select
              id={id}
              value={state.owner}
              onValueChange={(owner) => update({ owner })}
              options={[
                { value: ANY, label: t('filters.anyOwner') },
                ...owners.map((o) => ({ value: o.userId, label: o.name })),
                { value: 'none', label: t('filters.noOwner') },
              ]}
            />
          )}
        </Labelled>
        <Labelled label={t('filters.segment')}>
          {(id) => (
            <Select
              id={id}
              value={state.segment}
              onValueChange={(segment) => update({ segment })}
              options={[
                { value: ANY, label: t('filters.anySegment') },
                ...segmentNames.map((s) => ({ value: s, label: s })),
                { value: 'none', label: t('filters.noSegment') },
              ]}
            />
          )}
        </Labelled>
        <Labelled label={t('filters.target')}>
          {(id) => (
            <Select
              id={id}
              value={state.target}
              onValueChange={(target) => update({ target })}
              options={[
                { value: ANY, label: t('filters.anyTarget') },
                ...LEVELS.map((level) => ({ value: String(level), label: `${level} · ${th(`levels.${level}.name`)}` })),
                { value: 'none', label: t('filters.noTarget') },
              ]}
            />
          )}
        </Labelled>
        <Labelled label={t('filters.economicBuyer')}>
          {(id) => (
            <Select
              id={id}
              value={state.eb}
              onValueChange={(eb) => update({ eb: eb === 'unanswered' ? 'unanswered' : '' })}
              options={[
                { value: ANY, label: t('filters.anyEconomicBuyer') },
                { value: 'unanswered', label: t('filters.economicBuyerUnanswered') },
              ]}
            />
          )}
        </Labelled>
      </div>
      <div className="flex flex-wrap items-end gap-x-6 gap-y-3">
        <Segmented
          legend={t('filters.source')}
          value={state.source}
          onChange={(source) => update({ source })}
          options={[
            { value: 'effective', label: t('effective') },
            { value: 'team', label: t('team') },
            { value: 'customer', label: t('customer') },
          ]}
        />
        <Segmented
          legend={t('filters.weight')}
          value={state.weight}
          onChange={(weight) => update({ weight })}
          options={[
            { value: 'count', label: t('weight.count') },
            { value: 'revenue', label: t('weight.revenue') },
          ]}
        />
        <p className="basis-full text-xs text-slate-600 md:basis-auto md:self-center">
          {t('filters.sourceHint', { source: state.source })}
        </p>
        {state.owner || state.segment || state.target || state.eb ? (
          <button
            type="button"
            className="h-9 text-sm font-medium text-brand-700 hover:underline"
            onClick={() => update({ owner: '', segment: '', target: '', eb: '' })}
          >
            {t('filters.clear')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
