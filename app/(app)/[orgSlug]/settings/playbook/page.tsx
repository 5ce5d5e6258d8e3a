import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PlaybookSettings } from '@/components/playbook/playbook-settings';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('playbook'))('title') };
}

/** Everyone reads the playbook here; admins edit it (the server checks the role on every change). */
export default function PlaybookPage() {
  return <PlaybookSettings />;
}
