'use client';

import { useTranslations } from 'next-intl';
import type { RefObject } from 'react';
import { LEVELS } from '@/components/levels/levels';
import { Button } from '@/components/ui/button';
import { NativeSelect as Select } from '@/components/ui/native-select';
import { Sheet } from '@/components/ui/sheet';
import { addDays, isIsoDay } from '@/server/domain/calendar';
import { ANY, dateInput, Labelled, LensSwitch, periodPatch, PeriodSelect, WeightSwitch, type FilterProps } from './filter-controls';
import type { DashboardState } from './use-dashboard-state';

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

/** Every filter in a sheet, opened by the bar's "Filters" button (focus goes back to it on close). */
export function FilterSheet({
  open,
  onOpenChange,
  returnFocusTo,
  active,
  onClear,
  ...fields
}: FilterProps & {
  owners: Array<{ userId: string; name: string }>;
  segments: string[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
  returnFocusTo: RefObject<HTMLElement | null>;
  /** How many filters narrow the accounts: "Clear" shows when there is one. */
  active: number;
  onClear: () => void;
}) {
  const t = useTranslations('portfolio');
  return (
    <Sheet
      open={open}
      onOpenChange={onOpenChange}
      returnFocusTo={returnFocusTo}
      title={t('filters.sheetTitle')}
      description={t('filters.sheetDescription')}
      footer={
        <div className="flex items-center justify-between gap-3">
          {active > 0 ? (
            <button type="button" className="text-sm font-medium text-brand-700 hover:underline" onClick={onClear}>
              {t('filters.clear')}
            </button>
          ) : (
            <span />
          )}
          <Button onClick={() => onOpenChange(false)}>{t('filters.done')}</Button>
        </div>
      }
    >
      <FilterFields {...fields} />
    </Sheet>
  );
}
