'use client';

import { MessageSquareQuote } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { LevelBadge } from '@/components/levels/level-badge';
import type { RouterOutputs } from '@/components/trpc';
import { Button } from '@/components/ui/button';
import { RelativeTime } from '@/components/ui/relative-time';
import { cn } from '@/lib/cn';
import { CampaignMarker } from './campaign-marker';

type Stakeholder = RouterOutputs['confirmation']['overview']['stakeholders'][number];

/** One stakeholder's answer: who, the level they gave, whether it still counts, and what would move them up (with "to action" when onPlan is given). */
export function StakeholderAnswer({
  answer,
  freshnessMonths,
  planning,
  onPlan,
}: {
  answer: Stakeholder;
  freshnessMonths: number;
  planning: boolean;
  onPlan?: () => void;
}) {
  const t = useTranslations();
  const format = useFormatter();
  const name = answer.contactName ?? answer.respondentName ?? t('customer.unnamedRespondent');
  const title = answer.contactTitle ?? answer.respondentTitle;
  return (
    <li className="space-y-2 p-3 text-sm">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className={cn('font-medium text-slate-900', !answer.fresh && 'text-slate-600')}>{name}</span>
        {title ? <span className="text-slate-600">{title}</span> : null}
        {answer.buyingRole ? <span className="text-xs text-slate-600">{t(`contacts.buyingRoles.${answer.buyingRole}.name`)}</span> : null}
        <LevelBadge level={answer.level} />
        {answer.desiredLevel ? <span className="text-slate-600">{t('customer.wouldLike', { level: answer.desiredLevel })}</span> : null}
        <span className="text-slate-600">
          {t('customer.answeredOn')} <RelativeTime date={answer.answeredAt} />
          {answer.fresh
            ? ` · ${t('levelHistory.countsUntil', { date: format.dateTime(answer.countsUntil, { dateStyle: 'medium' }) })}`
            : null}
        </span>
        {!answer.fresh ? (
          <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
            {t('customer.stale', { months: freshnessMonths })}
          </span>
        ) : null}
        <CampaignMarker answer={answer} />
      </div>
      {answer.moveUp ? (
        <div className="flex flex-wrap items-start justify-between gap-3 rounded-md bg-slate-50 p-2.5">
          <p className="min-w-0 flex-1 text-slate-800">
            <MessageSquareQuote className="mr-1.5 inline size-4 text-slate-500" aria-hidden />
            <span className="sr-only">{t('customer.moveUp')}: </span>
            {answer.moveUp}
          </p>
          {onPlan ? (
            <Button size="sm" variant="secondary" disabled={planning} aria-label={t('customer.toActionFor', { name })} onClick={onPlan}>
              {t('customer.toAction')}
            </Button>
          ) : null}
        </div>
      ) : null}
      {answer.comment ? <p className="whitespace-pre-wrap text-slate-700">{answer.comment}</p> : null}
    </li>
  );
}
