'use client';

import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { errorMessageOf, useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

export function AcceptInvitation({ token, orgName }: { token: string; orgName: string }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const accept = useMutation(
    trpc.invitation.accept.mutationOptions({
      onSuccess: ({ orgSlug }) => {
        router.push(`/${orgSlug}`);
        router.refresh();
      },
    }),
  );
  const busy = accept.isPending || accept.isSuccess;
  return (
    <div className="space-y-4">
      {accept.error ? <Alert tone="error">{errorMessageOf(accept.error, t('errors.network'))}</Alert> : null}
      <Button size="lg" className="w-full" disabled={busy} onClick={() => accept.mutate({ token })}>
        {busy ? t('invite.accepting') : t('invite.accept', { org: orgName })}
      </Button>
    </div>
  );
}
