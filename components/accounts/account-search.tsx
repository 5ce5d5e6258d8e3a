'use client';

import { Search } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { inputClass } from '@/components/ui/field';
import { cn } from '@/lib/cn';

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return Boolean(element && (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName)));
}

/**
 * The list's search box: results follow as you type (after a short pause), and "/" anywhere on
 * the page jumps here, as in most tools people already use. Remount it (key) to reset its text.
 */
export function AccountSearch({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const t = useTranslations('accounts.search');
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(value);

  useEffect(() => {
    if (text.trim() === value) return;
    const timer = setTimeout(() => onSearch(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text, value, onSearch]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.metaKey || event.ctrlKey || event.altKey || isTyping(event.target)) return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="relative min-w-0 flex-1">
      <label htmlFor={id} className="sr-only">
        {t('label')}
      </label>
      <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-400" aria-hidden />
      <input
        ref={input}
        id={id}
        type="search"
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') onSearch(text.trim());
          if (event.key === 'Escape' && text) {
            event.preventDefault();
            setText('');
          }
        }}
        placeholder={t('placeholder')}
        aria-keyshortcuts="/"
        maxLength={200}
        autoComplete="off"
        className={cn(inputClass, 'pr-10 pl-9')}
      />
      <kbd
        className="pointer-events-none absolute top-1/2 right-2.5 hidden -translate-y-1/2 rounded border border-slate-300 px-1.5 text-xs text-slate-500 sm:block"
        title={t('shortcut')}
        aria-hidden
      >
        /
      </kbd>
    </div>
  );
}
