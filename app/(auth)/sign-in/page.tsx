import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { SignInForm } from '@/components/auth/sign-in-form';
import { SsoButtons } from '@/components/auth/sso-buttons';
import { DEMO_PASSWORD, DEMO_PEOPLE, demoLoginAvailable } from '@/server/demo/seed';
import { currentUserId, ssoProviders } from '@/server/auth/config';
import { safeReturnPath } from '@/server/domain/return-path';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth'))('signInButton') };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  // Anyone can craft this link: only a path of this app is kept, anything else leads to the front page.
  const callbackUrl = safeReturnPath((await searchParams).callbackUrl);
  if (await currentUserId()) redirect(callbackUrl);
  const t = await getTranslations('auth');
  const signUpHref = callbackUrl !== '/' ? `/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}` : '/sign-up';
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight">{t('signInTitle')}</h1>
      <p className="mt-1 mb-8 text-sm text-slate-600">{t('signInSubtitle')}</p>
      <SsoButtons providers={ssoProviders()} callbackUrl={callbackUrl} />
      <SignInForm callbackUrl={callbackUrl} />
      <p className="mt-6 text-sm text-slate-600">
        {t('noAccount')}{' '}
        <Link href={signUpHref} className="font-medium text-brand-700 underline-offset-2 hover:underline">
          {t('createAccountLink')}
        </Link>
      </p>
      {(await demoLoginAvailable()) ? (
        <p className="mt-8 rounded-md bg-slate-100 px-3 py-2 text-xs text-slate-700">
          {t('demoHint')} <span className="font-mono">{DEMO_PEOPLE[0].email}</span> / <span className="font-mono">{DEMO_PASSWORD}</span>
        </p>
      ) : null}
    </div>
  );
}
