'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { toast } from 'sonner';
import { useOrg } from '@/components/shell/org-context';
import { errorMessageOf, fieldErrorsOf, isTRPCClientError, useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import { BUYING_ROLES, CONTACT_LANGUAGES, contactFieldsSchema, type BuyingRole } from '@/server/domain/accounts';
import type { ContactRow } from './types';

const NONE = '_none';

interface ContactFormValues {
  name: string;
  email: string;
  title: string;
  buyingRole: BuyingRole;
  language: string;
}

function valuesOf(contact?: ContactRow): ContactFormValues {
  return {
    name: contact?.name ?? '',
    email: contact?.email ?? '',
    title: contact?.title ?? '',
    buyingRole: contact?.buyingRole ?? 'other',
    language: contact?.language ?? '',
  };
}

export function ContactFormDialog({
  accountId,
  contact,
  open,
  onOpenChange,
  trigger,
}: {
  accountId: string;
  contact?: ContactRow;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  trigger?: ReactNode;
}) {
  const t = useTranslations('contacts.form');
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      trigger={trigger}
      title={contact ? t('editTitle', { name: contact.name }) : t('createTitle')}
    >
      {open ? <ContactForm accountId={accountId} contact={contact} onDone={() => onOpenChange(false)} /> : null}
    </Dialog>
  );
}

/**
 * Add or edit one person. The list shows the change at once; on refusal it is rolled back
 * and the form, still holding what was typed, says why.
 */
function ContactForm({ accountId, contact, onDone }: { accountId: string; contact?: ContactRow; onDone: () => void }) {
  const t = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listKey = trpc.contact.list.queryKey({ orgSlug: org.slug, accountId });
  const [values, setValues] = useState(() => valuesOf(contact));
  const [version, setVersion] = useState(contact?.version ?? 1);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [latest, setLatest] = useState<ContactRow | null>(null);
  const roleId = useId();
  const languageId = useId();

  const rollback = (context: { previous?: ContactRow[] } | undefined) => {
    if (context?.previous) queryClient.setQueryData(listKey, context.previous);
  };
  const optimistic = async (apply: (rows: ContactRow[]) => ContactRow[]) => {
    await queryClient.cancelQueries({ queryKey: listKey });
    const previous = queryClient.getQueryData(listKey);
    queryClient.setQueryData(listKey, (rows) => (rows ? apply(rows) : rows));
    return { previous };
  };

  const create = useMutation(
    trpc.contact.create.mutationOptions({
      onMutate: (input) =>
        optimistic((rows) => [
          ...rows,
          {
            id: `pending-${Date.now()}`,
            accountId,
            name: input.name.trim(),
            email: input.email ?? null,
            title: input.title ?? null,
            buyingRole: input.buyingRole ?? 'other',
            language: input.language ?? null,
            version: 1,
            updatedAt: new Date(),
          },
        ]),
      onError: (_error, _input, context) => rollback(context),
      onSuccess: (created) => {
        toast.success(t('contacts.form.created', { name: created.name }));
        onDone();
      },
      onSettled: () => queryClient.invalidateQueries({ queryKey: listKey }),
    }),
  );

  const update = useMutation(
    trpc.contact.update.mutationOptions({
      onMutate: (input) =>
        optimistic((rows) =>
          rows.map((row) =>
            row.id === input.contactId
              ? {
                  ...row,
                  name: input.name.trim(),
                  email: input.email ?? null,
                  title: input.title ?? null,
                  buyingRole: input.buyingRole ?? 'other',
                  language: input.language ?? null,
                }
              : row,
          ),
        ),
      onError: async (error, _input, context) => {
        rollback(context);
        if (contact && isTRPCClientError(error) && error.data?.code === 'CONFLICT') {
          const rows = await queryClient.fetchQuery(trpc.contact.list.queryOptions({ orgSlug: org.slug, accountId }, { staleTime: 0 }));
          const fresh = rows.find((row) => row.id === contact.id);
          if (fresh && fresh.version !== version) setLatest(fresh);
        }
      },
      onSuccess: () => {
        toast.success(t('contacts.form.saved'));
        onDone();
      },
      onSettled: () => queryClient.invalidateQueries({ queryKey: listKey }),
    }),
  );

  const mutation = contact ? update : create;
  const serverErrors = fieldErrorsOf(mutation.error);
  const errorOf = (field: keyof ContactFormValues) =>
    clientErrors[field] ? t(clientErrors[field] as 'validation.invalid') : serverErrors[field];
  const formError = mutation.error && Object.keys(serverErrors).length === 0 ? errorMessageOf(mutation.error, t('errors.network')) : null;
  const set = <K extends keyof ContactFormValues>(field: K, value: ContactFormValues[K]) => setValues((v) => ({ ...v, [field]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = {
      name: values.name,
      email: values.email || null,
      title: values.title || null,
      buyingRole: values.buyingRole,
      language: (values.language || null) as 'en' | 'sv' | null,
    };
    const checked = contactFieldsSchema.safeParse(input);
    const errors: Record<string, string> = {};
    if (!checked.success)
      for (const issue of checked.error.issues)
        errors[String(issue.path[0])] ??= issue.message.startsWith('validation.') ? issue.message : 'validation.invalid';
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) return;
    setLatest(null);
    if (contact) update.mutate({ orgSlug: org.slug, contactId: contact.id, version, ...input });
    else create.mutate({ orgSlug: org.slug, accountId, ...input });
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <Field
        label={t('contacts.form.name')}
        value={values.name}
        onChange={(e) => set('name', e.target.value)}
        error={errorOf('name')}
        required
        maxLength={250}
        autoFocus
        autoComplete="off"
      />
      <Field
        label={t('contacts.form.email')}
        type="email"
        value={values.email}
        onChange={(e) => set('email', e.target.value)}
        error={errorOf('email')}
        autoComplete="off"
      />
      <Field
        label={t('contacts.form.title')}
        value={values.title}
        onChange={(e) => set('title', e.target.value)}
        error={errorOf('title')}
        placeholder={t('contacts.form.titlePlaceholder')}
        autoComplete="off"
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="space-y-1.5">
          <label htmlFor={roleId} className="block text-sm font-medium text-slate-800">
            {t('contacts.form.buyingRole')}
          </label>
          <Select
            id={roleId}
            value={values.buyingRole}
            onValueChange={(role) => set('buyingRole', role as BuyingRole)}
            options={BUYING_ROLES.map((role) => ({
              value: role,
              label: t(`contacts.buyingRoles.${role}.name`),
              description: t(`contacts.buyingRoles.${role}.description`),
            }))}
          />
        </div>
        <div className="space-y-1.5">
          <label htmlFor={languageId} className="block text-sm font-medium text-slate-800">
            {t('contacts.form.language')}
          </label>
          <Select
            id={languageId}
            value={values.language || NONE}
            onValueChange={(language) => set('language', language === NONE ? '' : language)}
            options={[
              { value: NONE, label: t('contacts.form.languageNotSet') },
              ...CONTACT_LANGUAGES.map((l) => ({ value: l, label: t(`common.languageName.${l}`) })),
            ]}
          />
          <p className="text-sm text-slate-600">{t('contacts.form.languageHint')}</p>
        </div>
      </div>
      {formError ? (
        <Alert tone="error">
          <p>{formError}</p>
          {latest ? (
            <button
              type="button"
              className="mt-2 font-medium underline"
              onClick={() => {
                setValues(valuesOf(latest));
                setVersion(latest.version);
                setLatest(null);
                update.reset();
              }}
            >
              {t('contacts.form.reloadLatest')}
            </button>
          ) : null}
        </Alert>
      ) : null}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <DialogClose asChild>
          <Button variant="secondary">{t('common.cancel')}</Button>
        </DialogClose>
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? t('contacts.form.saving') : contact ? t('contacts.form.save') : t('contacts.form.create')}
        </Button>
      </div>
    </form>
  );
}
