'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { LEVELS } from '@/components/levels/levels';
import { useMethodText } from '@/components/playbook/localized';
import { useOrg } from '@/components/shell/org-context';
import { errorMessageOf, fieldErrorsOf, isTRPCClientError, useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import { ACTION_STATUSES, ACTION_TITLE_MAX, type ActionStatus } from '@/server/domain/actions';
import type { ActionRow } from './action-parts';
import { useMethodActionTitle } from './method-action-title';

const NO_METHOD = 'none';

export interface ActionPrefill {
  title: string;
  methodId: string | null;
  targetLevel: number;
}

interface Draft {
  title: string;
  methodId: string;
  targetLevel: string;
  ownerUserId: string;
  dueDate: string;
  status: ActionStatus;
}

/**
 * Plans a new action (free-form or prefilled from a playbook method) or edits one. The form
 * keeps everything typed when the server refuses; after a "changed meanwhile" conflict the next
 * save goes onto the teammate's version, so saving again is all it takes.
 */
export function ActionDialog({
  accountId,
  open,
  onOpenChange,
  prefill,
  action,
}: {
  accountId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** For a new action. */
  prefill?: ActionPrefill;
  /** For editing: the action as the page currently shows it (its version moves on after a refetch). */
  action?: ActionRow;
}) {
  const t = useTranslations('actions');
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={action ? t('editTitle') : t('newTitle')}
      description={action ? undefined : t('newDescription')}
    >
      {open ? <ActionForm accountId={accountId} prefill={prefill} action={action} onDone={() => onOpenChange(false)} /> : null}
    </Dialog>
  );
}

function ActionForm({
  accountId,
  prefill,
  action,
  onDone,
}: {
  accountId: string;
  prefill?: ActionPrefill;
  action?: ActionRow;
  onDone: () => void;
}) {
  const t = useTranslations('actions');
  const tAll = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const methodText = useMethodText();
  const titleFor = useMethodActionTitle(accountId);
  const id = useId();

  const me = useQuery(trpc.me.get.queryOptions());
  const members = useQuery(trpc.member.list.queryOptions({ orgSlug: org.slug }));
  const playbook = useQuery(trpc.playbook.list.queryOptions({ orgSlug: org.slug, includeRetired: true }));

  const [draft, setDraft] = useState<Draft>(() => ({
    title: action?.title ?? prefill?.title ?? '',
    methodId: action?.methodId ?? prefill?.methodId ?? NO_METHOD,
    targetLevel: String(action?.targetLevel ?? prefill?.targetLevel ?? 2),
    ownerUserId: action?.ownerUserId ?? '',
    dueDate: action?.dueDate ?? '',
    status: action?.status ?? 'open',
  }));
  // The version this form saves onto: the one it opened with, or the latest after a conflict.
  const [baseVersion, setBaseVersion] = useState(action?.version ?? 1);
  const [rebase, setRebase] = useState(false);
  const [titleTouched, setTitleTouched] = useState(false);

  const ownerUserId = draft.ownerUserId || me.data?.user.id || '';
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const invalidate = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.action.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.playbook.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.activity.feed.pathKey() });
  };
  const create = useMutation(
    trpc.action.create.mutationOptions({
      onSuccess: () => {
        toast.success(t('created'));
        invalidate();
        onDone();
      },
    }),
  );
  const update = useMutation(
    trpc.action.update.mutationOptions({
      onSuccess: () => {
        toast.success(t('saved'));
        invalidate();
        onDone();
      },
      onError: (error) => {
        if (isTRPCClientError(error) && error.data?.code === 'CONFLICT') {
          setRebase(true);
          invalidate();
        }
      },
    }),
  );
  const mutation = action ? update : create;
  const fieldErrors = fieldErrorsOf(mutation.error);
  const formError = mutation.error && Object.keys(fieldErrors).length === 0 ? errorMessageOf(mutation.error, tAll('errors.network')) : null;

  const trimmedTitle = draft.title.trim();
  const titleError =
    fieldErrors.title ??
    (titleTouched && trimmedTitle === '' ? t('titleRequired') : null) ??
    (trimmedTitle.length > ACTION_TITLE_MAX ? t('titleTooLong', { max: ACTION_TITLE_MAX }) : null);

  // Methods to pick from: the active ones by transition, plus the action's own if it was retired since.
  const methodOptions = [
    { value: NO_METHOD, label: t('noMethod') },
    ...(playbook.data?.transitions ?? []).flatMap((transition) =>
      transition.methods
        .filter((m) => !m.retiredAt || m.id === action?.methodId)
        .map((m) => ({
          value: m.id,
          label: `${transition.fromLevel} → ${transition.toLevel} · ${methodText.name(m)}${m.retiredAt ? ` (${t('retired')})` : ''}`,
        })),
    ),
  ];
  if (draft.methodId !== NO_METHOD && !methodOptions.some((o) => o.value === draft.methodId)) {
    methodOptions.push({
      value: draft.methodId,
      label: action ? methodText.name({ nameEn: action.methodNameEn, nameSv: action.methodNameSv }) : t('loadingMethods'),
    });
  }

  const eligible = (members.data ?? []).filter((m) => m.role !== 'viewer');
  const ownerOptions = eligible.map((m) => ({
    value: m.userId,
    label: m.userId === me.data?.user.id ? t('ownerYou', { name: m.name }) : m.name,
  }));
  if (ownerUserId && !ownerOptions.some((o) => o.value === ownerUserId)) {
    ownerOptions.push({ value: ownerUserId, label: action?.ownerName ?? me.data?.user.name ?? '…' });
  }

  const pickMethod = (methodId: string) => {
    const method = playbook.data?.transitions.flatMap((tr) => tr.methods).find((m) => m.id === methodId);
    // Follow the method with the title and target while the title is still untouched or was the one the previous method gave.
    const previous = playbook.data?.transitions.flatMap((tr) => tr.methods).find((m) => m.id === draft.methodId);
    const titleFollows =
      trimmedTitle === '' || (previous && (trimmedTitle === methodText.name(previous) || trimmedTitle === titleFor(previous)));
    set({
      methodId,
      ...(method && titleFollows ? { title: titleFor(method) } : {}),
      ...(method && !action ? { targetLevel: String(method.fromLevel + 1) } : {}),
    });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTitleTouched(true);
    if (trimmedTitle === '' || trimmedTitle.length > ACTION_TITLE_MAX || !ownerUserId) return;
    const fields = {
      orgSlug: org.slug,
      title: trimmedTitle,
      methodId: draft.methodId === NO_METHOD ? null : draft.methodId,
      targetLevel: Number(draft.targetLevel),
      ownerUserId,
      dueDate: draft.dueDate || null,
      status: draft.status,
    };
    if (action) {
      const version = rebase ? action.version : baseVersion;
      setBaseVersion(version);
      setRebase(false);
      update.mutate({ ...fields, actionId: action.id, version });
    } else {
      create.mutate({ ...fields, accountId });
    }
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <Field
        label={t('titleLabel')}
        value={draft.title}
        onChange={(e) => set({ title: e.target.value })}
        onBlur={() => setTitleTouched(true)}
        error={titleError}
        maxLength={ACTION_TITLE_MAX + 50}
        required
        autoFocus
        placeholder={t('titlePlaceholder')}
      />

      <div className="space-y-1.5">
        <label htmlFor={`${id}-method`} className="block text-sm font-medium text-slate-800">
          {t('methodLabel')}
        </label>
        <Select id={`${id}-method`} value={draft.methodId} onValueChange={pickMethod} options={methodOptions} />
        {fieldErrors.methodId ? (
          <p className="text-sm text-red-700" role="alert">
            {fieldErrors.methodId}
          </p>
        ) : null}
      </div>

      <div className="grid gap-4 sm:grid-cols-2">
        <div className="space-y-1.5">
          <label htmlFor={`${id}-target`} className="block text-sm font-medium text-slate-800">
            {t('targetLabel')}
          </label>
          <Select
            id={`${id}-target`}
            value={draft.targetLevel}
            onValueChange={(targetLevel) => set({ targetLevel })}
            options={LEVELS.map((level) => ({ value: String(level), label: `${level} · ${tAll(`hierarchy.levels.${level}.name`)}` }))}
          />
          {fieldErrors.targetLevel ? (
            <p className="text-sm text-red-700" role="alert">
              {fieldErrors.targetLevel}
            </p>
          ) : null}
        </div>
        <div className="space-y-1.5">
          <label htmlFor={`${id}-owner`} className="block text-sm font-medium text-slate-800">
            {t('ownerLabel')}
          </label>
          <Select
            id={`${id}-owner`}
            value={ownerUserId}
            onValueChange={(value) => set({ ownerUserId: value })}
            options={ownerOptions}
            disabled={!ownerOptions.length}
          />
          {fieldErrors.ownerUserId ? (
            <p className="text-sm text-red-700" role="alert">
              {fieldErrors.ownerUserId}
            </p>
          ) : null}
        </div>
        <Field
          label={t('dueLabel')}
          type="date"
          value={draft.dueDate}
          onChange={(e) => set({ dueDate: e.target.value })}
          error={fieldErrors.dueDate ?? null}
          hint={t('dueHint')}
        />
        <div className="space-y-1.5">
          <label htmlFor={`${id}-status`} className="block text-sm font-medium text-slate-800">
            {t('statusLabel')}
          </label>
          <Select
            id={`${id}-status`}
            value={draft.status}
            onValueChange={(value) => set({ status: value as ActionStatus })}
            options={ACTION_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }))}
          />
        </div>
      </div>

      {formError ? <Alert tone="error">{formError}</Alert> : null}

      <div className="flex flex-col-reverse gap-3 pt-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onDone}>
          {tAll('common.cancel')}
        </Button>
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? tAll('common.saving') : action ? tAll('common.save') : t('plan')}
        </Button>
      </div>
    </form>
  );
}
