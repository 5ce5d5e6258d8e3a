import { useTranslations } from 'next-intl';
import { cn } from '@/lib/cn';
import { levelStyles, type Level } from './levels';

/**
 * A level as people see it everywhere: colour, number and short name together, so it reads
 * without colour too. `compact` shows the number only, with the name for screen readers and on hover.
 */
export function LevelBadge({
  level,
  compact = false,
  className,
  emptyLabel,
}: {
  level: number | null;
  compact?: boolean;
  className?: string;
  emptyLabel?: string;
}) {
  const t = useTranslations('hierarchy');
  if (level === null) {
    const label = emptyLabel ?? t('noLevel');
    // Compact (tables, cards): a dash with the words for screen readers and on hover, like the number-only badges.
    return compact ? (
      <span
        title={label}
        className={cn(
          'inline-flex h-6 min-w-6 items-center justify-center rounded-md text-xs font-medium text-slate-500 ring-1 ring-slate-200 ring-inset',
          className,
        )}
      >
        <span aria-hidden>–</span>
        <span className="sr-only">{label}</span>
      </span>
    ) : (
      <span
        className={cn(
          'inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium whitespace-nowrap text-slate-500 ring-1 ring-slate-200 ring-inset',
          className,
        )}
      >
        {label}
      </span>
    );
  }
  const known = level as Level;
  const name = t(`levels.${known}.name`);
  return (
    <span
      title={compact ? `${level} · ${name}` : undefined}
      className={cn(
        'inline-flex items-center gap-1.5 rounded-md py-0.5 pr-2 pl-0.5 text-xs font-medium ring-1 ring-inset',
        levelStyles[known].soft,
        compact && 'pr-0.5',
        className,
      )}
    >
      <span
        className={cn('inline-flex size-5 items-center justify-center rounded text-[11px] font-semibold', levelStyles[known].solid)}
        aria-hidden={!compact}
      >
        {level}
      </span>
      {compact ? <span className="sr-only">{name}</span> : <span>{name}</span>}
    </span>
  );
}

/**
 * Team level and customer level side by side, with the perception gap when both exist
 * (positive: the team rates the relationship higher than the customer does).
 */
export function LevelPair({
  teamLevel,
  customerLevel,
  compact = false,
  nowrap = false,
}: {
  teamLevel: number | null;
  customerLevel: number | null;
  compact?: boolean;
  /** Keep team, customer and gap on one line (a table column), rather than wrapping them. */
  nowrap?: boolean;
}) {
  const t = useTranslations('hierarchy');
  const tAccounts = useTranslations('accounts.filters');
  const gap = teamLevel !== null && customerLevel !== null ? teamLevel - customerLevel : null;
  return (
    <span className={cn('inline-flex items-center gap-2', nowrap ? 'whitespace-nowrap' : 'flex-wrap')}>
      <span className="inline-flex items-center gap-1">
        <span className="text-xs text-slate-600">{t('team')}</span>
        <LevelBadge level={teamLevel} compact={compact} />
      </span>
      <span className="inline-flex items-center gap-1">
        <span className="text-xs text-slate-600">{t('customer')}</span>
        <LevelBadge level={customerLevel} compact={compact} emptyLabel={tAccounts('notConfirmed')} />
      </span>
      <GapBadge gap={gap} />
    </span>
  );
}

/**
 * The perception gap (team − customer) as a badge that says which way it goes, in words for
 * screen readers and on hover; nothing when there is no gap or it is zero.
 */
export function GapBadge({ gap }: { gap: number | null }) {
  const t = useTranslations('hierarchy');
  if (gap === null || gap === 0) return null;
  return (
    <span
      className={cn(
        'rounded-full px-2 py-0.5 text-xs font-semibold whitespace-nowrap',
        gap > 0 ? 'bg-red-50 text-red-800 ring-1 ring-red-200' : 'bg-emerald-50 text-emerald-800 ring-1 ring-emerald-200',
      )}
      title={gap > 0 ? t('gapOverrates') : t('gapUnderrates')}
    >
      {t('gap', { gap: gap > 0 ? `+${gap}` : String(gap) })}
      <span className="sr-only"> ({gap > 0 ? t('gapOverrates') : t('gapUnderrates')})</span>
    </span>
  );
}

/**
 * The effective level: the customer's where there is one, else the team's, then marked in words
 * ("Team's view") and by a dashed outline, so it never passes for a confirmed level.
 */
export function EffectiveLevelBadge({
  level,
  source,
  compact = false,
}: {
  level: number | null;
  source: 'customer' | 'team' | null;
  compact?: boolean;
}) {
  const t = useTranslations('accounts.effective');
  if (source !== 'team') return <LevelBadge level={level} compact={compact} />;
  return (
    <span className="inline-flex flex-wrap items-center gap-1" title={t('teamsViewLong')}>
      <LevelBadge level={level} compact={compact} className="outline-1 outline-offset-1 outline-slate-400 outline-dashed" />
      <span className="text-[11px] leading-tight font-medium text-slate-600">
        {t('teamsView')}
        <span className="sr-only">: {t('teamsViewLong')}</span>
      </span>
    </span>
  );
}
