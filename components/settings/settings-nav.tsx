'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useOrg } from '@/components/shell/org-context';
import { cn } from '@/lib/cn';

export function SettingsNav() {
  const t = useTranslations('settings');
  const tPlaybook = useTranslations('playbook');
  const org = useOrg();
  const pathname = usePathname();
  const base = `/${org.slug}/settings`;
  const tabs = [
    { href: base, label: t('general') },
    { href: `${base}/members`, label: t('members') },
    { href: `${base}/evidence`, label: t('evidence') },
    { href: `${base}/playbook`, label: tPlaybook('title') },
    ...(org.can('admin')
      ? [
          { href: `${base}/outbox`, label: t('outbox') },
          { href: `${base}/audit`, label: t('audit') },
        ]
      : []),
  ];
  return (
    <nav aria-label={t('sections')} className="-mx-4 mb-6 overflow-x-auto border-b border-slate-200 px-4 sm:mx-0 sm:px-0">
      <ul className="flex gap-6">
        {tabs.map((tab) => {
          const active = pathname === tab.href;
          return (
            <li key={tab.href}>
              <Link
                href={tab.href}
                aria-current={active ? 'page' : undefined}
                className={cn(
                  '-mb-px inline-block border-b-2 py-2.5 text-sm font-medium whitespace-nowrap',
                  active
                    ? 'border-brand-600 text-brand-700'
                    : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900',
                )}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
