'use client';

import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import type { ImportField, RowIssue } from '@/server/domain/account-import';
import { toCsv } from '@/server/domain/csv';
import type { ImportReportRow } from './types';

/** Turns the server's per-row report into sentences, and into a CSV a person can keep. */
export function useImportWords() {
  const t = useTranslations('accounts.import');

  const issueText = useCallback(
    (issue: RowIssue) =>
      t(`reasons.${issue.code}`, { value: issue.value ?? '', line: issue.otherLine ?? '', currency: issue.currency ?? '' }),
    [t],
  );

  const rowDetails = useCallback(
    (row: ImportReportRow) => {
      const parts = row.issues.map(issueText);
      if (row.outcome === 'update' && row.changes.length > 0) {
        parts.push(t('changes', { fields: row.changes.map((field: ImportField) => t(`fields.${field}`)).join(', ') }));
      }
      return parts.join('; ');
    },
    [issueText, t],
  );

  const reportCsv = useCallback(
    (rows: readonly ImportReportRow[]) =>
      toCsv(
        [
          [t('reportColumns.line'), t('reportColumns.result'), t('reportColumns.name'), t('reportColumns.details')],
          ...rows.map((row) => [row.line, t(`outcomes.${row.outcome}`), row.name, rowDetails(row)]),
        ],
        { bom: true },
      ),
    [rowDetails, t],
  );

  return { issueText, rowDetails, reportCsv };
}
