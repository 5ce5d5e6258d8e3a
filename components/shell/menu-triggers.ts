// The look of the shell's three menu buttons, shared by the menus themselves (which load after the page)
// and the look-alikes app-shell.tsx shows until they arrive, so nothing moves when they swap.

export const mobileMenuTriggerClass = '-ml-1.5 inline-flex rounded-md p-1.5 text-slate-700 hover:bg-slate-100';

export const orgSwitcherTriggerClass =
  'flex w-full items-center justify-between gap-2 rounded-lg px-2.5 py-2 text-left text-sm font-semibold text-slate-900 ring-1 ring-slate-200 hover:bg-slate-50';

export const userMenuTriggerClass =
  'inline-flex size-9 items-center justify-center rounded-full bg-brand-100 text-sm font-semibold text-brand-800 hover:bg-brand-50';

/** Up to two letters for the avatar: "Sara Member" → "SM". */
export function initials(name: string): string {
  return (
    name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((part) => part[0]!.toUpperCase())
      .join('') || '?'
  );
}
