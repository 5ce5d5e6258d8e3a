'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { toast } from 'sonner';
import { LEVELS } from '@/components/levels/levels';
import { useOrg } from '@/components/shell/org-context';
import { errorMessageOf, fieldErrorsOf, isTRPCClientError, useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose } from '@/components/ui/dialog';
import { Field, inputClass } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import { cn } from '@/lib/cn';
import { COMMON_CURRENCIES, NOTES_MAX } from '@/server/domain/accounts';
import { emptyAccountForm, formValuesOf, toAccountInput, type AccountFormValues, type FieldErrors } from './account-form';
import type { AccountDetails } from './types';

const NONE = '_none';

function SelectField({
  label,
  hint,
  error,
  children,
}: {
  label: string;
  hint?: string;
  error?: string;
  children: (id: string) => ReactNode;
}) {
  const id = useId();
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children(id)}
      {error ? (
        <p className="text-sm text-red-700" role="alert">
          {error}
        </p>
      ) : hint ? (
        <p className="text-sm text-slate-600">{hint}</p>
      ) : null}
    </div>
  );
}

/**
 * Add or edit an account. Everything typed stays in the form when the server refuses: a
 * field-level reason next to the field, or, when a teammate saved first, who it was and the
 * choice to load their version (which replaces what was typed, so it is never automatic).
 */
export function AccountFormDialog({
  account,
  open,
  onOpenChange,
  trigger,
}: {
  /** The account to edit; without it the dialog adds a new one. */
  account?: AccountDetails;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  trigger?: ReactNode;
}) {
  const t = useTranslations('accounts.form');
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      trigger={trigger}
      title={account ? t('editTitle', { name: account.name }) : t('createTitle')}
      description={account ? undefined : t('createDescription')}
    >
      {/* Mounted only while open, so each opening starts from the account as it is now. */}
      {open ? <AccountForm account={account} onDone={() => onOpenChange(false)} /> : null}
    </Dialog>
  );
}

function AccountForm({ account, onDone }: { account?: AccountDetails; onDone: () => void }) {
  const t = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const options = useQuery(trpc.account.filterOptions.queryOptions({ orgSlug: org.slug }));
  const [values, setValues] = useState<AccountFormValues>(() => (account ? formValuesOf(account) : emptyAccountForm));
  const [baseVersion, setBaseVersion] = useState(account?.version ?? 1);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [latest, setLatest] = useState<AccountDetails | null>(null);
  const segmentListId = useId();

  const getKey = account ? trpc.account.get.queryKey({ orgSlug: org.slug, accountId: account.id }) : null;
  const invalidateLists = () => queryClient.invalidateQueries({ queryKey: trpc.account.list.pathKey() });

  const create = useMutation(
    trpc.account.create.mutationOptions({
      onSuccess: ({ id }, input) => {
        toast.success(t('accounts.form.created', { name: input.name.trim() }));
        void invalidateLists();
        void queryClient.invalidateQueries({ queryKey: trpc.account.filterOptions.queryKey({ orgSlug: org.slug }) });
        onDone();
        router.push(`/${org.slug}/accounts/${id}`);
      },
    }),
  );

  const update = useMutation(
    trpc.account.update.mutationOptions({
      // The header shows the new values at once; if the server refuses, they are put back.
      onMutate: async (input) => {
        if (!getKey) return {};
        await queryClient.cancelQueries({ queryKey: getKey });
        const previous = queryClient.getQueryData(getKey);
        const ownerName = options.data?.owners.find((o) => o.userId === input.ownerUserId)?.name ?? null;
        queryClient.setQueryData(getKey, (old) =>
          old
            ? {
                ...old,
                name: input.name.trim(),
                segment: input.segment?.trim() || null,
                ownerUserId: input.ownerUserId ?? null,
                ownerName,
                currency: input.currency ?? null,
                annualRevenue: input.annualRevenue === null || input.annualRevenue === undefined ? null : input.annualRevenue.toFixed(2),
                targetLevel: input.targetLevel ?? null,
                targetDate: input.targetDate ?? null,
                notes: input.notes?.trim() || null,
              }
            : old,
        );
        return { previous };
      },
      onError: async (error, _input, context) => {
        if (getKey && context?.previous) queryClient.setQueryData(getKey, context.previous);
        // A teammate saved first: fetch their version so the person can choose to load it.
        if (account && isTRPCClientError(error) && error.data?.code === 'CONFLICT') {
          const fresh = await queryClient.fetchQuery(
            trpc.account.get.queryOptions({ orgSlug: org.slug, accountId: account.id }, { staleTime: 0 }),
          );
          if (fresh.version !== baseVersion) setLatest(fresh);
        }
      },
      onSuccess: (result) => {
        toast.success(result.version === baseVersion ? t('accounts.form.noChanges') : t('accounts.form.saved'));
        onDone();
        router.refresh();
      },
      onSettled: () => {
        if (getKey) void queryClient.invalidateQueries({ queryKey: getKey });
        void invalidateLists();
      },
    }),
  );

  const mutation = account ? update : create;
  const serverErrors = fieldErrorsOf(mutation.error);
  const errorOf = (field: keyof AccountFormValues) => {
    const key = clientErrors[field];
    return key ? t(key as 'validation.invalid') : serverErrors[field];
  };
  const formError = mutation.error && Object.keys(serverErrors).length === 0 ? errorMessageOf(mutation.error, t('errors.network')) : null;
  const set = (field: keyof AccountFormValues) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { input, errors } = toAccountInput(values);
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) return;
    setLatest(null);
    if (account) update.mutate({ orgSlug: org.slug, accountId: account.id, version: baseVersion, ...input });
    // The currency picker starts at SEK; without a revenue there is nothing for it to describe.
    else create.mutate({ orgSlug: org.slug, ...input, currency: input.annualRevenue === null ? null : input.currency });
  };

  const loadLatest = () => {
    if (!latest) return;
    setValues(formValuesOf(latest));
    setBaseVersion(latest.version);
    setLatest(null);
    setClientErrors({});
    update.reset();
    toast.info(t('accounts.form.reloaded'));
  };

  const owners = options.data?.owners ?? [];
  const currencies: string[] = [...COMMON_CURRENCIES];
  if (values.currency && !currencies.includes(values.currency)) currencies.push(values.currency);
  const ownerKnown = !values.ownerUserId || owners.some((o) => o.userId === values.ownerUserId);

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <Field
        label={t('accounts.form.name')}
        value={values.name}
        onChange={(e) => set('name')(e.target.value)}
        error={errorOf('name')}
        placeholder={t('accounts.form.namePlaceholder')}
        required
        maxLength={250}
        autoFocus
      />
      <Field
        label={t('accounts.form.domain')}
        value={values.domain}
        onChange={(e) => set('domain')(e.target.value)}
        error={errorOf('domain')}
        hint={t('accounts.form.domainHint')}
        placeholder={t('accounts.form.domainPlaceholder')}
        inputMode="url"
        autoComplete="off"
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label={t('accounts.form.segment')}
          value={values.segment}
          onChange={(e) => set('segment')(e.target.value)}
          error={errorOf('segment')}
          placeholder={t('accounts.form.segmentPlaceholder')}
          list={segmentListId}
          autoComplete="off"
        />
        <datalist id={segmentListId}>
          {options.data?.segments.map((s) => (
            <option key={s.segment} value={s.segment} />
          ))}
        </datalist>
        <SelectField label={t('accounts.form.owner')} error={errorOf('ownerUserId')}>
          {(id) => (
            <Select
              id={id}
              value={values.ownerUserId || NONE}
              onValueChange={(owner) => set('ownerUserId')(owner === NONE ? '' : owner)}
              options={[
                { value: NONE, label: t('accounts.form.noOwner') },
                ...owners.map((o) => ({ value: o.userId, label: o.name, description: o.email })),
                // An owner who has left stays selectable so that saving other fields does not drop them.
                ...(ownerKnown ? [] : [{ value: values.ownerUserId, label: account?.ownerName ?? '…' }]),
              ]}
            />
          )}
        </SelectField>
      </div>
      <div className="grid grid-cols-[minmax(0,1fr)_7rem] gap-3">
        <Field
          label={t('accounts.form.revenue')}
          value={values.annualRevenue}
          onChange={(e) => set('annualRevenue')(e.target.value)}
          error={errorOf('annualRevenue')}
          hint={t('accounts.form.revenueHint')}
          placeholder={t('accounts.form.revenuePlaceholder')}
          inputMode="decimal"
          autoComplete="off"
        />
        <SelectField label={t('accounts.form.currency')} error={errorOf('currency')}>
          {(id) => (
            <Select
              id={id}
              value={values.currency || NONE}
              onValueChange={(currency) => set('currency')(currency === NONE ? '' : currency)}
              options={[{ value: NONE, label: t('accounts.form.noCurrency') }, ...currencies.map((c) => ({ value: c, label: c }))]}
            />
          )}
        </SelectField>
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">{t('accounts.form.target')}</legend>
        <p className="text-sm text-slate-600">{t('accounts.form.targetHint')}</p>
        <div className="grid gap-3 sm:grid-cols-2">
          <SelectField label={t('accounts.form.targetLevel')} error={errorOf('targetLevel')}>
            {(id) => (
              <Select
                id={id}
                value={values.targetLevel || NONE}
                onValueChange={(level) => set('targetLevel')(level === NONE ? '' : level)}
                options={[
                  { value: NONE, label: t('accounts.form.noTargetLevel') },
                  ...LEVELS.map((level) => ({ value: String(level), label: `${level} · ${t(`hierarchy.levels.${level}.name`)}` })),
                ]}
              />
            )}
          </SelectField>
          <Field
            label={t('accounts.form.targetDate')}
            type="date"
            value={values.targetDate}
            onChange={(e) => set('targetDate')(e.target.value)}
            error={errorOf('targetDate')}
          />
        </div>
      </fieldset>
      <NotesField value={values.notes} onChange={set('notes')} error={errorOf('notes')} />

      {formError ? (
        <Alert tone="error">
          <p>{formError}</p>
          {latest ? (
            <button type="button" className="mt-2 font-medium underline" onClick={loadLatest}>
              {t('accounts.form.reloadLatest')}
            </button>
          ) : null}
        </Alert>
      ) : null}

      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <DialogClose asChild>
          <Button variant="secondary">{t('common.cancel')}</Button>
        </DialogClose>
        <Button type="submit" disabled={mutation.isPending}>
          {account
            ? mutation.isPending
              ? t('accounts.form.saving')
              : t('accounts.form.save')
            : mutation.isPending
              ? t('accounts.form.creating')
              : t('accounts.form.create')}
        </Button>
      </div>
    </form>
  );
}

function NotesField({ value, onChange, error }: { value: string; onChange: (value: string) => void; error?: string }) {
  const t = useTranslations('accounts.form');
  const id = useId();
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {t('notes')}
      </label>
      <textarea
        id={id}
        rows={3}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint`}
        className={cn(inputClass, 'resize-y')}
        maxLength={NOTES_MAX + 100}
      />
      <p id={`${id}-hint`} className={cn('text-sm', error ? 'text-red-700' : 'text-slate-600')} role={error ? 'alert' : undefined}>
        {error ?? t('notesHint')}
      </p>
    </div>
  );
}
