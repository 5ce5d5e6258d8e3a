'use client';

import { useTranslations } from 'next-intl';
import { LevelBadge } from '@/components/levels/level-badge';
import type { RouterOutputs } from '@/components/trpc';
import { RelativeTime } from '@/components/ui/relative-time';

type Overview = RouterOutputs['confirmation']['overview'];

/** The customer level, how many people it rests on and how far apart they are, and whether it is time to ask again. */
export function CustomerLevelSummary({ data }: { data: Overview }) {
  const t = useTranslations('customer');
  const { customer, freshnessMonths } = data;
  // Never answered is "not confirmed yet"; answered, but too long ago, is "time to ask again".
  const stale = data.needsReconfirmation && data.stakeholders.length > 0;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <span className="text-sm font-medium text-slate-700">{t('level')}</span>
        <LevelBadge level={customer.level} />
        {customer.level !== null ? (
          <span className="text-sm text-slate-600">
            {t('respondents', { count: customer.respondents })}
            {customer.respondents > 1 ? ` · ${t('spread', { spread: customer.spread ?? 0 })}` : ''}
            {customer.latestAt ? (
              <>
                {' · '}
                {t('latestAnswer')} <RelativeTime date={customer.latestAt} />
              </>
            ) : null}
          </span>
        ) : null}
        {stale ? (
          <span className="rounded-full bg-amber-100 px-2.5 py-0.5 text-xs font-semibold text-amber-900">{t('reconfirm')}</span>
        ) : null}
      </div>
      <p className="text-sm text-slate-600">
        {stale
          ? t('reconfirmHint', { months: freshnessMonths })
          : customer.level === null
            ? t('none', { months: freshnessMonths })
            : t('medianHint', { months: freshnessMonths })}
      </p>
    </div>
  );
}
