'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useActionState, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { resetPasswordFromForm, type PasswordResetState } from '@/server/auth/server-functions';
import { useValidationMessage } from './validation-message';

/** The new password, twice, for the person a reset link belongs to. */
export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations('passwordReset');
  const tProfile = useTranslations('profile');
  const tAuth = useTranslations('auth');
  const validation = useValidationMessage();
  const [state, formAction, pending] = useActionState<PasswordResetState, FormData>(resetPasswordFromForm, {
    error: null,
    fieldErrors: {},
  });
  // Controlled, so a refused attempt keeps what was typed.
  const [newPassword, setNewPassword] = useState('');
  const [confirmPassword, setConfirmPassword] = useState('');
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <input type="hidden" name="token" value={token} />
      {state.error === 'unusable' ? (
        <Alert tone="error">
          {t('unusableBody')}{' '}
          <Link href="/forgot-password" className="font-medium underline underline-offset-2">
            {t('askAgain')}
          </Link>
        </Alert>
      ) : null}
      <Field
        label={tProfile('newPassword')}
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        hint={tAuth('passwordHint')}
        value={newPassword}
        onChange={(e) => setNewPassword(e.target.value)}
        error={validation(state.fieldErrors.newPassword)}
      />
      <Field
        label={tProfile('confirmPassword')}
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        value={confirmPassword}
        onChange={(e) => setConfirmPassword(e.target.value)}
        error={state.error === 'passwordsDiffer' ? tProfile('passwordsDiffer') : null}
      />
      <Button type="submit" size="lg" className="w-full" disabled={pending}>
        {pending ? t('saving') : t('saveButton')}
      </Button>
    </form>
  );
}
