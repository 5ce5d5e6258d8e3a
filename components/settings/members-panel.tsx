'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { LoadError } from '@/components/load-error';
import { useOrg } from '@/components/shell/org-context';
import { errorMessageOf, useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { Dialog, DialogClose } from '@/components/ui/dialog';
import { RelativeTime } from '@/components/ui/relative-time';
import { Select } from '@/components/ui/select';
import { Skeleton } from '@/components/ui/skeleton';
import { canAssignRole } from '@/server/domain/roles';
import { roles, type Role } from '@/server/inputs/common';
import { InviteDialog } from './invite-dialog';
import { InvitationsCard } from './invitations-card';

interface MemberRow {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: Date;
}

export function MembersPanel({ currentUserId }: { currentUserId: string }) {
  const t = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const listKey = trpc.member.list.queryKey({ orgSlug: org.slug });
  const members = useQuery(trpc.member.list.queryOptions({ orgSlug: org.slug }));
  const [removing, setRemoving] = useState<MemberRow | null>(null);

  const changeRole = useMutation(
    trpc.member.changeRole.mutationOptions({
      // The new role shows at once; if the server refuses, the old one comes back with the reason.
      onMutate: async ({ membershipId, role }) => {
        await queryClient.cancelQueries({ queryKey: listKey });
        const previous = queryClient.getQueryData(listKey);
        queryClient.setQueryData(listKey, (rows) => rows?.map((m) => (m.membershipId === membershipId ? { ...m, role } : m)));
        return { previous };
      },
      onError: (error, _vars, context) => {
        if (context?.previous) queryClient.setQueryData(listKey, context.previous);
        toast.error(errorMessageOf(error, t('errors.network')));
      },
      onSuccess: (_data, { membershipId, role }) => {
        const member = members.data?.find((m) => m.membershipId === membershipId);
        toast.success(t('members.roleChanged', { name: member?.name ?? '', role: t(`roles.${role}.name`) }));
        if (member?.userId === currentUserId) router.refresh();
      },
      onSettled: () => queryClient.invalidateQueries({ queryKey: listKey }),
    }),
  );

  const remove = useMutation(
    trpc.member.remove.mutationOptions({
      onSuccess: () => {
        toast.success(t('members.removed', { name: removing?.name ?? '' }));
        setRemoving(null);
        if (removing?.userId === currentUserId) {
          router.push('/');
          router.refresh();
        }
      },
      onSettled: () => queryClient.invalidateQueries({ queryKey: listKey }),
    }),
  );

  const canManage = org.can('admin');

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader
          title={t('members.title')}
          description={canManage ? t('members.subtitle', { org: org.name }) : t('members.onlyAdmins')}
          action={canManage ? <InviteDialog /> : undefined}
        />
        {members.isPending ? (
          <div className="space-y-3 px-4 py-5 sm:px-6" aria-busy="true" aria-label={t('common.loading')}>
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} className="h-10 w-full" />
            ))}
          </div>
        ) : members.isError ? (
          <div className="px-4 py-5 sm:px-6">
            <LoadError error={members.error} onRetry={() => members.refetch()} />
          </div>
        ) : (
          <table className="w-full text-sm">
            <caption className="sr-only">{t('members.tableCaption', { org: org.name })}</caption>
            <thead className="hidden bg-slate-50 text-left text-xs font-medium text-slate-600 uppercase sm:table-header-group">
              <tr>
                <th scope="col" className="px-6 py-2.5">
                  {t('members.colName')}
                </th>
                <th scope="col" className="w-48 px-3 py-2.5">
                  {t('members.colRole')}
                </th>
                <th scope="col" className="w-36 px-3 py-2.5">
                  {t('members.colJoined')}
                </th>
                {canManage ? (
                  <th scope="col" className="w-28 px-6 py-2.5">
                    <span className="sr-only">{t('members.colActions')}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {members.data.map((member) => {
                const isSelf = member.userId === currentUserId;
                const assignable = roles.filter((r) => r === member.role || canAssignRole(org.role, member.role, r));
                const editable = canManage && canAssignRole(org.role, member.role, null);
                // Leaving is done from General settings, with its own warning; no "remove myself" here.
                const removable = editable && !isSelf;
                return (
                  <tr
                    key={member.membershipId}
                    className="flex flex-wrap items-center gap-x-3 gap-y-2 px-4 py-3 sm:table-row sm:px-0 sm:py-0"
                  >
                    <td className="w-full sm:w-auto sm:px-6 sm:py-3">
                      <p className="font-medium text-slate-900">
                        {member.name} {isSelf ? <span className="font-normal text-slate-500">({t('common.you')})</span> : null}
                      </p>
                      <p className="text-slate-600">{member.email}</p>
                    </td>
                    <td className="w-44 sm:px-3 sm:py-3">
                      {editable ? (
                        <Select
                          label={t('members.roleFor', { name: member.name })}
                          value={member.role}
                          disabled={changeRole.isPending}
                          onValueChange={(role) =>
                            changeRole.mutate({ orgSlug: org.slug, membershipId: member.membershipId, role: role as Role })
                          }
                          options={assignable.map((r) => ({
                            value: r,
                            label: t(`roles.${r}.name`),
                            description: t(`roles.${r}.description`),
                          }))}
                        />
                      ) : (
                        <span className="inline-flex rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-medium text-slate-700">
                          {t(`roles.${member.role}.name`)}
                        </span>
                      )}
                    </td>
                    <td className="hidden text-slate-600 sm:table-cell sm:px-3 sm:py-3">
                      <RelativeTime date={member.joinedAt} />
                    </td>
                    {canManage ? (
                      <td className="ml-auto sm:px-6 sm:py-3 sm:text-right">
                        {removable ? (
                          <Button
                            variant="ghost"
                            size="sm"
                            aria-label={t('members.removeFor', { name: member.name })}
                            onClick={() => {
                              remove.reset();
                              setRemoving(member);
                            }}
                          >
                            {t('members.remove')}
                          </Button>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Card>

      {canManage ? <InvitationsCard /> : null}

      <Dialog
        open={removing !== null}
        onOpenChange={(open) => !open && setRemoving(null)}
        title={t('members.removeTitle', { name: removing?.name ?? '' })}
        description={t('members.removeBody', { name: removing?.name ?? '', org: org.name })}
      >
        {remove.error ? (
          <Alert tone="error" className="mb-4">
            {errorMessageOf(remove.error, t('errors.network'))}
          </Alert>
        ) : null}
        <div className="flex justify-end gap-3">
          <DialogClose asChild>
            <Button variant="secondary">{t('common.cancel')}</Button>
          </DialogClose>
          <Button
            variant="danger"
            disabled={remove.isPending}
            onClick={() => removing && remove.mutate({ orgSlug: org.slug, membershipId: removing.membershipId })}
          >
            {t('members.removeConfirm')}
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
