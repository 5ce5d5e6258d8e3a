import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ChangePasswordForm } from '@/components/profile/change-password-form';
import { SignOutEverywhere } from '@/components/profile/sign-out-everywhere';
import { Alert } from '@/components/ui/alert';
import { Card, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { signedInProfile } from '@/server/auth/config';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('profile'))('title') };
}

/** The signed-in person's own page: how they sign in, whichever organization they came from. */
export default async function ProfilePage({
  params,
  searchParams,
}: {
  params: Promise<{ orgSlug: string }>;
  searchParams: Promise<{ passwordChanged?: string }>;
}) {
  const { orgSlug } = await params;
  const { passwordChanged } = await searchParams;
  const here = `/${orgSlug}/profile`;
  const user = await signedInProfile();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(here)}`);
  const t = await getTranslations('profile');
  const withPassword = user.hasPassword;
  return (
    <div className="space-y-6">
      <PageHeader title={t('title')} description={t('subtitle')} />
      {passwordChanged ? <Alert tone="success">{t('passwordChanged')}</Alert> : null}
      <Card>
        <CardHeader title={t('details')} />
        <div className="px-4 py-4 sm:px-6">
          <p className="text-sm font-medium text-slate-900">{user.name}</p>
          <p className="text-sm break-all text-slate-600">{user.email}</p>
        </div>
      </Card>
      <Card>
        <CardHeader
          title={withPassword ? t('changePasswordTitle') : t('noPasswordTitle')}
          description={withPassword ? t('changePasswordBody') : undefined}
        />
        <div className="px-4 py-5 sm:px-6">
          {withPassword ? (
            <ChangePasswordForm returnTo={here} />
          ) : (
            <p className="max-w-prose text-sm text-slate-700">{t('noPasswordBody')}</p>
          )}
        </div>
      </Card>
      <Card>
        <CardHeader title={t('signOutEverywhereTitle')} description={t('signOutEverywhereBody')} />
        <div className="px-4 py-5 sm:px-6">
          <SignOutEverywhere />
        </div>
      </Card>
    </div>
  );
}
