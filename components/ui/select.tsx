'use client';

import { Select as S } from 'radix-ui';
import { Check, ChevronDown } from 'lucide-react';
import { cn } from '@/lib/cn';

export interface SelectOption {
  value: string;
  label: string;
  description?: string;
}

/** An accessible select (Radix): keyboard navigation, typeahead, screen-reader labels. */
export function Select({
  value,
  onValueChange,
  options,
  label,
  id,
  disabled,
  className,
}: {
  value: string;
  onValueChange: (value: string) => void;
  options: SelectOption[];
  /** Accessible name when no visible <label htmlFor> points at `id`. */
  label?: string;
  id?: string;
  disabled?: boolean;
  className?: string;
}) {
  return (
    <S.Root value={value} onValueChange={onValueChange} disabled={disabled}>
      <S.Trigger
        id={id}
        aria-label={label}
        className={cn(
          'inline-flex h-9 w-full items-center justify-between gap-2 rounded-md bg-white px-3 text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset',
          'hover:bg-slate-50 disabled:cursor-not-allowed disabled:bg-slate-50 disabled:text-slate-500',
          className,
        )}
      >
        <S.Value />
        <S.Icon>
          <ChevronDown className="size-4 text-slate-500" aria-hidden />
        </S.Icon>
      </S.Trigger>
      <S.Portal>
        <S.Content
          position="popper"
          sideOffset={4}
          className="z-50 min-w-[var(--radix-select-trigger-width)] overflow-hidden rounded-md bg-white shadow-lg ring-1 ring-slate-200"
        >
          <S.Viewport className="p-1">
            {options.map((option) => (
              <S.Item
                key={option.value}
                value={option.value}
                className="relative flex cursor-default flex-col rounded px-8 py-1.5 text-sm text-slate-900 outline-none select-none data-[highlighted]:bg-brand-50"
              >
                <S.ItemIndicator className="absolute top-2 left-2">
                  <Check className="size-4 text-brand-600" aria-hidden />
                </S.ItemIndicator>
                <S.ItemText>{option.label}</S.ItemText>
                {option.description ? <span className="text-xs text-slate-600">{option.description}</span> : null}
              </S.Item>
            ))}
          </S.Viewport>
        </S.Content>
      </S.Portal>
    </S.Root>
  );
}
