import type { Metadata } from 'next';
import { AccountHeader } from '@/components/accounts/account-header';
import { ContactsPanel } from '@/components/accounts/contacts-panel';
import { ActionsPanel } from '@/components/actions/actions-panel';
import { ActivityPanel } from '@/components/activity/activity-panel';
import { AssessmentPanel } from '@/components/assessments/assessment-panel';
import { LevelHistoryPanel } from '@/components/assessments/level-history-panel';
import { CommentsPanel } from '@/components/comments/comments-panel';
import { CustomerPanel } from '@/components/confirmations/customer-panel';
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
 * The page a key-account manager runs a review meeting from: levels and target, the open
 * assessment, the history, contacts, planned actions, the conversation and what happened.
 */
export default async function AccountPage({ params }: { params: Params }) {
  const account = await loadAccount(params);
  return (
    <div className="space-y-6">
      <AccountHeader accountId={account.id} />
      <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-6">
          <AssessmentPanel accountId={account.id} />
          <CustomerPanel accountId={account.id} />
          <LevelHistoryPanel accountId={account.id} />
          <ActionsPanel accountId={account.id} />
          <CommentsPanel accountId={account.id} />
        </div>
        <div className="min-w-0 space-y-6">
          <ContactsPanel accountId={account.id} />
          <ActivityPanel accountId={account.id} />
        </div>
      </div>
    </div>
  );
}
