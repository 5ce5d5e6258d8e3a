import { useTranslations } from 'next-intl';
import { cn } from '@/lib/cn';
import { LEVELS, levelStyles } from './levels';

/** The hierarchy drawn as a ladder, highest rung on top: number, name and a one-line summary. */
export function LevelLadder({ tone = 'light' }: { tone?: 'light' | 'dark' }) {
  const t = useTranslations('hierarchy');
  return (
    <ol className="space-y-2" aria-label={t('title')}>
      {[...LEVELS].reverse().map((level) => (
        <li key={level} className="flex items-start gap-3">
          <span
            className={cn(
              'mt-0.5 inline-flex size-7 shrink-0 items-center justify-center rounded-md text-sm font-semibold',
              levelStyles[level].solid,
            )}
            aria-hidden
          >
            {level}
          </span>
          <div>
            <p className={cn('text-sm font-semibold', tone === 'dark' ? 'text-white' : 'text-slate-900')}>
              <span className="sr-only">{level}. </span>
              {t(`levels.${level}.name`)}
            </p>
            <p className={cn('text-sm', tone === 'dark' ? 'text-slate-300' : 'text-slate-600')}>{t(`levels.${level}.summary`)}</p>
          </div>
        </li>
      ))}
    </ol>
  );
}
