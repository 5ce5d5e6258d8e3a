import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AuditLog } from '@/components/settings/audit-log';
import { forPage, serverCaller } from '@/server/api/caller';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('audit'))('title') };
}

export default async function AuditPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  // Checks the admin role on the server before anything renders; viewers and members get a 404.
  await forPage((await serverCaller()).audit.list({ orgSlug }), `/${orgSlug}/settings/audit`);
  return <AuditLog />;
}
