import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ForgotPasswordForm } from '@/components/auth/forgot-password-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('passwordReset'))('requestTitle') };
}

export default async function ForgotPasswordPage() {
  const t = await getTranslations('passwordReset');
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight">{t('requestTitle')}</h1>
      <p className="mt-1 mb-8 text-sm text-slate-600">{t('requestSubtitle')}</p>
      <ForgotPasswordForm />
    </div>
  );
}
