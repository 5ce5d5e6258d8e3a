'use client';

import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

export function VerifyEmail({ token }: { token: string }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const verify = useMutation(trpc.auth.verifyEmail.mutationOptions());

  if (verify.isSuccess) {
    return (
      <div className="mt-4 space-y-6">
        <Alert tone="success">
          <p className="font-medium">{t('verifyEmail.doneTitle')}</p>
          <p className="mt-1">{t('verifyEmail.doneBody')}</p>
        </Alert>
        <Button asChild size="lg" className="w-full">
          <Link href="/">{t('verifyEmail.goToApp')}</Link>
        </Button>
      </div>
    );
  }

  // An unusable link says so in the page's own words; anything else is the network or the server.
  const refused = verify.error?.data?.code === 'NOT_FOUND' || verify.error?.data?.code === 'BAD_REQUEST';
  return (
    <div className="mt-2 space-y-6">
      <p className="text-sm text-slate-600">{t('verifyEmail.body')}</p>
      {refused ? (
        <Alert tone="error">
          <p className="font-medium">{t('verifyEmail.invalidTitle')}</p>
          <p className="mt-1">{t('verifyEmail.invalidBody')}</p>
        </Alert>
      ) : verify.error ? (
        <Alert tone="error">{t('errors.network')}</Alert>
      ) : null}
      {refused ? (
        <Button asChild variant="secondary" size="lg" className="w-full">
          <Link href="/">{t('verifyEmail.goToApp')}</Link>
        </Button>
      ) : (
        <Button size="lg" className="w-full" disabled={verify.isPending} onClick={() => verify.mutate({ token })}>
          {verify.isPending ? t('verifyEmail.confirming') : t('verifyEmail.confirm')}
        </Button>
      )}
    </div>
  );
}
