'use client';

import { useFormatter, useTranslations } from 'next-intl';
import type { RouterOutputs } from '@/components/trpc';
import { cn } from '@/lib/cn';
import { daysBetween } from '@/server/domain/actions';

type ActionRow = RouterOutputs['action']['list']['actions'][number];

/** An ISO date as a Date at noon UTC, so formatting it in any time zone keeps the calendar day. */
function calendarDate(isoDate: string): Date {
  return new Date(`${isoDate}T12:00:00Z`);
}

/** "Overdue" in red: text and colour, so it reads without colour too. */
function OverdueBadge() {
  const t = useTranslations('actions');
  return (
    <span className="inline-flex items-center rounded-full bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-800 ring-1 ring-red-200 ring-inset">
      {t('overdue')}
    </span>
  );
}

/** When an action is due, relative to the server's today ("due in 3 days", "2 days late"), with the exact date on hover. */
export function DueDate({ action, today }: { action: Pick<ActionRow, 'dueDate' | 'status' | 'overdue'>; today: string }) {
  const t = useTranslations('actions');
  const format = useFormatter();
  if (!action.dueDate) return <span className="text-slate-500">{t('noDueDate')}</span>;
  const exact = format.dateTime(calendarDate(action.dueDate), { dateStyle: 'medium' });
  const days = daysBetween(today, action.dueDate);
  const active = action.status === 'open' || action.status === 'doing';
  let text: string;
  if (!active) text = t('dueOn', { date: exact });
  else if (action.overdue) text = t('daysLate', { days: -days });
  else if (days === 0) text = t('dueToday');
  else text = t('dueIn', { days });
  return (
    <span className={cn('inline-flex items-center gap-1.5', action.overdue ? 'font-medium text-red-800' : undefined)}>
      {action.overdue ? <OverdueBadge /> : null}
      <time dateTime={action.dueDate} title={exact}>
        {text}
      </time>
    </span>
  );
}
