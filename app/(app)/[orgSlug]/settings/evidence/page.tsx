import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { SignalsSettings } from '@/components/assessments/signals-settings';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('signals'))('title') };
}

/** The evidence checklist voters tick: admins edit it, everyone else reads it. */
export default function EvidenceSettingsPage() {
  return <SignalsSettings />;
}
