'use client';

import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { ArrowRight, Megaphone } from 'lucide-react';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { createContext, useContext, useState, type ReactNode } from 'react';
import { toast } from 'sonner';
import { StartCampaignDialog, type CampaignSelection } from '@/components/campaigns/start-campaign-dialog';
import { EffectiveLevelBadge, LevelBadge, LevelPair } from '@/components/levels/level-badge';
import { LoadError } from '@/components/load-error';
import { useOrg } from '@/components/shell/org-context';
import { errorMessageOf, useTRPC } from '@/components/trpc';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { useDashboardFormat } from './format';
import { SectionSkeleton } from './section';
import type { DrillDownIdsInput, DrillDownSpec } from './types';
import { filtersInput, type DashboardState } from './use-dashboard-state';

const PAGE_SIZE = 25;
/** As many accounts as dashboard.drillDownIds returns (and a campaign takes). */
const MAX_IDS = 10_000;

export interface DrillDownRequest {
  spec: DrillDownSpec;
  /** What the number is, as the dialog's title: "Level 3 → level 4, 1 Dec 2025 to 29 Nov 2026". */
  title: string;
  /** A different "as of" day than the period's end (a column of the chart over time), or the matrix's days. */
  state?: Partial<DashboardState>;
}

const DrillDownContext = createContext<(request: DrillDownRequest) => void>(() => {});

/** Lets any number on the dashboard open the list of the accounts behind it. */
export function useDrillDown() {
  return useContext(DrillDownContext);
}

export function DrillDownProvider({ state, children }: { state: DashboardState; children: ReactNode }) {
  const [request, setRequest] = useState<DrillDownRequest | null>(null);
  return (
    <DrillDownContext.Provider value={setRequest}>
      {children}
      {request ? <DrillDownDialog request={request} state={{ ...state, ...request.state }} onClose={() => setRequest(null)} /> : null}
    </DrillDownContext.Provider>
  );
}

function DrillDownDialog({ request, state, onClose }: { request: DrillDownRequest; state: DashboardState; onClose: () => void }) {
  const t = useTranslations('portfolio');
  const org = useOrg();
  const trpc = useTRPC();
  const [offset, setOffset] = useState(0);
  const input = { ...filtersInput(org.slug, state), dayA: state.a || undefined, dayB: state.b || undefined, spec: request.spec };
  const list = useQuery({
    ...trpc.dashboard.drillDown.queryOptions({ ...input, offset }),
    placeholderData: keepPreviousData,
  });
  const fmt = useDashboardFormat(list.data?.currency);
  const total = list.data?.total ?? 0;

  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? null : onClose())}
      title={request.title}
      description={list.data ? t('drill.count', { count: total }) : t('drill.loading')}
    >
      {list.isPending ? (
        <SectionSkeleton height="h-48" />
      ) : list.data === undefined ? (
        <LoadError error={list.error} onRetry={() => list.refetch()} />
      ) : total === 0 ? (
        <p className="text-sm text-slate-600">{t('drill.none')}</p>
      ) : (
        <div className={list.isPlaceholderData ? 'opacity-60' : undefined}>
          {org.can('member') ? <AskCustomers input={input} total={total} /> : null}
          <ul className="divide-y divide-slate-200" aria-label={t('drill.listLabel')}>
            {list.data.rows.map((row) => (
              <li key={row.accountId} className="flex flex-col gap-1 py-2.5">
                <div className="flex items-baseline justify-between gap-3">
                  <Link href={`/${org.slug}/accounts/${row.accountId}`} className="truncate font-medium text-brand-700 hover:underline">
                    {row.name}
                  </Link>
                  <span className="shrink-0 text-sm text-slate-700 tabular-nums">
                    {row.revenue === null ? t('revenueUnknown') : fmt.money(row.revenue)}
                  </span>
                </div>
                <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600">
                  {request.spec.kind === 'transition' ? (
                    <span className="inline-flex items-center gap-1">
                      <LevelBadge level={row.fromLevel} compact />
                      <ArrowRight className="size-3" aria-hidden />
                      <span className="sr-only">{t('drill.to')}</span>
                      {state.source === 'effective' ? (
                        <EffectiveLevelBadge level={row.effectiveLevel} source={row.effectiveFromTeam ? 'team' : 'customer'} compact />
                      ) : (
                        <LevelBadge level={state.source === 'team' ? row.teamLevel : row.customerLevel} compact />
                      )}
                    </span>
                  ) : (
                    <>
                      <span className="inline-flex items-center gap-1">
                        <span className="text-xs text-slate-600">{t('effective')}</span>
                        <EffectiveLevelBadge level={row.effectiveLevel} source={row.effectiveFromTeam ? 'team' : 'customer'} compact />
                      </span>
                      <LevelPair teamLevel={row.teamLevel} customerLevel={row.customerLevel} compact />
                    </>
                  )}
                  <span>{row.ownerName ? t('drill.owner', { name: row.ownerName }) : t('drill.noOwner')}</span>
                </div>
              </li>
            ))}
          </ul>
          {total > PAGE_SIZE ? (
            <nav aria-label={t('drill.pages')} className="mt-3 flex items-center justify-between gap-2 text-sm text-slate-700">
              <Button variant="secondary" size="sm" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
                {t('drill.previous')}
              </Button>
              <span className="tabular-nums">
                {t('drill.range', { first: offset + 1, last: Math.min(total, offset + PAGE_SIZE), total })}
              </span>
              <Button variant="secondary" size="sm" disabled={offset + PAGE_SIZE >= total} onClick={() => setOffset(offset + PAGE_SIZE)}>
                {t('drill.next')}
              </Button>
            </nav>
          ) : null}
        </div>
      )}
    </Dialog>
  );
}

/**
 * "Ask these customers": a confirmation campaign for every account behind the number, not just
 * the page in view. The ids are fetched when the button is pressed, then the start dialog opens
 * with its preview. Members and up only (the campaign itself checks again on the server).
 */
function AskCustomers({ input, total }: { input: DrillDownIdsInput; total: number }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const [selection, setSelection] = useState<CampaignSelection | null>(null);

  const start = async () => {
    setPending(true);
    try {
      const { accountIds } = await queryClient.fetchQuery(trpc.dashboard.drillDownIds.queryOptions(input));
      if (accountIds.length > 0) setSelection({ kind: 'accounts', accountIds });
    } catch (error) {
      toast.error(errorMessageOf(error, t('errors.network')));
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="mb-3 flex flex-col gap-1.5 border-b border-slate-200 pb-3 sm:flex-row sm:items-center sm:justify-between sm:gap-3">
      {total > MAX_IDS ? <p className="text-xs text-slate-600">{t('portfolio.drill.askLargest', { max: MAX_IDS })}</p> : null}
      <Button
        variant="secondary"
        size="sm"
        onClick={() => void start()}
        disabled={pending}
        aria-busy={pending || undefined}
        className="self-start sm:ml-auto sm:self-auto"
      >
        <Megaphone className="size-4" aria-hidden />
        {pending ? t('portfolio.drill.askLoading') : t('portfolio.drill.ask')}
      </Button>
      {selection ? <StartCampaignDialog selection={selection} open onOpenChange={(open) => (open ? null : setSelection(null))} /> : null}
    </div>
  );
}
