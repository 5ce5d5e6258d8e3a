'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Megaphone } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useDeferredValue, useId, useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { useOrg } from '@/components/shell/org-context';
import { errorMessageOf, fieldErrorsOf, useTRPC, type RouterInputs } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PersonalMessageField } from '@/components/confirmations/personal-message-field';
import { Dialog, DialogClose } from '@/components/ui/dialog';
import { inputClass } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import { Skeleton } from '@/components/ui/skeleton';
import { cn } from '@/lib/cn';
import {
  BUYING_ROLES,
  DEFAULT_REMINDER_DAYS,
  DEFAULT_REMINDERS,
  MAX_CAMPAIGN_CONTACTS,
  MAX_REMINDER_DAYS,
  MAX_REMINDERS,
  SKIP_REASONS,
  type BuyingRole,
} from '@/server/domain/campaigns';
import { LINK_DEFAULT_DAYS, LINK_MAX_DAYS } from '@/server/domain/customer-level';

/** Whom a campaign asks: the accounts behind a set of list filters, or a list of account ids. */
export type CampaignSelection = RouterInputs['campaign']['preview']['selection'];

/**
 * "Start campaign": a button and the dialog behind it. The accounts list passes its current
 * filters; any other page (a dashboard drill-down, say) can pass a list of account ids.
 */
export function StartCampaignButton({
  selection,
  label,
  variant = 'secondary',
}: {
  selection: CampaignSelection;
  label?: string;
  variant?: 'primary' | 'secondary';
}) {
  const t = useTranslations('campaigns');
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant={variant} onClick={() => setOpen(true)}>
        <Megaphone className="size-4" aria-hidden />
        {label ?? t('start')}
      </Button>
      {open ? <StartCampaignDialog selection={selection} open={open} onOpenChange={setOpen} /> : null}
    </>
  );
}

function NumberField({
  id,
  label,
  value,
  onChange,
  min,
  max,
  error,
  hint,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  min: number;
  max: number;
  error?: string;
  hint?: string;
}) {
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={inputClass}
      />
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function StartCampaignDialog({
  selection,
  open,
  onOpenChange,
}: {
  selection: CampaignSelection;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations();
  const locale = useLocale();
  const org = useOrg();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const id = useId();

  const [roles, setRoles] = useState<BuyingRole[]>([]);
  const [languageMode, setLanguageMode] = useState<'contact' | 'fixed'>('contact');
  const [language, setLanguage] = useState<'en' | 'sv'>(locale === 'sv' ? 'sv' : 'en');
  const [message, setMessage] = useState('');
  const [expires, setExpires] = useState(String(LINK_DEFAULT_DAYS));
  const [reminders, setReminders] = useState(String(DEFAULT_REMINDERS));
  const [reminderDays, setReminderDays] = useState(String(DEFAULT_REMINDER_DAYS));

  const options = {
    orgSlug: org.slug,
    selection,
    buyingRoles: roles,
    languageMode,
    language,
    personalMessage: message.trim() || undefined,
    expiresInDays: Number(expires),
    reminders: Number(reminders),
    reminderDays: Number(reminderDays),
  };
  // Typing a number should not fire a request per keystroke's intermediate value.
  const previewOptions = useDeferredValue(options);
  const preview = useQuery({
    ...trpc.campaign.preview.queryOptions({ ...previewOptions, personalMessage: undefined }),
    enabled: open,
    placeholderData: keepPreviousData,
    retry: false,
  });

  const start = useMutation(
    trpc.campaign.start.mutationOptions({
      onSuccess: (result) => {
        toast.success(t('campaigns.started'));
        void queryClient.invalidateQueries({ queryKey: trpc.campaign.pathKey() });
        onOpenChange(false);
        router.push(`/${org.slug}/campaigns/${result.campaignId}`);
      },
    }),
  );

  // Field errors come from the start attempt, or live from the preview (same validation).
  const fieldErrors = { ...fieldErrorsOf(preview.error), ...fieldErrorsOf(start.error) };
  const data = preview.data;
  const asked = data?.asked ?? 0;

  function toggleRole(role: BuyingRole, on: boolean) {
    setRoles((current) => (on ? [...current, role] : current.filter((r) => r !== role)));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    start.mutate(options);
  }

  const selectionText =
    selection.kind === 'filters'
      ? t('campaigns.selectionFilters')
      : t('campaigns.selectionAccounts', { count: selection.accountIds.length });

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('campaigns.startTitle')}
      description={
        <>
          {selectionText} {t('campaigns.startBody', { days: data?.quietDays ?? 30 })}
        </>
      }
    >
      <form className="space-y-5" noValidate onSubmit={submit} aria-describedby={`${id}-preview`}>
        {start.error && Object.keys(fieldErrorsOf(start.error)).length === 0 ? (
          <Alert tone="error">{errorMessageOf(start.error, t('errors.network'))}</Alert>
        ) : null}

        <section
          id={`${id}-preview`}
          aria-labelledby={`${id}-preview-title`}
          aria-live="polite"
          className="rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200"
        >
          <h3 id={`${id}-preview-title`} className="text-sm font-semibold text-slate-900">
            {t('campaigns.preview.title')}
          </h3>
          {preview.isPending ? (
            <div className="mt-2 space-y-2" aria-busy="true" aria-label={t('campaigns.preview.loading')}>
              <Skeleton className="h-6 w-48" />
              <Skeleton className="h-4 w-64" />
            </div>
          ) : preview.isError && !data ? (
            <p className="mt-2 text-sm text-red-700">
              {Object.keys(fieldErrorsOf(preview.error)).length ? t('errors.invalidInput') : t('campaigns.preview.failed')}{' '}
              {Object.keys(fieldErrorsOf(preview.error)).length ? null : (
                <button type="button" className="font-medium underline" onClick={() => void preview.refetch()}>
                  {t('common.retry')}
                </button>
              )}
            </p>
          ) : data ? (
            <div className={cn('mt-1 space-y-2', preview.isFetching && 'opacity-60 transition-opacity')}>
              <p className="text-lg font-semibold text-slate-900" data-testid="campaign-preview-asked">
                {t('campaigns.preview.asked', { count: data.asked })}
              </p>
              <p className="text-sm text-slate-600">{t('campaigns.preview.accounts', { count: data.accounts })}</p>
              {data.tooMany ? <Alert tone="warning">{t('campaigns.preview.tooMany', { max: MAX_CAMPAIGN_CONTACTS })}</Alert> : null}
              <div>
                <h4 className="text-sm font-medium text-slate-800">{t('campaigns.preview.skippedTitle')}</h4>
                {SKIP_REASONS.every((reason) => data.skipped[reason] === 0) ? (
                  <p className="text-sm text-slate-600">{t('campaigns.preview.noneSkipped')}</p>
                ) : (
                  <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-slate-700">
                    {SKIP_REASONS.filter((reason) => data.skipped[reason] > 0).map((reason) => (
                      <li key={reason}>
                        {t(`campaigns.preview.reasons.${reason}`, { count: data.skipped[reason], days: data.quietDays })}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            </div>
          ) : null}
        </section>

        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-800">{t('campaigns.roles')}</legend>
          <p className="text-sm text-slate-600" id={`${id}-roles-hint`}>
            {t('campaigns.rolesHint')}
          </p>
          <div className="grid gap-x-4 gap-y-2 sm:grid-cols-2">
            {BUYING_ROLES.map((role) => (
              <label key={role} className="flex items-center gap-2 text-sm text-slate-800">
                <input
                  type="checkbox"
                  className="size-4 accent-brand-600"
                  checked={roles.includes(role)}
                  onChange={(e) => toggleRole(role, e.target.checked)}
                />
                {t(`contacts.buyingRoles.${role}.name`)}
              </label>
            ))}
          </div>
        </fieldset>

        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-800">{t('campaigns.languageMode')}</legend>
          <div className="flex flex-col gap-2 sm:flex-row sm:gap-5">
            {(['contact', 'fixed'] as const).map((mode) => (
              <label key={mode} className="flex items-center gap-2 text-sm text-slate-800">
                <input
                  type="radio"
                  name={`${id}-language-mode`}
                  className="size-4 accent-brand-600"
                  checked={languageMode === mode}
                  onChange={() => setLanguageMode(mode)}
                />
                {mode === 'contact' ? t('campaigns.languageContact') : t('campaigns.languageFixed')}
              </label>
            ))}
          </div>
          <div className="max-w-xs space-y-1.5 pt-1">
            <label htmlFor={`${id}-language`} className="block text-sm font-medium text-slate-800">
              {t('campaigns.language')}
            </label>
            <Select
              id={`${id}-language`}
              value={language}
              onValueChange={(v) => setLanguage(v as 'en' | 'sv')}
              options={[
                { value: 'en', label: t('common.languageName.en') },
                { value: 'sv', label: t('common.languageName.sv') },
              ]}
            />
            {languageMode === 'contact' ? <p className="text-sm text-slate-600">{t('campaigns.languageFallbackHint')}</p> : null}
          </div>
        </fieldset>

        <PersonalMessageField
          id={`${id}-message`}
          label={t('campaigns.message')}
          hint={t('campaigns.messageHint')}
          error={fieldErrors.personalMessage}
          value={message}
          onChange={setMessage}
        />

        <div className="grid gap-4 sm:grid-cols-3">
          <NumberField
            id={`${id}-expires`}
            label={t('campaigns.expiresIn')}
            value={expires}
            onChange={setExpires}
            min={1}
            max={LINK_MAX_DAYS}
            error={fieldErrors.expiresInDays}
          />
          <NumberField
            id={`${id}-reminders`}
            label={t('campaigns.reminders')}
            value={reminders}
            onChange={setReminders}
            min={0}
            max={MAX_REMINDERS}
            error={fieldErrors.reminders}
          />
          <NumberField
            id={`${id}-reminder-days`}
            label={t('campaigns.reminderDays')}
            value={reminderDays}
            onChange={setReminderDays}
            min={1}
            max={MAX_REMINDER_DAYS}
            error={fieldErrors.reminderDays}
          />
        </div>
        <p className="-mt-2 text-sm text-slate-600">{t('campaigns.remindersHint')}</p>

        {/* Always in view, however long the form: the count on the button is the preview's. */}
        <div className="sticky -bottom-6 -mx-6 -mb-6 flex flex-col-reverse gap-2 border-t border-slate-200 bg-white px-6 py-4 sm:flex-row sm:justify-end">
          <DialogClose asChild>
            <Button variant="secondary">{t('common.cancel')}</Button>
          </DialogClose>
          <Button type="submit" disabled={start.isPending || !data || asked === 0 || data.tooMany || preview.isError}>
            <Megaphone className="size-4" aria-hidden />
            {start.isPending ? t('campaigns.starting') : t('campaigns.submit', { count: asked })}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
