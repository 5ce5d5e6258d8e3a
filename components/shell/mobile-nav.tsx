'use client';

import { Dialog } from 'radix-ui';
import { Menu, X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { Logo } from './logo';
import { mobileMenuTriggerClass } from './menu-triggers';
import { OrgSwitcher } from './org-switcher';

/** The phone's menu: a button in the top bar that slides the organization switcher and the links in from the left. */
export function MobileNav({
  org,
  organizations,
  nav,
  open,
  onOpenChange,
}: {
  org: { slug: string; name: string };
  organizations: Array<{ slug: string; name: string }>;
  nav: ReactNode;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations('nav');
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Trigger aria-label={t('openMenu')} className={mobileMenuTriggerClass}>
        <Menu className="size-6" aria-hidden />
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col gap-6 bg-white px-4 py-5 shadow-xl focus:outline-none">
          <div className="flex items-center justify-between">
            <Logo href={`/${org.slug}`} />
            <Dialog.Close aria-label={t('closeMenu')} className="rounded-md p-1.5 text-slate-600 hover:bg-slate-100">
              <X className="size-5" aria-hidden />
            </Dialog.Close>
          </div>
          <Dialog.Title className="sr-only">{t('main')}</Dialog.Title>
          <Dialog.Description className="sr-only">{org.name}</Dialog.Description>
          <OrgSwitcher current={org} organizations={organizations} />
          {nav}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
