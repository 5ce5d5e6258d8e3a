'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { signInWithPassword, type SignInState } from '@/server/auth/server-functions';

export function SignInForm({ callbackUrl, defaultEmail = '' }: { callbackUrl: string; defaultEmail?: string }) {
  const t = useTranslations('auth');
  const tErrors = useTranslations('errors');
  const [state, formAction, pending] = useActionState<SignInState, FormData>(signInWithPassword, { error: null, email: defaultEmail });
  // Controlled, so a failed attempt keeps what was typed.
  const [email, setEmail] = useState(defaultEmail);
  const [password, setPassword] = useState('');
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {state.error ? (
        <Alert tone="error">{state.error === 'databaseUnavailable' ? tErrors('databaseUnavailable') : t(state.error)}</Alert>
      ) : null}
      <Field
        label={t('email')}
        name="email"
        type="email"
        autoComplete="email"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <Field
        label={t('password')}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <Button type="submit" size="lg" className="w-full" disabled={pending}>
        {pending ? t('signingIn') : t('signInButton')}
      </Button>
    </form>
  );
}
