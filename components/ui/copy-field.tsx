'use client';

import { Copy } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useId } from 'react';
import { toast } from 'sonner';
import { Button } from './button';
import { inputClass } from './field';

/** A read-only value with a copy button; the text stays selectable when the clipboard is unavailable. */
export function CopyField({ label, value, hint }: { label: string; value: string; hint?: string }) {
  const t = useTranslations('common');
  const id = useId();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      toast.success(t('copied'));
    } catch {
      toast.error(t('copyFailed'));
    }
  };
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="flex gap-2">
        <input id={id} readOnly value={value} onFocus={(e) => e.currentTarget.select()} className={`${inputClass} font-mono text-xs`} />
        <Button variant="secondary" onClick={() => void copy()}>
          <Copy className="size-4" aria-hidden />
          {t('copy')}
        </Button>
      </div>
      {hint ? <p className="text-sm text-slate-600">{hint}</p> : null}
    </div>
  );
}
