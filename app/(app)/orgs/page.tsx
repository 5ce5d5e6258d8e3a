import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { OrganizationList } from '@/components/settings/organization-list';
import { LanguageSwitcher } from '@/components/shell/language-switcher';
import { Logo } from '@/components/shell/logo';
import { forPage, serverCaller } from '@/server/api/caller';
import { signOutFromForm } from '@/server/auth/server-functions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('orgList'))('title') };
}

/** Every organization the person belongs to, and the ones they own that wait to be deleted (to restore them). */
export default async function OrganizationsPage() {
  const t = await getTranslations();
  const caller = await serverCaller();
  const me = await forPage(caller.me.get(), '/orgs');
  const scheduled = await forPage(caller.me.scheduledForDeletion(), '/orgs');
  const first = me.organizations[0];
  return (
    <div className="min-h-dvh">
      <header className="flex items-center justify-between border-b border-slate-200 bg-white px-4 py-3 sm:px-8">
        <Logo href={first ? `/${first.slug}` : '/orgs'} />
        <div className="flex items-center gap-3">
          <LanguageSwitcher />
          <form action={signOutFromForm}>
            <button type="submit" className="rounded-md px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100">
              {t('nav.signOut')}
            </button>
          </form>
        </div>
      </header>
      <main className="mx-auto max-w-2xl px-4 py-10 sm:py-16">
        <div className="mb-6">
          <h1 className="text-2xl font-semibold tracking-tight">{t('orgList.title')}</h1>
          <p className="mt-1 text-sm text-slate-600">{t('orgList.subtitle')}</p>
        </div>
        <OrganizationList organizations={me.organizations} scheduled={scheduled} />
      </main>
    </div>
  );
}
