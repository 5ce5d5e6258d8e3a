'use client';

import { useQueryClient, type Query } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useOrg } from '@/components/shell/org-context';
import { useTRPC } from '@/components/trpc';
import { ageOfData, initialLiveState, liveSignalHandlers, onLiveSignal, type LiveSignal, type LiveState } from './live-refresh';

/**
 * Keeps an account page current while teammates work on it: one live subscription per page
 * (server-sent events, fed by Postgres LISTEN/NOTIFY). Each event refetches every query on the
 * page that is about this account (any procedure whose input names this `accountId`), so votes,
 * reveal, close, comments and actions appear without a reload. After a gap in the stream (the
 * server's `resync`, or this page's own reconnect) every query the page shows is refetched:
 * see live-refresh.ts.
 *
 * Events committed before the subscription opened cannot reach it, so it tells the server how old
 * the page's data is, and the server starts the stream with a catch-up when the account changed
 * since (one more refetch, only then).
 *
 * While the live connection is down (after an error, until it reconnects) the same queries are
 * refetched every few seconds instead, and `polling` is true so the page can say so.
 */
const POLL_MS = 5_000;

/** A query of this page about this account: any procedure whose input names this `accountId`. */
const aboutAccount = (accountId: string) => (query: Query) => {
  const meta = query.queryKey[1] as { input?: { accountId?: unknown } } | undefined;
  return meta?.input?.accountId === accountId;
};

export function useAccountEvents(accountId: string): { polling: boolean } {
  const trpc = useTRPC();
  const org = useOrg();
  const queryClient = useQueryClient();

  const refreshAccount = useCallback(() => queryClient.invalidateQueries({ predicate: aboutAccount(accountId) }), [queryClient, accountId]);
  // Once per account: a new input would open a new subscription.
  const dataAgeMs = useMemo(
    () =>
      ageOfData(
        queryClient
          .getQueryCache()
          .findAll({ predicate: aboutAccount(accountId) })
          .map((query) => query.state.dataUpdatedAt),
      ),
    [queryClient, accountId],
  );

  // Per account: a page that switches accounts starts over with a fresh subscription.
  const live = useRef<{ accountId: string; state: LiveState }>({ accountId, state: initialLiveState });
  const apply = (signal: LiveSignal) => {
    const current = live.current.accountId === accountId ? live.current.state : initialLiveState;
    const { state, refetch } = onLiveSignal(current, signal);
    live.current = { accountId, state };
    if (refetch === 'account') void refreshAccount();
    // Active queries refetch now; the others are marked stale and refetch when next shown.
    if (refetch === 'everything') void queryClient.invalidateQueries();
  };
  const subscription = useSubscription(
    trpc.assessment.onAccountEvent.subscriptionOptions({ orgSlug: org.slug, accountId, dataAgeMs }, liveSignalHandlers(apply)),
  );

  const polling = subscription.status === 'error' || (subscription.status === 'connecting' && subscription.error !== null);
  useEffect(() => {
    if (!polling) return;
    const timer = setInterval(() => void refreshAccount(), POLL_MS);
    return () => clearInterval(timer);
  }, [polling, refreshAccount]);
  return { polling };
}
