import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Suspense } from 'react';
import { AccountsList } from '@/components/accounts/accounts-list';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('accounts'))('title') };
}

/** The list reads its filters from the URL on the client; the organization layout has already checked membership. */
export default function AccountsPage() {
  return (
    <Suspense>
      <AccountsList />
    </Suspense>
  );
}
