'use client';

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Lightbulb, ListChecks, Pencil, Plus, UserRound } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { LevelBadge } from '@/components/levels/level-badge';
import { LoadError } from '@/components/load-error';
import { useMethodText } from '@/components/playbook/localized';
import { useOrg } from '@/components/shell/org-context';
import { useTRPC } from '@/components/trpc';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { cn } from '@/lib/cn';
import { STATUS_ORDER, type ActionStatus } from '@/server/domain/actions';
import { ActionDialog, type ActionPrefill } from './action-dialog';
import { StatusControl, type ActionRow } from './action-parts';
import { DueDate } from './due-date';

type DialogState = { kind: 'closed' } | { kind: 'new'; prefill?: ActionPrefill } | { kind: 'edit'; actionId: string };

/**
 * The account's action plan: what the playbook suggests for the next level up, and the actions
 * the team has planned, by status, with overdue ones standing out.
 */
export function ActionsPanel({ accountId }: { accountId: string }) {
  const t = useTranslations('actions');
  const tAll = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const canEdit = org.can('member');
  const [dialog, setDialog] = useState<DialogState>({ kind: 'closed' });

  const list = useInfiniteQuery(
    trpc.action.list.infiniteQueryOptions({ orgSlug: org.slug, accountId }, { getNextPageParam: (page) => page.nextCursor }),
  );
  const actions = list.data?.pages.flatMap((page) => page.actions) ?? [];
  const today = list.data?.pages[0]?.today ?? '';
  const overdueCount = actions.filter((a) => a.overdue).length;
  const editing = dialog.kind === 'edit' ? actions.find((a) => a.id === dialog.actionId) : undefined;
  // A new action aims one level above the effective level, as the suggestions do (same query, no extra request).
  const suggested = useQuery(trpc.playbook.suggestions.queryOptions({ orgSlug: org.slug, accountId }));
  const nextLevel = suggested.data?.transition?.toLevel;

  return (
    <Card>
      <CardHeader
        title={t('title')}
        description={
          overdueCount > 0 ? (
            <span className="font-medium text-red-800">{t('overdueSummary', { count: overdueCount })}</span>
          ) : (
            t('subtitle')
          )
        }
        action={
          canEdit ? (
            <Button
              variant="secondary"
              size="sm"
              onClick={() =>
                setDialog({ kind: 'new', prefill: nextLevel ? { title: '', methodId: null, targetLevel: nextLevel } : undefined })
              }
            >
              <Plus className="size-4" aria-hidden />
              {t('add')}
            </Button>
          ) : null
        }
      />

      {list.isPending ? (
        <div className="space-y-3 px-4 py-5 sm:px-6">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-12 w-full" />
          ))}
        </div>
      ) : list.isError ? (
        <div className="px-4 py-5 sm:px-6">
          <LoadError error={list.error} onRetry={() => list.refetch()} />
        </div>
      ) : actions.length === 0 ? (
        <div className="flex flex-col items-center gap-2 px-4 py-8 text-center sm:px-6">
          <ListChecks className="size-6 text-slate-400" aria-hidden />
          <p className="text-sm font-medium text-slate-900">{t('emptyTitle')}</p>
          <p className="max-w-prose text-sm text-slate-600">{canEdit ? t('emptyBody') : t('emptyBodyViewer')}</p>
        </div>
      ) : (
        <div className="divide-y divide-slate-200 border-t border-slate-200">
          {STATUS_ORDER.map((status) => {
            const group = actions.filter((a) => a.status === status);
            if (group.length === 0) return null;
            return (
              <StatusGroup
                key={status}
                status={status}
                actions={group}
                today={today}
                canEdit={canEdit}
                onEdit={(actionId) => setDialog({ kind: 'edit', actionId })}
              />
            );
          })}
          {list.hasNextPage ? (
            <div className="px-4 py-3 sm:px-6">
              <Button variant="secondary" size="sm" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                {list.isFetchingNextPage ? tAll('common.loading') : t('showMore')}
              </Button>
            </div>
          ) : null}
        </div>
      )}

      <ActionDialog
        accountId={accountId}
        open={dialog.kind !== 'closed' && (dialog.kind === 'new' || Boolean(editing))}
        onOpenChange={(open) => !open && setDialog({ kind: 'closed' })}
        prefill={dialog.kind === 'new' ? dialog.prefill : undefined}
        action={editing}
      />
    </Card>
  );
}

/** Work in progress is always shown; finished work folds away so the plan stays readable. */
function StatusGroup({
  status,
  actions,
  today,
  canEdit,
  onEdit,
}: {
  status: ActionStatus;
  actions: ActionRow[];
  today: string;
  canEdit: boolean;
  onEdit: (actionId: string) => void;
}) {
  const t = useTranslations('actions');
  const rows = (
    <ul className="divide-y divide-slate-100">
      {actions.map((action) => (
        <ActionItem key={action.id} action={action} today={today} canEdit={canEdit} onEdit={() => onEdit(action.id)} />
      ))}
    </ul>
  );
  const heading = t('groupHeading', { status: t(`status.${status}`), count: actions.length });
  if (status === 'done' || status === 'dropped') {
    return (
      <details className="group">
        <summary className="cursor-pointer px-4 py-2.5 text-sm font-medium text-slate-700 hover:bg-slate-50 sm:px-6">{heading}</summary>
        {rows}
      </details>
    );
  }
  return (
    <section aria-label={heading}>
      <h3 className="bg-slate-50 px-4 py-2 text-xs font-semibold tracking-wide text-slate-600 uppercase sm:px-6">{heading}</h3>
      {rows}
    </section>
  );
}

function ActionItem({ action, today, canEdit, onEdit }: { action: ActionRow; today: string; canEdit: boolean; onEdit: () => void }) {
  const t = useTranslations('actions');
  const methodText = useMethodText();
  const finished = action.status === 'done' || action.status === 'dropped';
  return (
    <li
      className={cn(
        'flex flex-col gap-2 border-l-4 px-4 py-3 sm:flex-row sm:items-center sm:gap-4 sm:px-6',
        action.overdue ? 'border-red-500 bg-red-50/40' : 'border-transparent',
      )}
    >
      <div className="min-w-0 flex-1">
        <p className={cn('font-medium break-words text-slate-900', action.status === 'dropped' && 'text-slate-500 line-through')}>
          {action.title}
        </p>
        <p className="mt-1 flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-600">
          <span className="inline-flex items-center gap-1">
            {t('towards')} <LevelBadge level={action.targetLevel} compact />
          </span>
          <span className="inline-flex items-center gap-1">
            <UserRound className="size-3.5" aria-hidden />
            <span className="sr-only">{t('ownerLabel')}:</span>
            {action.ownerName ?? t('noOwner')}
          </span>
          {!finished || action.dueDate ? <DueDate action={action} today={today} /> : null}
          {action.methodId ? (
            <span className="inline-flex items-center gap-1">
              <Lightbulb className="size-3.5" aria-hidden />
              <span className="sr-only">{t('methodLabel')}:</span>
              {methodText.name({ nameEn: action.methodNameEn, nameSv: action.methodNameSv })}
              {action.methodRetired ? <span className="text-slate-500"> ({t('retired')})</span> : null}
            </span>
          ) : null}
        </p>
      </div>
      <div className="flex items-center gap-2">
        <StatusControl action={action} />
        {canEdit ? (
          <Button variant="ghost" size="sm" onClick={onEdit} aria-label={t('editNamed', { title: action.title })} className="px-2">
            <Pencil className="size-4" aria-hidden />
          </Button>
        ) : null}
      </div>
    </li>
  );
}
