'use client';

import { ArrowDownWideNarrow, ArrowUpNarrowWide } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useId, type ReactNode } from 'react';
import { LEVELS } from '@/components/levels/levels';
import { Button } from '@/components/ui/button';
import { Select } from '@/components/ui/select';
import { cn } from '@/lib/cn';
import { ACCOUNT_SORTS, type AccountSort } from '@/server/inputs/accounts';
import type { AccountListState } from './use-account-list-state';

/** Radix Select has no empty value, so "any" travels as this and means "no filter". */
const ANY = '_any';

interface FilterOptions {
  owners: Array<{ userId: string; name: string }>;
  segments: Array<{ segment: string; accounts: number }>;
}

function LabelledSelect({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="min-w-0 space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      {children(id)}
    </div>
  );
}

function Toggle({
  checked,
  onChange,
  label,
  hint,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: string;
  hint?: string;
}) {
  return (
    <label
      title={hint}
      className={cn(
        'inline-flex cursor-pointer items-center gap-2 rounded-full px-3 py-1.5 text-sm ring-1 select-none ring-inset has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-600',
        checked ? 'bg-brand-50 text-brand-800 ring-brand-600/40' : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50',
      )}
    >
      <input type="checkbox" className="size-4 accent-brand-600" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      {label}
      {hint ? <span className="sr-only">({hint})</span> : null}
    </label>
  );
}

/** Owner, segment, levels, the stale and "team rates higher" toggles, and the sort order. */
export function AccountFilters({
  state,
  options,
  onChange,
}: {
  state: AccountListState;
  options: FilterOptions | undefined;
  onChange: (patch: Partial<AccountListState>) => void;
}) {
  const t = useTranslations('accounts');
  const th = useTranslations('hierarchy');
  const tc = useTranslations('customer');
  const levelOptions = (noneLabel: string) => [
    { value: ANY, label: t('filters.anyLevel') },
    ...LEVELS.map((level) => ({ value: String(level), label: `${level} · ${th(`levels.${level}.name`)}` })),
    { value: 'none', label: noneLabel },
  ];
  const owners = options?.owners ?? [];
  const segments = options?.segments ?? [];
  // A filter from a shared link may name a segment that has no accounts any more; keep it selectable.
  const segmentNames = segments.map((s) => s.segment);
  if (state.segment && state.segment !== 'none' && !segmentNames.includes(state.segment)) segmentNames.push(state.segment);
  const direction = state.dir === 'asc' ? t('sort.ascending') : t('sort.descending');

  return (
    <div className="space-y-3">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3 2xl:grid-cols-6">
        <LabelledSelect label={t('filters.owner')}>
          {(id) => (
            <Select
              id={id}
              value={state.owner || ANY}
              onValueChange={(owner) => onChange({ owner: owner === ANY ? '' : owner })}
              options={[
                { value: ANY, label: t('filters.anyOwner') },
                ...owners.map((o) => ({ value: o.userId, label: o.name })),
                { value: 'none', label: t('filters.noOwner') },
              ]}
            />
          )}
        </LabelledSelect>
        <LabelledSelect label={t('filters.segment')}>
          {(id) => (
            <Select
              id={id}
              value={state.segment || ANY}
              onValueChange={(segment) => onChange({ segment: segment === ANY ? '' : segment })}
              options={[
                { value: ANY, label: t('filters.anySegment') },
                ...segmentNames.map((segment) => ({ value: segment, label: segment })),
                { value: 'none', label: t('filters.noSegment') },
              ]}
            />
          )}
        </LabelledSelect>
        <LabelledSelect label={t('filters.teamLevel')}>
          {(id) => (
            <Select
              id={id}
              value={state.team || ANY}
              onValueChange={(team) => onChange({ team: team === ANY ? '' : team })}
              options={levelOptions(t('filters.notAssessed'))}
            />
          )}
        </LabelledSelect>
        <LabelledSelect label={t('filters.customerLevel')}>
          {(id) => (
            <Select
              id={id}
              value={state.customer || ANY}
              onValueChange={(customer) => onChange({ customer: customer === ANY ? '' : customer })}
              options={levelOptions(t('filters.notConfirmed'))}
            />
          )}
        </LabelledSelect>
        <LabelledSelect label={t('filters.effectiveLevel')}>
          {(id) => (
            <Select
              id={id}
              value={state.effective || ANY}
              onValueChange={(effective) => onChange({ effective: effective === ANY ? '' : effective })}
              options={levelOptions(t('filters.noLevel'))}
            />
          )}
        </LabelledSelect>
        <LabelledSelect label={t('sort.label')}>
          {(id) => (
            <div className="flex gap-1.5">
              <Select
                id={id}
                value={state.sort}
                onValueChange={(sort) => onChange({ sort: sort as AccountSort })}
                options={ACCOUNT_SORTS.map((sort) => ({ value: sort, label: t(`sort.${sort}`) }))}
              />
              <Button
                variant="secondary"
                size="sm"
                className="h-9 shrink-0 px-2.5"
                aria-label={t('sort.toggleDirection', { direction })}
                title={direction}
                onClick={() => onChange({ dir: state.dir === 'asc' ? 'desc' : 'asc' })}
              >
                {state.dir === 'asc' ? (
                  <ArrowUpNarrowWide className="size-4" aria-hidden />
                ) : (
                  <ArrowDownWideNarrow className="size-4" aria-hidden />
                )}
              </Button>
            </div>
          )}
        </LabelledSelect>
      </div>
      <div className="flex flex-wrap gap-2" role="group" aria-label={t('filters.label')}>
        <Toggle checked={state.stale} onChange={(stale) => onChange({ stale })} label={t('filters.stale')} hint={t('filters.staleHint')} />
        <Toggle
          checked={state.overrated}
          onChange={(overrated) => onChange({ overrated })}
          label={t('filters.overrated')}
          hint={t('filters.overratedHint')}
        />
        <Toggle
          checked={state.reconfirm}
          onChange={(reconfirm) => onChange({ reconfirm })}
          label={tc('staleFilter')}
          hint={tc('staleFilterHint')}
        />
        <Toggle checked={state.archived} onChange={(archived) => onChange({ archived })} label={t('filters.showArchived')} />
      </div>
    </div>
  );
}
