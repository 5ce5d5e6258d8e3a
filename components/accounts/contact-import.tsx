'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useCallback, useMemo, useState } from 'react';
import { useOrg } from '@/components/shell/org-context';
import { errorMessageOf, useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import {
  ACCOUNT_KEY_FIELDS,
  CONTACT_IMPORT_FIELDS,
  checkContactMapping,
  guessContactMapping,
  type ContactColumnMapping,
  type ContactImportField,
} from '@/server/domain/contact-import';
import { parseCsv, toCsv } from '@/server/domain/csv';
import { MAX_IMPORT_ROWS, type DuplicateMode } from '@/server/domain/import-columns';
import { repairDoubleEncoding } from '@/server/domain/text-encoding';
import { ImportCommitFooter, ImportFileBar, ImportHeading, type ImportStep } from './account-import';
import { ImportFileStep, type LoadedFile } from './import-file-step';
import { ImportKindTabs } from './import-kind-tabs';
import { ColumnSelect, DuplicateModeChoice, EncodingRepair } from './import-mapping-step';
import { ImportProgress } from './import-progress';
import { ImportCounts, ReportIssues, type ReportWords } from './import-results';
import type { ContactImportReport, ContactImportReportRow } from './types';

const PREVIEW_ROWS = 5;

/** The contact import's rows in sentences, and as a CSV to keep. */
function useContactImportWords(): ReportWords<ContactImportReportRow> {
  const t = useTranslations('accounts.contactImport');
  const tImport = useTranslations('accounts.import');
  const rowDetails = useCallback(
    (row: ContactImportReportRow) => {
      const parts = row.issues.map((issue) => t(`reasons.${issue.code}`, { value: issue.value ?? '', line: issue.otherLine ?? '' }));
      if (row.outcome === 'update' && row.changes.length > 0) {
        parts.push(tImport('changes', { fields: row.changes.map((field) => t(`fields.${field}`)).join(', ') }));
      }
      return parts.join('; ');
    },
    [t, tImport],
  );
  const reportCsv = useCallback(
    (rows: readonly ContactImportReportRow[]) =>
      toCsv(
        [
          [
            tImport('reportColumns.line'),
            tImport('reportColumns.result'),
            tImport('reportColumns.name'),
            t('accountColumn'),
            tImport('reportColumns.details'),
          ],
          ...rows.map((row) => [row.line, tImport(`outcomes.${row.outcome}`), row.name, row.accountName ?? '', rowDetails(row)]),
        ],
        { bom: true },
      ),
    [rowDetails, t, tImport],
  );
  const context = useMemo(() => ({ label: t('accountColumn'), value: (row: ContactImportReportRow) => row.accountName }), [t]);
  return { rowDetails, reportCsv, context };
}

/** Step 2 for contacts: which column is which (guessed), the first rows as read, and what to do with people already there. */
function ContactMappingStep({
  file,
  mapping,
  mode,
  onMapping,
  onMode,
  onRepairEncoding,
}: {
  file: LoadedFile;
  mapping: ContactColumnMapping;
  mode: DuplicateMode;
  onMapping: (mapping: ContactColumnMapping) => void;
  onMode: (mode: DuplicateMode) => void;
  onRepairEncoding: () => void;
}) {
  const t = useTranslations('accounts.contactImport');
  const tImport = useTranslations('accounts.import');
  const format = useFormatter();
  const mapped = CONTACT_IMPORT_FIELDS.filter((field) => mapping[field] !== null && mapping[field] !== undefined);
  const preview = file.parsed.rows.slice(0, PREVIEW_ROWS);
  const select = (field: ContactImportField) => (
    <ColumnSelect
      key={field}
      label={t(`fields.${field}`)}
      file={file}
      column={mapping[field]}
      taken={new Set(CONTACT_IMPORT_FIELDS.filter((f) => f !== field).map((f) => mapping[f]))}
      onChange={(column) => onMapping({ ...mapping, [field]: column })}
    />
  );
  const personFields = CONTACT_IMPORT_FIELDS.filter((field) => !(ACCOUNT_KEY_FIELDS as readonly string[]).includes(field));

  return (
    <div className="space-y-8">
      <EncodingRepair file={file} onRepair={onRepairEncoding} />
      <section className="space-y-4" aria-labelledby="contact-mapping-title">
        <div>
          <h2 id="contact-mapping-title" className="text-base font-semibold text-slate-900">
            {tImport('mappingTitle')}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t('mappingBody')}</p>
        </div>
        <div className="space-y-3">{personFields.map(select)}</div>
        <div className="space-y-3 border-t border-slate-200 pt-4">
          <p className="text-sm text-slate-600">{t('accountKeysHint')}</p>
          {ACCOUNT_KEY_FIELDS.map(select)}
        </div>
      </section>

      {mapped.length > 0 ? (
        <div className="space-y-3">
          <h2 id="contact-preview-title" className="text-base font-semibold text-slate-900">
            {tImport('previewTitle')}
          </h2>
          <div
            className="overflow-x-auto rounded-lg ring-1 ring-slate-200"
            tabIndex={0}
            role="region"
            aria-labelledby="contact-preview-title"
          >
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{tImport('previewCaption', { count: preview.length })}</caption>
              <thead className="bg-slate-50 text-xs font-medium text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    {tImport('line')}
                  </th>
                  {mapped.map((field) => (
                    <th key={field} scope="col" className="px-3 py-2 whitespace-nowrap">
                      {t(`fields.${field}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200">
                {preview.map((row) => (
                  <tr key={row.line}>
                    <td className="px-3 py-2 text-slate-500 tabular-nums">{format.number(row.line)}</td>
                    {mapped.map((field) => (
                      <td key={field} className="max-w-56 truncate px-3 py-2 text-slate-800">
                        {row.cells[mapping[field]!] ?? ''}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}

      <DuplicateModeChoice
        mode={mode}
        onChange={onMode}
        title={t('duplicatesTitle')}
        body={t('duplicatesBody')}
        skipHint={t('duplicateSkipHint')}
      />
    </div>
  );
}

/**
 * Import the people at existing accounts from a CSV file, the same four steps as accounts: the
 * file, its columns, a check that writes nothing, then all rows at once (or none if one is bad,
 * unless the person chooses to leave the bad ones out).
 */
export function ContactImport() {
  const t = useTranslations();
  const tc = useTranslations('accounts.contactImport');
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const words = useContactImportWords();
  const [step, setStep] = useState<ImportStep>('file');
  const [file, setFile] = useState<LoadedFile | null>(null);
  const [mapping, setMapping] = useState<ContactColumnMapping>({});
  const [mode, setMode] = useState<DuplicateMode>('update');
  const [report, setReport] = useState<ContactImportReport | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);

  const preview = useMutation(
    trpc.contact.importPreview.mutationOptions({
      onSuccess: (result) => {
        setReport(result);
        setSkipInvalid(false);
        setStep('check');
      },
    }),
  );
  const commit = useMutation(
    trpc.contact.importCommit.mutationOptions({
      onSuccess: (result) => {
        setReport({ ...result, headers: report?.headers ?? [], delimiter: report?.delimiter ?? ',' });
        if (result.status === 'imported') {
          setStep('done');
          void queryClient.invalidateQueries({ queryKey: trpc.contact.pathKey() });
        }
      },
    }),
  );

  if (!org.can('member')) {
    return (
      <>
        <ImportKindTabs current="contacts" />
        <PageHeader title={tc('title')} />
        <Alert tone="info">{tc('viewerNotice')}</Alert>
      </>
    );
  }

  const startOver = () => {
    setFile(null);
    setReport(null);
    preview.reset();
    commit.reset();
    setStep('file');
  };
  const request = () => ({ orgSlug: org.slug, csv: file!.text, mapping, mode });
  const repairEncoding = () => {
    if (!file) return;
    const text = repairDoubleEncoding(file.text);
    setFile({ ...file, text, parsed: parseCsv(text, { maxRows: MAX_IMPORT_ROWS }) });
  };
  const rowCount = file?.parsed.rows.length ?? 0;
  const toWrite = report ? report.counts.create + report.counts.update : 0;
  const mappingProblem = file ? checkContactMapping(mapping, file.parsed.headers.length) : null;
  const hintOf = (outcome: keyof ContactImportReport['counts']) => tc(`outcomeHints.${outcome}`);

  return (
    <div className="space-y-6">
      <ImportHeading kind="contacts" title={tc('title')} description={tc('subtitle')} step={step} />

      <Card className="space-y-6 p-4 sm:p-6">
        {file && step !== 'file' ? (
          <ImportFileBar file={file} onChooseAnother={step !== 'done' ? startOver : null} busy={preview.isPending || commit.isPending} />
        ) : null}

        {step === 'file' ? (
          <ImportFileStep
            hint={tc('fileHint')}
            onLoaded={(loaded) => {
              setFile(loaded);
              setMapping(guessContactMapping(loaded.parsed.headers));
              setStep('mapping');
            }}
          />
        ) : null}

        {step === 'mapping' && file ? (
          <>
            <ContactMappingStep
              file={file}
              mapping={mapping}
              mode={mode}
              onMapping={setMapping}
              onMode={setMode}
              onRepairEncoding={repairEncoding}
            />
            {mappingProblem === 'contactNameColumnMissing' || mappingProblem === 'accountColumnMissing' ? (
              <Alert tone="warning">
                {t(
                  mappingProblem === 'contactNameColumnMissing'
                    ? 'errors.contactImportNameColumnMissing'
                    : 'errors.contactImportAccountColumnMissing',
                )}
              </Alert>
            ) : null}
            {preview.isPending ? <ImportProgress label={t('accounts.import.checking', { rows: rowCount })} /> : null}
            {preview.error ? <Alert tone="error">{errorMessageOf(preview.error, t('errors.network'))}</Alert> : null}
            <div className="flex flex-col-reverse gap-2 border-t border-slate-200 pt-4 sm:flex-row sm:justify-end">
              <Button variant="secondary" onClick={startOver} disabled={preview.isPending}>
                {t('accounts.import.back')}
              </Button>
              <Button onClick={() => preview.mutate(request())} disabled={preview.isPending || mappingProblem !== null}>
                {preview.isPending ? t('accounts.import.checking', { rows: rowCount }) : t('accounts.import.check', { rows: rowCount })}
              </Button>
            </div>
          </>
        ) : null}

        {step === 'check' && file && report ? (
          <>
            <ImportCounts counts={report.counts} hintOf={hintOf} />
            {report.counts.invalid > 0 ? (
              <Alert tone="error">
                <p className="font-semibold">{t('accounts.import.invalidTitle', { count: report.counts.invalid })}</p>
                <p className="mt-1">{t('accounts.import.invalidBody')}</p>
              </Alert>
            ) : toWrite === 0 ? (
              <Alert tone="info">
                <p className="font-semibold">{t('accounts.import.upToDateTitle')}</p>
                <p className="mt-1">{tc('upToDateBody')}</p>
              </Alert>
            ) : (
              <Alert tone="success">
                <p className="font-semibold">{t('accounts.import.readyTitle')}</p>
                <p className="mt-1">{tc('readyBody', { create: report.counts.create, update: report.counts.update })}</p>
              </Alert>
            )}
            <ReportIssues rows={report.rows} fileName={file.name} words={words} />
            <ImportCommitFooter
              kind="contactImport"
              counts={report.counts}
              rowCount={rowCount}
              skipInvalid={skipInvalid}
              onSkipInvalidChange={setSkipInvalid}
              commit={commit}
              checking={preview.isPending}
              onBack={() => setStep('mapping')}
              onCommit={() => commit.mutate({ ...request(), fileName: file.name, skipInvalid: report.counts.invalid > 0 })}
              onStartOver={startOver}
            />
          </>
        ) : null}

        {step === 'done' && file && report ? (
          <>
            <Alert tone="success">
              <p className="font-semibold">{t('accounts.import.doneTitle')}</p>
              <p className="mt-1">{t('accounts.import.doneBody', { file: file.name })}</p>
              {report.counts.invalid > 0 ? (
                <p className="mt-1">{t('accounts.import.doneSkipped', { count: report.counts.invalid })}</p>
              ) : null}
            </Alert>
            <ImportCounts counts={report.counts} hintOf={hintOf} />
            <ReportIssues rows={report.rows} fileName={file.name} words={words} />
            <div className="flex flex-col-reverse gap-2 border-t border-slate-200 pt-4 sm:flex-row sm:justify-end">
              <Button variant="secondary" onClick={startOver}>
                {t('accounts.import.importAnother')}
              </Button>
              <Button asChild>
                <Link href={`/${org.slug}/accounts`}>{tc('viewAccounts')}</Link>
              </Button>
            </div>
          </>
        ) : null}
      </Card>
    </div>
  );
}
