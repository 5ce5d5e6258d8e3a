'use client';

import { useQuery } from '@tanstack/react-query';
import { Archive, ArrowLeft, ChevronDown, ExternalLink, Pencil } from 'lucide-react';
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
import { cn } from '@/lib/cn';
import { AccountFacts } from './account-facts';
import { FollowButton } from './follow-button';
import { HEADER_BUTTON, HEADER_BUTTON_LABEL } from './header-button';

/** The archive button while its confirmation dialog loads: in place, not yet pressable. */
function ArchivePlaceholder() {
  const t = useTranslations('accounts.header');
  return (
    <Button variant="ghost" disabled className={HEADER_BUTTON}>
      <Archive className="size-4" aria-hidden />
      <span className={HEADER_BUTTON_LABEL}>{t('archive')}</span>
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
 * The top of the account page: who the customer is, the actions on the account itself, and the
 * facts about it (target, owner, revenue, notes, followers). On a phone it stays short so the
 * summary and the level history come within the first screen: the buttons shrink to icons beside
 * the back link, and the facts open behind a disclosure.
 */
export function AccountHeader({ accountId }: { accountId: string }) {
  const t = useTranslations('accounts.header');
  const tc = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const account = useQuery(trpc.account.get.queryOptions({ orgSlug: org.slug, accountId }));
  const [editing, setEditing] = useState(false);
  const [showFacts, setShowFacts] = useState(false);
  const factsId = `account-facts-${accountId}`;

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
      <div className="px-4 pt-3 pb-3 sm:px-6 sm:pt-4 sm:pb-5">
        {/* Phone: the back link and the buttons share the first row, the name has the second to itself. */}
        <div className="grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3 gap-y-2 sm:gap-y-4 lg:items-start">
          <Link
            href={`/${org.slug}/accounts`}
            className="col-start-1 row-start-1 inline-flex items-center gap-1 justify-self-start text-sm text-slate-600 hover:text-slate-900 sm:col-span-2"
          >
            <ArrowLeft className="size-4" aria-hidden />
            {t('backToList')}
          </Link>
          <div className="col-span-2 row-start-2 min-w-0 sm:col-span-1">
            <h1 className="text-xl font-semibold tracking-tight break-words text-slate-900 sm:text-2xl">{a.name}</h1>
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
              <button
                type="button"
                aria-expanded={showFacts}
                aria-controls={factsId}
                onClick={() => setShowFacts((open) => !open)}
                className="-mx-1 inline-flex items-center gap-1 rounded-md px-1 py-0.5 font-medium text-brand-700 hover:text-brand-800 sm:hidden"
              >
                {t('moreFacts')}
                <ChevronDown className={cn('size-4 transition-transform', showFacts && 'rotate-180')} aria-hidden />
              </button>
              {archived ? (
                <span className="rounded-full bg-slate-200 px-2.5 py-0.5 text-xs font-medium text-slate-800">
                  {tc('accounts.archivedBadge')}
                </span>
              ) : null}
            </div>
          </div>
          {canEdit ? (
            <div className="col-start-2 row-start-1 flex flex-wrap justify-end gap-1 sm:row-start-2 sm:gap-2">
              {archived ? (
                <RestoreAccountButton account={a} />
              ) : (
                <>
                  <FollowButton account={a} />
                  <Button variant="secondary" aria-haspopup="dialog" onClick={() => setEditing(true)} className={HEADER_BUTTON}>
                    <Pencil className="size-4" aria-hidden />
                    <span className={HEADER_BUTTON_LABEL}>{t('edit')}</span>
                  </Button>
                  {editing ? <AccountFormDialog account={a} open onOpenChange={setEditing} /> : null}
                  <ArchiveAccountButton account={a} />
                </>
              )}
            </div>
          ) : null}
        </div>

        {archived ? (
          <Alert tone="warning" className="mt-3 sm:mt-4">
            {t.rich('archivedNotice', { when: () => <RelativeTime date={a.archivedAt!} /> })}
          </Alert>
        ) : null}

        <div id={factsId} className={cn('mt-3 space-y-4 sm:mt-4 sm:block', showFacts ? 'block' : 'hidden')}>
          <AccountFacts account={a} />
        </div>
      </div>
    </Card>
  );
}
