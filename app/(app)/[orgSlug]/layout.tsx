import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/app-shell';
import { forPage, serverCaller } from '@/server/api/caller';

export default async function OrganizationLayout({ children, params }: { children: ReactNode; params: Promise<{ orgSlug: string }> }) {
  const { orgSlug } = await params;
  const caller = await serverCaller();
  const me = await forPage(caller.me.get(), `/${orgSlug}`);
  const org = await forPage(caller.organization.get({ orgSlug }), `/${orgSlug}`);
  return (
    <AppShell org={{ slug: org.slug, name: org.name, role: org.role }} user={me.user} organizations={me.organizations}>
      {children}
    </AppShell>
  );
}
