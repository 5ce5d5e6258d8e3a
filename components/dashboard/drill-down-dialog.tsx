'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ArrowRight, ClipboardCheck, Megaphone } from 'lucide-react';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState } from 'react';
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
import type { DrillSpec } from './drill-url';
import type { DrillDownIdsInput } from './types';
import { filtersInput, transitionDays, type DashboardState } from './use-dashboard-state';

const PAGE_SIZE = 25;
/** As many accounts as dashboard.drillDownIds returns (and a campaign takes). */
const MAX_IDS = 10_000;

/** What the list is, as the dialog's title: "Level 3 → level 4, 1 Dec 2025 to 29 Nov 2026". */
function useDrillTitle(spec: DrillSpec, state: DashboardState, months: number | undefined, currency: string | undefined): string {
  const t = useTranslations('portfolio');
  const fmt = useDashboardFormat(currency);
  const date = fmt.day(state.to);
  switch (spec.kind) {
    case 'level':
      return spec.level === null
        ? t('drill.noLevelTitle', { source: spec.source, date })
        : t('drill.levelTitle', { source: t(spec.source), level: fmt.levelName(spec.level), date });
    case 'transition': {
      const { dayA, dayB } = transitionDays(state);
      return t('drill.transitionTitle', {
        from: spec.fromLevel === null ? t('transitions.notAssessedYet') : fmt.levelName(spec.fromLevel),
        to: spec.toLevel === null ? t('transitions.noLevel') : fmt.levelName(spec.toLevel),
        dateA: fmt.day(dayA),
        dateB: fmt.day(dayB),
      });
    }
    case 'gap':
      return t('drill.gapTitle', { team: fmt.levelName(spec.teamLevel), customer: fmt.levelName(spec.customerLevel), date });
    case 'overrated':
      return t('drill.overratedTitle', { date });
    case 'stale':
      return t('drill.staleTitle', { date });
    case 'unconfirmed':
      return months === undefined ? t('drill.titleLoading') : t('drill.unconfirmedTitle', { date, months });
    case 'noEconomicBuyer':
      return months === undefined ? t('drill.titleLoading') : t('drill.noEconomicBuyerTitle', { date, months });
    case 'target':
      return t('drill.targetTitle', { status: t(`kpi.target.${spec.status}`), date });
  }
}

export function DrillDownDialog({
  spec,
  state,
  page,
  onPage,
  onClose,
}: {
  spec: DrillSpec;
  state: DashboardState;
  page: number;
  onPage: (page: number) => void;
  onClose: () => void;
}) {
  const t = useTranslations('portfolio');
  const org = useOrg();
  const trpc = useTRPC();
  const offset = (page - 1) * PAGE_SIZE;
  const setOffset = (next: number) => onPage(Math.floor(next / PAGE_SIZE) + 1);
  const input = { ...filtersInput(org.slug, state), dayA: state.a || undefined, dayB: state.b || undefined, spec };
  const list = useQuery({
    ...trpc.dashboard.drillDown.queryOptions({ ...input, offset }),
    placeholderData: keepPreviousData,
  });
  const fmt = useDashboardFormat(list.data?.currency);
  const total = list.data?.total ?? 0;
  const title = useDrillTitle(spec, state, list.data?.freshnessMonths, list.data?.currency);

  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? null : onClose())}
      title={title}
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
          {org.can('member') ? (
            <div className="mb-3 flex flex-col gap-2 border-b border-slate-200 pb-3 sm:flex-row sm:flex-wrap sm:items-center sm:justify-end">
              <AskCustomers input={input} total={total} />
              <StartAssessments input={input} total={total} />
            </div>
          ) : null}
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
                  {spec.kind === 'transition' ? (
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
    <div className="flex flex-col gap-1.5 sm:flex-row sm:items-center sm:gap-3">
      {total > MAX_IDS ? <p className="text-xs text-slate-600">{t('portfolio.drill.askLargest', { max: MAX_IDS })}</p> : null}
      <Button
        variant="secondary"
        size="sm"
        onClick={() => void start()}
        disabled={pending}
        aria-busy={pending || undefined}
        className="self-start sm:self-auto"
      >
        <Megaphone className="size-4" aria-hidden />
        {pending ? t('portfolio.drill.askLoading') : t('portfolio.drill.ask')}
      </Button>
      {selection ? <StartCampaignDialog selection={selection} open onOpenChange={(open) => (open ? null : setSelection(null))} /> : null}
    </div>
  );
}

/** As many accounts as assessment.startMany takes in one go: the largest by revenue of a longer list. */
const MAX_ASSESSMENTS = 500;

/**
 * "Start assessments": a team assessment on every account behind the number that has none open,
 * asking each account's owner and followers, after a confirmation that says how many. The server
 * starts them in one transaction and says how many it started and skipped.
 */
function StartAssessments({ input, total }: { input: DrillDownIdsInput; total: number }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const start = useMutation(trpc.assessment.startMany.mutationOptions());
  const count = Math.min(total, MAX_ASSESSMENTS);

  const run = async () => {
    try {
      const { accountIds } = await queryClient.fetchQuery(trpc.dashboard.drillDownIds.queryOptions(input));
      const outcome = await start.mutateAsync({ orgSlug: input.orgSlug, accountIds: accountIds.slice(0, MAX_ASSESSMENTS) });
      const message = t('portfolio.drill.assessStarted', {
        started: outcome.started,
        skipped: outcome.alreadyOpen + outcome.unavailable,
      });
      setResult(message);
      toast.success(message);
      setConfirming(false);
    } catch (error) {
      toast.error(errorMessageOf(error, t('errors.network')));
    }
  };

  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setConfirming(true)} className="self-start sm:self-auto">
        <ClipboardCheck className="size-4" aria-hidden />
        {t('portfolio.drill.assess')}
      </Button>
      {result ? (
        <p role="status" className="basis-full text-sm text-slate-700 sm:text-right">
          {result}
        </p>
      ) : null}
      <Dialog
        open={confirming}
        onOpenChange={(open) => (start.isPending ? null : setConfirming(open))}
        title={t('portfolio.drill.assessTitle')}
        description={t('portfolio.drill.assessBody', { count })}
      >
        {total > MAX_ASSESSMENTS ? (
          <p className="mb-3 text-sm text-slate-600">{t('portfolio.drill.assessLargest', { max: MAX_ASSESSMENTS })}</p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setConfirming(false)} disabled={start.isPending}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void run()} disabled={start.isPending} aria-busy={start.isPending || undefined}>
            {start.isPending ? t('portfolio.drill.assessStarting') : t('portfolio.drill.assessConfirm', { count })}
          </Button>
        </div>
      </Dialog>
    </>
  );
}
