'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useOrg } from '@/components/shell/org-context';
import { cn } from '@/lib/cn';

/** "Accounts | Contacts": which kind of file the import page takes; each is its own address, so a link can open either. */
export function ImportKindTabs({ current }: { current: 'accounts' | 'contacts' }) {
  const t = useTranslations('accounts.contactImport');
  const org = useOrg();
  const kinds = [
    { kind: 'accounts', label: t('kindAccounts'), href: `/${org.slug}/accounts/import` },
    { kind: 'contacts', label: t('kindContacts'), href: `/${org.slug}/accounts/import?kind=contacts` },
  ] as const;
  return (
    <nav aria-label={t('kindLabel')} className="mb-4">
      <ul className="inline-flex rounded-lg bg-slate-100 p-1 text-sm">
        {kinds.map(({ kind, label, href }) => (
          <li key={kind}>
            <Link
              href={href}
              aria-current={kind === current ? 'page' : undefined}
              className={cn(
                'inline-flex min-h-9 items-center rounded-md px-4 font-medium',
                kind === current ? 'bg-white text-slate-900 shadow-sm ring-1 ring-slate-200' : 'text-slate-600 hover:text-slate-900',
              )}
            >
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
