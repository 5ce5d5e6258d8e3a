import { ChevronDown } from 'lucide-react';
import { cn } from '@/lib/cn';
import type { SelectOption } from './select';

/**
 * The browser's own select, styled like the Radix Select of components/ui/select.tsx. For pages
 * where every kilobyte of first-load JavaScript counts (the dashboard's filters): no script at
 * all, and phones show their native picker.
 */
export function NativeSelect({
  value,
  onValueChange,
  options,
  id,
  className,
}: {
  value: string;
  onValueChange: (value: string) => void;
  options: SelectOption[];
  id?: string;
  className?: string;
}) {
  return (
    <div className={cn('relative', className)}>
      <select
        id={id}
        value={value}
        onChange={(event) => onValueChange(event.target.value)}
        className="h-9 w-full appearance-none truncate rounded-md bg-white pr-8 pl-3 text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <ChevronDown aria-hidden className="pointer-events-none absolute top-1/2 right-2.5 size-4 -translate-y-1/2 text-slate-500" />
    </div>
  );
}
