'use client';

import { SlidersHorizontal } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { Labelled, LensSwitch, PeriodSelect, presetOf, WeightSwitch, type FilterProps } from './filter-controls';
import { activeFilterCount } from './use-dashboard-state';

/** Where the sheet will slide in while its code arrives: its backdrop and frame, so nothing jumps when it does. */
function FilterSheetPlaceholder() {
  const t = useTranslations('common');
  return (
    <>
      <div aria-hidden className="fixed inset-0 z-40 bg-slate-900/40" />
      <div
        role="status"
        className="fixed inset-x-0 bottom-0 z-50 h-[88vh] space-y-4 rounded-t-2xl bg-white px-5 py-4 shadow-xl md:inset-y-0 md:right-0 md:left-auto md:h-auto md:w-[28rem] md:rounded-none"
      >
        <span className="sr-only">{t('loading')}</span>
        <Skeleton className="h-7 w-40" />
        <Skeleton className="h-4 w-64 max-w-full" />
        <Skeleton className="h-64 w-full" />
      </div>
    </>
  );
}

// The sheet with every filter: Radix Dialog and the fields are needed only once someone presses "Filters".
const FilterSheet = dynamic(() => import('./filter-sheet').then((module) => module.FilterSheet), {
  ssr: false,
  loading: FilterSheetPlaceholder,
});

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
  const filtersButton = useRef<HTMLButtonElement>(null);
  // Fetched once the bar has rendered, so the button rarely waits for the sheet's code.
  useEffect(() => {
    void import('./filter-sheet');
  }, []);
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
      <Button
        ref={filtersButton}
        variant="secondary"
        size="sm"
        aria-label={t('filters.openLabel', { count: active })}
        aria-haspopup="dialog"
        aria-expanded={open}
        className="order-first shrink-0 md:order-last"
        onClick={() => setOpen(true)}
      >
        <SlidersHorizontal className="size-4" aria-hidden />
        {t('filters.button')}
        {active > 0 ? (
          <span className="rounded-full bg-brand-600 px-1.5 text-xs font-semibold text-white tabular-nums" aria-hidden>
            {active}
          </span>
        ) : null}
      </Button>
      {open ? (
        <FilterSheet
          open
          onOpenChange={setOpen}
          returnFocusTo={filtersButton}
          active={active}
          onClear={clear}
          state={state}
          today={today}
          update={update}
          owners={owners}
          segments={segments}
        />
      ) : null}
    </div>
  );
}
