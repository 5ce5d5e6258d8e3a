'use client';

import { useQuery } from '@tanstack/react-query';
import { Archive, ArrowLeft, ExternalLink, Pencil } from 'lucide-react';
import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useState } from 'react';
import { LoadError } from '@/components/load-error';
import { useOrg } from '@/components/shell/org-context';
import { useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { RelativeTime } from '@/components/ui/relative-time';
import { Skeleton } from '@/components/ui/skeleton';
import { AccountFacts } from './account-facts';
import { FollowButton } from './follow-button';

/** The archive button while its confirmation dialog loads: in place, not yet pressable. */
function ArchivePlaceholder() {
  const t = useTranslations('accounts.header');
  return (
    <Button variant="ghost" disabled>
      <Archive className="size-4" aria-hidden />
      {t('archive')}
    </Button>
  );
}

// Archiving and restoring are rare: their dialogs and mutations load after the page has rendered.
const ArchiveAccountButton = dynamic(() => import('./archive-account-button').then((module) => module.ArchiveAccountButton), {
  ssr: false,
  loading: ArchivePlaceholder,
});
const RestoreAccountButton = dynamic(() => import('./restore-account-button').then((module) => module.RestoreAccountButton), {
  ssr: false,
});

// The edit form loads when someone opens it: its fields and selects stay out of the page's first load.
const AccountFormDialog = dynamic(() => import('./account-form-dialog').then((module) => module.AccountFormDialog), { ssr: false });

/**
 * The top of the account page: who the customer is, where the relationship stands (team,
 * customer and effective level with the gap, the target), and the actions on the account itself.
 */
export function AccountHeader({ accountId }: { accountId: string }) {
  const t = useTranslations('accounts.header');
  const tc = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const account = useQuery(trpc.account.get.queryOptions({ orgSlug: org.slug, accountId }));
  const [editing, setEditing] = useState(false);

  if (account.isPending) {
    return (
      <Card className="space-y-4 p-6" aria-busy="true" aria-label={tc('common.loading')}>
        <Skeleton className="h-4 w-24" />
        <Skeleton className="h-8 w-64" />
        <div className="grid gap-3 sm:grid-cols-3">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-24" />
          ))}
        </div>
        <div className="grid grid-cols-2 gap-4 md:grid-cols-4">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-10" />
          ))}
        </div>
      </Card>
    );
  }
  if (account.isError) {
    return <LoadError error={account.error} onRetry={() => account.refetch()} lead={t('loadFailed')} />;
  }

  const a = account.data;
  const canEdit = org.can('member');
  const archived = a.archivedAt !== null;

  return (
    <Card>
      <div className="space-y-4 px-4 pt-4 pb-5 sm:px-6">
        <Link href={`/${org.slug}/accounts`} className="inline-flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900">
          <ArrowLeft className="size-4" aria-hidden />
          {t('backToList')}
        </Link>
        <div className="flex flex-col gap-4 lg:flex-row lg:items-start lg:justify-between">
          <div className="min-w-0">
            <h1 className="text-2xl font-semibold tracking-tight break-words text-slate-900">{a.name}</h1>
            <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600">
              {a.domain ? (
                <a
                  href={`https://${a.domain}`}
                  target="_blank"
                  rel="noopener noreferrer"
                  className="inline-flex items-center gap-1 hover:text-brand-700"
                  aria-label={t('visitWebsite', { domain: a.domain })}
                >
                  {a.domain}
                  <ExternalLink className="size-3.5" aria-hidden />
                </a>
              ) : null}
              {a.segment ? (
                <span className="rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-medium text-slate-700">{a.segment}</span>
              ) : null}
              {archived ? (
                <span className="rounded-full bg-slate-200 px-2.5 py-0.5 text-xs font-medium text-slate-800">
                  {tc('accounts.archivedBadge')}
                </span>
              ) : null}
            </div>
          </div>
          {canEdit ? (
            <div className="flex flex-wrap gap-2 lg:shrink-0">
              {archived ? (
                <RestoreAccountButton account={a} />
              ) : (
                <>
                  <FollowButton account={a} />
                  <Button variant="secondary" aria-haspopup="dialog" onClick={() => setEditing(true)}>
                    <Pencil className="size-4" aria-hidden />
                    {t('edit')}
                  </Button>
                  {editing ? <AccountFormDialog account={a} open onOpenChange={setEditing} /> : null}
                  <ArchiveAccountButton account={a} />
                </>
              )}
            </div>
          ) : null}
        </div>

        {archived ? <Alert tone="warning">{t.rich('archivedNotice', { when: () => <RelativeTime date={a.archivedAt!} /> })}</Alert> : null}

        <AccountFacts account={a} />
      </div>
    </Card>
  );
}
