'use client';

import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState, useTransition, type FormEvent } from 'react';
import { errorMessageOf, fieldErrorsOf, useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { signUpInput } from '@/server/inputs/auth';
import { signInAfterSignUp } from '@/server/auth/server-functions';

/**
 * Creates the account (and first organization, or joins through an invitation), then signs in.
 * Checks the same rules as the server before sending, and keeps every value on any error.
 */
export function SignUpForm({ invitationToken, defaultEmail = '' }: { invitationToken?: string; defaultEmail?: string }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const [values, setValues] = useState({ name: '', email: defaultEmail, password: '', organizationName: '' });
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [signingIn, startSignIn] = useTransition();
  const signUp = useMutation(trpc.auth.signUp.mutationOptions());

  const serverErrors = fieldErrorsOf(signUp.error);
  const errorFor = (field: string) => clientErrors[field] ?? serverErrors[field] ?? null;
  const set = (field: keyof typeof values) => (event: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [field]: event.target.value }));
    setClientErrors(({ [field]: _cleared, ...rest }) => rest);
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    const input = {
      name: values.name,
      email: values.email,
      password: values.password,
      ...(invitationToken ? { invitationToken } : { organizationName: values.organizationName }),
    };
    const parsed = signUpInput.safeParse(input);
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '_');
        const key = issue.message.startsWith('validation.') ? issue.message : 'validation.invalid';
        errors[field] ??= t(key as 'validation.invalid');
      }
      setClientErrors(errors);
      return;
    }
    signUp.mutate(parsed.data, {
      onSuccess: ({ orgSlug }) => startSignIn(() => signInAfterSignUp(parsed.data.email, values.password, `/${orgSlug}`)),
    });
  }

  const busy = signUp.isPending || signingIn || signUp.isSuccess;
  const formError = signUp.error && Object.keys(serverErrors).length === 0 ? errorMessageOf(signUp.error, t('errors.network')) : null;

  return (
    <form onSubmit={submit} className="space-y-5" noValidate>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <Field
        label={t('auth.name')}
        name="name"
        autoComplete="name"
        required
        value={values.name}
        onChange={set('name')}
        error={errorFor('name')}
      />
      <Field
        label={t('auth.email')}
        name="email"
        type="email"
        autoComplete="email"
        required
        value={values.email}
        onChange={set('email')}
        error={errorFor('email')}
      />
      <Field
        label={t('auth.password')}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        value={values.password}
        onChange={set('password')}
        hint={t('auth.passwordHint')}
        error={errorFor('password')}
      />
      {invitationToken ? null : (
        <Field
          label={t('auth.organizationName')}
          name="organizationName"
          autoComplete="organization"
          required
          value={values.organizationName}
          onChange={set('organizationName')}
          hint={t('auth.organizationHint')}
          error={errorFor('organizationName')}
        />
      )}
      <Button type="submit" size="lg" className="w-full" disabled={busy}>
        {busy ? t('auth.signingUp') : t('auth.signUpButton')}
      </Button>
    </form>
  );
}
