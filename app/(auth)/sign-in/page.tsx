import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { SignInForm } from '@/components/auth/sign-in-form';
import { SsoButtons } from '@/components/auth/sso-buttons';
import { Alert } from '@/components/ui/alert';
import { DEMO_PASSWORD, DEMO_PEOPLE, demoLoginAvailable } from '@/server/demo/seed';
import { currentUserId, ssoProviders } from '@/server/auth/config';
import { safeReturnPath } from '@/server/domain/return-path';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth'))('signInButton') };
}

/** Why single sign-on sent the person back here (server/auth/config.ts); Auth.js's own codes get the general message. */
const SSO_ERRORS = {
  'sso-email-unverified': 'ssoEmailUnverified',
  'sso-account-unverified': 'ssoAccountUnverified',
} as const;

const NOTICES = ['signedOutEverywhere', 'passwordReset'] as const;
type Notice = (typeof NOTICES)[number];
const isNotice = (value: unknown): value is Notice => NOTICES.includes(value as Notice);

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[]; notice?: string; email?: string; error?: string }>;
}) {
  const query = await searchParams;
  const { notice, email, error } = query;
  // Anyone can craft this link: only a path of this app is kept, anything else leads to the front page.
  const callbackUrl = safeReturnPath(query.callbackUrl);
  if (await currentUserId()) redirect(callbackUrl);
  const t = await getTranslations('auth');
  const tNotice = await getTranslations('sessionNotice');
  const tReset = await getTranslations('passwordReset');
  const signUpHref = callbackUrl !== '/' ? `/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}` : '/sign-up';
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight">{t('signInTitle')}</h1>
      <p className="mt-1 mb-8 text-sm text-slate-600">{t('signInSubtitle')}</p>
      {typeof error === 'string' && error ? (
        <Alert tone="error" className="mb-6">
          {t(Object.hasOwn(SSO_ERRORS, error) ? SSO_ERRORS[error as keyof typeof SSO_ERRORS] : 'ssoFailed')}
        </Alert>
      ) : null}
      {isNotice(notice) ? (
        <Alert tone="success" className="mb-6">
          {tNotice(notice)}
        </Alert>
      ) : null}
      <SsoButtons providers={ssoProviders()} callbackUrl={callbackUrl} />
      <SignInForm callbackUrl={callbackUrl} defaultEmail={typeof email === 'string' ? email.slice(0, 320) : ''} />
      <p className="mt-4 text-sm">
        <Link href="/forgot-password" className="font-medium text-brand-700 underline-offset-2 hover:underline">
          {tReset('forgotLink')}
        </Link>
      </p>
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
