'use client';

import { useTranslations } from 'next-intl';
import { cn } from '@/lib/cn';
import { inputClass } from '@/components/ui/field';
import { PERSONAL_MESSAGE_MAX } from '@/server/domain/customer-email';

/** Past this share of the limit the counter turns amber, so the end does not come as a surprise. */
const NEAR_LIMIT = 0.9;

/**
 * The member's own words in an email to a customer: a text area that stops at the limit, with
 * its hint (or the server's refusal) and a running count of characters left beside it.
 */
export function PersonalMessageField({
  id,
  label,
  hint,
  error,
  value,
  onChange,
}: {
  id: string;
  label: string;
  hint: string;
  error: string | undefined;
  value: string;
  onChange: (value: string) => void;
}) {
  const t = useTranslations('customer');
  const near = value.length >= PERSONAL_MESSAGE_MAX * NEAR_LIMIT;
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea
        id={id}
        rows={3}
        maxLength={PERSONAL_MESSAGE_MAX}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint ${id}-count`}
        className={inputClass}
      />
      <div className="flex items-start justify-between gap-3 text-sm">
        <p id={`${id}-hint`} className={error ? 'text-red-700' : 'text-slate-600'}>
          {error ?? hint}
        </p>
        <p id={`${id}-count`} className={cn('shrink-0 tabular-nums', near ? 'font-medium text-amber-800' : 'text-slate-600')}>
          {t('messageCount', { count: value.length, max: PERSONAL_MESSAGE_MAX })}
        </p>
      </div>
    </div>
  );
}
