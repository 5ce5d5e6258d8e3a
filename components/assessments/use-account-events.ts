'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useCallback, useEffect, useRef } from 'react';
import { useOrg } from '@/components/shell/org-context';
import { useTRPC } from '@/components/trpc';

/**
 * Keeps an account page current while teammates work on it: one live subscription per page
 * (server-sent events, fed by Postgres LISTEN/NOTIFY). Each event refetches every query on the
 * page that is about this account (any procedure whose input names this `accountId`), so votes,
 * reveal, close, comments and actions appear without a reload.
 *
 * While the live connection is down (after an error, until it reconnects) the same queries are
 * refetched every few seconds instead, and `polling` is true so the page can say so.
 */
const POLL_MS = 5_000;

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
  useEffect(() => {
    if (!polling) return;
    const timer = setInterval(() => void refreshAccount(), POLL_MS);
    return () => clearInterval(timer);
  }, [polling, refreshAccount]);
  return { polling };
}
