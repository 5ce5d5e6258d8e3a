'use client';

import { useQuery } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { ChevronDown } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { EffectiveLevelBadge, GapBadge, LevelBadge } from '@/components/levels/level-badge';
import { useOrg } from '@/components/shell/org-context';
import { useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { RelativeTime } from '@/components/ui/relative-time';
import { cn } from '@/lib/cn';
import { EconomicBuyerBadge } from './economic-buyer-badge';
import type { AccountDetails } from './types';

/**
 * One level: a tile from `sm` up, three side by side; on a phone a row (name left, level right),
 * where what it rests on opens on demand.
 */
function LevelBlock({
  label,
  children,
  detail,
  detailShown,
  className,
}: {
  label: string;
  children: ReactNode;
  detail: ReactNode;
  detailShown: boolean;
  className?: string;
}) {
  return (
    <div
      className={cn(
        'flex min-w-0 flex-wrap items-center justify-between gap-x-3 gap-y-1 rounded-lg bg-slate-50 px-3 py-1 ring-1 ring-slate-200 ring-inset sm:block sm:py-3',
        className,
      )}
    >
      <dt className="text-xs font-medium text-slate-600">{label}</dt>
      <dd className="flex flex-wrap items-center justify-end gap-1.5 sm:mt-1.5 sm:justify-start sm:gap-2">{children}</dd>
      <dd className={cn('basis-full text-xs leading-relaxed text-slate-600 sm:mt-1.5 sm:block', detailShown ? 'block' : 'hidden')}>
        {detail}
      </dd>
    </div>
  );
}

/**
 * The three levels stated plainly: the team's (when it assessed), the customer's (how many
 * stakeholders it rests on, the newest answer, until when it holds, or since when no answer is
 * fresh), and the effective level built on them, with the perception gap and the economic
 * buyer's dissent.
 */
export function AccountLevels({ account: a }: { account: AccountDetails }) {
  const t = useTranslations('accounts.header');
  const tAll = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const format = useFormatter();
  const [detailShown, setDetailShown] = useState(false);
  // The customer panel on the same page reads the same query: no second request.
  const overview = useQuery(trpc.confirmation.overview.queryOptions({ orgSlug: org.slug, accountId: a.id }));
  const day = (date: Date) => format.dateTime(date, { dateStyle: 'medium' });
  const run = a.customerRun;
  const askLink = !a.archivedAt ? (
    <a href="#customer" className="font-medium text-brand-700 underline-offset-2 hover:underline">
      {t('askCustomer')}
    </a>
  ) : null;

  let customerDetail: ReactNode;
  if (a.customerLevel !== null) {
    const respondents = overview.data?.customer.respondents;
    customerDetail = (
      <>
        {respondents !== undefined ? `${t('customerCount', { count: respondents })} · ` : null}
        {a.customerLevelAt ? t.rich('newestAnswer', { when: () => <RelativeTime date={a.customerLevelAt} /> }) : null}
        {run?.until ? (
          <>
            {' · '}
            {t('countsUntil', { date: day(run.until) })}
          </>
        ) : null}
      </>
    );
  } else if (run && run.previousLevel !== null) {
    customerDetail = (
      <>
        {t('agedOut', { level: run.previousLevel, date: day(run.since), months: overview.data?.freshnessMonths ?? 12 })} {askLink}
      </>
    );
  } else if (overview.data?.stakeholders.some((s) => s.contactArchived)) {
    // Answers were given, but only by people since removed from the contacts.
    customerDetail = (
      <>
        {t('onlyRemovedAnswered')} {askLink}
      </>
    );
  } else {
    customerDetail = (
      <>
        {t('neverAnswered')} {askLink}
      </>
    );
  }

  const eb = a.economicBuyerDissent && a.economicBuyerLevel !== null && a.customerLevel !== null;
  return (
    <div className="space-y-2 sm:space-y-3">
      <dl className="grid gap-1.5 sm:grid-cols-3 sm:gap-3">
        <LevelBlock
          label={t('teamLevel')}
          detailShown={detailShown}
          detail={a.teamLevelAt ? t.rich('teamAssessed', { when: () => <RelativeTime date={a.teamLevelAt!} /> }) : t('teamNotAssessed')}
        >
          <LevelBadge level={a.teamLevel} />
        </LevelBlock>
        <LevelBlock label={t('customerLevel')} detail={customerDetail} detailShown={detailShown}>
          {a.customerLevel === null && run ? (
            <span className="inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium text-slate-600 ring-1 ring-slate-300 ring-inset">
              {t('noFreshAnswer')}
            </span>
          ) : (
            <LevelBadge level={a.customerLevel} emptyLabel={tAll('accounts.filters.notConfirmed')} />
          )}
          {eb ? <EconomicBuyerBadge /> : null}
        </LevelBlock>
        <LevelBlock
          label={t('effectiveLevel')}
          detailShown={detailShown}
          className="bg-white ring-brand-600/30"
          detail={
            a.effectiveSource === 'customer'
              ? t('effectiveFromCustomer')
              : a.effectiveSource === 'team'
                ? t('effectiveFromTeam')
                : t('effectiveNone')
          }
        >
          <EffectiveLevelBadge level={a.effectiveLevel} source={a.effectiveSource} />
          {a.gap !== null && a.gap !== 0 ? (
            <span className="inline-flex items-center gap-1">
              <span className="sr-only">{t('perceptionGap')}:</span>
              <GapBadge gap={a.gap} />
            </span>
          ) : a.gap === 0 ? (
            <span
              className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-slate-200 ring-inset"
              title={t('noGapHint')}
            >
              {t('noGap')}
            </span>
          ) : null}
        </LevelBlock>
      </dl>
      <button
        type="button"
        aria-expanded={detailShown}
        onClick={() => setDetailShown((shown) => !shown)}
        className="-mx-1 inline-flex items-center gap-1 rounded-md px-1 py-0.5 text-xs font-medium text-brand-700 hover:text-brand-800 sm:hidden"
      >
        {tAll('accounts.summary.levelDetails')}
        <ChevronDown className={cn('size-4 transition-transform', detailShown && 'rotate-180')} aria-hidden />
      </button>
      {eb ? (
        <Alert tone="warning">
          {tAll('accounts.economicBuyer.detail', {
            level: a.economicBuyerLevel,
            customer: a.customerLevel,
            diff: Math.abs(a.economicBuyerLevel - a.customerLevel),
          })}
        </Alert>
      ) : null}
    </div>
  );
}
