'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useCallback, useRef } from 'react';
import { useOrg } from '@/components/shell/org-context';
import { useTRPC } from '@/components/trpc';

/**
 * Keeps an account page current while teammates work on it: one live subscription per page
 * (server-sent events, fed by Postgres LISTEN/NOTIFY). Each event refetches every query on the
 * page that is about this account (any procedure whose input names this `accountId`), so votes,
 * reveal, close, comments and actions appear without a reload.
 *
 * `polling` is true while the live connection is down (after an error, until it reconnects):
 * callers then refetch on an interval instead.
 */
export function useAccountEvents(accountId: string): { polling: boolean } {
  const trpc = useTRPC();
  const org = useOrg();
  const queryClient = useQueryClient();

  const refreshAccount = useCallback(
    () =>
      queryClient.invalidateQueries({
        predicate: (query) => {
          const meta = query.queryKey[1] as { input?: { accountId?: unknown } } | undefined;
          return meta?.input?.accountId === accountId;
        },
      }),
    [queryClient, accountId],
  );

  const connectedBefore = useRef(false);
  const subscription = useSubscription(
    trpc.assessment.onAccountEvent.subscriptionOptions(
      { orgSlug: org.slug, accountId },
      {
        onData: () => void refreshAccount(),
        onStarted: () => {
          // After a reconnect, something may have happened while we were away; the first connect has fresh data.
          if (connectedBefore.current) void refreshAccount();
          connectedBefore.current = true;
        },
      },
    ),
  );

  const polling = subscription.status === 'error' || (subscription.status === 'connecting' && subscription.error !== null);
  return { polling };
}
