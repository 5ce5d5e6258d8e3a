import { redirect } from 'next/navigation';
import { forPage, serverCaller } from '@/server/api/caller';

/** An organization's front page: the dashboard for viewers (the executives), the accounts for everyone who works on them. */
export default async function OrganizationHome({ params }: { params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const me = await forPage((await serverCaller()).me.get(), `/${orgSlug}`);
  const role = me.organizations.find((org) => org.slug === orgSlug)?.role;
  redirect(role === 'viewer' ? `/${orgSlug}/dashboard` : `/${orgSlug}/accounts`);
}
