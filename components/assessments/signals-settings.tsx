'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { Archive, ArrowDown, ArrowUp, Pencil, Plus, RotateCcw } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { LevelBadge } from '@/components/levels/level-badge';
import { LEVELS, type Level } from '@/components/levels/levels';
import { LoadError } from '@/components/load-error';
import { useOptimisticCache } from '@/components/optimistic-cache';
import { useOrg } from '@/components/shell/org-context';
import { fieldErrorsOf, useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Skeleton } from '@/components/ui/skeleton';
import { activeInOrder, inOrder, moveItem, positionAfter, restore as restoreRow, retire as retireRow } from '@/lib/reorder';
import { SIGNAL_LABEL_MAX } from '@/server/domain/consensus';
import type { Signal } from './shared';

/**
 * Settings → Evidence checklist. Everyone reads the observable signals per level that voters
 * tick; admins add, rename, reorder, retire and restore them. Every change shows at once and
 * is rolled back with a message if the server refuses.
 */
export function SignalsSettings() {
  const t = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const listKey = trpc.signal.list.queryKey({ orgSlug: org.slug, includeRetired: true });
  const signals = useQuery(trpc.signal.list.queryOptions({ orgSlug: org.slug, includeRetired: true }));
  const canEdit = org.can('admin');

  const { optimistic, onError, onSettled } = useOptimisticCache<Signal[], Signal>({
    queryKey: listKey,
    rowsOf: (rows, change) => change(rows),
    refetch: trpc.signal.list.pathKey(),
  });

  const reorder = useMutation(
    trpc.signal.reorder.mutationOptions({
      onMutate: ({ signalIds }) => optimistic((rows) => inOrder(rows, signalIds)),
      onError,
      onSettled,
    }),
  );
  const retire = useMutation(
    trpc.signal.retire.mutationOptions({
      onMutate: ({ signalId }) => optimistic((rows) => retireRow(rows, signalId)),
      onError,
      onSuccess: () => toast.success(t('signals.retired')),
      onSettled,
    }),
  );
  const restore = useMutation(
    trpc.signal.restore.mutationOptions({
      onMutate: ({ signalId }) => optimistic((rows) => restoreRow(rows, signalId)),
      onError,
      onSuccess: () => toast.success(t('signals.restored')),
      onSettled,
    }),
  );

  const move = (level: number, active: Signal[], index: number, by: -1 | 1) => {
    const ids = moveItem(
      active.map((s) => s.id),
      index,
      by,
    );
    if (ids) reorder.mutate({ orgSlug: org.slug, level, signalIds: ids });
  };

  return (
    <Card>
      <CardHeader title={t('signals.title')} description={t('signals.subtitle')} />
      <div className="space-y-8 px-4 py-5 sm:px-6">
        {!canEdit ? <Alert tone="info">{t('signals.viewerNotice')}</Alert> : null}
        {signals.isPending ? (
          <div className="space-y-3" aria-busy="true" aria-label={t('common.loading')}>
            {[0, 1, 2, 3].map((i) => (
              <Skeleton key={i} className="h-10 w-full" />
            ))}
          </div>
        ) : signals.data === undefined ? (
          <LoadError error={signals.error} onRetry={() => signals.refetch()} />
        ) : (
          LEVELS.map((level) => {
            const ofLevel = signals.data.filter((s) => s.level === level);
            const active = activeInOrder(ofLevel);
            const retired = ofLevel.filter((s) => s.retiredAt);
            return (
              <section key={level} aria-labelledby={`signals-level-${level}`} className="space-y-3">
                <h3 id={`signals-level-${level}`} className="flex flex-wrap items-center gap-2">
                  <LevelBadge level={level} />
                  <span className="text-sm text-slate-600">{t(`hierarchy.levels.${level}.summary`)}</span>
                </h3>
                {active.length === 0 ? (
                  <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600">{t('signals.emptyLevel')}</p>
                ) : (
                  <ol className="divide-y divide-slate-200 rounded-lg ring-1 ring-slate-200">
                    {active.map((signal, index) => (
                      <SignalRow
                        key={signal.id}
                        signal={signal}
                        canEdit={canEdit}
                        first={index === 0}
                        last={index === active.length - 1}
                        busy={reorder.isPending}
                        onMove={(by) => move(level, active, index, by)}
                        onRetire={() => retire.mutate({ orgSlug: org.slug, signalId: signal.id })}
                        optimistic={optimistic}
                        onError={onError}
                        onSettled={onSettled}
                      />
                    ))}
                  </ol>
                )}
                {canEdit ? <AddSignal level={level} optimistic={optimistic} onError={onError} onSettled={onSettled} /> : null}
                {retired.length > 0 ? (
                  <details className="rounded-md">
                    <summary className="cursor-pointer text-sm text-slate-600 hover:text-slate-900">
                      {t('signals.retiredCount', { count: retired.length })}
                    </summary>
                    <ul className="mt-2 space-y-1.5">
                      {retired.map((signal) => (
                        <li
                          key={signal.id}
                          className="flex items-center justify-between gap-3 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600"
                        >
                          <SignalLabels signal={signal} />
                          {canEdit ? (
                            <Button
                              variant="ghost"
                              size="sm"
                              onClick={() => restore.mutate({ orgSlug: org.slug, signalId: signal.id })}
                              aria-label={t('signals.restoreNamed', { label: signal.labelEn })}
                            >
                              <RotateCcw className="size-4" aria-hidden />
                              {t('signals.restore')}
                            </Button>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  </details>
                ) : null}
              </section>
            );
          })
        )}
      </div>
    </Card>
  );
}

type Optimistic = (change: (rows: Signal[]) => Signal[]) => Promise<{ previous: Signal[] | undefined }>;
type OnError = (error: unknown, input: unknown, context: { previous: Signal[] | undefined } | undefined) => void;

/** The label in the reader's language first, the other language under it (both are shown to voters). */
function SignalLabels({ signal }: { signal: Signal }) {
  const locale = useLocale();
  const [primary, secondary] = locale === 'sv' ? [signal.labelSv, signal.labelEn] : [signal.labelEn, signal.labelSv];
  return (
    <span className="min-w-0">
      <span className="block text-sm text-slate-900">{primary}</span>
      <span className="block text-xs text-slate-500" lang={locale === 'sv' ? 'en' : 'sv'}>
        {secondary}
      </span>
    </span>
  );
}

function SignalRow({
  signal,
  canEdit,
  first,
  last,
  busy,
  onMove,
  onRetire,
  optimistic,
  onError,
  onSettled,
}: {
  signal: Signal;
  canEdit: boolean;
  first: boolean;
  last: boolean;
  busy: boolean;
  onMove: (by: -1 | 1) => void;
  onRetire: () => void;
  optimistic: Optimistic;
  onError: OnError;
  onSettled: () => Promise<void>;
}) {
  const t = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const [editing, setEditing] = useState(false);
  const [labelEn, setLabelEn] = useState(signal.labelEn);
  const [labelSv, setLabelSv] = useState(signal.labelSv);
  const update = useMutation(
    trpc.signal.update.mutationOptions({
      onMutate: (input) =>
        optimistic((rows) =>
          rows.map((s) => (s.id === input.signalId ? { ...s, labelEn: input.labelEn.trim(), labelSv: input.labelSv.trim() } : s)),
        ),
      onError,
      onSuccess: () => {
        setEditing(false);
        toast.success(t('signals.saved'));
      },
      onSettled,
    }),
  );

  if (editing) {
    const errors = fieldErrorsOf(update.error);
    const submit = (event: FormEvent) => {
      event.preventDefault();
      update.mutate({ orgSlug: org.slug, signalId: signal.id, labelEn, labelSv });
    };
    return (
      <li className="px-3 py-3">
        <form onSubmit={submit} className="space-y-3">
          <div className="grid gap-3 sm:grid-cols-2">
            <Field
              label={t('signals.labelEn')}
              value={labelEn}
              onChange={(e) => setLabelEn(e.target.value)}
              maxLength={SIGNAL_LABEL_MAX}
              required
              error={errors.labelEn}
              lang="en"
            />
            <Field
              label={t('signals.labelSv')}
              value={labelSv}
              onChange={(e) => setLabelSv(e.target.value)}
              maxLength={SIGNAL_LABEL_MAX}
              required
              error={errors.labelSv}
              lang="sv"
            />
          </div>
          <div className="flex justify-end gap-2">
            <Button
              variant="secondary"
              size="sm"
              onClick={() => {
                setEditing(false);
                setLabelEn(signal.labelEn);
                setLabelSv(signal.labelSv);
                update.reset();
              }}
            >
              {t('common.cancel')}
            </Button>
            <Button type="submit" size="sm" disabled={update.isPending}>
              {update.isPending ? t('common.saving') : t('common.save')}
            </Button>
          </div>
        </form>
      </li>
    );
  }

  return (
    <li className="flex flex-col gap-2 px-3 py-2.5 sm:flex-row sm:items-center sm:justify-between">
      <SignalLabels signal={signal} />
      {canEdit ? (
        <div className="flex shrink-0 items-center gap-1">
          <Button
            variant="ghost"
            size="sm"
            className="px-2 disabled:opacity-30"
            onClick={() => onMove(-1)}
            disabled={first || busy}
            aria-label={t('signals.moveUp', { label: signal.labelEn })}
          >
            <ArrowUp className="size-4" aria-hidden />
          </Button>
          <Button
            variant="ghost"
            size="sm"
            className="px-2 disabled:opacity-30"
            onClick={() => onMove(1)}
            disabled={last || busy}
            aria-label={t('signals.moveDown', { label: signal.labelEn })}
          >
            <ArrowDown className="size-4" aria-hidden />
          </Button>
          <Button
            variant="ghost"
            size="sm"
            className="px-2"
            onClick={() => {
              setLabelEn(signal.labelEn);
              setLabelSv(signal.labelSv);
              setEditing(true);
            }}
            aria-label={t('signals.editNamed', { label: signal.labelEn })}
          >
            <Pencil className="size-4" aria-hidden />
          </Button>
          <Button
            variant="ghost"
            size="sm"
            className="px-2"
            onClick={onRetire}
            aria-label={t('signals.retireNamed', { label: signal.labelEn })}
          >
            <Archive className="size-4" aria-hidden />
          </Button>
        </div>
      ) : null}
    </li>
  );
}

function AddSignal({
  level,
  optimistic,
  onError,
  onSettled,
}: {
  level: Level;
  optimistic: Optimistic;
  onError: OnError;
  onSettled: () => Promise<void>;
}) {
  const t = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [labelEn, setLabelEn] = useState('');
  const [labelSv, setLabelSv] = useState('');
  const create = useMutation(
    trpc.signal.create.mutationOptions({
      onMutate: (input) =>
        optimistic((rows) => [
          ...rows,
          {
            id: `pending-${Date.now()}`,
            level: input.level,
            labelEn: input.labelEn.trim(),
            labelSv: input.labelSv.trim(),
            position: positionAfter(rows),
            retiredAt: null,
          },
        ]),
      onError,
      onSuccess: () => {
        setLabelEn('');
        setLabelSv('');
        setOpen(false);
        toast.success(t('signals.added'));
      },
      onSettled,
    }),
  );

  if (!open) {
    return (
      <Button variant="ghost" size="sm" onClick={() => setOpen(true)}>
        <Plus className="size-4" aria-hidden />
        {t('signals.addToLevel', { level })}
      </Button>
    );
  }
  const errors = fieldErrorsOf(create.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ orgSlug: org.slug, level, labelEn, labelSv });
  };
  return (
    <form
      onSubmit={submit}
      className="space-y-3 rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200"
      aria-label={t('signals.addToLevel', { level })}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          label={t('signals.labelEn')}
          value={labelEn}
          onChange={(e) => setLabelEn(e.target.value)}
          maxLength={SIGNAL_LABEL_MAX}
          required
          error={errors.labelEn}
          lang="en"
          placeholder={t('signals.placeholderEn')}
        />
        <Field
          label={t('signals.labelSv')}
          value={labelSv}
          onChange={(e) => setLabelSv(e.target.value)}
          maxLength={SIGNAL_LABEL_MAX}
          required
          error={errors.labelSv}
          lang="sv"
          placeholder={t('signals.placeholderSv')}
        />
      </div>
      <p className="text-xs text-slate-600">{t('signals.observableHint')}</p>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" size="sm" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" size="sm" disabled={create.isPending || !labelEn.trim() || !labelSv.trim()}>
          {t('signals.add')}
        </Button>
      </div>
    </form>
  );
}
