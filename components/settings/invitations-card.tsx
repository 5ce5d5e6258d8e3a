'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { useOrg } from '@/components/shell/org-context';
import { errorMessageOf, useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { RelativeTime } from '@/components/ui/relative-time';
import { Skeleton } from '@/components/ui/skeleton';
import { cn } from '@/lib/cn';

const statusStyle = {
  pending: 'bg-amber-100 text-amber-900',
  accepted: 'bg-emerald-100 text-emerald-900',
  revoked: 'bg-slate-100 text-slate-700',
  expired: 'bg-slate-100 text-slate-700',
} as const;

export function InvitationsCard() {
  const t = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listKey = trpc.invitation.list.queryKey({ orgSlug: org.slug });
  const invitations = useQuery(trpc.invitation.list.queryOptions({ orgSlug: org.slug }));
  const revoke = useMutation(
    trpc.invitation.revoke.mutationOptions({
      onMutate: async ({ invitationId }) => {
        await queryClient.cancelQueries({ queryKey: listKey });
        const previous = queryClient.getQueryData(listKey);
        queryClient.setQueryData(listKey, (rows) => rows?.map((i) => (i.id === invitationId ? { ...i, status: 'revoked' as const } : i)));
        return { previous };
      },
      onError: (error, _vars, context) => {
        if (context?.previous) queryClient.setQueryData(listKey, context.previous);
        toast.error(errorMessageOf(error, t('errors.network')));
      },
      onSuccess: (_data, { invitationId }) => {
        const email = invitations.data?.find((i) => i.id === invitationId)?.email ?? '';
        toast.success(t('members.revoked', { email }));
      },
      onSettled: () => queryClient.invalidateQueries({ queryKey: listKey }),
    }),
  );

  return (
    <Card>
      <CardHeader title={t('members.pendingTitle')} />
      {invitations.isPending ? (
        <div className="space-y-3 px-4 py-5 sm:px-6">
          <Skeleton className="h-8 w-full" />
          <Skeleton className="h-8 w-2/3" />
        </div>
      ) : invitations.isError ? (
        <div className="px-4 py-5 sm:px-6">
          <Alert tone="error">{errorMessageOf(invitations.error, t('errors.network'))}</Alert>
        </div>
      ) : invitations.data.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-600 sm:px-6">{t('members.pendingEmpty')}</p>
      ) : (
        <ul className="divide-y divide-slate-200">
          {invitations.data.map((invitation) => (
            <li key={invitation.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 text-sm sm:px-6">
              <div className="min-w-0 flex-1">
                <p className="truncate font-medium text-slate-900">{invitation.email}</p>
                <p className="text-slate-600">
                  {t(`roles.${invitation.role}.name`)} · {t('members.colInvitedBy')} {invitation.invitedByName ?? '—'} ·{' '}
                  <RelativeTime date={invitation.createdAt} />
                </p>
              </div>
              <span className={cn('rounded-full px-2.5 py-0.5 text-xs font-medium', statusStyle[invitation.status])}>
                {t(`members.status.${invitation.status}`)}
              </span>
              {invitation.status === 'pending' ? (
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={t('members.revokeFor', { email: invitation.email })}
                  onClick={() => revoke.mutate({ orgSlug: org.slug, invitationId: invitation.id })}
                >
                  {t('members.revoke')}
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
