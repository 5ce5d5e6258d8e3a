'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Building2, FileUp, Plus, SearchX } from 'lucide-react';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useCallback, useState } from 'react';
import { StartCampaignButton } from '@/components/campaigns/start-campaign-dialog';
import { LoadError } from '@/components/load-error';
import { NewcomerChecklist } from '@/components/onboarding/newcomer-checklist';
import { useOrg } from '@/components/shell/org-context';
import { useTRPC } from '@/components/trpc';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Skeleton } from '@/components/ui/skeleton';
import { AccountFilters } from './account-filters';
import { AccountFormDialog } from './account-form-dialog';
import { AccountSearch } from './account-search';
import { AccountsPagination } from './accounts-pagination';
import { AccountsTable, type AccountSelection } from './accounts-table';
import { ExportAccountsButton } from './export-accounts-button';
import { filtersInput, useAccountListState } from './use-account-list-state';

/**
 * The accounts list: search, filters and sort live in the URL; the database filters, sorts and
 * pages (50 at a time), so it stays quick with thousands of accounts.
 */
export function AccountsList() {
  const t = useTranslations('accounts');
  const tc = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const { state, update, clear, hasFilters } = useAccountListState();
  const [adding, setAdding] = useState(false);
  // Bumped when filters are cleared, so the search box forgets its text too.
  const [searchKey, setSearchKey] = useState(0);
  // Accounts ticked in the list (across pages), for a campaign that asks exactly those.
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const canEdit = org.can('member');

  const list = useQuery({
    ...trpc.account.list.queryOptions({ orgSlug: org.slug, ...filtersInput(state), page: state.page }),
    // While the next page or filter loads, the current rows stay (dimmed) instead of flashing away.
    placeholderData: keepPreviousData,
  });
  const options = useQuery(trpc.account.filterOptions.queryOptions({ orgSlug: org.slug }));
  const onSearch = useCallback((q: string) => update({ q }), [update]);
  const clearAll = () => {
    clear();
    setSearchKey((k) => k + 1);
  };

  const addButton = (label: string) => (
    <Button onClick={() => setAdding(true)}>
      <Plus className="size-4" aria-hidden />
      {label}
    </Button>
  );
  const importLink = (label: string, variant: 'primary' | 'secondary' = 'secondary') => (
    <Button asChild variant={variant}>
      <Link href={`/${org.slug}/accounts/import`}>
        <FileUp className="size-4" aria-hidden />
        {label}
      </Link>
    </Button>
  );

  const empty = list.data && !list.data.hasAnyAccount;
  const sortLabel = t(`sort.${state.sort}`);

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('subtitle')}
        action={
          empty ? null : (
            <div className="flex flex-wrap gap-2">
              {canEdit ? addButton(t('addAccount')) : null}
              {canEdit ? importLink(t('importCsv')) : null}
              {canEdit ? <StartCampaignButton selection={{ kind: 'filters', filters: campaignFilters(state) }} /> : null}
              <ExportAccountsButton state={state} />
            </div>
          )
        }
      />
      <AccountFormDialog open={adding} onOpenChange={setAdding} />
      <NewcomerChecklist />

      {empty ? (
        <EmptyState
          icon={<Building2 className="size-10" />}
          title={t('emptyTitle')}
          action={
            canEdit ? (
              <div className="flex flex-wrap justify-center gap-3">
                {addButton(t('addFirst'))}
                {importLink(t('importFirst'))}
              </div>
            ) : undefined
          }
        >
          <p>{t('emptyBody')}</p>
          {canEdit ? null : <p className="mt-2">{t('emptyViewer')}</p>}
        </EmptyState>
      ) : (
        <Card>
          <div className="space-y-3 border-b border-slate-200 px-4 py-4 sm:px-6">
            <div className="flex flex-wrap items-center gap-3">
              <AccountSearch key={searchKey} value={state.q} onSearch={onSearch} />
              {list.data ? (
                <p className="text-sm text-slate-600" aria-live="polite">
                  {t('count', { count: list.data.total })}
                </p>
              ) : null}
              {hasFilters ? (
                <Button variant="ghost" size="sm" onClick={clearAll}>
                  {t('filters.clear')}
                </Button>
              ) : null}
            </div>
            <AccountFilters state={state} options={options.data} onChange={update} />
          </div>

          {list.isPending ? (
            <div className="space-y-3 px-4 py-5 sm:px-6" aria-busy="true" aria-label={tc('common.loading')}>
              {[0, 1, 2, 3, 4, 5].map((i) => (
                <Skeleton key={i} className="h-11 w-full" />
              ))}
            </div>
          ) : list.isError ? (
            <div className="px-4 py-5 sm:px-6">
              <LoadError error={list.error} onRetry={() => list.refetch()} lead={t('loadFailed')} />
            </div>
          ) : list.data.total === 0 ? (
            <div className="flex flex-col items-center px-6 py-12 text-center">
              <SearchX className="mb-3 size-8 text-slate-400" aria-hidden />
              <h2 className="text-base font-semibold text-slate-900">{t('noMatchTitle')}</h2>
              <p className="mt-1 max-w-prose text-sm text-slate-600">{t('noMatchBody')}</p>
              <Button variant="secondary" className="mt-4" onClick={clearAll}>
                {t('filters.clear')}
              </Button>
            </div>
          ) : (
            <div className={list.isPlaceholderData ? 'opacity-60 transition-opacity' : undefined} aria-busy={list.isPlaceholderData}>
              {selected.size > 0 ? <SelectionBar selected={selected} onClear={() => setSelected(new Set())} /> : null}
              <AccountsTable
                rows={list.data.rows}
                orgSlug={org.slug}
                caption={t('tableCaption', { org: org.name, sort: sortLabel })}
                now={list.dataUpdatedAt}
                selection={
                  canEdit
                    ? selectionOf(
                        list.data.rows.map((row) => row.id),
                        selected,
                        setSelected,
                      )
                    : undefined
                }
              />
              <AccountsPagination
                page={list.data.page}
                pageSize={list.data.pageSize}
                total={list.data.total}
                onPage={(page) => update({ page })}
              />
            </div>
          )}
        </Card>
      )}
    </>
  );
}

/** The list's filters as a campaign selects accounts: the same filters, without sort and page. */
function campaignFilters(state: Parameters<typeof filtersInput>[0]) {
  const { sort: _sort, direction: _direction, ...filters } = filtersInput(state);
  return filters;
}

function selectionOf(pageIds: string[], selected: ReadonlySet<string>, setSelected: (next: ReadonlySet<string>) => void): AccountSelection {
  const change = (ids: string[], on: boolean) => {
    const next = new Set(selected);
    for (const id of ids) {
      if (on) next.add(id);
      else next.delete(id);
    }
    setSelected(next);
  };
  return { selected, onToggle: (id, on) => change([id], on), onTogglePage: (on) => change(pageIds, on) };
}

/** Shown while accounts are ticked: how many, a campaign for exactly those, and a way to untick them all. */
function SelectionBar({ selected, onClear }: { selected: ReadonlySet<string>; onClear: () => void }) {
  const t = useTranslations('campaigns');
  return (
    <div
      className="flex flex-wrap items-center gap-3 border-b border-slate-200 bg-brand-50/60 px-4 py-2.5 sm:px-6"
      role="region"
      aria-label={t('selectedCount', { count: selected.size })}
    >
      <p className="text-sm font-medium text-slate-900" aria-live="polite">
        {t('selectedCount', { count: selected.size })}
      </p>
      <StartCampaignButton
        selection={{ kind: 'accounts', accountIds: [...selected] }}
        label={t('startForSelected', { count: selected.size })}
        variant="primary"
      />
      <Button variant="ghost" size="sm" onClick={onClear}>
        {t('clearSelection')}
      </Button>
    </div>
  );
}
