import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Button } from '@/components/ui/button';

/** A page inside an organization that does not exist or is not for this role: shown within the app shell. */
export default async function OrganizationNotFound() {
  const t = await getTranslations();
  return (
    <div className="rounded-xl bg-white px-6 py-12 text-center shadow-sm ring-1 ring-slate-200">
      <p className="text-sm font-semibold text-brand-700">404</p>
      <h1 className="mt-2 text-xl font-semibold tracking-tight">{t('errors.notFoundTitle')}</h1>
      <p className="mt-2 text-sm text-slate-600">{t('errors.notFoundBody')}</p>
      <Button asChild variant="secondary" className="mt-6">
        <Link href="/">{t('invite.goHome')}</Link>
      </Button>
    </div>
  );
}
