'use client';

import { DropdownMenu } from 'radix-ui';
import { Check, LogOut, UserRound } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { locales } from '@/i18n/config';
import { rememberLocale, signOutFromForm } from '@/server/auth/server-functions';
import { initials, userMenuTriggerClass } from './menu-triggers';

export const menuContentClass = 'z-50 min-w-56 rounded-lg bg-white p-1 shadow-lg ring-1 ring-slate-200';
export const menuItemClass =
  'flex cursor-default items-center gap-2 rounded-md px-2.5 py-2 text-sm text-slate-800 outline-none select-none data-[highlighted]:bg-slate-100';

/** `side`: where the menu opens; the sidebar's sits at the foot of the screen, so its menu opens upwards. */
export function UserMenu({
  user,
  profileHref,
  side = 'bottom',
}: {
  user: { name: string; email: string };
  profileHref: string;
  side?: 'top' | 'bottom';
}) {
  const t = useTranslations();
  const locale = useLocale();
  const router = useRouter();
  const [, startTransition] = useTransition();
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger aria-label={t('nav.userMenu', { name: user.name })} className={userMenuTriggerClass}>
        {initials(user.name)}
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content side={side} align={side === 'top' ? 'start' : 'end'} sideOffset={6} className={menuContentClass}>
          <div className="px-2.5 py-2">
            <p className="text-xs text-slate-500">{t('nav.signedInAs')}</p>
            <p className="truncate text-sm font-medium text-slate-900">{user.name}</p>
            <p className="truncate text-xs text-slate-600">{user.email}</p>
          </div>
          <DropdownMenu.Separator className="my-1 h-px bg-slate-200" />
          <DropdownMenu.Item asChild className={menuItemClass}>
            <Link href={profileHref}>
              <UserRound className="size-4" aria-hidden />
              {t('profile.menuLink')}
            </Link>
          </DropdownMenu.Item>
          <DropdownMenu.Separator className="my-1 h-px bg-slate-200" />
          <DropdownMenu.Label className="px-2.5 pt-1 pb-0.5 text-xs text-slate-500">{t('common.language')}</DropdownMenu.Label>
          {locales.map((option) => (
            <DropdownMenu.Item
              key={option}
              lang={option}
              className={menuItemClass}
              onSelect={() =>
                startTransition(async () => {
                  await rememberLocale(option);
                  router.refresh();
                })
              }
            >
              <span className="w-4">{option === locale ? <Check className="size-4" aria-hidden /> : null}</span>
              {t(`common.languageName.${option}`)}
            </DropdownMenu.Item>
          ))}
          <DropdownMenu.Separator className="my-1 h-px bg-slate-200" />
          <DropdownMenu.Item className={menuItemClass} onSelect={() => startTransition(() => signOutFromForm())}>
            <LogOut className="size-4" aria-hidden />
            {t('nav.signOut')}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
