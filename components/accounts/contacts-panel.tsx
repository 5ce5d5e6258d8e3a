'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FileUp, Mail, Pencil, Plus, RotateCcw, Trash2, UserRound } from 'lucide-react';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState } from 'react';
import { toast } from 'sonner';
import { LoadError } from '@/components/load-error';
import { useOrg } from '@/components/shell/org-context';
import { errorMessageOf, useTRPC } from '@/components/trpc';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { Dialog, DialogClose } from '@/components/ui/dialog';
import { RelativeTime } from '@/components/ui/relative-time';
import { Skeleton } from '@/components/ui/skeleton';
import { isLocale } from '@/i18n/config';
import { cn } from '@/lib/cn';
import { ContactFormDialog } from './contact-form-dialog';
import type { ContactRow } from './types';

const roleTone: Record<ContactRow['buyingRole'], string> = {
  economic_buyer: 'bg-amber-50 text-amber-900 ring-amber-200',
  technical: 'bg-sky-50 text-sky-900 ring-sky-200',
  user: 'bg-teal-50 text-teal-900 ring-teal-200',
  coach: 'bg-violet-50 text-violet-900 ring-violet-200',
  other: 'bg-slate-100 text-slate-700 ring-slate-200',
};

/** The people at the account: the ones who will confirm the level from the customer's side. */
export function ContactsPanel({ accountId }: { accountId: string }) {
  const t = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const contacts = useQuery(trpc.contact.list.queryOptions({ orgSlug: org.slug, accountId }));
  const account = useQuery(trpc.account.get.queryOptions({ orgSlug: org.slug, accountId }));
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<ContactRow | null>(null);
  const [removing, setRemoving] = useState<ContactRow | null>(null);
  // Archived accounts are read-only until restored; the server refuses changes to them too.
  const canEdit = org.can('member') && account.data?.archivedAt === null;

  return (
    <Card>
      <CardHeader
        title={t('contacts.title')}
        description={t('contacts.description')}
        action={
          canEdit ? (
            <div className="flex flex-wrap items-center gap-2">
              <Button variant="ghost" size="sm" asChild>
                <Link href={`/${org.slug}/accounts/import?kind=contacts`}>
                  <FileUp className="size-4" aria-hidden />
                  {t('accounts.contactImport.openFromPanel')}
                </Link>
              </Button>
              <ContactFormDialog
                accountId={accountId}
                open={adding}
                onOpenChange={setAdding}
                trigger={
                  <Button variant="secondary" size="sm">
                    <Plus className="size-4" aria-hidden />
                    {t('contacts.add')}
                  </Button>
                }
              />
            </div>
          ) : undefined
        }
      />
      {contacts.isPending ? (
        <div className="space-y-3 px-4 py-4 sm:px-6" aria-busy="true" aria-label={t('common.loading')}>
          <Skeleton className="h-10 w-full" />
          <Skeleton className="h-10 w-full" />
        </div>
      ) : contacts.isError ? (
        <div className="px-4 py-4 sm:px-6">
          <LoadError error={contacts.error} onRetry={() => contacts.refetch()} lead={t('contacts.loadFailed')} />
        </div>
      ) : contacts.data.length === 0 ? (
        <div className="flex items-start gap-3 px-4 py-5 text-sm text-slate-600 sm:px-6">
          <UserRound className="mt-0.5 size-5 shrink-0 text-slate-400" aria-hidden />
          <p>{t('contacts.empty')}</p>
        </div>
      ) : (
        <ul className="divide-y divide-slate-200">
          {contacts.data.map((contact) => (
            <li
              key={contact.id}
              className={cn('flex items-start gap-3 px-4 py-3 sm:px-6', contact.id.startsWith('pending-') && 'opacity-60')}
            >
              <div className="min-w-0 flex-1">
                <p className="font-medium text-slate-900">{contact.name}</p>
                {contact.title ? <p className="text-sm text-slate-600">{contact.title}</p> : null}
                <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs">
                  <span
                    className={cn('rounded-full px-2 py-0.5 font-medium ring-1 ring-inset', roleTone[contact.buyingRole])}
                    title={t(`contacts.buyingRoles.${contact.buyingRole}.description`)}
                  >
                    {t(`contacts.buyingRoles.${contact.buyingRole}.name`)}
                  </span>
                  {contact.email ? (
                    <a
                      href={`mailto:${contact.email}`}
                      className="inline-flex min-w-0 items-center gap-1 text-slate-600 hover:text-brand-700"
                      aria-label={t('contacts.emailTo', { name: contact.name })}
                    >
                      <Mail className="size-3.5 shrink-0" aria-hidden />
                      <span className="truncate">{contact.email}</span>
                    </a>
                  ) : null}
                  {isLocale(contact.language) ? (
                    <span className="text-slate-500">{t(`common.languageName.${contact.language}`)}</span>
                  ) : null}
                </div>
              </div>
              {canEdit && !contact.id.startsWith('pending-') ? (
                <div className="flex shrink-0 gap-1">
                  <Button
                    variant="ghost"
                    size="sm"
                    className="px-2"
                    aria-label={t('contacts.editFor', { name: contact.name })}
                    title={t('contacts.editFor', { name: contact.name })}
                    onClick={() => setEditing(contact)}
                  >
                    <Pencil className="size-4" aria-hidden />
                  </Button>
                  <Button
                    variant="ghost"
                    size="sm"
                    className="px-2"
                    aria-label={t('contacts.removeFor', { name: contact.name })}
                    title={t('contacts.removeFor', { name: contact.name })}
                    onClick={() => setRemoving(contact)}
                  >
                    <Trash2 className="size-4" aria-hidden />
                  </Button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <ArchivedContacts accountId={accountId} canEdit={canEdit} />
      {editing ? (
        <ContactFormDialog accountId={accountId} contact={editing} open onOpenChange={(open) => !open && setEditing(null)} />
      ) : null}
      {removing ? <RemoveContactDialog accountId={accountId} contact={removing} onClose={() => setRemoving(null)} /> : null}
    </Card>
  );
}

function RemoveContactDialog({ accountId, contact, onClose }: { accountId: string; contact: ContactRow; onClose: () => void }) {
  const t = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listKey = trpc.contact.list.queryKey({ orgSlug: org.slug, accountId });
  const archive = useMutation(
    trpc.contact.archive.mutationOptions({
      // Gone from the list at once; back with the reason if the server refuses.
      onMutate: async () => {
        await queryClient.cancelQueries({ queryKey: listKey });
        const previous = queryClient.getQueryData(listKey);
        queryClient.setQueryData(listKey, (rows) => rows?.filter((row) => row.id !== contact.id));
        onClose();
        return { previous };
      },
      onError: (error, _input, context) => {
        if (context?.previous) queryClient.setQueryData(listKey, context.previous);
        toast.error(errorMessageOf(error, t('errors.network')));
      },
      onSuccess: () => toast.success(t('contacts.removed', { name: contact.name })),
      // Their answers stop counting: every level on the page may move.
      onSettled: () => invalidateAccountLevels(queryClient, trpc),
    }),
  );
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={t('contacts.removeTitle', { name: contact.name })}
      description={t('contacts.removeBody', { name: contact.name })}
    >
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <DialogClose asChild>
          <Button variant="secondary">{t('common.cancel')}</Button>
        </DialogClose>
        <Button variant="danger" disabled={archive.isPending} onClick={() => archive.mutate({ orgSlug: org.slug, contactId: contact.id })}>
          {t('contacts.removeConfirm')}
        </Button>
      </div>
    </Dialog>
  );
}

type Trpc = ReturnType<typeof useTRPC>;
type QueryClient = ReturnType<typeof useQueryClient>;

/** After a contact is removed or restored: the contacts, and every level built on their answers. */
function invalidateAccountLevels(queryClient: QueryClient, trpc: Trpc) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: trpc.contact.pathKey() }),
    queryClient.invalidateQueries({ queryKey: trpc.account.pathKey() }),
    queryClient.invalidateQueries({ queryKey: trpc.confirmation.overview.pathKey() }),
    queryClient.invalidateQueries({ queryKey: trpc.playbook.suggestions.pathKey() }),
  ]);
}

/**
 * Contacts removed from the account, collapsed under a count: their answers no longer count
 * towards the customer level until someone restores them.
 */
function ArchivedContacts({ accountId, canEdit }: { accountId: string; canEdit: boolean }) {
  const t = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const archived = useQuery(trpc.contact.archived.queryOptions({ orgSlug: org.slug, accountId }));
  const archivedKey = trpc.contact.archived.queryKey({ orgSlug: org.slug, accountId });
  const restore = useMutation(
    trpc.contact.restore.mutationOptions({
      // Back in the list at once; the levels follow when the server has rebuilt them.
      onMutate: async ({ contactId }) => {
        await queryClient.cancelQueries({ queryKey: archivedKey });
        const previous = queryClient.getQueryData(archivedKey);
        queryClient.setQueryData(archivedKey, (rows) => rows?.filter((row) => row.id !== contactId));
        return { previous };
      },
      onError: (error, _input, context) => {
        if (context?.previous) queryClient.setQueryData(archivedKey, context.previous);
        toast.error(errorMessageOf(error, t('errors.network')));
      },
      onSuccess: (_result, { contactId }) => {
        const name = archived.data?.find((c) => c.id === contactId)?.name ?? '';
        toast.success(t('contacts.restored', { name }));
      },
      onSettled: () => invalidateAccountLevels(queryClient, trpc),
    }),
  );
  if (!archived.data || archived.data.length === 0) return null;
  return (
    <details className="group border-t border-slate-200">
      <summary className="cursor-pointer px-4 py-3 text-sm font-medium text-slate-700 hover:text-slate-900 sm:px-6">
        {t('contacts.archivedCount', { count: archived.data.length })}
      </summary>
      <ul className="divide-y divide-slate-100 pb-2">
        {archived.data.map((contact) => (
          <li key={contact.id} className="flex items-center gap-3 px-4 py-2 sm:px-6">
            <div className="min-w-0 flex-1">
              <p className="text-sm text-slate-700">{contact.name}</p>
              <p className="text-xs text-slate-500">
                {t(`contacts.buyingRoles.${contact.buyingRole}.name`)}
                {contact.archivedAt ? (
                  <> · {t.rich('contacts.removedOn', { when: () => <RelativeTime date={contact.archivedAt} /> })}</>
                ) : null}
              </p>
            </div>
            {canEdit ? (
              <Button
                variant="ghost"
                size="sm"
                aria-label={t('contacts.restoreFor', { name: contact.name })}
                disabled={restore.isPending}
                onClick={() => restore.mutate({ orgSlug: org.slug, contactId: contact.id })}
              >
                <RotateCcw className="size-4" aria-hidden />
                {t('contacts.restore')}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
    </details>
  );
}
