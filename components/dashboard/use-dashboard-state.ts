'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { addDays, defaultPeriod, isIsoDay, toIsoDay, type Granularity } from '@/server/domain/calendar';
import type { LevelSource } from '@/server/domain/dashboard';
import { decodeDrill } from './drill-url';

/**
 * The dashboard's view, kept in the URL so it can be bookmarked and shared with a colleague
 * ("/acme/dashboard?from=2026-01-01&source=customer&weight=revenue&eb=unanswered"). Values that make no sense
 * (typed by hand, or from an old link) fall back to the defaults instead of reaching the server.
 */
export interface DashboardState {
  from: string;
  to: string;
  by: Granularity;
  /** a member's user id, "none", or "" for any */
  owner: string;
  /** a segment, "none", or "" for any */
  segment: string;
  /** "1".."5", "none", or "" for any */
  target: string;
  /** "unanswered": only accounts where no economic buyer has a fresh answer; "" for any */
  eb: '' | 'unanswered';
  /** The lens: effective (the default), team or customer. */
  source: LevelSource;
  weight: 'count' | 'revenue';
  /** The transition matrix's two days; "" means the period's (the day before it starts, and its last day). */
  a: string;
  b: string;
  /** The open drill-down (drill-url.ts), "" for none; with the period of a chart's column when it is not the page's, and its page (1-based, "" for the first). */
  drill: string;
  drillFrom: string;
  drillTo: string;
  drillPage: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const day = (value: string | null) => (value && isIsoDay(value) ? value : '');

function todayUtc(): string {
  return toIsoDay(new Date());
}

function parse(params: URLSearchParams, today: string): DashboardState {
  const get = (key: string) => params.get(key) ?? '';
  const defaults = defaultPeriod(today);
  let from = day(get('from')) || defaults.from;
  const to = day(get('to')) || (from > today ? from : today);
  if (from > to) from = defaultPeriod(to).from;
  const drill = decodeDrill(get('drill')) ? get('drill') : '';
  const [drillFrom, drillTo] = [day(get('drillFrom')), day(get('drillTo'))];
  const column = drill && drillFrom && drillTo && drillFrom <= drillTo;
  return {
    from,
    to,
    by: get('by') === 'quarter' ? 'quarter' : 'month',
    owner: get('owner') === 'none' || UUID.test(get('owner')) ? get('owner') : '',
    segment: get('segment').slice(0, 200),
    target: /^(?:[1-5]|none)$/.test(get('target')) ? get('target') : '',
    eb: get('eb') === 'unanswered' ? 'unanswered' : '',
    source: get('source') === 'customer' ? 'customer' : get('source') === 'team' ? 'team' : 'effective',
    weight: get('weight') === 'revenue' ? 'revenue' : 'count',
    a: day(get('a')),
    b: day(get('b')),
    drill,
    drillFrom: column ? drillFrom : '',
    drillTo: column ? drillTo : '',
    drillPage: drill && /^[1-9]\d{0,5}$/.test(get('drillPage')) ? get('drillPage') : '',
  };
}

function serialize(state: DashboardState, today: string): string {
  const params = new URLSearchParams();
  const defaults = defaultPeriod(today);
  if (state.from !== defaults.from || state.to !== today) {
    params.set('from', state.from);
    params.set('to', state.to);
  }
  if (state.by !== 'month') params.set('by', state.by);
  if (state.owner) params.set('owner', state.owner);
  if (state.segment) params.set('segment', state.segment);
  if (state.target) params.set('target', state.target);
  if (state.eb) params.set('eb', state.eb);
  if (state.source !== 'effective') params.set('source', state.source);
  if (state.weight !== 'count') params.set('weight', state.weight);
  if (state.a) params.set('a', state.a);
  if (state.b) params.set('b', state.b);
  if (state.drill) {
    params.set('drill', state.drill);
    if (state.drillFrom && state.drillTo) {
      params.set('drillFrom', state.drillFrom);
      params.set('drillTo', state.drillTo);
    }
    if (state.drillPage && state.drillPage !== '1') params.set('drillPage', state.drillPage);
  }
  return params.toString();
}

/** How many filters narrow the accounts (owner, segment, target level, economic buyer): the number on the Filters button. */
export function activeFilterCount(state: DashboardState): number {
  return [state.owner, state.segment, state.target, state.eb].filter(Boolean).length;
}

/** The filters as every dashboard endpoint takes them. */
export function filtersInput(orgSlug: string, state: DashboardState) {
  return {
    orgSlug,
    from: state.from,
    to: state.to,
    granularity: state.by,
    owner: state.owner || undefined,
    segment: state.segment || undefined,
    targetLevel: state.target === '' ? undefined : state.target === 'none' ? ('none' as const) : Number(state.target),
    noEconomicBuyer: state.eb === 'unanswered' ? true : undefined,
    source: state.source,
  };
}

/** The transition matrix's days as the server resolves them when the URL names none. */
export function transitionDays(state: DashboardState): { dayA: string; dayB: string } {
  return { dayA: state.a || addDays(state.from, -1), dayB: state.b || state.to };
}

export function useDashboardState() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const today = todayUtc();
  const state = useMemo(() => parse(new URLSearchParams(params.toString()), today), [params, today]);

  // The URL changes when the navigation commits, not when router.replace is called: a second
  // change before that (two filters set in quick succession) must build on the first, not on the
  // URL it would otherwise still read.
  const pending = useRef<string | null>(null);
  useEffect(() => {
    if (pending.current === params.toString()) pending.current = null;
  }, [params]);

  /** `push`: a new history entry (opening a drill-down, which Back closes) instead of replacing the current one. */
  const update = useCallback(
    (patch: Partial<DashboardState>, options: { push?: boolean } = {}) => {
      const base = pending.current === null ? state : parse(new URLSearchParams(pending.current), today);
      const query = serialize({ ...base, ...patch }, today);
      pending.current = query;
      const href = query ? `${pathname}?${query}` : pathname;
      if (options.push) router.push(href, { scroll: false });
      else router.replace(href, { scroll: false });
    },
    [state, router, pathname, today],
  );

  const hasFilters = activeFilterCount(state) > 0;
  return { state, update, hasFilters, today };
}
