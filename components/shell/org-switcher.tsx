'use client';

import { DropdownMenu } from 'radix-ui';
import { Building2, Check, ChevronsUpDown, Plus } from 'lucide-react';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { orgSwitcherTriggerClass } from './menu-triggers';
import { menuContentClass, menuItemClass } from './user-menu';

export function OrgSwitcher({
  current,
  organizations,
}: {
  current: { slug: string; name: string };
  organizations: Array<{ slug: string; name: string }>;
}) {
  const t = useTranslations('nav');
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger aria-label={t('switchOrganization')} className={orgSwitcherTriggerClass}>
        <span className="truncate">{current.name}</span>
        <ChevronsUpDown className="size-4 shrink-0 text-slate-500" aria-hidden />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="start" sideOffset={6} className={menuContentClass}>
          <DropdownMenu.Label className="px-2.5 pt-1.5 pb-1 text-xs text-slate-500">{t('yourOrganizations')}</DropdownMenu.Label>
          {organizations.map((org) => (
            <DropdownMenu.Item key={org.slug} asChild className={menuItemClass}>
              <Link href={`/${org.slug}`}>
                <span className="w-4">{org.slug === current.slug ? <Check className="size-4" aria-hidden /> : null}</span>
                <span className="truncate">{org.name}</span>
              </Link>
            </DropdownMenu.Item>
          ))}
          <DropdownMenu.Separator className="my-1 h-px bg-slate-200" />
          <DropdownMenu.Item asChild className={menuItemClass}>
            <Link href="/orgs">
              <Building2 className="size-4" aria-hidden />
              {t('allOrganizations')}
            </Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item asChild className={menuItemClass}>
            <Link href="/orgs/new">
              <Plus className="size-4" aria-hidden />
              {t('createOrganization')}
            </Link>
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
