import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CampaignDetail } from '@/components/campaigns/campaign-detail';
import { forPage, serverCaller } from '@/server/api/caller';

type Params = Promise<{ orgSlug: string; campaignId: string }>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function loadCampaign(params: Params) {
  const { orgSlug, campaignId } = await params;
  if (!UUID.test(campaignId)) notFound();
  const caller = await serverCaller();
  return forPage(caller.campaign.get({ orgSlug, campaignId }), `/${orgSlug}/campaigns/${campaignId}`);
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: (await loadCampaign(params)).campaign.name };
}

/** One campaign's progress: who was asked, who opened and answered, and what is still to come. */
export default async function CampaignPage({ params }: { params: Params }) {
  const { campaign } = await loadCampaign(params);
  return <CampaignDetail campaignId={campaign.id} />;
}
