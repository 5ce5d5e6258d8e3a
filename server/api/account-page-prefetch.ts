import 'server-only';
import { dehydrate, QueryClient, type DehydratedState } from '@tanstack/react-query';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { headers } from 'next/headers';
import { createRequestContext } from './context';
import { appRouter } from './root';

/**
 * Everything the account page shows on first paint, read on the server while the page renders
 * and handed to the browser's query cache, so the page opens without a round of requests from
 * the browser (the live subscription aside). The inputs must be exactly the ones the components
 * ask for: a query left out here, or asked for with another input, is fetched again by the
 * browser, and the e2e test that counts the page's requests fails.
 *
 * A query that fails here (a role that may not read it, say) is left out of the cache; the
 * component then asks for it itself and shows its own error.
 */
export async function prefetchAccountPage(input: { orgSlug: string; accountId: string }): Promise<DehydratedState> {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const ctx = await createRequestContext(await headers());
  const trpc = createTRPCOptionsProxy({ router: appRouter, ctx, queryClient });
  const { orgSlug, accountId } = input;
  const account = { orgSlug, accountId };
  const org = { orgSlug };

  await Promise.all([
    // The shell: the bell's unread count.
    queryClient.prefetchQuery(trpc.activity.unreadCount.queryOptions(org)),
    queryClient.prefetchQuery(trpc.me.get.queryOptions()),
    queryClient.prefetchQuery(trpc.member.list.queryOptions(org)),
    // The summary and the header.
    queryClient.prefetchQuery(trpc.account.get.queryOptions(account)),
    queryClient.prefetchQuery(trpc.confirmation.overview.queryOptions(account)),
    queryClient.prefetchQuery(trpc.playbook.suggestions.queryOptions(account)),
    queryClient.prefetchInfiniteQuery(trpc.action.list.infiniteQueryOptions(account, { getNextPageParam: (page) => page.nextCursor })),
    // The sections below it.
    queryClient.prefetchQuery(trpc.account.levelHistory.queryOptions(account)),
    queryClient.prefetchQuery(trpc.signal.list.queryOptions({ orgSlug, includeRetired: true })),
    queryClient.prefetchInfiniteQuery(
      trpc.assessment.list.infiniteQueryOptions({ ...account, limit: 5 }, { getNextPageParam: (page) => page.nextCursor }),
    ),
    queryClient.prefetchQuery(trpc.contact.list.queryOptions(account)),
    queryClient.prefetchQuery(trpc.contact.archived.queryOptions(account)),
    queryClient.prefetchInfiniteQuery(
      trpc.comment.list.infiniteQueryOptions({ ...account, order: 'newest' }, { getNextPageParam: (page) => page.nextCursor }),
    ),
    queryClient.prefetchInfiniteQuery(trpc.activity.feed.infiniteQueryOptions(account, { getNextPageParam: (page) => page.nextCursor })),
    (async () => {
      await queryClient.prefetchQuery(trpc.assessment.current.queryOptions(account));
      // With no round open, members see the form that starts one, which lists who may vote (a viewer's call fails and is left out).
      if (queryClient.getQueryData(trpc.assessment.current.queryKey(account)) === null) {
        await queryClient.prefetchQuery(trpc.assessment.candidates.queryOptions(account));
      }
    })(),
  ]);
  return dehydrate(queryClient);
}
