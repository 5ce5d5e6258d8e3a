'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { useOrg } from '@/components/shell/org-context';
import { errorMessageOf, fieldErrorsOf, useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { CopyField } from '@/components/ui/copy-field';
import { Dialog } from '@/components/ui/dialog';
import { inputClass } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import { PersonalMessageField } from './personal-message-field';

/**
 * "Ask the customer": creates a confirmation link for a contact (or anyone), emails it where it can, and shows it once to copy.
 * `onCreated` runs as the mutation's onSuccess, so a promise it returns (a refresh) settles before the link is shown.
 */
export function AskConfirmationDialog({ accountId, onCreated }: { accountId: string; onCreated: () => unknown }) {
  const t = useTranslations();
  const locale = useLocale();
  const org = useOrg();
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const contacts = useQuery({ ...trpc.contact.list.queryOptions({ orgSlug: org.slug, accountId }), enabled: open });
  const [contactId, setContactId] = useState<string>('none');
  const [language, setLanguage] = useState<'en' | 'sv'>(locale === 'sv' ? 'sv' : 'en');
  const [days, setDays] = useState('30');
  const [message, setMessage] = useState('');
  const [override, setOverride] = useState(false);
  const create = useMutation(trpc.confirmation.create.mutationOptions({ onSuccess: onCreated }));
  const fieldErrors = fieldErrorsOf(create.error);
  const throttled = create.error?.data?.code === 'CONFLICT';

  function pickContact(id: string) {
    setContactId(id);
    setOverride(false);
    create.reset();
    const contact = contacts.data?.find((c) => c.id === id);
    // The page opens in the contact's language when we know it, else in the member's own.
    setLanguage(contact?.language === 'en' || contact?.language === 'sv' ? contact.language : locale === 'sv' ? 'sv' : 'en');
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({
      orgSlug: org.slug,
      accountId,
      contactId: contactId === 'none' ? null : contactId,
      language,
      expiresInDays: Number(days) || 0,
      personalMessage: message || undefined,
      override,
    });
  }

  function close(next: boolean) {
    setOpen(next);
    if (!next) {
      create.reset();
      setMessage('');
      setOverride(false);
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={close}
      title={t('customer.askTitle')}
      description={t('customer.askBody')}
      trigger={<Button>{t('customer.ask')}</Button>}
    >
      {create.data ? (
        <div className="space-y-4">
          <Alert tone="success">
            <p className="font-medium">{t('customer.linkCreated')}</p>
            <p className="mt-1">{create.data.emailQueued ? t('customer.linkEmailed') : t('customer.linkNotEmailed')}</p>
          </Alert>
          <CopyField label={t('customer.linkLabel')} value={create.data.url} hint={t('customer.linkOnce')} />
          <div className="flex justify-end">
            <Button onClick={() => close(false)}>{t('customer.done')}</Button>
          </div>
        </div>
      ) : (
        <form onSubmit={submit} className="space-y-4" noValidate>
          {create.error && Object.keys(fieldErrors).length === 0 ? (
            <Alert tone={throttled ? 'warning' : 'error'}>{errorMessageOf(create.error, t('errors.network'))}</Alert>
          ) : null}
          <div className="space-y-1.5">
            <label htmlFor="confirm-recipient" className="block text-sm font-medium text-slate-800">
              {t('customer.recipient')}
            </label>
            <Select
              id="confirm-recipient"
              value={contactId}
              onValueChange={pickContact}
              options={[
                ...(contacts.data ?? []).map((c) => ({ value: c.id, label: c.name, description: c.email ?? undefined })),
                { value: 'none', label: t('customer.unnamed') },
              ]}
            />
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <div className="space-y-1.5">
              <label htmlFor="confirm-language" className="block text-sm font-medium text-slate-800">
                {t('customer.language')}
              </label>
              <Select
                id="confirm-language"
                value={language}
                onValueChange={(v) => setLanguage(v as 'en' | 'sv')}
                options={[
                  { value: 'en', label: t('common.languageName.en') },
                  { value: 'sv', label: t('common.languageName.sv') },
                ]}
              />
            </div>
            <div className="space-y-1.5">
              <label htmlFor="confirm-days" className="block text-sm font-medium text-slate-800">
                {t('customer.expiresIn')}
              </label>
              <input
                id="confirm-days"
                type="number"
                inputMode="numeric"
                min={1}
                max={180}
                value={days}
                onChange={(e) => setDays(e.target.value)}
                aria-invalid={fieldErrors.expiresInDays ? true : undefined}
                aria-describedby={fieldErrors.expiresInDays ? 'confirm-days-error' : undefined}
                className={inputClass}
              />
              {fieldErrors.expiresInDays ? (
                <p id="confirm-days-error" className="text-sm text-red-700">
                  {fieldErrors.expiresInDays}
                </p>
              ) : null}
            </div>
          </div>
          <PersonalMessageField
            id="confirm-message"
            label={t('customer.message')}
            hint={t('customer.messageHint')}
            error={fieldErrors.personalMessage}
            value={message}
            onChange={setMessage}
          />
          {throttled ? (
            <label className="flex items-center gap-2 text-sm text-slate-800">
              <input
                type="checkbox"
                checked={override}
                onChange={(e) => setOverride(e.target.checked)}
                className="size-4 accent-brand-600"
              />
              {t('customer.override')}
            </label>
          ) : null}
          <div className="flex justify-end">
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? t('customer.creating') : t('customer.create')}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
