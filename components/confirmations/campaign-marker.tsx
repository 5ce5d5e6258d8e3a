'use client';

import { Megaphone } from 'lucide-react';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useOrg } from '@/components/shell/org-context';

/** On an answer that came through a campaign: which one (a link to its page), and whether a reminder preceded it. */
export function CampaignMarker({ answer }: { answer: { campaignId: string | null; campaignName: string | null; afterReminder: boolean } }) {
  const t = useTranslations('campaigns');
  const org = useOrg();
  if (!answer.campaignId) return null;
  const values = { name: answer.campaignName ?? '' };
  return (
    <Link
      href={`/${org.slug}/campaigns/${answer.campaignId}`}
      className="inline-flex items-center gap-1 rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-200 hover:text-slate-900"
    >
      <Megaphone className="size-3" aria-hidden />
      {answer.afterReminder ? t('viaCampaignAfterReminder', values) : t('viaCampaign', values)}
    </Link>
  );
}
