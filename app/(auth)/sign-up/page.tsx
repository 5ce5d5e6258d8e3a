import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { SignUpForm } from '@/components/auth/sign-up-form';
import { SsoButtons } from '@/components/auth/sso-buttons';
import { currentUserId, ssoProviders } from '@/server/auth/config';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('auth'))('signUpButton') };
}

export default async function SignUpPage() {
  if (await currentUserId()) redirect('/');
  const t = await getTranslations('auth');
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight">{t('signUpTitle')}</h1>
      <p className="mt-1 mb-8 text-sm text-slate-600">{t('signUpSubtitle')}</p>
      <SsoButtons providers={ssoProviders()} callbackUrl="/" />
      <SignUpForm />
      <p className="mt-6 text-sm text-slate-600">
        {t('haveAccount')}{' '}
        <Link href="/sign-in" className="font-medium text-brand-700 underline-offset-2 hover:underline">
          {t('signInLink')}
        </Link>
      </p>
    </div>
  );
}
