import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { OutboxList } from '@/components/settings/outbox-list';
import { forPage, serverCaller } from '@/server/api/caller';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('outbox'))('title') };
}

export default async function OutboxPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const caller = await serverCaller();
  const [outbox, org] = await Promise.all([
    forPage(caller.outbox.list({ orgSlug }), `/${orgSlug}/settings/outbox`),
    forPage(caller.organization.get({ orgSlug }), `/${orgSlug}/settings/outbox`),
  ]);
  return <OutboxList orgName={org.name} smtpConfigured={outbox.smtpConfigured} messages={outbox.messages} />;
}
