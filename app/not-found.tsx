import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Button } from '@/components/ui/button';

export default async function NotFound() {
  const t = await getTranslations();
  return (
    <main className="mx-auto flex min-h-[60dvh] max-w-md flex-col items-center justify-center px-4 text-center">
      <p className="text-sm font-semibold text-brand-700">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">{t('errors.notFoundTitle')}</h1>
      <p className="mt-2 text-sm text-slate-600">{t('errors.notFoundBody')}</p>
      <Button asChild className="mt-6">
        <Link href="/">{t('invite.goHome')}</Link>
      </Button>
    </main>
  );
}
