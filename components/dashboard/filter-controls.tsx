'use client';

import { useTranslations } from 'next-intl';
import { useId, type ReactNode } from 'react';
import { NativeSelect as Select } from '@/components/ui/native-select';
import { cn } from '@/lib/cn';
import { defaultPeriod, toIsoDay } from '@/server/domain/calendar';
import type { DashboardState } from './use-dashboard-state';

// The dashboard's filter controls, shared by the bar above the numbers (dashboard-filters.tsx) and
// the sheet that lists every filter (filter-sheet.tsx).

/** "Any" in a filter: no filter (the empty value, as in the URL). */
export const ANY = '';
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

export function Labelled({ label, children, className }: { label: string; children: (id: string) => ReactNode; className?: string }) {
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

export const dateInput = 'h-9 w-full rounded-md bg-white px-2 text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset';

export type FilterProps = {
  state: DashboardState;
  today: string;
  update: (patch: Partial<DashboardState>) => void;
};

/** Changing the period resets the transition matrix's own days to the period's. */
export const periodPatch = (patch: { from?: string; to?: string }) => ({ ...patch, a: '', b: '' });

export function PeriodSelect({ id, state, today, update }: FilterProps & { id: string }) {
  const t = useTranslations('portfolio');
  const preset = presetOf(state, today);
  return (
    <Select
      id={id}
      value={preset ?? 'custom'}
      onValueChange={(value) => value !== 'custom' && update(periodPatch(presetPeriod(value as Preset, today)))}
      options={[
        ...PRESETS.map((p) => ({ value: p, label: t(`filters.presets.${p}`) })),
        { value: 'custom', label: t('filters.presets.custom') },
      ]}
    />
  );
}

export function presetOf(state: DashboardState, today: string): Preset | undefined {
  return PRESETS.find((p) => {
    const period = presetPeriod(p, today);
    return period.from === state.from && period.to === state.to;
  });
}

export function LensSwitch({ state, update }: Omit<FilterProps, 'today'>) {
  const t = useTranslations('portfolio');
  return (
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
  );
}

export function WeightSwitch({ state, update }: Omit<FilterProps, 'today'>) {
  const t = useTranslations('portfolio');
  return (
    <Segmented
      legend={t('filters.weight')}
      value={state.weight}
      onChange={(weight) => update({ weight })}
      options={[
        { value: 'count', label: t('weight.count') },
        { value: 'revenue', label: t('weight.revenue') },
      ]}
    />
  );
}
