'use client';

import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { errorMessageOf, fieldErrorsOf, useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';

export function CreateOrganizationForm() {
  const t = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const [name, setName] = useState('');
  const create = useMutation(
    trpc.organization.create.mutationOptions({
      onSuccess: ({ orgSlug }) => {
        toast.success(t('orgs.created'));
        router.push(`/${orgSlug}`);
        router.refresh();
      },
    }),
  );
  const fieldError = fieldErrorsOf(create.error).name ?? null;
  const busy = create.isPending || create.isSuccess;
  return (
    <form
      className="space-y-5"
      noValidate
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        create.mutate({ name });
      }}
    >
      {create.error && !fieldError ? <Alert tone="error">{errorMessageOf(create.error, t('errors.network'))}</Alert> : null}
      <Field
        label={t('auth.organizationName')}
        name="name"
        autoComplete="organization"
        value={name}
        onChange={(e) => setName(e.target.value)}
        hint={t('auth.organizationHint')}
        error={fieldError}
        autoFocus
      />
      <Button type="submit" size="lg" disabled={busy}>
        {busy ? t('orgs.creating') : t('orgs.createButton')}
      </Button>
    </form>
  );
}
