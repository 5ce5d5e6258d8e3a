'use client';

import { Check } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useOrg } from '@/components/shell/org-context';
import { useTRPC } from '@/components/trpc';
import { cn } from '@/lib/cn';

export interface Signal {
  id: string;
  level: number;
  labelEn: string;
  labelSv: string;
  position: number;
  retiredAt: Date | null;
}

/** A signal's label in the reader's language. */
export function useSignalLabel() {
  const locale = useLocale();
  return (signal: Pick<Signal, 'labelEn' | 'labelSv'>) => (locale === 'sv' ? signal.labelSv : signal.labelEn);
}

/**
 * The organization's whole checklist, retired signals included (old votes still name them),
 * with a lookup by id. One query shared by every panel that shows evidence.
 */
export function useSignals() {
  const trpc = useTRPC();
  const org = useOrg();
  const query = useQuery(trpc.signal.list.queryOptions({ orgSlug: org.slug, includeRetired: true }, { staleTime: 5 * 60_000 }));
  const byId = useMemo(() => new Map((query.data ?? []).map((s) => [s.id, s])), [query.data]);
  return { ...query, byId };
}

/** Initials in a circle: who is who at a glance, with the full name for everyone else. */
export function Avatar({ name, done = false, className }: { name: string; done?: boolean; className?: string }) {
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('');
  return (
    <span
      className={cn(
        'relative inline-flex size-8 shrink-0 items-center justify-center rounded-full bg-slate-200 text-xs font-semibold text-slate-700',
        className,
      )}
      aria-hidden
    >
      {initials || '?'}
      {done ? (
        <span className="absolute -right-1 -bottom-1 inline-flex size-4 items-center justify-center rounded-full bg-emerald-600 ring-2 ring-white">
          <Check className="size-3 text-white" strokeWidth={3} />
        </span>
      ) : null}
    </span>
  );
}

/** A person's name, or a neutral label for someone who has left the organization. */
export function usePersonName() {
  const t = useTranslations('assessments');
  return (name: string | null | undefined) => name ?? t('formerMember');
}
