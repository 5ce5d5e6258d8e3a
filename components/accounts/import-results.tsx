'use client';

import { Download } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/cn';
import { ROW_OUTCOMES, type RowOutcome } from '@/server/domain/import-columns';
import { downloadText } from './download';
import { useImportWords } from './import-report';
import type { ImportReport, ImportReportRow } from './types';

const SHOWN_ISSUES = 200;

const tone: Record<RowOutcome, string> = {
  create: 'text-emerald-800',
  update: 'text-sky-800',
  unchanged: 'text-slate-700',
  skip: 'text-amber-800',
  invalid: 'text-red-700',
};

/** How many rows fall in each category: new, updated, unchanged, skipped, need fixing. */
export function ImportCounts({
  counts,
  hintOf,
}: {
  counts: ImportReport['counts'];
  /** What each outcome means for the records this import brings in; accounts' wording when absent. */
  hintOf?: (outcome: RowOutcome) => string;
}) {
  const t = useTranslations('accounts.import');
  const format = useFormatter();
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
      {ROW_OUTCOMES.map((outcome) => (
        <div
          key={outcome}
          className={cn(
            'rounded-lg bg-white p-3 ring-1 ring-slate-200',
            outcome === 'invalid' && counts.invalid > 0 && 'bg-red-50 ring-red-200',
          )}
        >
          <dt className="text-xs font-medium text-slate-600" title={hintOf ? hintOf(outcome) : t(`outcomeHints.${outcome}`)}>
            {t(`outcomes.${outcome}`)}
          </dt>
          <dd className={cn('mt-1 text-2xl font-semibold tabular-nums', tone[outcome])}>{format.number(counts[outcome])}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A row of any import's report, as far as the list of issues needs it. */
interface ReportRow {
  line: number;
  outcome: RowOutcome;
  name: string;
  issues: readonly unknown[];
}

/** How one import's rows turn into sentences and a CSV report. */
export interface ReportWords<Row extends ReportRow> {
  rowDetails: (row: Row) => string;
  reportCsv: (rows: readonly Row[]) => string;
  /** A column between the name and the reason, where the row's name alone does not say enough. */
  context?: { label: string; value: (row: Row) => string | null };
}

/** The account import's report, in the words of useImportWords. */
export function ImportIssues({ rows, fileName }: { rows: readonly ImportReportRow[]; fileName: string }) {
  return <ReportIssues rows={rows} fileName={fileName} words={useImportWords()} />;
}

/** The rows that need attention (errors first, then notes), by line, and the full report as a download. */
export function ReportIssues<Row extends ReportRow>({
  rows,
  fileName,
  words,
}: {
  rows: readonly Row[];
  fileName: string;
  words: ReportWords<Row>;
}) {
  const t = useTranslations('accounts.import');
  const format = useFormatter();
  const { rowDetails, reportCsv, context } = words;
  const withIssues = rows
    .filter((row) => row.issues.length > 0)
    .sort((a, b) => Number(b.outcome === 'invalid') - Number(a.outcome === 'invalid') || a.line - b.line);
  const shown = withIssues.slice(0, SHOWN_ISSUES);
  const download = () => downloadText(`${fileName.replace(/\.[^.]+$/, '')}-report.csv`, reportCsv(rows));

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="issues-title" className="text-base font-semibold text-slate-900">
          {shown.length > 0 ? t('issuesTitle') : t('reportTitle')}
        </h2>
        <Button variant="secondary" size="sm" onClick={download}>
          <Download className="size-4" aria-hidden />
          {t('downloadReport')}
        </Button>
      </div>
      {shown.length === 0 ? <p className="text-sm text-slate-600">{t('noIssues')}</p> : null}
      {shown.length > 0 ? (
        <div className="overflow-x-auto rounded-lg ring-1 ring-slate-200" tabIndex={0} role="region" aria-labelledby="issues-title">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t('issuesCaption')}</caption>
            <thead className="bg-slate-50 text-xs font-medium text-slate-600">
              <tr>
                <th scope="col" className="w-16 px-3 py-2">
                  {t('line')}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t('fields.name')}
                </th>
                {/* On a phone the account and the reason go under the name: three columns leave the reason a word wide. */}
                {context ? (
                  <th scope="col" className="hidden px-3 py-2 sm:table-cell">
                    {context.label}
                  </th>
                ) : null}
                <th scope="col" className="hidden px-3 py-2 sm:table-cell">
                  {t('reason')}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {shown.map((row) => {
                const reasonClass = row.outcome === 'invalid' ? 'text-red-800' : 'text-slate-700';
                const contextValue = context?.value(row) || null;
                return (
                  <tr key={row.line} className={row.outcome === 'invalid' ? 'bg-red-50/60' : undefined}>
                    <td className="px-3 py-2 align-top text-slate-700 tabular-nums">{format.number(row.line)}</td>
                    <td className="px-3 py-2 align-top text-slate-900 sm:max-w-48 sm:truncate">
                      {row.name || '–'}
                      {contextValue ? <span className="mt-0.5 block text-xs text-slate-600 sm:hidden">{contextValue}</span> : null}
                      <span className={cn('mt-1 block sm:hidden', reasonClass)}>{rowDetails(row)}</span>
                    </td>
                    {context ? (
                      <td className="hidden max-w-48 truncate px-3 py-2 align-top text-slate-700 sm:table-cell">{contextValue ?? '–'}</td>
                    ) : null}
                    <td className={cn('hidden px-3 py-2 align-top sm:table-cell', reasonClass)}>{rowDetails(row)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {withIssues.length > shown.length ? (
        <p className="text-sm text-slate-600">{t('moreIssues', { count: withIssues.length - shown.length })}</p>
      ) : null}
    </div>
  );
}
