/**
 * When an account page refetches because of its live subscription. Pure, so the rules are
 * unit-tested without a browser.
 *
 * The subscription can lose events two ways, and neither may leave the page stale:
 * - the server's own LISTEN connection dropped and came back: it sends `resync`;
 * - the page's connection to the server broke (network, server restart): the subscription
 *   reconnects by itself, and whatever was published meanwhile never reaches it.
 * Either way the page refetches everything it shows. An ordinary event concerns this account only.
 */

/** What the subscription reported, reduced to what matters for freshness. */
export type LiveSignal =
  /** The stream is open: the first time, or again after a reconnect. */
  | { kind: 'started' }
  | { kind: 'event'; type: string }
  /** An error: nothing arrives until the stream is open again. */
  | { kind: 'interrupted' };

export interface LiveState {
  /** The stream has been open before: another start means a reconnect. */
  opened: boolean;
  /** It broke since it was last open (or before it ever opened). */
  interrupted: boolean;
}

export const initialLiveState: LiveState = { opened: false, interrupted: false };

export type LiveRefetch = 'none' | 'account' | 'everything';

export function onLiveSignal(state: LiveState, signal: LiveSignal): { state: LiveState; refetch: LiveRefetch } {
  switch (signal.kind) {
    case 'started':
      // The page loaded its data before the first start; any later start, or a start after an error, follows a gap.
      return { state: { opened: true, interrupted: false }, refetch: state.opened || state.interrupted ? 'everything' : 'none' };
    case 'event':
      return { state, refetch: signal.type === 'resync' ? 'everything' : 'account' };
    case 'interrupted':
      return { state: { ...state, interrupted: true }, refetch: 'none' };
  }
}

/**
 * The subscription's callbacks, each reduced to a LiveSignal for `apply`: the same for every live
 * stream (an account's events, a person's notifications).
 */
export function liveSignalHandlers(apply: (signal: LiveSignal) => void) {
  return {
    onData: (event: { type: string }) => apply({ kind: 'event', type: event.type }),
    onStarted: () => apply({ kind: 'started' }),
    onError: () => apply({ kind: 'interrupted' }),
    onConnectionStateChange: (state: { state: string; error: unknown }) => {
      if (state.state === 'connecting' && state.error) apply({ kind: 'interrupted' });
    },
  };
}

/**
 * How long ago the oldest of these queries got its data (their `dataUpdatedAt`; 0 = never): what a
 * live stream is told, so it can start with a catch-up. 0 when none has data yet, since the server
 * still looks a few seconds back.
 */
export function ageOfData(loadedAt: readonly number[], now = Date.now()): number {
  const loaded = loadedAt.filter((at) => at > 0);
  return loaded.length === 0 ? 0 : Math.max(0, Math.round(now - Math.min(...loaded)));
}
