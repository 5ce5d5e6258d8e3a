import { TriangleAlert } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { cn } from '@/lib/cn';

/** How far the economic buyer may be from the combined customer level before the flag shows (server/services/account-levels.ts). */
const DISSENT_LEVELS = 2;

/**
 * The economic buyer sees the relationship at least two levels away from the combined customer
 * level: a small badge with an icon and words, never colour alone.
 */
export function EconomicBuyerBadge({ className }: { className?: string }) {
  const t = useTranslations('accounts.economicBuyer');
  return (
    <span
      title={t('hint', { min: DISSENT_LEVELS })}
      className={cn(
        'inline-flex items-center gap-1 rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium whitespace-nowrap text-amber-900 ring-1 ring-amber-300 ring-inset',
        className,
      )}
    >
      <TriangleAlert className="size-3.5 shrink-0" aria-hidden />
      {t('badge')}
      <span className="sr-only">: {t('hint', { min: DISSENT_LEVELS })}</span>
    </span>
  );
}
