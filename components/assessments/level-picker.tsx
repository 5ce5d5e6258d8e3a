'use client';

import { RadioGroup } from 'radix-ui';
import { useTranslations } from 'next-intl';
import { LEVELS, levelStyles, type Level } from '@/components/levels/levels';
import { cn } from '@/lib/cn';

/**
 * The five levels as big radio cards (number, name and a one-line summary), built on Radix
 * RadioGroup: arrow keys move between levels, the choice is announced. `suggested` marks the
 * level the votes point at.
 */
export function LevelPicker({
  value,
  onChange,
  labelledBy,
  describedBy,
  suggested,
  compact = false,
  invalid = false,
  disabled = false,
}: {
  value: number | null;
  onChange: (level: Level) => void;
  labelledBy: string;
  describedBy?: string;
  suggested?: number | null;
  compact?: boolean;
  invalid?: boolean;
  disabled?: boolean;
}) {
  const t = useTranslations();
  return (
    <RadioGroup.Root
      value={value === null ? '' : String(value)}
      onValueChange={(v) => onChange(Number(v) as Level)}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      disabled={disabled}
      className={cn('grid gap-2', compact ? 'grid-cols-5' : 'grid-cols-1 lg:grid-cols-5')}
    >
      {LEVELS.map((level) => {
        const name = t(`hierarchy.levels.${level}.name`);
        return (
          <RadioGroup.Item
            key={level}
            value={String(level)}
            aria-label={compact ? `${level} ${name}` : undefined}
            className={cn(
              'group relative flex rounded-lg bg-white text-left ring-1 ring-slate-300 transition-colors ring-inset',
              'hover:bg-slate-50 data-[state=checked]:bg-brand-50 data-[state=checked]:ring-2 data-[state=checked]:ring-brand-600',
              'disabled:cursor-not-allowed disabled:opacity-60',
              invalid && 'ring-red-500',
              compact ? 'flex-col items-center gap-1 px-1 py-2' : 'items-start gap-3 p-3 lg:flex-col lg:gap-2',
            )}
          >
            <span
              className={cn(
                'inline-flex shrink-0 items-center justify-center rounded-md font-semibold',
                levelStyles[level].solid,
                compact ? 'size-7 text-sm' : 'size-8 text-base',
              )}
              aria-hidden
            >
              {level}
            </span>
            {compact ? (
              <span className="hidden text-center text-xs leading-tight text-slate-700 sm:block" aria-hidden>
                {name}
              </span>
            ) : (
              <span className="min-w-0">
                <span className="block text-sm font-semibold text-slate-900">{name}</span>
                <span className="mt-0.5 block text-xs text-slate-600">{t(`hierarchy.levels.${level}.summary`)}</span>
              </span>
            )}
            {suggested === level ? (
              <span className="absolute -top-2 right-2 rounded-full bg-slate-900 px-1.5 py-0.5 text-[10px] font-semibold text-white">
                {t('assessments.suggested')}
              </span>
            ) : null}
          </RadioGroup.Item>
        );
      })}
    </RadioGroup.Root>
  );
}
