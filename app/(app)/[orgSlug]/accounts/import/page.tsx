import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AccountImport } from '@/components/accounts/account-import';
import { ContactImport } from '@/components/accounts/contact-import';

type Props = { searchParams: Promise<{ kind?: string | string[] }> };

const isContacts = async (searchParams: Props['searchParams']) => (await searchParams).kind === 'contacts';

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  if (await isContacts(searchParams)) return { title: (await getTranslations('accounts.contactImport'))('title') };
  return { title: (await getTranslations('accounts.import'))('title') };
}

/** A full page rather than a dialog: the column mapping and the row report need the room. Accounts, or with ?kind=contacts the people at them. */
export default async function AccountImportPage({ searchParams }: Props) {
  return (await isContacts(searchParams)) ? <ContactImport /> : <AccountImport />;
}
