import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { CreateOrganizationForm } from '@/components/settings/create-organization-form';
import { LanguageSwitcher } from '@/components/shell/language-switcher';
import { Logo } from '@/components/shell/logo';
import { Card } from '@/components/ui/card';
import { forPage, serverCaller } from '@/server/api/caller';
import { signOutFromForm } from '@/server/auth/server-functions';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('orgs'))('newTitle') };
}

/** Creating another organization, and the landing place for someone who belongs to none. */
export default async function NewOrganizationPage() {
  const t = await getTranslations();
  const me = await forPage((await serverCaller()).me.get(), '/orgs/new');
  const first = me.organizations[0];
  return (
    <div className="min-h-dvh">
      <header className="flex items-center justify-between border-b border-slate-200 bg-white px-4 py-3 sm:px-8">
        <Logo href={first ? `/${first.slug}` : '/orgs/new'} />
        <div className="flex items-center gap-3">
          <LanguageSwitcher />
          <form action={signOutFromForm}>
            <button type="submit" className="rounded-md px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100">
              {t('nav.signOut')}
            </button>
          </form>
        </div>
      </header>
      <main className="mx-auto max-w-xl px-4 py-10 sm:py-16">
        {first ? null : (
          <div className="mb-6">
            <h1 className="text-2xl font-semibold tracking-tight">{t('orgs.noneTitle')}</h1>
            <p className="mt-1 text-sm text-slate-600">{t('orgs.noneBody')}</p>
          </div>
        )}
        <Card className="p-6">
          <h2 className="text-lg font-semibold">{t('orgs.newTitle')}</h2>
          <p className="mt-1 mb-6 text-sm text-slate-600">{t('orgs.newSubtitle')}</p>
          <CreateOrganizationForm />
        </Card>
        {first ? (
          <p className="mt-6 text-sm">
            <Link href={`/${first.slug}`} className="font-medium text-brand-700 hover:underline">
              ← {first.name}
            </Link>
          </p>
        ) : null}
      </main>
    </div>
  );
}
