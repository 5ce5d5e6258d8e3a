'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { locales } from '@/i18n/config';
import { cn } from '@/lib/cn';
import { rememberLocale } from '@/server/auth/server-functions';

/** Two buttons, English and Svenska; the choice is remembered in a cookie. */
export function LanguageSwitcher({ className }: { className?: string }) {
  const t = useTranslations('common');
  const current = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <div role="group" aria-label={t('language')} className={cn('inline-flex rounded-md p-0.5 ring-1 ring-slate-300', className)}>
      {locales.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          aria-pressed={current === locale}
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              await rememberLocale(locale);
              router.refresh();
            })
          }
          className={cn(
            'rounded px-2.5 py-1 text-xs font-medium',
            current === locale ? 'bg-slate-900 text-white' : 'text-slate-700 hover:bg-slate-100',
          )}
        >
          {t(`languageName.${locale}`)}
        </button>
      ))}
    </div>
  );
}
