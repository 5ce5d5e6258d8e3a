'use client';

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Popover } from 'radix-ui';
import { Bell, CheckCheck } from 'lucide-react';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useId, useState } from 'react';
import { useOrg } from '@/components/shell/org-context';
import { errorMessageOf, useTRPC, type RouterOutputs } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { RelativeTime } from '@/components/ui/relative-time';
import { Skeleton } from '@/components/ui/skeleton';
import { cn } from '@/lib/cn';

type Page = RouterOutputs['activity']['notifications'];
type Notification = Page['notifications'][number];

/**
 * The bell in the app shell: the number of unread notifications, and a popover listing them
 * (mentions, actions handed over), each linking to its account. Opening one marks it read;
 * "Mark all read" clears the count. Both show at once and roll back if the server refuses.
 *
 * The count and list are kept current by NotificationStream (one per page, however many bells
 * the layout shows), and opening the panel refetches both.
 */
export function NotificationBell({ className }: { className?: string }) {
  const t = useTranslations('notifications');
  const tAll = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const titleId = useId();

  const countInput = { orgSlug: org.slug };
  const countKey = trpc.activity.unreadCount.queryKey(countInput);
  const unread = useQuery(trpc.activity.unreadCount.queryOptions(countInput, { staleTime: 15_000 }));
  const listInput = { orgSlug: org.slug };
  const listKey = trpc.activity.notifications.infiniteQueryKey(listInput);
  const list = useInfiniteQuery(
    trpc.activity.notifications.infiniteQueryOptions(listInput, {
      enabled: open,
      getNextPageParam: (page) => page.nextCursor,
      staleTime: 0,
    }),
  );
  const items = list.data?.pages.flatMap((page) => page.notifications) ?? [];
  const count = unread.data?.unread ?? 0;
  // The list may be fresher than the count (it is fetched on opening): either one showing unread is enough.
  const anyUnread = count > 0 || items.some((item) => !item.readAt);

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    // Opening always shows what is there now, whatever the stream or the cache says.
    if (next) {
      void queryClient.invalidateQueries({ queryKey: countKey });
      void queryClient.invalidateQueries({ queryKey: listKey });
    }
  };

  const markRead = useMutation(
    trpc.activity.markRead.mutationOptions({
      onMutate: async ({ notificationIds }) => {
        await Promise.all([queryClient.cancelQueries({ queryKey: listKey }), queryClient.cancelQueries({ queryKey: countKey })]);
        const previousList = queryClient.getQueryData(listKey);
        const previousCount = queryClient.getQueryData(countKey);
        const hits = (n: Notification) => !n.readAt && (!notificationIds || notificationIds.includes(n.id));
        const now = new Date();
        let cleared = 0;
        queryClient.setQueryData(listKey, (data) =>
          data
            ? {
                ...data,
                pages: data.pages.map((page) => ({
                  ...page,
                  notifications: page.notifications.map((n) => {
                    if (!hits(n)) return n;
                    cleared++;
                    return { ...n, readAt: now };
                  }),
                })),
              }
            : data,
        );
        queryClient.setQueryData(countKey, (data) => (data ? { unread: notificationIds ? Math.max(0, data.unread - cleared) : 0 } : data));
        return { previousList, previousCount };
      },
      onError: (error, _input, context) => {
        if (context?.previousList) queryClient.setQueryData(listKey, context.previousList);
        if (context?.previousCount) queryClient.setQueryData(countKey, context.previousCount);
        // sonner loads on demand: the bell is on every page, a failed "mark read" is rare.
        const message = errorMessageOf(error, tAll('errors.network'));
        void import('sonner').then(({ toast }) => toast.error(message));
      },
      onSettled: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.activity.unreadCount.pathKey() });
      },
    }),
  );

  return (
    <Popover.Root open={open} onOpenChange={onOpenChange}>
      <Popover.Trigger
        className={cn('relative rounded-md p-1.5 text-slate-700 hover:bg-slate-100 hover:text-slate-900', className)}
        aria-label={count > 0 ? t('bellUnread', { count }) : t('bell')}
      >
        <Bell className="size-5" aria-hidden />
        {count > 0 ? (
          <span
            className="absolute -top-0.5 -right-0.5 inline-flex min-w-4.5 items-center justify-center rounded-full bg-red-600 px-1 text-[11px] leading-4.5 font-semibold text-white"
            aria-hidden
          >
            {count > 9 ? '9+' : count}
          </span>
        ) : null}
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          align="end"
          sideOffset={8}
          collisionPadding={12}
          aria-labelledby={titleId}
          className="z-50 flex max-h-[min(32rem,80vh)] w-[min(24rem,calc(100vw-1.5rem))] flex-col overflow-hidden rounded-xl bg-white shadow-lg ring-1 ring-slate-200 focus:outline-none"
        >
          <div className="flex items-center justify-between gap-3 border-b border-slate-200 px-4 py-3">
            <h2 id={titleId} className="text-sm font-semibold text-slate-900">
              {t('title')}
            </h2>
            {anyUnread ? (
              <Button variant="ghost" size="sm" onClick={() => markRead.mutate({ orgSlug: org.slug })}>
                <CheckCheck className="size-4" aria-hidden />
                {t('markAllRead')}
              </Button>
            ) : null}
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto">
            {list.isPending ? (
              <div className="space-y-3 p-4">
                {[0, 1, 2].map((i) => (
                  <Skeleton key={i} className="h-10 w-full" />
                ))}
              </div>
            ) : list.isError ? (
              <div className="p-4">
                <Alert tone="error">{errorMessageOf(list.error, tAll('errors.network'))}</Alert>
              </div>
            ) : items.length === 0 ? (
              <div className="px-4 py-8 text-center">
                <p className="text-sm font-medium text-slate-900">{t('emptyTitle')}</p>
                <p className="mt-1 text-sm text-slate-600">{t('emptyBody')}</p>
              </div>
            ) : (
              <ul className="divide-y divide-slate-100">
                {items.map((item) => (
                  <li key={item.id}>
                    <NotificationLink
                      item={item}
                      onOpen={() => {
                        if (!item.readAt) markRead.mutate({ orgSlug: org.slug, notificationIds: [item.id] });
                        setOpen(false);
                      }}
                    />
                  </li>
                ))}
              </ul>
            )}
            {list.hasNextPage ? (
              <div className="border-t border-slate-200 px-4 py-2">
                <Button variant="ghost" size="sm" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                  {list.isFetchingNextPage ? tAll('common.loading') : t('loadMore')}
                </Button>
              </div>
            ) : null}
          </div>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

function NotificationLink({ item, onOpen }: { item: Notification; onOpen: () => void }) {
  const t = useTranslations('notifications');
  const org = useOrg();
  const actor = item.actorName ?? t('someone');
  const account = item.accountName ?? t('anAccount');
  const sentence =
    item.kind === 'mention'
      ? t('mentioned', { actor, account })
      : item.kind === 'action_assigned'
        ? t('actionAssigned', { actor, account })
        : item.kind === 'customer_answer'
          ? t('customerAnswered', { account })
          : t('generic', { account });
  const detail =
    item.kind === 'mention' || item.kind === 'customer_answer' ? item.excerpt : item.kind === 'action_assigned' ? item.title : null;
  const anchor =
    item.kind === 'mention'
      ? '#comments'
      : item.kind === 'action_assigned'
        ? '#actions'
        : item.kind === 'customer_answer'
          ? '#customer'
          : '';
  const href = item.accountId ? `/${org.slug}/accounts/${item.accountId}${anchor}` : `/${org.slug}/actions`;
  return (
    <Link
      href={href}
      onClick={onOpen}
      className={cn('flex gap-3 px-4 py-3 hover:bg-slate-50 focus-visible:bg-slate-50', !item.readAt && 'bg-brand-50/40')}
    >
      <span className={cn('mt-1.5 size-2 shrink-0 rounded-full', item.readAt ? 'bg-transparent' : 'bg-brand-600')} aria-hidden />
      <span className="min-w-0 flex-1">
        <span className="block text-sm text-slate-900">
          {sentence}
          {!item.readAt ? <span className="sr-only"> ({t('unread')})</span> : null}
        </span>
        {detail ? <span className="mt-0.5 block truncate text-sm text-slate-600">{detail}</span> : null}
        <span className="mt-0.5 block text-xs text-slate-500">
          <RelativeTime date={item.createdAt} />
        </span>
      </span>
    </Link>
  );
}
