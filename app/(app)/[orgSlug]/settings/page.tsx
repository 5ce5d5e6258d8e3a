import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { GeneralSettings } from '@/components/settings/general-settings';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('settings'))('title') };
}

export default function GeneralSettingsPage() {
  return <GeneralSettings />;
}
