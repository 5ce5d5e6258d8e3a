'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { locales } from '@/i18n/config';
import { cn } from '@/lib/cn';
import { rememberLocale } from '@/server/auth/server-functions';

/**
 * Two buttons, English and Svenska; the choice is remembered in a cookie, so it holds for a
 * signed-out visitor and across sessions alike. `compact` shows the language codes (EN, SV) for
 * the app's top bar, where space is short; screen readers still hear each language's name.
 */
export function LanguageSwitcher({ className, compact = false }: { className?: string; compact?: boolean }) {
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
            'rounded py-1 text-xs font-medium',
            compact ? 'px-1.5' : 'px-2.5',
            current === locale ? 'bg-slate-900 text-white' : 'text-slate-700 hover:bg-slate-100',
          )}
        >
          {compact ? (
            <>
              <span aria-hidden>{locale.toUpperCase()}</span>
              <span className="sr-only">{t(`languageName.${locale}`)}</span>
            </>
          ) : (
            t(`languageName.${locale}`)
          )}
        </button>
      ))}
    </div>
  );
}
