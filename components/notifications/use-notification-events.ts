'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import {
  ageOfData,
  initialLiveState,
  liveSignalHandlers,
  onLiveSignal,
  type LiveSignal,
  type LiveState,
} from '@/components/assessments/live-refresh';
import { useTRPC } from '@/components/trpc';

/** How often the bell is refreshed while the live stream is down. */
const POLL_MS = 5_000;

/**
 * Keeps every notification bell on the page current: one live subscription to this person's
 * notifications in this organization, so a mention or an action handed over shows on the bell
 * within a second. After a gap in the stream (the server's `resync`, or this page's own
 * reconnect) it refetches as well (live-refresh.ts), and while the stream is down it polls. It
 * tells the server how old the bell's count is, so a notification that came while the stream was
 * opening is caught up on at once.
 * Used once per page (NotificationStream in the app shell), however many bells the layout shows.
 */
export function useNotificationEvents(orgSlug: string): void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();

  const refreshBell = useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.activity.unreadCount.queryKey({ orgSlug }) }),
        queryClient.invalidateQueries({ queryKey: trpc.activity.notifications.infiniteQueryKey({ orgSlug }) }),
      ]),
    [queryClient, trpc, orgSlug],
  );

  // Once per organization: a new input would open a new subscription.
  const dataAgeMs = useMemo(
    () => ageOfData([queryClient.getQueryState(trpc.activity.unreadCount.queryKey({ orgSlug }))?.dataUpdatedAt ?? 0]),
    [queryClient, trpc, orgSlug],
  );

  const live = useRef<LiveState>(initialLiveState);
  const apply = (signal: LiveSignal) => {
    const { state, refetch } = onLiveSignal(live.current, signal);
    live.current = state;
    if (refetch !== 'none') void refreshBell();
  };
  const subscription = useSubscription(trpc.activity.onNotification.subscriptionOptions({ orgSlug, dataAgeMs }, liveSignalHandlers(apply)));

  const polling = subscription.status === 'error' || (subscription.status === 'connecting' && subscription.error !== null);
  useEffect(() => {
    if (!polling) return;
    const timer = setInterval(() => void refreshBell(), POLL_MS);
    return () => clearInterval(timer);
  }, [polling, refreshBell]);
}
