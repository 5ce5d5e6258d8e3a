'use client';

import { Bell, Building2, ChevronsUpDown, LayoutDashboard, ListChecks, Megaphone, Menu, Settings } from 'lucide-react';
import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useState, type ReactNode } from 'react';
import { cn } from '@/lib/cn';
import type { Role } from '@/server/inputs/common';
import { LanguageSwitcher } from './language-switcher';
import { Logo } from './logo';
import { initials, mobileMenuTriggerClass, orgSwitcherTriggerClass, userMenuTriggerClass } from './menu-triggers';
import { OrgProvider } from './org-context';
import type * as ShellMenusModule from './shell-menus';

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

type ShellMenus = typeof ShellMenusModule;

/**
 * The organization switcher, the account menu and the phone's menu, fetched once the page has
 * rendered; null until then, and if the fetch fails (the look-alikes stay: the page still works).
 */
function useShellMenus(): ShellMenus | null {
  const [menus, setMenus] = useState<ShellMenus | null>(null);
  useEffect(() => {
    let mounted = true;
    import('./shell-menus').then(
      (loaded) => mounted && setMenus(loaded),
      () => {},
    );
    return () => {
      mounted = false;
    };
  }, []);
  return menus;
}

/* Each menu's button as it looks, with nothing to press yet, while the menus load. */

function MobileMenuPlaceholder() {
  return (
    <span className={mobileMenuTriggerClass} aria-hidden>
      <Menu className="size-6" />
    </span>
  );
}

function OrgSwitcherPlaceholder({ name }: { name: string }) {
  return (
    <div className={orgSwitcherTriggerClass} aria-hidden>
      <span className="truncate">{name}</span>
      <ChevronsUpDown className="size-4 shrink-0 text-slate-500" />
    </div>
  );
}

function UserMenuPlaceholder({ name }: { name: string }) {
  return (
    <span className={userMenuTriggerClass} aria-hidden>
      {initials(name)}
    </span>
  );
}

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
  const menus = useShellMenus();

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
        {/* The column runs the page's length; the sidebar in it is sticky at the height of the screen, so the account
            menu at its foot stays in reach on a long page. */}
        <div className="hidden border-r border-slate-200 bg-white lg:block">
          <aside className="sticky top-0 flex h-dvh flex-col gap-6 overflow-y-auto px-4 py-5">
            <div className="flex items-center justify-between gap-2">
              <Logo href={`/${org.slug}`} />
              <div className="flex items-center gap-2">
                <LanguageSwitcher compact />
                <NotificationBell />
              </div>
            </div>
            {menus ? <menus.OrgSwitcher current={org} organizations={organizations} /> : <OrgSwitcherPlaceholder name={org.name} />}
            {nav}
            <div className="mt-auto flex items-center gap-3 border-t border-slate-200 pt-4">
              {menus ? (
                <menus.UserMenu user={user} profileHref={`/${org.slug}/profile`} side="top" />
              ) : (
                <UserMenuPlaceholder name={user.name} />
              )}
              <div className="min-w-0">
                <p className="truncate text-sm font-medium text-slate-900">{user.name}</p>
                <p className="truncate text-xs text-slate-600">{t(`roles.${org.role}.name`)}</p>
              </div>
            </div>
          </aside>
        </div>

        <header className="sticky top-0 z-30 flex items-center justify-between gap-3 border-b border-slate-200 bg-white/95 px-4 py-2.5 backdrop-blur lg:hidden">
          {menus ? (
            <menus.MobileNav org={org} organizations={organizations} nav={nav} open={menuOpen} onOpenChange={setMenuOpen} />
          ) : (
            <MobileMenuPlaceholder />
          )}
          <p className="min-w-0 flex-1 truncate text-sm font-semibold text-slate-900">{org.name}</p>
          <LanguageSwitcher compact />
          <NotificationBell />
          {menus ? <menus.UserMenu user={user} profileHref={`/${org.slug}/profile`} /> : <UserMenuPlaceholder name={user.name} />}
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
