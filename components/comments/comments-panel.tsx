'use client';

import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { MessageSquare } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { LoadError } from '@/components/load-error';
import { useOrg } from '@/components/shell/org-context';
import { errorMessageOf, useTRPC, type RouterOutputs } from '@/components/trpc';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { RelativeTime } from '@/components/ui/relative-time';
import { Skeleton } from '@/components/ui/skeleton';
import { cn } from '@/lib/cn';
import { COMMENT_MAX, mentionedIn, splitMentions } from '@/server/domain/mentions';
import { MentionTextarea } from './mention-textarea';

type Page = RouterOutputs['comment']['list'];
type Comment = Page['comments'][number];
const PENDING = 'pending-';

/**
 * The conversation on an account: comments oldest to newest with the latest at the bottom, and a
 * composer that @mentions teammates. A posted comment shows at once; if the server refuses, it
 * disappears again and its text goes back into the composer.
 */
export function CommentsPanel({ accountId }: { accountId: string }) {
  const t = useTranslations('comments');
  const tAll = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const input = { orgSlug: org.slug, accountId, order: 'newest' as const };
  const list = useInfiniteQuery(trpc.comment.list.infiniteQueryOptions(input, { getNextPageParam: (page) => page.nextCursor }));
  const me = useQuery(trpc.me.get.queryOptions());
  // Pages come newest first; the conversation reads top to bottom.
  const comments = useMemo(() => (list.data?.pages.flatMap((page) => page.comments) ?? []).reverse(), [list.data]);

  return (
    <Card>
      <CardHeader title={t('title')} description={t('subtitle')} />
      {list.isPending ? (
        <div className="space-y-4 px-4 py-5 sm:px-6">
          {[0, 1].map((i) => (
            <div key={i} className="space-y-2">
              <Skeleton className="h-4 w-40" />
              <Skeleton className="h-10 w-full" />
            </div>
          ))}
        </div>
      ) : list.isError ? (
        <div className="px-4 py-5 sm:px-6">
          <LoadError error={list.error} onRetry={() => list.refetch()} />
        </div>
      ) : (
        <>
          {list.hasNextPage ? (
            <div className="px-4 pt-4 sm:px-6">
              <Button variant="ghost" size="sm" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                {list.isFetchingNextPage ? tAll('common.loading') : t('showEarlier')}
              </Button>
            </div>
          ) : null}
          {comments.length === 0 ? (
            <div className="flex flex-col items-center gap-2 px-4 py-8 text-center sm:px-6">
              <MessageSquare className="size-6 text-slate-400" aria-hidden />
              <p className="text-sm font-medium text-slate-900">{t('emptyTitle')}</p>
              <p className="max-w-prose text-sm text-slate-600">{org.can('member') ? t('emptyBody') : t('emptyBodyViewer')}</p>
            </div>
          ) : (
            <ol className="space-y-5 px-4 py-5 sm:px-6" aria-label={t('title')}>
              {comments.map((comment) => (
                <CommentItem key={comment.id} comment={comment} myUserId={me.data?.user.id} />
              ))}
            </ol>
          )}
        </>
      )}
      {org.can('member') ? (
        <Composer accountId={accountId} listKey={trpc.comment.list.infiniteQueryKey(input)} me={me.data?.user} />
      ) : (
        <p className="border-t border-slate-200 px-4 py-3 text-sm text-slate-600 sm:px-6">{t('viewerNotice')}</p>
      )}
    </Card>
  );
}

function initials(name: string): string {
  return (
    name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((part) => part[0]!.toUpperCase())
      .join('') || '?'
  );
}

function CommentItem({ comment, myUserId }: { comment: Comment; myUserId: string | undefined }) {
  const t = useTranslations('comments');
  const pending = comment.id.startsWith(PENDING);
  return (
    <li className={cn('flex gap-3', pending && 'opacity-60')}>
      <span
        className="inline-flex size-8 shrink-0 items-center justify-center rounded-full bg-slate-200 text-xs font-semibold text-slate-700"
        aria-hidden
      >
        {initials(comment.authorName)}
      </span>
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-baseline gap-x-2 text-sm">
          <span className="font-medium text-slate-900">{comment.authorName}</span>
          <span className="text-xs text-slate-500">{pending ? t('posting') : <RelativeTime date={comment.createdAt} />}</span>
        </p>
        <p className="mt-1 text-sm break-words whitespace-pre-wrap text-slate-800">
          {splitMentions(comment.body, comment.mentions).map((segment, index) =>
            segment.kind === 'mention' ? (
              <span
                key={index}
                className={cn(
                  'rounded px-0.5 font-medium',
                  segment.userId === myUserId ? 'bg-amber-100 text-amber-900' : 'bg-brand-50 text-brand-800',
                )}
              >
                {segment.text}
              </span>
            ) : (
              <span key={index}>{segment.text}</span>
            ),
          )}
        </p>
      </div>
    </li>
  );
}

function Composer({
  accountId,
  listKey,
  me,
}: {
  accountId: string;
  listKey: readonly unknown[];
  me: { id: string; name: string } | undefined;
}) {
  const t = useTranslations('comments');
  const tAll = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const members = useQuery(trpc.member.list.queryOptions({ orgSlug: org.slug }));
  const people = useMemo(() => (members.data ?? []).map((m) => ({ userId: m.userId, name: m.name })), [members.data]);

  const create = useMutation(
    trpc.comment.create.mutationOptions({
      onMutate: async (input) => {
        setError(null);
        await queryClient.cancelQueries({ queryKey: listKey });
        const previous = queryClient.getQueryData<InfiniteData<Page>>(listKey);
        const createdAt = new Date();
        const optimistic: Comment = {
          id: `${PENDING}${createdAt.getTime()}`,
          accountId,
          body: input.body.trim(),
          createdAt,
          authorUserId: me?.id ?? '',
          authorName: me?.name ?? '',
          mentions: people.filter((p) => input.mentionedUserIds?.includes(p.userId)),
        };
        queryClient.setQueryData<InfiniteData<Page>>(listKey, (data) =>
          data?.pages.length
            ? { ...data, pages: [{ ...data.pages[0]!, comments: [optimistic, ...data.pages[0]!.comments] }, ...data.pages.slice(1)] }
            : data,
        );
        setText('');
        return { previous, body: input.body };
      },
      onError: (err, _input, context) => {
        if (context?.previous) queryClient.setQueryData(listKey, context.previous);
        // Give the writer their words back, unless they have started typing something new.
        setText((current) => (current.trim() === '' ? (context?.body ?? current) : current));
        setError(errorMessageOf(err, tAll('errors.network')));
      },
      onSettled: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.comment.list.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.activity.feed.pathKey() });
      },
    }),
  );

  const length = text.trim().length;
  const tooLong = length > COMMENT_MAX;
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (length === 0 || tooLong || create.isPending) return;
    create.mutate({ orgSlug: org.slug, accountId, body: text, mentionedUserIds: mentionedIn(text, people) });
  };

  return (
    <form onSubmit={submit} className="space-y-2 border-t border-slate-200 px-4 py-4 sm:px-6" noValidate>
      <label htmlFor={`${id}-body`} className="block text-sm font-medium text-slate-800">
        {t('composerLabel')}
      </label>
      <MentionTextarea
        id={`${id}-body`}
        value={text}
        onChange={(value) => {
          setText(value);
          if (error) setError(null);
        }}
        people={people}
        onSubmit={() => submit()}
        rows={3}
        placeholder={t('placeholder')}
        aria-invalid={tooLong || error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
      />
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
        <p id={`${id}-hint`} className={cn('text-xs', tooLong ? 'font-semibold text-red-700' : 'text-slate-600')}>
          {tooLong ? t('tooLong', { count: length, max: COMMENT_MAX }) : t('hint')}
        </p>
        <Button type="submit" size="sm" disabled={length === 0 || tooLong || create.isPending}>
          {create.isPending ? t('posting') : t('post')}
        </Button>
      </div>
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}
