import { describe, expect, it } from 'vitest';
import { CATCH_UP_MIN_WINDOW_MS, RECENT_EVENTS_MS, RecentEvents } from '@/server/runtime/recent-events';

const T0 = 1_000_000_000;
const minute = 60_000;

/** A process that has been listening since T0. */
function listeningSinceT0(): RecentEvents {
  const recent = new RecentEvents();
  recent.listening(T0);
  return recent;
}

describe('RecentEvents: did a stream change since a page loaded its data?', () => {
  it('yes for an event after the load, no for one before it or on another stream', () => {
    const recent = listeningSinceT0();
    recent.record('org-1:acc-1', T0 + 5 * minute);
    const now = T0 + 6 * minute;
    expect(recent.changedSince('org-1:acc-1', 2 * minute, now)).toBe(true);
    expect(recent.changedSince('org-1:acc-1', 30_000, now)).toBe(false);
    expect(recent.changedSince('org-1:acc-2', 2 * minute, now)).toBe(false);
    expect(recent.changedSince('org-2:acc-1', 2 * minute, now)).toBe(false);
  });

  it('looks at least the minimum window back, whatever age the browser reports (its clock may be behind)', () => {
    const recent = listeningSinceT0();
    const now = T0 + 5 * minute;
    recent.record('org-1:acc-1', now - CATCH_UP_MIN_WINDOW_MS + 1_000);
    expect(recent.changedSince('org-1:acc-1', 0, now)).toBe(true);
    recent.record('org-1:acc-2', now - CATCH_UP_MIN_WINDOW_MS - 1_000);
    expect(recent.changedSince('org-1:acc-2', 0, now)).toBe(false);
  });

  it('counts as changed what it cannot know: before the first LISTEN, before the latest one, older than it remembers', () => {
    const never = new RecentEvents();
    expect(never.changedSince('org-1:acc-1', 0, T0)).toBe(true);

    const recent = listeningSinceT0();
    const now = T0 + 3 * minute;
    expect(recent.changedSince('org-1:acc-1', minute, now)).toBe(false);
    // The LISTEN dropped and came back a minute ago: what was published in between is unknown.
    recent.listening(now - minute);
    expect(recent.changedSince('org-1:acc-1', 30_000, now)).toBe(false);
    expect(recent.changedSince('org-1:acc-1', 2 * minute, now)).toBe(true);

    const longAgo = listeningSinceT0();
    expect(longAgo.changedSince('org-1:acc-1', RECENT_EVENTS_MS + 1, T0 + 60 * minute)).toBe(true);
  });

  it('forgets events older than it needs, and still answers for the recent ones', () => {
    const recent = listeningSinceT0();
    recent.record('org-1:old', T0 + minute);
    recent.record('org-1:new', T0 + 12 * minute);
    const now = T0 + 13 * minute;
    expect(recent.changedSince('org-1:new', 5 * minute, now)).toBe(true);
    expect(recent.changedSince('org-1:old', 5 * minute, now)).toBe(false);
    expect((recent as unknown as { lastEventAt: Map<string, number> }).lastEventAt.has('org-1:old')).toBe(false);
  });
});
