import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { MembersPanel } from '@/components/settings/members-panel';
import { currentUserId } from '@/server/auth/config';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('members'))('title') };
}

export default async function MembersPage() {
  return <MembersPanel currentUserId={(await currentUserId()) ?? ''} />;
}
