'use client';

import { Download } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { downloadText } from '@/components/accounts/download';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { toCsv, type CsvValue } from '@/server/domain/csv';

/** One dashboard block: a heading people (and screen readers) can jump to, what it shows, a CSV export, and the content. */
export function Section({
  id,
  title,
  description,
  actions,
  children,
  className,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <Card className={className ? `min-w-0 ${className}` : 'min-w-0'}>
      <section aria-labelledby={`${id}-title`} className="flex h-full flex-col">
        <div className="flex flex-col gap-2 border-b border-slate-200 px-4 py-3 sm:flex-row sm:items-start sm:justify-between sm:px-5">
          <div className="min-w-0">
            <h3 id={`${id}-title`} className="text-base font-semibold text-slate-900">
              {title}
            </h3>
            {description ? <p className="mt-0.5 text-sm text-slate-600">{description}</p> : null}
          </div>
          {actions ? <div className="flex shrink-0 flex-wrap items-center gap-2">{actions}</div> : null}
        </div>
        <div className="flex-1 px-4 py-4 sm:px-5">{children}</div>
      </section>
    </Card>
  );
}

/** Saves what a table or chart shows as a CSV file (named by csv-export.ts exportFileName), made in the browser from the numbers already on screen. */
export function ExportCsvButton({ fileName, rows, label }: { fileName: string; rows: () => CsvValue[][]; label: string }) {
  const t = useTranslations('portfolio');
  return (
    <Button
      variant="secondary"
      size="sm"
      onClick={() => downloadText(fileName, toCsv(rows(), { bom: true }))}
      aria-label={t('exportNamed', { name: label })}
    >
      <Download className="size-4" aria-hidden />
      {t('export')}
    </Button>
  );
}

/** The chart's numbers as a table, folded away until asked for: for screen readers, and for anyone who wants the exact figures. */
export function TableAlternative({ caption, children }: { caption: string; children: ReactNode }) {
  const t = useTranslations('portfolio');
  return (
    <details className="group mt-3">
      <summary className="inline-flex cursor-pointer items-center rounded-md text-sm font-medium text-brand-700 hover:underline">
        <span className="group-open:hidden">{t('showTable')}</span>
        <span className="hidden group-open:inline">{t('hideTable')}</span>
      </summary>
      <div className="relative mt-3 overflow-x-auto">
        <table className="w-full min-w-[28rem] text-left text-sm tabular-nums">
          <caption className="sr-only">{caption}</caption>
          {children}
        </table>
      </div>
    </details>
  );
}

/**
 * Said in place of a chart that has nothing honest to draw (no moves between two days, a single
 * period): what that means and what to do, where an empty box would look broken.
 */
export function ChartNote({ title, children }: { title?: string; children: ReactNode }) {
  return (
    <div className="mt-2 rounded-lg border border-dashed border-slate-300 bg-slate-50 px-4 py-6 text-center text-sm text-slate-700">
      {title ? <p className="font-medium text-slate-900">{title}</p> : null}
      <p className={title ? 'mx-auto mt-1 max-w-prose' : 'mx-auto max-w-prose'}>{children}</p>
    </div>
  );
}

export const th = 'px-2 py-1.5 text-xs font-medium text-slate-600';
export const td = 'px-2 py-1.5 text-slate-800';

export function SectionSkeleton({ height = 'h-64' }: { height?: string }) {
  const t = useTranslations('common');
  return (
    <div aria-busy="true" aria-label={t('loading')}>
      <Skeleton className={`${height} w-full`} />
    </div>
  );
}
