import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { CampaignsList } from '@/components/campaigns/campaigns-list';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('campaigns'))('title') };
}

/** Confirmation campaigns: many customers asked at once, and how far each campaign has come. */
export default function CampaignsPage() {
  return <CampaignsList />;
}
