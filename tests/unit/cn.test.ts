import { describe, expect, it } from 'vitest';
import { cn } from '@/lib/cn';

describe('cn', () => {
  it("lets a caller's width replace a component's default width", () => {
    expect(cn('h-9 w-full rounded-md', 'w-32')).toBe('h-9 rounded-md w-32');
  });

  it('keeps classes that set different properties, theme colours included', () => {
    expect(cn('text-sm text-slate-900', 'text-brand-700')).toBe('text-sm text-brand-700');
    expect(cn('ring-1 ring-slate-300', 'bg-level-3', false, null, undefined)).toBe('ring-1 ring-slate-300 bg-level-3');
  });

  it('resolves conflicts per variant only', () => {
    expect(cn('px-4 sm:px-6', 'px-2')).toBe('sm:px-6 px-2');
  });
});
