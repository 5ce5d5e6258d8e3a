'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useActionState, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { requestPasswordResetFromForm, type PasswordResetRequestState } from '@/server/auth/server-functions';
import { useValidationMessage } from './validation-message';

/** Asks for a reset link. The answer is the same whether or not the email has an account. */
export function ForgotPasswordForm() {
  const t = useTranslations('passwordReset');
  const tAuth = useTranslations('auth');
  const validation = useValidationMessage();
  const [state, formAction, pending] = useActionState<PasswordResetRequestState, FormData>(requestPasswordResetFromForm, {
    outcome: null,
    fieldErrors: {},
  });
  const [email, setEmail] = useState('');
  return (
    <form action={formAction} className="space-y-5" noValidate>
      {state.outcome === 'sent' ? <Alert tone="success">{t('requestSent')}</Alert> : null}
      {state.outcome === 'tooManyAttempts' ? <Alert tone="error">{t('tooManyRequests')}</Alert> : null}
      <Field
        label={tAuth('email')}
        name="email"
        type="email"
        autoComplete="email"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={validation(state.fieldErrors.email)}
      />
      <Button type="submit" size="lg" className="w-full" disabled={pending}>
        {pending ? t('requesting') : t('requestButton')}
      </Button>
      <p className="text-sm">
        <Link href="/sign-in" className="font-medium text-brand-700 underline-offset-2 hover:underline">
          {t('backToSignIn')}
        </Link>
      </p>
    </form>
  );
}
