'use client';

import dynamic from 'next/dynamic';
import { useEffect, type ReactNode } from 'react';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { SECTION_ANCHOR } from './section-anchor';

function PanelSkeleton({ height }: { height: string }) {
  return (
    <Card className="space-y-4 p-4 sm:p-6">
      <Skeleton className="h-5 w-40" />
      <Skeleton className={`${height} w-full`} />
    </Card>
  );
}

/*
 * The sections below the summary and the history load after the page has rendered: the page
 * opens with the summary on screen and its first load carries none of their code (forms,
 * selects, dialogs). Their data is already in the query cache, read on the server with the
 * rest, so each shows complete the moment its code arrives, without asking the server.
 */
const load = {
  assessment: () => import('@/components/assessments/assessment-panel').then((m) => m.AssessmentPanel),
  customer: () => import('@/components/confirmations/customer-panel').then((m) => m.CustomerPanel),
  actions: () => import('@/components/actions/actions-panel').then((m) => m.ActionsPanel),
  comments: () => import('@/components/comments/comments-panel').then((m) => m.CommentsPanel),
  contacts: () => import('./contacts-panel').then((m) => m.ContactsPanel),
  activity: () => import('@/components/activity/activity-panel').then((m) => m.ActivityPanel),
};
const AssessmentPanel = dynamic(load.assessment, { ssr: false, loading: () => <PanelSkeleton height="h-40" /> });
const CustomerPanel = dynamic(load.customer, { ssr: false, loading: () => <PanelSkeleton height="h-48" /> });
const ActionsPanel = dynamic(load.actions, { ssr: false, loading: () => <PanelSkeleton height="h-32" /> });
const CommentsPanel = dynamic(load.comments, { ssr: false, loading: () => <PanelSkeleton height="h-32" /> });
const ContactsPanel = dynamic(load.contacts, { ssr: false, loading: () => <PanelSkeleton height="h-40" /> });
const ActivityPanel = dynamic(load.activity, { ssr: false, loading: () => <PanelSkeleton height="h-48" /> });

function Anchor({ id, children }: { id: string; children: ReactNode }) {
  return (
    <div id={id} className={SECTION_ANCHOR}>
      {children}
    </div>
  );
}

/**
 * The assessment, the customer's answers, actions and comments, with contacts and activity
 * beside them on a wide screen. A link to one of them (a notification's "#comments", say) lands
 * on it once the sections have loaded, not on where its placeholder stood.
 */
export function AccountSections({ accountId }: { accountId: string }) {
  useEffect(() => {
    let cancelled = false;
    void Promise.all(Object.values(load).map((loader) => loader())).then(() => {
      const target = window.location.hash ? document.getElementById(decodeURIComponent(window.location.hash.slice(1))) : null;
      // After the panels have rendered in place of their placeholders.
      if (target) setTimeout(() => !cancelled && target.scrollIntoView(), 50);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  return (
    <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
      <div className="min-w-0 space-y-6">
        <Anchor id="assessment">
          <AssessmentPanel accountId={accountId} />
        </Anchor>
        <Anchor id="customer">
          <CustomerPanel accountId={accountId} />
        </Anchor>
        <Anchor id="actions">
          <ActionsPanel accountId={accountId} />
        </Anchor>
        <Anchor id="comments">
          <CommentsPanel accountId={accountId} />
        </Anchor>
      </div>
      <div className="min-w-0 space-y-6">
        <Anchor id="contacts">
          <ContactsPanel accountId={accountId} />
        </Anchor>
        <Anchor id="activity">
          <ActivityPanel accountId={accountId} />
        </Anchor>
      </div>
    </div>
  );
}
