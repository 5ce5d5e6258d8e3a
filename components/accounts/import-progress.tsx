import { cn } from '@/lib/cn';

/**
 * A progress bar with its label. Without `percent` it is indeterminate (the server is working and
 * cannot report steps), which screen readers announce as busy rather than as a made-up number.
 */
export function ImportProgress({ label, detail, percent }: { label: string; detail?: string; percent?: number }) {
  const value = percent === undefined ? undefined : Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <div className="space-y-2" aria-live="polite">
      <div className="flex items-baseline justify-between gap-3 text-sm">
        <span className="font-medium text-slate-800">{label}</span>
        {detail ? <span className="text-slate-600 tabular-nums">{detail}</span> : null}
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        aria-busy={value === undefined}
        className="h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className={cn('h-full rounded-full bg-brand-600 transition-[width] duration-300', value === undefined && 'w-full animate-pulse')}
          style={value === undefined ? undefined : { width: `${value}%` }}
        />
      </div>
    </div>
  );
}
