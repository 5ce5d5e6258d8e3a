'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { Archive, ArrowDown, ArrowUp, Pencil, Plus, RotateCcw } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { toast } from 'sonner';
import { LevelBadge } from '@/components/levels/level-badge';
import { LoadError } from '@/components/load-error';
import { useOptimisticCache } from '@/components/optimistic-cache';
import { useOrg } from '@/components/shell/org-context';
import { useTRPC, type RouterOutputs } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { activeInOrder, inOrder, moveItem, restore as restoreRow, retire as retireRow } from '@/lib/reorder';
import { pickLanguage } from './localized';
import { MethodDialog } from './method-dialog';

type Playbook = RouterOutputs['playbook']['list'];
export type Method = Playbook['transitions'][number]['methods'][number];

type DialogState = { kind: 'closed' } | { kind: 'new'; fromLevel: number } | { kind: 'edit'; methodId: string };

/**
 * Settings → Playbook. Everyone reads the methods per step up the hierarchy; admins add, edit
 * (both languages), reorder, retire and restore them. Reorder, retire and restore show at once
 * and roll back with a message if the server refuses.
 */
export function PlaybookSettings() {
  const t = useTranslations('playbook');
  const tAll = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const canEdit = org.can('admin');
  const input = { orgSlug: org.slug, includeRetired: true };
  const listKey = trpc.playbook.list.queryKey(input);
  const playbook = useQuery(trpc.playbook.list.queryOptions(input));
  const [dialog, setDialog] = useState<DialogState>({ kind: 'closed' });

  const { optimistic, onError, onSettled } = useOptimisticCache<Playbook, Method>({
    queryKey: listKey,
    rowsOf: (data, change) => ({ transitions: data.transitions.map((tr) => ({ ...tr, methods: change(tr.methods) })) }),
    refetch: trpc.playbook.pathKey(),
  });

  const reorder = useMutation(
    trpc.playbook.reorder.mutationOptions({
      onMutate: ({ methodIds }) => optimistic((methods) => inOrder(methods, methodIds)),
      onError,
      onSettled,
    }),
  );
  const retire = useMutation(
    trpc.playbook.retire.mutationOptions({
      onMutate: ({ methodId }) => optimistic((methods) => retireRow(methods, methodId)),
      onError,
      onSuccess: () => toast.success(t('retiredToast')),
      onSettled,
    }),
  );
  const restore = useMutation(
    trpc.playbook.restore.mutationOptions({
      onMutate: ({ methodId }) => optimistic((methods) => restoreRow(methods, methodId)),
      onError,
      onSuccess: () => toast.success(t('restoredToast')),
      onSettled,
    }),
  );

  const move = (fromLevel: number, active: Method[], index: number, by: -1 | 1) => {
    const ids = moveItem(
      active.map((m) => m.id),
      index,
      by,
    );
    if (ids) reorder.mutate({ orgSlug: org.slug, fromLevel, methodIds: ids });
  };

  const allMethods = playbook.data?.transitions.flatMap((tr) => tr.methods) ?? [];
  const editing = dialog.kind === 'edit' ? allMethods.find((m) => m.id === dialog.methodId) : undefined;

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader title={t('title')} description={t('subtitle')} />
        {!canEdit ? (
          <div className="px-4 py-4 sm:px-6">
            <Alert tone="info">{t('viewerNotice')}</Alert>
          </div>
        ) : null}
      </Card>

      {playbook.isPending ? (
        <div className="space-y-3" aria-busy="true" aria-label={tAll('common.loading')}>
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-32 w-full" />
          ))}
        </div>
      ) : playbook.data === undefined ? (
        <LoadError error={playbook.error} onRetry={() => playbook.refetch()} />
      ) : (
        playbook.data.transitions.map((transition) => {
          const active = activeInOrder(transition.methods);
          const retired = transition.methods.filter((m) => m.retiredAt);
          const headingId = `transition-${transition.fromLevel}`;
          return (
            <Card key={transition.fromLevel}>
              <section aria-labelledby={headingId}>
                <div className="flex flex-col gap-3 border-b border-slate-200 px-4 py-4 sm:flex-row sm:items-center sm:justify-between sm:px-6">
                  <div>
                    <h2 id={headingId} className="flex flex-wrap items-center gap-2 text-base font-semibold text-slate-900">
                      <LevelBadge level={transition.fromLevel} />
                      <span aria-hidden>→</span>
                      <span className="sr-only">{t('to')}</span>
                      <LevelBadge level={transition.toLevel} />
                    </h2>
                    <p className="mt-1 text-sm text-slate-600">{t(`goal.${transition.fromLevel}`)}</p>
                  </div>
                  {canEdit ? (
                    <Button variant="secondary" size="sm" onClick={() => setDialog({ kind: 'new', fromLevel: transition.fromLevel })}>
                      <Plus className="size-4" aria-hidden />
                      {t('add')}
                    </Button>
                  ) : null}
                </div>
                {active.length === 0 ? (
                  <p className="px-4 py-4 text-sm text-slate-600 sm:px-6">{t('emptyTransition')}</p>
                ) : (
                  <ol className="divide-y divide-slate-200">
                    {active.map((method, index) => (
                      <MethodRow
                        key={method.id}
                        method={method}
                        canEdit={canEdit}
                        first={index === 0}
                        last={index === active.length - 1}
                        busy={reorder.isPending}
                        onMove={(by) => move(transition.fromLevel, active, index, by)}
                        onEdit={() => setDialog({ kind: 'edit', methodId: method.id })}
                        onRetire={() => retire.mutate({ orgSlug: org.slug, methodId: method.id })}
                      />
                    ))}
                  </ol>
                )}
                {retired.length > 0 ? (
                  <details className="border-t border-slate-200">
                    <summary className="cursor-pointer px-4 py-2.5 text-sm text-slate-600 hover:text-slate-900 sm:px-6">
                      {t('retiredCount', { count: retired.length })}
                    </summary>
                    <ul className="divide-y divide-slate-100 bg-slate-50">
                      {retired.map((method) => (
                        <li
                          key={method.id}
                          className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:justify-between sm:px-6"
                        >
                          <MethodTexts method={method} muted />
                          {canEdit ? (
                            <Button
                              variant="ghost"
                              size="sm"
                              onClick={() => restore.mutate({ orgSlug: org.slug, methodId: method.id })}
                              aria-label={t('restoreNamed', { name: method.nameEn || method.nameSv })}
                            >
                              <RotateCcw className="size-4" aria-hidden />
                              {t('restore')}
                            </Button>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  </details>
                ) : null}
              </section>
            </Card>
          );
        })
      )}

      {canEdit ? (
        <MethodDialog
          open={dialog.kind === 'new' || (dialog.kind === 'edit' && Boolean(editing))}
          onOpenChange={(open) => !open && setDialog({ kind: 'closed' })}
          fromLevel={dialog.kind === 'new' ? dialog.fromLevel : (editing?.fromLevel ?? 1)}
          method={editing}
        />
      ) : null}
    </div>
  );
}

/** Name and description in the reader's language (the other language when that one is empty), with usage. */
function MethodTexts({ method, muted = false }: { method: Method; muted?: boolean }) {
  const t = useTranslations('playbook');
  const locale = useLocale();
  const name = pickLanguage(locale, method.nameEn, method.nameSv);
  const description = pickLanguage(locale, method.descriptionEn, method.descriptionSv);
  const missing =
    locale === 'sv' ? !method.nameSv.trim() || !method.descriptionSv.trim() : !method.nameEn.trim() || !method.descriptionEn.trim();
  return (
    <div className="min-w-0">
      <p className={muted ? 'text-sm font-medium text-slate-600' : 'text-sm font-medium text-slate-900'}>{name}</p>
      {description ? <p className="mt-0.5 text-sm text-slate-600">{description}</p> : null}
      <p className="mt-1 flex flex-wrap gap-x-3 text-xs text-slate-500">
        {method.actionCount > 0 ? <span>{t('usedBy', { count: method.actionCount })}</span> : null}
        {missing ? <span className="text-amber-800">{t('missingTranslation')}</span> : null}
      </p>
    </div>
  );
}

function MethodRow({
  method,
  canEdit,
  first,
  last,
  busy,
  onMove,
  onEdit,
  onRetire,
}: {
  method: Method;
  canEdit: boolean;
  first: boolean;
  last: boolean;
  busy: boolean;
  onMove: (by: -1 | 1) => void;
  onEdit: () => void;
  onRetire: () => void;
}) {
  const t = useTranslations('playbook');
  const locale = useLocale();
  const name = pickLanguage(locale, method.nameEn, method.nameSv);
  return (
    <li className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-start sm:justify-between sm:px-6">
      <MethodTexts method={method} />
      {canEdit ? (
        <div className="flex shrink-0 items-center gap-1">
          <Button
            variant="ghost"
            size="sm"
            className="px-2 disabled:opacity-30"
            onClick={() => onMove(-1)}
            disabled={first || busy}
            aria-label={t('moveUp', { name })}
          >
            <ArrowUp className="size-4" aria-hidden />
          </Button>
          <Button
            variant="ghost"
            size="sm"
            className="px-2 disabled:opacity-30"
            onClick={() => onMove(1)}
            disabled={last || busy}
            aria-label={t('moveDown', { name })}
          >
            <ArrowDown className="size-4" aria-hidden />
          </Button>
          <Button variant="ghost" size="sm" className="px-2" onClick={onEdit} aria-label={t('editNamed', { name })}>
            <Pencil className="size-4" aria-hidden />
          </Button>
          <Button variant="ghost" size="sm" className="px-2" onClick={onRetire} aria-label={t('retireNamed', { name })}>
            <Archive className="size-4" aria-hidden />
          </Button>
        </div>
      ) : null}
    </li>
  );
}
