'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { toast } from 'sonner';
import { useOrg } from '@/components/shell/org-context';
import { errorMessageOf, fieldErrorsOf, useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Skeleton } from '@/components/ui/skeleton';
import {
  checkLogo,
  contrastWithWhite,
  DEFAULT_BRAND_COLOUR,
  isHexColour,
  MAX_LOGO_BYTES,
  MIN_BRAND_CONTRAST,
  type LogoProblem,
} from '@/server/domain/brand';

/**
 * Settings → General: the logo and colour customers see at the top of the page they answer on.
 * Checked here as the admin types or picks (the same rules the server applies), with a preview
 * of the page's header and button; saved together.
 */
export function BrandingSettings() {
  const t = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const branding = useQuery(trpc.organization.branding.queryOptions({ orgSlug: org.slug }));
  const brandingKey = trpc.organization.branding.queryKey({ orgSlug: org.slug });
  const save = useMutation(
    trpc.organization.setBranding.mutationOptions({
      onSuccess: (saved) => {
        // The form below is keyed by what is saved: it starts again from the new values.
        queryClient.setQueryData(brandingKey, saved);
        toast.success(t('branding.saved'));
      },
    }),
  );
  const canEdit = org.can('admin');

  return (
    <Card>
      <CardHeader title={t('branding.title')} description={t('branding.body', { org: org.name })} />
      {branding.isPending ? (
        <div className="space-y-3 px-4 py-5 sm:px-6">
          <Skeleton className="h-10 w-48" />
          <Skeleton className="h-9 w-40" />
        </div>
      ) : branding.error ? (
        <div className="px-4 py-5 sm:px-6">
          <Alert tone="error">{errorMessageOf(branding.error, t('errors.network'))}</Alert>
        </div>
      ) : (
        <BrandingForm
          key={`${branding.data.brandColour}-${branding.data.logo?.length ?? 0}`}
          saved={branding.data}
          canEdit={canEdit}
          pending={save.isPending}
          error={save.error}
          onSave={(value) => save.mutate({ orgSlug: org.slug, ...value })}
        />
      )}
    </Card>
  );
}

type Branding = { brandColour: string | null; logo: string | null };

function BrandingForm({
  saved,
  canEdit,
  pending,
  error,
  onSave,
}: {
  saved: Branding;
  canEdit: boolean;
  pending: boolean;
  error: unknown;
  onSave: (value: Branding) => void;
}) {
  const t = useTranslations();
  const locale = useLocale();
  const org = useOrg();
  const fileId = useId();
  const [colour, setColour] = useState(saved.brandColour ?? '');
  const [logo, setLogo] = useState(saved.logo);
  const [logoProblem, setLogoProblem] = useState<LogoProblem | null>(null);
  const serverErrors = fieldErrorsOf(error);

  const typed = colour.trim();
  const colourValid = typed === '' || isHexColour(typed);
  const ratio = typed !== '' && isHexColour(typed) ? contrastWithWhite(typed) : null;
  const colourProblem = !colourValid
    ? t('validation.brandColourFormat')
    : ratio !== null && ratio < MIN_BRAND_CONTRAST
      ? t('validation.brandColourContrast')
      : null;
  const shown = typed !== '' && colourProblem === null ? typed : DEFAULT_BRAND_COLOUR;
  const changed = (typed || null) !== saved.brandColour || logo !== saved.logo;
  const ratioText = ratio === null ? null : new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(ratio);

  function pickLogo(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (file.size > MAX_LOGO_BYTES) {
      setLogoProblem('logoTooLarge');
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      const checked = typeof reader.result === 'string' ? checkLogo(reader.result) : ({ ok: false, problem: 'logoFormat' } as const);
      if (checked.ok) {
        setLogo(checked.dataUrl);
        setLogoProblem(null);
      } else setLogoProblem(checked.problem);
    };
    reader.readAsDataURL(file);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (colourProblem || logoProblem) return;
    onSave({ brandColour: typed || null, logo });
  }

  const logoError = logoProblem ? t(`validation.${logoProblem}`) : (serverErrors.logo ?? null);
  return (
    <form className="grid gap-6 px-4 py-5 sm:px-6 lg:grid-cols-[1fr_minmax(0,20rem)]" noValidate onSubmit={submit}>
      <div className="space-y-5">
        {error && !serverErrors.logo && !serverErrors.brandColour ? (
          <Alert tone="error">{errorMessageOf(error, t('errors.network'))}</Alert>
        ) : null}
        <fieldset className="space-y-2" aria-describedby={`${fileId}-hint${logoError ? ` ${fileId}-error` : ''}`}>
          <legend className="text-sm font-medium text-slate-800">{t('branding.logoLabel')}</legend>
          <p id={`${fileId}-hint`} className="text-sm text-slate-600">
            {canEdit ? t('branding.logoHint') : t('branding.adminOnly')}
          </p>
          {logo ? null : <p className="text-sm text-slate-600">{t('branding.logoNone')}</p>}
          {canEdit ? (
            <div className="flex flex-wrap items-center gap-3">
              <label
                htmlFor={fileId}
                className="inline-flex h-10 cursor-pointer items-center rounded-md bg-white px-4 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-600"
              >
                {t('branding.logoChoose')}
                <input id={fileId} type="file" accept="image/png,image/jpeg,image/webp" className="sr-only" onChange={pickLogo} />
              </label>
              {logo ? (
                <Button variant="ghost" onClick={() => setLogo(null)}>
                  {t('branding.logoRemove')}
                </Button>
              ) : null}
            </div>
          ) : null}
          {logoError ? (
            <p id={`${fileId}-error`} className="text-sm text-red-700" role="alert">
              {logoError}
            </p>
          ) : null}
        </fieldset>

        <div className="flex flex-wrap items-end gap-3">
          <Field
            label={t('branding.colourLabel')}
            name="brandColour"
            value={colour}
            placeholder={DEFAULT_BRAND_COLOUR}
            onChange={(e) => setColour(e.target.value)}
            disabled={!canEdit}
            error={colourProblem ?? serverErrors.brandColour ?? null}
            hint={ratioText ? `${t('branding.colourHint')} ${t('branding.contrast', { ratio: ratioText })}` : t('branding.colourHint')}
            className="w-64"
            autoComplete="off"
            spellCheck={false}
          />
          {canEdit ? (
            <>
              <input
                type="color"
                aria-label={t('branding.colourPicker')}
                value={isHexColour(typed) ? typed.toLowerCase() : DEFAULT_BRAND_COLOUR}
                onChange={(e) => setColour(e.target.value)}
                className="h-10 w-12 cursor-pointer rounded-md bg-white p-1 ring-1 ring-slate-300 ring-inset"
              />
              {typed ? (
                <Button variant="ghost" onClick={() => setColour('')}>
                  {t('branding.colourDefault')}
                </Button>
              ) : null}
            </>
          ) : null}
        </div>

        {canEdit ? (
          <Button type="submit" disabled={pending || !changed || Boolean(colourProblem) || Boolean(logoProblem)}>
            {pending ? t('common.saving') : t('common.save')}
          </Button>
        ) : null}
      </div>

      <figure className="self-start overflow-hidden rounded-lg bg-slate-50 ring-1 ring-slate-200">
        <figcaption className="px-3 pt-2 text-xs font-medium text-slate-600">{t('branding.preview')}</figcaption>
        <div className="mt-2 border-t-4 bg-white" style={{ borderTopColor: shown }}>
          <div className="flex items-center gap-2 border-b border-slate-200 px-3 py-2">
            {logo ? <img src={logo} alt="" className="max-h-8 max-w-24" /> : null}
            <span className="truncate text-sm font-semibold text-slate-900">{org.name}</span>
          </div>
        </div>
        <div className="p-3">
          <span
            className="inline-flex h-9 w-full items-center justify-center rounded-md text-sm font-semibold text-white"
            style={{ backgroundColor: shown }}
          >
            {t('confirm.submit')}
          </span>
        </div>
      </figure>
    </form>
  );
}
