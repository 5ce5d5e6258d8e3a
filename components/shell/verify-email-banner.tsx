'use client';

import { useMutation } from '@tanstack/react-query';
import { MailCheck } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { errorMessageOf, useTRPC } from '@/components/trpc';
import { Button } from '@/components/ui/button';

/**
 * Shown on every page until the person has opened the link that proves their address. Rung stays
 * usable meanwhile; what waits for the proof is joining another organization (and single sign-on
 * finding this account).
 */
export function VerifyEmailBanner({ email }: { email: string }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const resend = useMutation(trpc.auth.resendVerification.mutationOptions());

  let outcome: string | null = null;
  if (resend.data) {
    if (resend.data.alreadyVerified) outcome = t('verifyEmail.alreadyVerified');
    else outcome = resend.data.emailed ? t('verifyEmail.resent', { email }) : t('verifyEmail.resentToOutbox');
  }

  return (
    <section
      aria-labelledby="verify-email-banner"
      className="mb-6 flex flex-col gap-3 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-950 ring-1 ring-amber-200 ring-inset sm:flex-row sm:items-center sm:justify-between"
    >
      <div className="flex min-w-0 gap-3">
        <MailCheck className="mt-0.5 size-5 shrink-0 text-amber-700" aria-hidden />
        <div className="min-w-0">
          <p id="verify-email-banner" className="font-medium break-words">
            {t('verifyEmail.bannerText', { email })}
          </p>
          <p className="mt-0.5 text-amber-900">{t('verifyEmail.bannerWhy')}</p>
          <p role="status" aria-live="polite" className="mt-1 empty:hidden">
            {outcome ?? (resend.error ? errorMessageOf(resend.error, t('errors.network')) : null)}
          </p>
        </div>
      </div>
      <Button
        variant="secondary"
        size="sm"
        className="shrink-0 self-start sm:self-center"
        disabled={resend.isPending}
        onClick={() => resend.mutate()}
      >
        {resend.isPending ? t('verifyEmail.resending') : t('verifyEmail.resend')}
      </Button>
    </section>
  );
}
