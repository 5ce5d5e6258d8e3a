import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { LevelLadder } from '@/components/levels/level-ladder';
import { LanguageSwitcher } from '@/components/shell/language-switcher';
import { Logo } from '@/components/shell/logo';

/** Sign-in, sign-up and invitations: the form on one side, what Rung is about on the other. */
export default async function AuthLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations('auth');
  return (
    <div className="grid min-h-dvh lg:grid-cols-[1fr_28rem] xl:grid-cols-[1fr_32rem]">
      <main className="flex flex-col px-4 py-6 sm:px-8">
        <div className="flex items-center justify-between">
          <Logo />
          <LanguageSwitcher />
        </div>
        <div className="mx-auto flex w-full max-w-sm flex-1 flex-col justify-center py-10">{children}</div>
      </main>
      <aside className="hidden bg-slate-900 px-10 py-12 lg:flex lg:flex-col lg:justify-center">
        <p className="mb-8 max-w-sm text-base text-slate-200">{t('pitch')}</p>
        <LevelLadder tone="dark" />
      </aside>
    </div>
  );
}
