import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AccountImport } from '@/components/accounts/account-import';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('accounts.import'))('title') };
}

/** A full page rather than a dialog: the column mapping and the row report need the room. */
export default function AccountImportPage() {
  return <AccountImport />;
}
