'use client';

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Building2, CircleDot, ListChecks, MessageSquare, UserRound, Vote } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { LoadError } from '@/components/load-error';
import { useOrg } from '@/components/shell/org-context';
import { useTRPC } from '@/components/trpc';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { RelativeTime } from '@/components/ui/relative-time';
import { Skeleton } from '@/components/ui/skeleton';
import { useDescribeEvent } from './describe-event';

const icons: Record<string, typeof CircleDot> = {
  account: Building2,
  assessment: Vote,
  action: ListChecks,
  comment: MessageSquare,
  contact: UserRound,
};

/** What happened on the account, newest first, in sentences: edits, assessments, votes, actions, comments. */
export function ActivityPanel({ accountId }: { accountId: string }) {
  const t = useTranslations('activity');
  const tAll = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const feed = useInfiniteQuery(
    trpc.activity.feed.infiniteQueryOptions({ orgSlug: org.slug, accountId }, { getNextPageParam: (page) => page.nextCursor }),
  );
  const members = useQuery(trpc.member.list.queryOptions({ orgSlug: org.slug }));
  const names = useMemo(() => new Map((members.data ?? []).map((m) => [m.userId, m.name])), [members.data]);
  const describe = useDescribeEvent((userId) => names.get(userId) ?? null);
  const events = feed.data?.pages.flatMap((page) => page.events) ?? [];

  return (
    <Card>
      <CardHeader title={t('title')} />
      {feed.isPending ? (
        <div className="space-y-3 px-4 py-4 sm:px-6">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} className="h-8 w-full" />
          ))}
        </div>
      ) : feed.isError ? (
        <div className="px-4 py-4 sm:px-6">
          <LoadError error={feed.error} onRetry={() => feed.refetch()} />
        </div>
      ) : events.length === 0 ? (
        <p className="px-4 py-5 text-sm text-slate-600 sm:px-6">{t('empty')}</p>
      ) : (
        <>
          <ol className="space-y-3 px-4 py-4 sm:px-6">
            {events.map((event) => {
              const Icon = icons[event.entityType] ?? CircleDot;
              return (
                <li key={event.id} className="flex gap-3 text-sm">
                  <span
                    className="mt-0.5 inline-flex size-6 shrink-0 items-center justify-center rounded-full bg-slate-100 text-slate-600"
                    aria-hidden
                  >
                    <Icon className="size-3.5" />
                  </span>
                  <div className="min-w-0 flex-1">
                    {describe(event).map((sentence, index) => (
                      <p key={index} className="break-words text-slate-800">
                        {sentence}
                      </p>
                    ))}
                    <p className="text-xs text-slate-500">
                      <RelativeTime date={event.createdAt} />
                    </p>
                  </div>
                </li>
              );
            })}
          </ol>
          {feed.hasNextPage ? (
            <div className="border-t border-slate-200 px-4 py-3 sm:px-6">
              <Button variant="secondary" size="sm" disabled={feed.isFetchingNextPage} onClick={() => void feed.fetchNextPage()}>
                {feed.isFetchingNextPage ? tAll('common.loading') : t('loadMore')}
              </Button>
            </div>
          ) : null}
        </>
      )}
    </Card>
  );
}
