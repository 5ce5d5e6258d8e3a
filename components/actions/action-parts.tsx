'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { useOrg } from '@/components/shell/org-context';
import { errorMessageOf, useTRPC, type RouterOutputs } from '@/components/trpc';
import { Select } from '@/components/ui/select';
import { cn } from '@/lib/cn';
import { ACTION_STATUSES, isOverdue, type ActionStatus } from '@/server/domain/actions';

type Outputs = RouterOutputs;
export type ActionRow = Outputs['action']['list']['actions'][number];

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
