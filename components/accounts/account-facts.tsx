'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { LevelBadge } from '@/components/levels/level-badge';
import { RelativeTime } from '@/components/ui/relative-time';
import { cn } from '@/lib/cn';
import { useAccountFormat } from './format';
import type { AccountDetails } from './types';

function Fact({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  return (
    <div className={cn('min-w-0', className)}>
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-1 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

/** What the header says about the account below its name: the target, owner, revenue, notes and who follows it (the levels lead the summary below). */
export function AccountFacts({ account: a }: { account: AccountDetails }) {
  const t = useTranslations('accounts.header');
  const tc = useTranslations('accounts');
  const { money, calendarDate } = useAccountFormat();
  return (
    <>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-4 border-t border-slate-200 pt-4 md:grid-cols-4">
        <Fact label={t('target')} className="col-span-2 md:col-span-2">
          {a.targetLevel === null ? (
            <span className="text-slate-500">{t('none')}</span>
          ) : (
            <span className="inline-flex flex-wrap items-center gap-1.5">
              <LevelBadge level={a.targetLevel} />
              {a.targetDate ? <span className="text-slate-700">{tc('targetBy', { date: calendarDate(a.targetDate) ?? '' })}</span> : null}
              <TargetProgress target={a.targetLevel} effective={a.effectiveLevel} />
            </span>
          )}
        </Fact>
        <Fact label={t('owner')}>{a.ownerName ?? <span className="text-slate-500">{tc('noOwner')}</span>}</Fact>
        <Fact label={t('revenue')}>
          {a.annualRevenue === null ? (
            <span className="text-slate-500">{t('none')}</span>
          ) : (
            <span className="tabular-nums">{money(a.annualRevenue, a.currency)}</span>
          )}
        </Fact>
      </dl>
      {a.notes ? (
        <div className="border-t border-slate-200 pt-4">
          <h2 className="text-xs font-medium text-slate-500">{t('notes')}</h2>
          <p className="mt-1 max-w-prose text-sm whitespace-pre-line text-slate-800">{a.notes}</p>
        </div>
      ) : null}
      <p className="text-xs text-slate-500">
        {a.externalId ? <>{t('externalId', { id: a.externalId })} · </> : null}
        {t('followers', { count: a.followers.length })}
        {a.followers.length > 0 ? `: ${a.followers.map((f) => f.name).join(', ')}` : null}
        {a.updatedByName ? (
          <>
            {' · '}
            {t('editedBy', { name: a.updatedByName })} <RelativeTime date={a.updatedAt} />
          </>
        ) : null}
      </p>
    </>
  );
}

/** How far the effective level is from the target: reached, or how many levels to go. */
function TargetProgress({ target, effective }: { target: number; effective: number | null }) {
  const t = useTranslations('accounts.header');
  if (effective === null) return null;
  const toGo = target - effective;
  return (
    <span
      title={t('targetBasis')}
      className={cn(
        'rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset',
        toGo <= 0 ? 'bg-emerald-50 text-emerald-800 ring-emerald-200' : 'bg-slate-100 text-slate-700 ring-slate-200',
      )}
    >
      {toGo <= 0 ? t('targetReached') : t('targetToGo', { count: toGo })}
      <span className="sr-only"> ({t('targetBasis')})</span>
    </span>
  );
}
