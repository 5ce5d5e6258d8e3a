import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { LevelLadder } from '@/components/levels/level-ladder';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('dashboard'))('title') };
}

export default async function DashboardPage() {
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t('dashboard.title')} />
      <div className="grid items-start gap-6 lg:grid-cols-[1fr_22rem]">
        <Card className="p-6">
          <h2 className="text-lg font-semibold">{t('dashboard.emptyTitle')}</h2>
          <p className="mt-2 max-w-prose text-sm text-slate-600">{t('dashboard.emptyBody')}</p>
        </Card>
        <Card className="p-6">
          <h2 className="mb-4 text-base font-semibold">{t('hierarchy.title')}</h2>
          <LevelLadder />
        </Card>
      </div>
    </>
  );
}
