'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ArrowLeft, Archive, Bell, BellRing, ExternalLink, Pencil, RotateCcw } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { toast } from 'sonner';
import { EffectiveLevelBadge, GapBadge, LevelBadge } from '@/components/levels/level-badge';
import { useOrg } from '@/components/shell/org-context';
import { errorMessageOf, useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Dialog, DialogClose } from '@/components/ui/dialog';
import { RelativeTime } from '@/components/ui/relative-time';
import { Skeleton } from '@/components/ui/skeleton';
import { cn } from '@/lib/cn';
import { AccountFormDialog } from './account-form-dialog';
import { EconomicBuyerBadge } from './economic-buyer-badge';
import { useAccountFormat } from './format';
import type { AccountDetails } from './types';

function Fact({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  return (
    <div className={cn('min-w-0', className)}>
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-1 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

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
    return (
      <Alert tone="error">
        {t('loadFailed')} {errorMessageOf(account.error, tc('errors.network'))}{' '}
        <button type="button" className="font-medium underline" onClick={() => account.refetch()}>
          {tc('common.retry')}
        </button>
      </Alert>
    );
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
              {a.segment ? <span className="rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-medium text-slate-700">{a.segment}</span> : null}
              {archived ? <span className="rounded-full bg-slate-200 px-2.5 py-0.5 text-xs font-medium text-slate-800">{tc('accounts.archivedBadge')}</span> : null}
            </div>
          </div>
          {canEdit ? (
            <div className="flex flex-wrap gap-2">
              {archived ? (
                <RestoreButton account={a} />
              ) : (
                <>
                  <FollowButton account={a} />
                  <AccountFormDialog
                    account={a}
                    open={editing}
                    onOpenChange={setEditing}
                    trigger={
                      <Button variant="secondary">
                        <Pencil className="size-4" aria-hidden />
                        {t('edit')}
                      </Button>
                    }
                  />
                  <ArchiveButton account={a} />
                </>
              )}
            </div>
          ) : null}
        </div>

        {archived ? (
          <Alert tone="warning">
            {t.rich('archivedNotice', { when: () => <RelativeTime date={a.archivedAt!} /> })}
          </Alert>
        ) : null}

        <AccountFacts account={a} />
      </div>
    </Card>
  );
}

function AccountFacts({ account: a }: { account: AccountDetails }) {
  const t = useTranslations('accounts.header');
  const tc = useTranslations('accounts');
  const { money, calendarDate } = useAccountFormat();
  return (
    <>
      <AccountLevels account={a} />
      <dl className="grid grid-cols-2 gap-x-6 gap-y-4 border-t border-slate-200 pt-4 md:grid-cols-4">
        <Fact label={t('target')} className="col-span-2 md:col-span-2">
          {a.targetLevel === null ? (
            <span className="text-slate-500">{t('none')}</span>
          ) : (
            <span className="inline-flex flex-wrap items-center gap-1.5">
              <LevelBadge level={a.targetLevel} />
              {a.targetDate ? <span className="text-slate-700">{tc('targetBy', { date: calendarDate(a.targetDate) ?? '' })}</span> : null}
              <TargetProgress target={a.targetLevel} effective={a.effectiveLevel} />
            </span>
          )}
        </Fact>
        <Fact label={t('owner')}>{a.ownerName ?? <span className="text-slate-500">{tc('noOwner')}</span>}</Fact>
        <Fact label={t('revenue')}>
          {a.annualRevenue === null ? <span className="text-slate-500">{t('none')}</span> : <span className="tabular-nums">{money(a.annualRevenue, a.currency)}</span>}
        </Fact>
      </dl>
      {a.notes ? (
        <div className="border-t border-slate-200 pt-4">
          <h2 className="text-xs font-medium text-slate-500">{t('notes')}</h2>
          <p className="mt-1 max-w-prose text-sm whitespace-pre-line text-slate-800">{a.notes}</p>
        </div>
      ) : null}
      <p className="text-xs text-slate-500">
        {t('followers', { count: a.followers.length })}
        {a.followers.length > 0 ? `: ${a.followers.map((f) => f.name).join(', ')}` : null}
        {a.updatedByName ? (
          <>
            {' · '}
            {t('editedBy', { name: a.updatedByName })} <RelativeTime date={a.updatedAt} />
          </>
        ) : null}
      </p>
    </>
  );
}

/** How far the effective level is from the target: reached, or how many levels to go. */
function TargetProgress({ target, effective }: { target: number; effective: number | null }) {
  const t = useTranslations('accounts.header');
  if (effective === null) return null;
  const toGo = target - effective;
  return (
    <span
      title={t('targetBasis')}
      className={cn(
        'rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset',
        toGo <= 0 ? 'bg-emerald-50 text-emerald-800 ring-emerald-200' : 'bg-slate-100 text-slate-700 ring-slate-200',
      )}
    >
      {toGo <= 0 ? t('targetReached') : t('targetToGo', { count: toGo })}
      <span className="sr-only"> ({t('targetBasis')})</span>
    </span>
  );
}

function LevelBlock({ label, children, detail, className }: { label: string; children: ReactNode; detail: ReactNode; className?: string }) {
  return (
    <div className={cn('min-w-0 rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200 ring-inset', className)}>
      <dt className="text-xs font-medium text-slate-600">{label}</dt>
      <dd className="mt-1.5 flex flex-wrap items-center gap-2">{children}</dd>
      <dd className="mt-1.5 text-xs leading-relaxed text-slate-600">{detail}</dd>
    </div>
  );
}

/**
 * The three levels stated plainly: the team's (when it assessed), the customer's (how many
 * stakeholders it rests on, the newest answer, until when it holds, or since when no answer is
 * fresh), and the effective level built on them, with the perception gap and the economic
 * buyer's dissent.
 */
function AccountLevels({ account: a }: { account: AccountDetails }) {
  const t = useTranslations('accounts.header');
  const tAll = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const format = useFormatter();
  // The customer panel on the same page reads the same query: no second request.
  const overview = useQuery(trpc.confirmation.overview.queryOptions({ orgSlug: org.slug, accountId: a.id }));
  const day = (date: Date) => format.dateTime(date, { dateStyle: 'medium' });
  const run = a.customerRun;
  const askLink = !a.archivedAt ? (
    <a href="#customer" className="font-medium text-brand-700 underline-offset-2 hover:underline">
      {t('askCustomer')}
    </a>
  ) : null;

  let customerDetail: ReactNode;
  if (a.customerLevel !== null) {
    const respondents = overview.data?.customer.respondents;
    customerDetail = (
      <>
        {respondents !== undefined ? `${t('customerCount', { count: respondents })} · ` : null}
        {a.customerLevelAt ? t.rich('newestAnswer', { when: () => <RelativeTime date={a.customerLevelAt!} /> }) : null}
        {run?.until ? (
          <>
            {' · '}
            {t('countsUntil', { date: day(run.until) })}
          </>
        ) : null}
      </>
    );
  } else if (run && run.previousLevel !== null) {
    customerDetail = (
      <>
        {t('agedOut', { level: run.previousLevel, date: day(run.since), months: overview.data?.freshnessMonths ?? 12 })} {askLink}
      </>
    );
  } else if (overview.data?.stakeholders.some((s) => s.contactArchived)) {
    // Answers were given, but only by people since removed from the contacts.
    customerDetail = (
      <>
        {t('onlyRemovedAnswered')} {askLink}
      </>
    );
  } else {
    customerDetail = (
      <>
        {t('neverAnswered')} {askLink}
      </>
    );
  }

  const eb = a.economicBuyerDissent && a.economicBuyerLevel !== null && a.customerLevel !== null;
  return (
    <div className="space-y-3 border-t border-slate-200 pt-4">
      <dl className="grid gap-3 sm:grid-cols-3">
        <LevelBlock
          label={t('teamLevel')}
          detail={a.teamLevelAt ? t.rich('teamAssessed', { when: () => <RelativeTime date={a.teamLevelAt!} /> }) : t('teamNotAssessed')}
        >
          <LevelBadge level={a.teamLevel} />
        </LevelBlock>
        <LevelBlock label={t('customerLevel')} detail={customerDetail}>
          {a.customerLevel === null && run ? (
            <span className="inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium text-slate-600 ring-1 ring-slate-300 ring-inset">{t('noFreshAnswer')}</span>
          ) : (
            <LevelBadge level={a.customerLevel} emptyLabel={tAll('accounts.filters.notConfirmed')} />
          )}
          {eb ? <EconomicBuyerBadge /> : null}
        </LevelBlock>
        <LevelBlock
          label={t('effectiveLevel')}
          className="bg-white ring-brand-600/30"
          detail={a.effectiveSource === 'customer' ? t('effectiveFromCustomer') : a.effectiveSource === 'team' ? t('effectiveFromTeam') : t('effectiveNone')}
        >
          <EffectiveLevelBadge level={a.effectiveLevel} source={a.effectiveSource} />
          {a.gap !== null && a.gap !== 0 ? (
            <span className="inline-flex items-center gap-1">
              <span className="sr-only">{t('perceptionGap')}:</span>
              <GapBadge gap={a.gap} />
            </span>
          ) : a.gap === 0 ? (
            <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-slate-200 ring-inset" title={t('noGapHint')}>
              {t('noGap')}
            </span>
          ) : null}
        </LevelBlock>
      </dl>
      {eb ? (
        <Alert tone="warning">
          {tAll('accounts.economicBuyer.detail', { level: a.economicBuyerLevel!, customer: a.customerLevel!, diff: Math.abs(a.economicBuyerLevel! - a.customerLevel!) })}
        </Alert>
      ) : null}
    </div>
  );
}

/** Following is shown at once and rolled back with a message if the server refuses. */
function FollowButton({ account }: { account: AccountDetails }) {
  const t = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const key = trpc.account.get.queryKey({ orgSlug: org.slug, accountId: account.id });
  const me = useQuery(trpc.me.get.queryOptions());

  const options = {
    onMutate: async () => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData(key);
      const following = !account.following;
      const myId = me.data?.user.id;
      queryClient.setQueryData(key, (old) =>
        old
          ? {
              ...old,
              following,
              followers: following
                ? [...old.followers, ...(myId ? [{ userId: myId, name: me.data!.user.name }] : [])]
                : old.followers.filter((f) => f.userId !== myId),
            }
          : old,
      );
      return { previous };
    },
    onError: (error: unknown, _input: unknown, context: { previous?: AccountDetails } | undefined) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
      toast.error(errorMessageOf(error, t('errors.network')));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  };
  const follow = useMutation(trpc.account.follow.mutationOptions({ ...options, onSuccess: () => toast.success(t('accounts.header.followed', { name: account.name })) }));
  const unfollow = useMutation(trpc.account.unfollow.mutationOptions({ ...options, onSuccess: () => toast.success(t('accounts.header.unfollowed', { name: account.name })) }));
  const busy = follow.isPending || unfollow.isPending;

  return (
    <Button
      variant={account.following ? 'secondary' : 'ghost'}
      aria-pressed={account.following}
      title={t('accounts.header.followHint')}
      disabled={busy}
      onClick={() => (account.following ? unfollow : follow).mutate({ orgSlug: org.slug, accountId: account.id })}
    >
      {account.following ? <BellRing className="size-4" aria-hidden /> : <Bell className="size-4" aria-hidden />}
      {account.following ? t('accounts.header.following') : t('accounts.header.follow')}
    </Button>
  );
}

function ArchiveButton({ account }: { account: AccountDetails }) {
  const t = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const archive = useMutation(
    trpc.account.archive.mutationOptions({
      onSuccess: () => {
        toast.success(t('accounts.header.archived', { name: account.name }));
        setOpen(false);
        void queryClient.invalidateQueries({ queryKey: trpc.account.pathKey() });
        router.refresh();
      },
    }),
  );
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        archive.reset();
        setOpen(next);
      }}
      title={t('accounts.header.archiveTitle', { name: account.name })}
      description={t('accounts.header.archiveBody')}
      trigger={
        <Button variant="ghost">
          <Archive className="size-4" aria-hidden />
          {t('accounts.header.archive')}
        </Button>
      }
    >
      {archive.error ? <Alert tone="error" className="mb-4">{errorMessageOf(archive.error, t('errors.network'))}</Alert> : null}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <DialogClose asChild>
          <Button variant="secondary">{t('common.cancel')}</Button>
        </DialogClose>
        <Button variant="danger" disabled={archive.isPending} onClick={() => archive.mutate({ orgSlug: org.slug, accountId: account.id })}>
          {t('accounts.header.archiveConfirm')}
        </Button>
      </div>
    </Dialog>
  );
}

function RestoreButton({ account }: { account: AccountDetails }) {
  const t = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const restore = useMutation(
    trpc.account.unarchive.mutationOptions({
      onSuccess: () => {
        toast.success(t('accounts.header.restored', { name: account.name }));
        void queryClient.invalidateQueries({ queryKey: trpc.account.pathKey() });
        router.refresh();
      },
      onError: (error) => toast.error(errorMessageOf(error, t('errors.network'))),
    }),
  );
  return (
    <Button variant="secondary" disabled={restore.isPending} onClick={() => restore.mutate({ orgSlug: org.slug, accountId: account.id })}>
      <RotateCcw className="size-4" aria-hidden />
      {restore.isPending ? t('accounts.header.restoring') : t('accounts.header.restore')}
    </Button>
  );
}
