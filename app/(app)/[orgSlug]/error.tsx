'use client';

import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';

export default function OrganizationError({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations('common');
  return (
    <div role="alert" className="rounded-xl bg-white p-8 text-center shadow-sm ring-1 ring-slate-200">
      <h1 className="text-lg font-semibold">{t('somethingWrong')}</h1>
      <p className="mt-2 text-sm text-slate-600">{t('somethingWrongBody')}</p>
      <Button className="mt-6" onClick={reset}>
        {t('retry')}
      </Button>
    </div>
  );
}
