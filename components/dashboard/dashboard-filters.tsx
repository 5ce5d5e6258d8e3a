'use client';

import { SlidersHorizontal } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { useId, useState, type ReactNode } from 'react';
import { LEVELS } from '@/components/levels/levels';
import { Button } from '@/components/ui/button';
import { NativeSelect as Select } from '@/components/ui/native-select';
import { Sheet } from '@/components/ui/sheet';
import { cn } from '@/lib/cn';
import { addDays, defaultPeriod, isIsoDay, toIsoDay } from '@/server/domain/calendar';
import { activeFilterCount, type DashboardState } from './use-dashboard-state';

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

type FilterProps = {
  state: DashboardState;
  today: string;
  update: (patch: Partial<DashboardState>) => void;
};

/** Changing the period resets the transition matrix's own days to the period's. */
const periodPatch = (patch: { from?: string; to?: string }) => ({ ...patch, a: '', b: '' });

function PeriodSelect({ id, state, today, update }: FilterProps & { id: string }) {
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

function presetOf(state: DashboardState, today: string): Preset | undefined {
  return PRESETS.find((p) => {
    const period = presetPeriod(p, today);
    return period.from === state.from && period.to === state.to;
  });
}

function LensSwitch({ state, update }: Omit<FilterProps, 'today'>) {
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

function WeightSwitch({ state, update }: Omit<FilterProps, 'today'>) {
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

/** Every filter of the dashboard, as the sheet lists them. */
function FilterFields({
  state,
  today,
  update,
  owners,
  segments,
}: FilterProps & { owners: Array<{ userId: string; name: string }>; segments: string[] }) {
  const t = useTranslations('portfolio');
  const th = useTranslations('hierarchy');
  const segmentNames =
    state.segment && state.segment !== 'none' && !segments.includes(state.segment) ? [...segments, state.segment] : segments;
  const setPeriod = (patch: { from?: string; to?: string }) => update(periodPatch(patch));

  return (
    <div className="space-y-4">
      <div className="grid grid-cols-2 gap-3">
        <Labelled label={t('filters.period')} className="col-span-2">
          {(id) => <PeriodSelect id={id} state={state} today={today} update={update} />}
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
      <LensSwitch state={state} update={update} />
      <p className="text-xs text-slate-600">{t('filters.sourceHint', { source: state.source })}</p>
      <WeightSwitch state={state} update={update} />
    </div>
  );
}

/**
 * The filters as one compact bar: on a desktop the period, the lens and the weight, and a
 * "Filters" button with the number of filters that narrow the accounts; on a phone only that
 * button and what the view shows, so the first screen is numbers rather than controls. The button
 * opens every filter in a sheet. Each change goes to the URL at once, as before.
 */
export function DashboardFilters({
  state,
  today,
  update,
  owners,
  segments,
}: FilterProps & {
  owners: Array<{ userId: string; name: string }>;
  segments: string[];
}) {
  const t = useTranslations('portfolio');
  const format = useFormatter();
  const [open, setOpen] = useState(false);
  const active = activeFilterCount(state);
  const preset = presetOf(state, today);
  const day = (iso: string) => format.dateTime(new Date(`${iso}T00:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' });
  const period = preset ? t(`filters.presets.${preset}`) : t('filters.range', { from: day(state.from), to: day(state.to) });
  const clear = () => update({ owner: '', segment: '', target: '', eb: '' });

  return (
    <div
      className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-xl bg-white px-3 py-2 shadow-sm ring-1 ring-slate-200 md:flex-nowrap md:px-4"
      role="search"
      aria-label={t('filters.label')}
    >
      {/* On a phone: what the view shows, in words. */}
      <p className="min-w-0 flex-1 truncate text-sm text-slate-700 md:hidden" data-testid="filters-summary">
        {t('filters.summary', { period, source: state.source, weight: state.weight })}
      </p>
      <div className="hidden min-w-0 items-end gap-4 md:flex md:flex-1">
        <Labelled label={t('filters.period')} className="w-48 shrink-0">
          {(id) => <PeriodSelect id={id} state={state} today={today} update={update} />}
        </Labelled>
        <LensSwitch state={state} update={update} />
        <WeightSwitch state={state} update={update} />
      </div>
      {active > 0 ? (
        <button type="button" className="h-8 shrink-0 text-sm font-medium text-brand-700 hover:underline" onClick={clear}>
          {t('filters.clear')}
        </button>
      ) : null}
      <Sheet
        trigger={
          <Button
            variant="secondary"
            size="sm"
            aria-label={t('filters.openLabel', { count: active })}
            className="order-first shrink-0 md:order-last"
          >
            <SlidersHorizontal className="size-4" aria-hidden />
            {t('filters.button')}
            {active > 0 ? (
              <span className="rounded-full bg-brand-600 px-1.5 text-xs font-semibold text-white tabular-nums" aria-hidden>
                {active}
              </span>
            ) : null}
          </Button>
        }
        open={open}
        onOpenChange={setOpen}
        title={t('filters.sheetTitle')}
        description={t('filters.sheetDescription')}
        footer={
          <div className="flex items-center justify-between gap-3">
            {active > 0 ? (
              <button type="button" className="text-sm font-medium text-brand-700 hover:underline" onClick={clear}>
                {t('filters.clear')}
              </button>
            ) : (
              <span />
            )}
            <Button onClick={() => setOpen(false)}>{t('filters.done')}</Button>
          </div>
        }
      >
        <FilterFields state={state} today={today} update={update} owners={owners} segments={segments} />
      </Sheet>
    </div>
  );
}
