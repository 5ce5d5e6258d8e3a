import type { ReactNode } from 'react';
import { cn } from '@/lib/cn';

/** A number that opens the accounts behind it. */
export function DrillButton({
  label,
  onClick,
  children,
  className,
}: {
  label: string;
  onClick: () => void;
  children: ReactNode;
  className?: string;
}) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-label={label}
      title={label}
      className={cn(
        'rounded font-semibold text-slate-900 tabular-nums underline decoration-slate-300 underline-offset-4 hover:text-brand-700 hover:decoration-brand-600',
        className,
      )}
    >
      {children}
    </button>
  );
}
