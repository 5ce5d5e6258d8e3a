import 'server-only';

/**
 * Which streams had events lately (an account's, a person's notifications), as one process heard
 * them: enough to tell a new subscriber whether what its page shows may be older than the stream.
 * Events published before a subscription opens never reach it (NOTIFY is not stored), so a page
 * loaded at 10:00:00 that subscribes at 10:00:02 would miss a vote cast at 10:00:01 without this.
 */

/** How far back this remembers; a page's data older than this always counts as changed. */
export const RECENT_EVENTS_MS = 10 * 60_000;

/**
 * The shortest window looked at. The page's age comes from the browser's clock, or from the
 * server's when the data was rendered there, and the two need not agree: a refetch too many
 * costs one request, one too few leaves the page stale.
 */
export const CATCH_UP_MIN_WINDOW_MS = 10_000;

export class RecentEvents {
  /** When the current LISTEN was put in place: nothing is known of the time before. */
  private listeningSince: number | null = null;
  private readonly lastEventAt = new Map<string, number>();
  private prunedAt = 0;

  listening(now = Date.now()): void {
    this.listeningSince = now;
  }

  /** `stream`: what a subscriber follows, e.g. `account:<org>:<account>`. */
  record(stream: string, now = Date.now()): void {
    this.lastEventAt.set(stream, now);
    if (now - this.prunedAt < 60_000) return;
    this.prunedAt = now;
    for (const [key, at] of this.lastEventAt) if (now - at > RECENT_EVENTS_MS) this.lastEventAt.delete(key);
  }

  /** Did the stream have an event in the last `dataAgeMs` (at least the minimum window)? Unknown counts as yes. */
  changedSince(stream: string, dataAgeMs: number, now = Date.now()): boolean {
    const window = Math.max(dataAgeMs, CATCH_UP_MIN_WINDOW_MS);
    if (window > RECENT_EVENTS_MS || this.listeningSince === null || this.listeningSince > now - window) return true;
    return (this.lastEventAt.get(stream) ?? -Infinity) >= now - window;
  }
}
