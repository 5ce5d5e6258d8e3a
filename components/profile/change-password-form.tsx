'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { useValidationMessage } from '@/components/auth/validation-message';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { changePasswordFromForm, type ChangePasswordState } from '@/server/auth/server-functions';

/**
 * Current password, then the new one twice. On success the server signs this browser in again
 * with the new password and comes back here; every other session has ended.
 */
export function ChangePasswordForm({ returnTo }: { returnTo: string }) {
  const t = useTranslations('profile');
  const tAuth = useTranslations('auth');
  const validation = useValidationMessage();
  const [state, formAction, pending] = useActionState<ChangePasswordState, FormData>(changePasswordFromForm, {
    error: null,
    fieldErrors: {},
  });
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmPassword, setConfirmPassword] = useState('');
  return (
    <form action={formAction} className="max-w-md space-y-5" noValidate>
      <input type="hidden" name="returnTo" value={returnTo} />
      {state.error === 'tooManyAttempts' ? <Alert tone="error">{t('tooManyAttempts')}</Alert> : null}
      {state.error === 'noPassword' ? <Alert tone="error">{t('noPasswordBody')}</Alert> : null}
      <Field
        label={t('currentPassword')}
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        value={currentPassword}
        onChange={(e) => setCurrentPassword(e.target.value)}
        error={state.error === 'wrongPassword' ? t('wrongPassword') : validation(state.fieldErrors.currentPassword)}
      />
      <Field
        label={t('newPassword')}
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
        label={t('confirmPassword')}
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        value={confirmPassword}
        onChange={(e) => setConfirmPassword(e.target.value)}
        error={state.error === 'passwordsDiffer' ? t('passwordsDiffer') : null}
      />
      <Button type="submit" disabled={pending}>
        {pending ? t('changingPassword') : t('changePasswordButton')}
      </Button>
    </form>
  );
}
