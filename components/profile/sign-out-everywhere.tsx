'use client';

import { LogOut } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useFormStatus } from 'react-dom';
import { Button } from '@/components/ui/button';
import { signOutEverywhere } from '@/server/auth/server-functions';

function SubmitButton() {
  const t = useTranslations('profile');
  const { pending } = useFormStatus();
  return (
    <Button type="submit" variant="danger" disabled={pending}>
      <LogOut className="size-4" aria-hidden />
      {pending ? t('signingOut') : t('signOutEverywhereButton')}
    </Button>
  );
}

/** Ends every session, this one too; the sign-in page then says what happened. */
export function SignOutEverywhere() {
  return (
    <form action={signOutEverywhere}>
      <SubmitButton />
    </form>
  );
}
