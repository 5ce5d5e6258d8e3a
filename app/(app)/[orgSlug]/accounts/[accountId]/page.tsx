import { HydrationBoundary } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { AccountHeader } from '@/components/accounts/account-header';
import { AccountSections } from '@/components/accounts/account-sections';
import { AccountSectionNav } from '@/components/accounts/account-section-nav';
import { AccountSummary } from '@/components/accounts/account-summary';
import { SECTION_ANCHOR } from '@/components/accounts/section-anchor';
import { LevelHistoryPanel } from '@/components/assessments/level-history-panel';
import { prefetchAccountPage } from '@/server/api/account-page-prefetch';
import { forPage, serverCaller } from '@/server/api/caller';

type Params = Promise<{ orgSlug: string; accountId: string }>;

async function loadAccount(params: Params) {
  const { orgSlug, accountId } = await params;
  const caller = await serverCaller();
  return forPage(caller.account.get({ orgSlug, accountId }), `/${orgSlug}/accounts/${accountId}`);
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: (await loadAccount(params)).name };
}

/**
 * The page a key-account manager runs a review meeting from. It opens on a summary (where the
 * relationship stands, the next step up, open actions, what the customer said last) with the
 * level history right below it; a sticky nav jumps to the rest: the assessment, the customer's
 * answers, actions, comments, contacts and activity. Everything it shows first is read on the
 * server, so it opens complete and without a round of requests from the browser. On a phone the
 * header and the summary stay short enough that the history starts within the first screen.
 */
export default async function AccountPage({ params }: { params: Params }) {
  const { orgSlug } = await params;
  const account = await loadAccount(params);
  const prefetched = await prefetchAccountPage({ orgSlug, accountId: account.id });
  return (
    <HydrationBoundary state={prefetched}>
      <div className="space-y-3 sm:space-y-6">
        <AccountHeader accountId={account.id} />
        <AccountSectionNav />
        <div id="summary" className={SECTION_ANCHOR}>
          <AccountSummary accountId={account.id} />
        </div>
        <div id="history" className={SECTION_ANCHOR}>
          <LevelHistoryPanel accountId={account.id} />
        </div>
        <AccountSections accountId={account.id} />
      </div>
    </HydrationBoundary>
  );
}
