'use client';

import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import { useRouter } from 'next/navigation';
import { createContext, useCallback, useContext, useEffect, useRef, type ReactNode } from 'react';
import { Skeleton } from '@/components/ui/skeleton';
import { decodeDrill, encodeDrill, type DrillSpec } from './drill-url';
import type { DashboardState } from './use-dashboard-state';

/** Where the list will open while its code arrives: the dialog's backdrop and frame, so nothing jumps when it does. */
function DrillDownDialogPlaceholder() {
  const t = useTranslations('portfolio');
  return (
    <>
      <div aria-hidden className="fixed inset-0 z-40 bg-slate-900/40" />
      <div
        role="status"
        className="fixed top-1/2 left-1/2 z-50 w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 space-y-3 rounded-xl bg-white p-6 shadow-xl"
      >
        <span className="sr-only">{t('drill.loading')}</span>
        <Skeleton className="h-6 w-3/4" />
        <Skeleton className="h-4 w-1/3" />
        <Skeleton className="h-48 w-full" />
      </div>
    </>
  );
}

// The list, its paging and its actions (a campaign, assessments) are needed only once someone opens a number,
// and they bring the campaign dialog with Zod and a select, and sonner: they load after the page.
const DrillDownDialog = dynamic(() => import('./drill-down-dialog').then((module) => module.DrillDownDialog), {
  ssr: false,
  loading: DrillDownDialogPlaceholder,
});

export interface DrillDownRequest {
  spec: DrillSpec;
  /** The period of a chart's column, when the list is as of its end rather than the page's "as of" day. */
  period?: { from: string; to: string };
}

const DrillDownContext = createContext<(request: DrillDownRequest) => void>(() => {});

/** Lets any number on the dashboard open the list of the accounts behind it. */
export function useDrillDown() {
  return useContext(DrillDownContext);
}

/**
 * The open drill-down lives in the URL (drill-url.ts): opening one adds a history entry, so Back
 * from an account it lists returns to the same list, and Back on the list closes it.
 */
export function DrillDownProvider({
  state,
  update,
  children,
}: {
  state: DashboardState;
  update: (patch: Partial<DashboardState>, options?: { push?: boolean }) => void;
  children: ReactNode;
}) {
  const router = useRouter();
  // Whether this page opened the list (then closing it goes back, leaving no entry that reopens it on Back).
  const openedHere = useRef(false);
  // Fetched once the dashboard has rendered, so a click on a number rarely waits for the dialog's code.
  useEffect(() => {
    void import('./drill-down-dialog');
  }, []);
  const open = useCallback(
    (request: DrillDownRequest) => {
      openedHere.current = true;
      update(
        { drill: encodeDrill(request.spec), drillFrom: request.period?.from ?? '', drillTo: request.period?.to ?? '', drillPage: '' },
        { push: true },
      );
    },
    [update],
  );
  const close = () => {
    if (openedHere.current) {
      openedHere.current = false;
      router.back();
    } else update({ drill: '', drillFrom: '', drillTo: '', drillPage: '' });
  };
  const spec = state.drill ? decodeDrill(state.drill) : null;
  const listState: DashboardState = state.drillFrom ? { ...state, from: state.drillFrom, to: state.drillTo } : state;
  return (
    <DrillDownContext.Provider value={open}>
      {children}
      {spec ? (
        <DrillDownDialog
          key={state.drill}
          spec={spec}
          state={listState}
          page={Number(state.drillPage || '1')}
          onPage={(page) => update({ drillPage: page === 1 ? '' : String(page) })}
          onClose={close}
        />
      ) : null}
    </DrillDownContext.Provider>
  );
}
