'use client';

import { Dialog } from 'radix-ui';
import { Bell, Building2, LayoutDashboard, ListChecks, Megaphone, Menu, Settings, X } from 'lucide-react';
import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useState, type ReactNode } from 'react';
import { cn } from '@/lib/cn';
import type { Role } from '@/server/inputs/common';
import { LanguageSwitcher } from './language-switcher';
import { Logo } from './logo';
import { OrgProvider } from './org-context';
import { OrgSwitcher } from './org-switcher';
import { UserMenu } from './user-menu';

/** The bell's place while its code loads: the same size and look, but nothing to press yet. */
function BellPlaceholder() {
  return (
    <span className="relative inline-flex rounded-md p-1.5 text-slate-700" aria-hidden>
      <Bell className="size-5" />
    </span>
  );
}

// The bell and its popover load after the page has rendered: they are on every page, and their
// code (the popover, the list) is needed only once someone opens them. The unread count shows
// as soon as the bell arrives.
const NotificationBell = dynamic(() => import('@/components/notifications/notification-bell').then((module) => module.NotificationBell), {
  ssr: false,
  loading: BellPlaceholder,
});

// The live stream that refreshes the bell: it draws nothing, so it can start after the page too.
const NotificationStream = dynamic(
  () => import('@/components/notifications/notification-stream').then((module) => module.NotificationStream),
  { ssr: false },
);

// Shown only to people who have not confirmed their address yet: everyone else never loads it.
const VerifyEmailBanner = dynamic(() => import('./verify-email-banner').then((module) => module.VerifyEmailBanner), { ssr: false });

interface ShellProps {
  org: { slug: string; name: string; role: Role };
  user: { name: string; email: string; emailVerifiedAt: Date | null };
  organizations: Array<{ slug: string; name: string }>;
  children: ReactNode;
}

/** Sidebar on a laptop, a top bar with a slide-in menu on a phone; the same links in both. */
export function AppShell({ org, user, organizations, children }: ShellProps) {
  const t = useTranslations();
  const pathname = usePathname();
  const [menuOpen, setMenuOpen] = useState(false);

  // Remembered so that "/" opens the organization you used last.
  useEffect(() => {
    document.cookie = `rung_last_org=${encodeURIComponent(org.slug)}; path=/; max-age=31536000; samesite=lax`;
  }, [org.slug]);

  const links = [
    { href: `/${org.slug}/accounts`, label: t('nav.accounts'), icon: Building2 },
    { href: `/${org.slug}/dashboard`, label: t('nav.dashboard'), icon: LayoutDashboard },
    { href: `/${org.slug}/actions`, label: t('actions.mineTitle'), icon: ListChecks },
    { href: `/${org.slug}/campaigns`, label: t('nav.campaigns'), icon: Megaphone },
    { href: `/${org.slug}/settings`, label: t('nav.settings'), icon: Settings },
  ];

  const nav = (
    <nav aria-label={t('nav.main')} className="space-y-1">
      {links.map(({ href, label, icon: Icon }) => {
        const active = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={href}
            href={href}
            onClick={() => setMenuOpen(false)}
            aria-current={active ? 'page' : undefined}
            className={cn(
              'flex items-center gap-3 rounded-md px-2.5 py-2 text-sm font-medium',
              active ? 'bg-brand-50 text-brand-800' : 'text-slate-700 hover:bg-slate-100 hover:text-slate-900',
            )}
          >
            <Icon className="size-4.5 shrink-0" aria-hidden />
            {label}
          </Link>
        );
      })}
    </nav>
  );

  return (
    <OrgProvider org={org}>
      <NotificationStream orgSlug={org.slug} />
      <a href="#main" className="sr-only z-50 rounded-md bg-white px-3 py-2 focus:not-sr-only focus:fixed focus:top-2 focus:left-2">
        {t('common.skipToContent')}
      </a>
      <div className="lg:grid lg:min-h-dvh lg:grid-cols-[16rem_1fr]">
        <aside className="hidden border-r border-slate-200 bg-white lg:flex lg:flex-col lg:gap-6 lg:px-4 lg:py-5">
          <div className="flex items-center justify-between gap-2">
            <Logo href={`/${org.slug}`} />
            <div className="flex items-center gap-2">
              <LanguageSwitcher compact />
              <NotificationBell />
            </div>
          </div>
          <OrgSwitcher current={org} organizations={organizations} />
          {nav}
          <div className="mt-auto flex items-center gap-3 border-t border-slate-200 pt-4">
            <UserMenu user={user} profileHref={`/${org.slug}/profile`} side="top" />
            <div className="min-w-0">
              <p className="truncate text-sm font-medium text-slate-900">{user.name}</p>
              <p className="truncate text-xs text-slate-600">{t(`roles.${org.role}.name`)}</p>
            </div>
          </div>
        </aside>

        <header className="sticky top-0 z-30 flex items-center justify-between gap-3 border-b border-slate-200 bg-white/95 px-4 py-2.5 backdrop-blur lg:hidden">
          <Dialog.Root open={menuOpen} onOpenChange={setMenuOpen}>
            <Dialog.Trigger aria-label={t('nav.openMenu')} className="-ml-1.5 rounded-md p-1.5 text-slate-700 hover:bg-slate-100">
              <Menu className="size-6" aria-hidden />
            </Dialog.Trigger>
            <Dialog.Portal>
              <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
              <Dialog.Content className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col gap-6 bg-white px-4 py-5 shadow-xl focus:outline-none">
                <div className="flex items-center justify-between">
                  <Logo href={`/${org.slug}`} />
                  <Dialog.Close aria-label={t('nav.closeMenu')} className="rounded-md p-1.5 text-slate-600 hover:bg-slate-100">
                    <X className="size-5" aria-hidden />
                  </Dialog.Close>
                </div>
                <Dialog.Title className="sr-only">{t('nav.main')}</Dialog.Title>
                <Dialog.Description className="sr-only">{org.name}</Dialog.Description>
                <OrgSwitcher current={org} organizations={organizations} />
                {nav}
              </Dialog.Content>
            </Dialog.Portal>
          </Dialog.Root>
          <p className="min-w-0 flex-1 truncate text-sm font-semibold text-slate-900">{org.name}</p>
          <LanguageSwitcher compact />
          <NotificationBell />
          <UserMenu user={user} profileHref={`/${org.slug}/profile`} />
        </header>

        <main id="main" tabIndex={-1} className="min-w-0 px-4 py-6 focus:outline-none sm:px-6 lg:px-10 lg:py-8">
          <div className="mx-auto max-w-6xl">
            {user.emailVerifiedAt ? null : <VerifyEmailBanner email={user.email} />}
            {children}
          </div>
        </main>
      </div>
    </OrgProvider>
  );
}
