'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { ACCOUNT_SORTS, type AccountSort } from '@/server/inputs/accounts';

/**
 * The accounts list's filters, sort and page, kept in the URL so a view can be bookmarked and
 * shared ("/acme/accounts?team=4&stale=1"). Values a person typed into the URL by hand that
 * make no sense are ignored rather than sent to the server.
 */
export interface AccountListState {
  q: string;
  /** a member's user id, "none", or "" for any */
  owner: string;
  /** a segment, "none", or "" for any */
  segment: string;
  /** "1".."5", "none", or "" for any */
  team: string;
  customer: string;
  /** The effective level: the customer's where there is one, else the team's. */
  effective: string;
  stale: boolean;
  overrated: boolean;
  /** No fresh customer answer: the customer should confirm the level again. */
  reconfirm: boolean;
  archived: boolean;
  sort: AccountSort;
  dir: 'asc' | 'desc';
  page: number;
}

const LEVEL = /^(?:[1-5]|none)$/;
const OWNER = /^(?:none|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

const DEFAULTS: AccountListState = {
  q: '',
  owner: '',
  segment: '',
  team: '',
  customer: '',
  effective: '',
  stale: false,
  overrated: false,
  reconfirm: false,
  archived: false,
  sort: 'name',
  dir: 'asc',
  page: 1,
};

function parse(params: URLSearchParams): AccountListState {
  const get = (key: string) => params.get(key) ?? '';
  const sort = get('sort') as AccountSort;
  const page = Number(get('page'));
  return {
    q: get('q').slice(0, 200),
    owner: OWNER.test(get('owner')) ? get('owner') : '',
    segment: get('segment').slice(0, 200),
    team: LEVEL.test(get('team')) ? get('team') : '',
    customer: LEVEL.test(get('customer')) ? get('customer') : '',
    effective: LEVEL.test(get('effective')) ? get('effective') : '',
    stale: get('stale') === '1',
    overrated: get('overrated') === '1',
    reconfirm: get('reconfirm') === '1',
    archived: get('archived') === '1',
    sort: (ACCOUNT_SORTS as readonly string[]).includes(sort) ? sort : 'name',
    dir: get('dir') === 'desc' ? 'desc' : 'asc',
    page: Number.isInteger(page) && page > 1 && page <= 100_000 ? page : 1,
  };
}

function serialize(state: AccountListState): string {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.owner) params.set('owner', state.owner);
  if (state.segment) params.set('segment', state.segment);
  if (state.team) params.set('team', state.team);
  if (state.customer) params.set('customer', state.customer);
  if (state.effective) params.set('effective', state.effective);
  if (state.stale) params.set('stale', '1');
  if (state.overrated) params.set('overrated', '1');
  if (state.reconfirm) params.set('reconfirm', '1');
  if (state.archived) params.set('archived', '1');
  if (state.sort !== 'name') params.set('sort', state.sort);
  if (state.dir !== 'asc') params.set('dir', state.dir);
  if (state.page > 1) params.set('page', String(state.page));
  return params.toString();
}

const level = (value: string) => (value === '' ? undefined : value === 'none' ? ('none' as const) : Number(value));

/** The filters as account.list and account.exportCsv take them. */
export function filtersInput(state: AccountListState) {
  return {
    q: state.q || undefined,
    ownerUserId: state.owner || undefined,
    segment: state.segment || undefined,
    teamLevel: level(state.team),
    customerLevel: level(state.customer),
    effectiveLevel: level(state.effective),
    stale: state.stale || undefined,
    overrated: state.overrated || undefined,
    staleConfirmation: state.reconfirm || undefined,
    showArchived: state.archived || undefined,
    sort: state.sort,
    direction: state.dir,
  };
}

export function useAccountListState() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const state = useMemo(() => parse(new URLSearchParams(params.toString())), [params]);

  /** Changing anything but the page starts again at page 1. */
  const update = useCallback(
    (patch: Partial<AccountListState>) => {
      const next = { ...state, page: 1, ...patch };
      const query = serialize(next);
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: 'page' in patch });
    },
    [state, router, pathname],
  );

  const clear = useCallback(() => update({ ...DEFAULTS, sort: state.sort, dir: state.dir }), [update, state.sort, state.dir]);

  const hasFilters = Boolean(
    state.q ||
    state.owner ||
    state.segment ||
    state.team ||
    state.customer ||
    state.effective ||
    state.stale ||
    state.overrated ||
    state.reconfirm ||
    state.archived,
  );

  return { state, update, clear, hasFilters };
}
