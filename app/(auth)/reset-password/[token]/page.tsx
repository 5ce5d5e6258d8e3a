import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ResetPasswordForm } from '@/components/auth/reset-password-form';
import { passwordResetLinkUsable } from '@/server/auth/config';

export async function generateMetadata(): Promise<Metadata> {
  // The address holds the token: never pass it on to another site as the referrer.
  return { title: (await getTranslations('passwordReset'))('chooseTitle'), referrer: 'no-referrer' };
}

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations('passwordReset');
  if (!(await passwordResetLinkUsable(token))) {
    return (
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t('unusableTitle')}</h1>
        <p className="mt-2 mb-8 text-sm text-slate-600">{t('unusableBody')}</p>
        <Link href="/forgot-password" className="font-medium text-brand-700 underline-offset-2 hover:underline">
          {t('askAgain')}
        </Link>
      </div>
    );
  }
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight">{t('chooseTitle')}</h1>
      <p className="mt-1 mb-8 text-sm text-slate-600">{t('chooseSubtitle')}</p>
      <ResetPasswordForm token={token} />
    </div>
  );
}
