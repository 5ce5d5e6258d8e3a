'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { useOrg } from '@/components/shell/org-context';
import { errorMessageOf, useTRPC, type RouterOutputs } from '@/components/trpc';
import { Select } from '@/components/ui/select';
import { cn } from '@/lib/cn';
import { ACTION_STATUSES, daysBetween, isOverdue, type ActionStatus } from '@/server/domain/actions';

type Outputs = RouterOutputs;
export type ActionRow = Outputs['action']['list']['actions'][number];

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

const statusTone: Record<ActionStatus, string> = {
  open: 'bg-slate-100 text-slate-800 ring-slate-300',
  doing: 'bg-sky-50 text-sky-900 ring-sky-200',
  done: 'bg-emerald-50 text-emerald-900 ring-emerald-200',
  dropped: 'bg-slate-50 text-slate-600 ring-slate-200',
};

function StatusBadge({ status }: { status: ActionStatus }) {
  const t = useTranslations('actions');
  return (
    <span className={cn('inline-flex rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset', statusTone[status])}>
      {t(`status.${status}`)}
    </span>
  );
}

/** Replaces or patches one action wherever it sits in a cached page list ({ pages: [{ today, actions }] }). */
function patchCachedAction(data: unknown, actionId: string, patch: (action: ActionRow, today: string) => ActionRow): unknown {
  const pages = (data as { pages?: Array<{ today: string; actions: ActionRow[] }> } | undefined)?.pages;
  if (!Array.isArray(pages)) return data;
  return {
    ...(data as object),
    pages: pages.map((page) => ({ ...page, actions: page.actions.map((a) => (a.id === actionId ? patch(a, page.today) : a)) })),
  };
}

/**
 * The one-click status change, optimistic: every cached list showing the action (the account's
 * actions, "My actions") changes at once, and goes back with a message if the server refuses.
 */
function useSetActionStatus() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const t = useTranslations();
  const filter = { queryKey: trpc.action.pathKey() };
  return useMutation(
    trpc.action.setStatus.mutationOptions({
      onMutate: async ({ actionId, status }) => {
        await queryClient.cancelQueries(filter);
        const snapshot = queryClient.getQueriesData(filter);
        queryClient.setQueriesData(filter, (data: unknown) =>
          patchCachedAction(data, actionId, (action, today) => {
            const next = { ...action, status, completedAt: status === 'done' ? (action.completedAt ?? new Date()) : null };
            return { ...next, overdue: isOverdue(next, today) };
          }),
        );
        return { snapshot };
      },
      onError: (error, _input, context) => {
        for (const [key, data] of context?.snapshot ?? []) queryClient.setQueryData(key, data);
        toast.error(errorMessageOf(error, t('errors.network')));
      },
      onSuccess: (row) => {
        queryClient.setQueriesData(filter, (data: unknown) => patchCachedAction(data, row.id, () => row));
      },
      onSettled: () => {
        // Order and counts depend on the status; the suggestions count planned methods; the feed gains a line.
        void queryClient.invalidateQueries(filter);
        void queryClient.invalidateQueries({ queryKey: trpc.playbook.suggestions.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.activity.feed.pathKey() });
      },
    }),
  );
}

/** The status as a select for members (changes at once), as a badge for viewers. */
export function StatusControl({ action, className }: { action: Pick<ActionRow, 'id' | 'title' | 'status'>; className?: string }) {
  const t = useTranslations('actions');
  const org = useOrg();
  const setStatus = useSetActionStatus();
  if (!org.can('member')) return <StatusBadge status={action.status} />;
  return (
    <Select
      value={action.status}
      onValueChange={(value) => setStatus.mutate({ orgSlug: org.slug, actionId: action.id, status: value as ActionStatus })}
      options={ACTION_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }))}
      label={t('statusOf', { title: action.title })}
      className={cn('w-32', className)}
    />
  );
}
