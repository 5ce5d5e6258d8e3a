import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { SignInForm } from '@/components/auth/sign-in-form';
import { SsoButtons } from '@/components/auth/sso-buttons';
import { Alert } from '@/components/ui/alert';
import { DEMO_PASSWORD, DEMO_PEOPLE, demoSeedWanted } from '@/server/demo/seed';
import { currentUserId, ssoProviders } from '@/server/auth/config';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth'))('signInButton') };
}

/** Why single sign-on sent the person back here (server/auth/config.ts); Auth.js's own codes get the general message. */
const SSO_ERRORS = {
  'sso-email-unverified': 'ssoEmailUnverified',
  'sso-account-unverified': 'ssoAccountUnverified',
} as const;

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl = '/', error } = await searchParams;
  if (await currentUserId()) redirect(callbackUrl.startsWith('/') && !callbackUrl.startsWith('//') ? callbackUrl : '/');
  const t = await getTranslations('auth');
  const signUpHref = callbackUrl !== '/' ? `/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}` : '/sign-up';
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight">{t('signInTitle')}</h1>
      <p className="mt-1 mb-8 text-sm text-slate-600">{t('signInSubtitle')}</p>
      {error ? (
        <Alert tone="error" className="mb-6">
          {t(Object.hasOwn(SSO_ERRORS, error) ? SSO_ERRORS[error as keyof typeof SSO_ERRORS] : 'ssoFailed')}
        </Alert>
      ) : null}
      <SsoButtons providers={ssoProviders()} callbackUrl={callbackUrl} />
      <SignInForm callbackUrl={callbackUrl} />
      <p className="mt-6 text-sm text-slate-600">
        {t('noAccount')}{' '}
        <Link href={signUpHref} className="font-medium text-brand-700 underline-offset-2 hover:underline">
          {t('createAccountLink')}
        </Link>
      </p>
      {demoSeedWanted() ? (
        <p className="mt-8 rounded-md bg-slate-100 px-3 py-2 text-xs text-slate-700">
          {t('demoHint')} <span className="font-mono">{DEMO_PEOPLE[0].email}</span> / <span className="font-mono">{DEMO_PASSWORD}</span>
        </p>
      ) : null}
    </div>
  );
}
