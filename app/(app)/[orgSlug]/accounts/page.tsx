import { Building2 } from 'lucide-react';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('accounts'))('title') };
}

export default async function AccountsPage() {
  const t = await getTranslations('accounts');
  return (
    <>
      <PageHeader title={t('title')} />
      <EmptyState icon={<Building2 className="size-10" />} title={t('emptyTitle')}>
        <p>{t('emptyBody')}</p>
        <p className="mt-2">{t('emptyComingSoon')}</p>
      </EmptyState>
    </>
  );
}
