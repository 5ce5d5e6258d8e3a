'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ArrowLeft, Check } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState } from 'react';
import { useOrg } from '@/components/shell/org-context';
import { errorMessageOf, useTRPC } from '@/components/trpc';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { cn } from '@/lib/cn';
import { guessMapping, ownerKey, type OwnerChoices, type UnmatchedOwner } from '@/server/domain/account-import';
import { MAX_IMPORT_ROWS } from '@/server/domain/import-columns';
import { parseCsv } from '@/server/domain/csv';
import { repairDoubleEncoding } from '@/server/domain/text-encoding';
import { ImportFileStep, type LoadedFile } from './import-file-step';
import { ImportKindTabs } from './import-kind-tabs';
import { ImportMappingStep, RevenueUnitNotice, type ImportSettings } from './import-mapping-step';
import { UnmatchedOwners } from './import-owners';
import { ImportProgress } from './import-progress';
import { ImportCounts, ImportIssues } from './import-results';
import type { ImportReport } from './types';

export type ImportStep = Step;
type Step = 'file' | 'mapping' | 'check' | 'done';
const STEPS: Step[] = ['file', 'mapping', 'check', 'done'];

/** The choice to leave out the rows that need fixing and import the rest (all or nothing otherwise). */
function SkipInvalidChoice({ invalid, checked, onChange }: { invalid: number; checked: boolean; onChange: (checked: boolean) => void }) {
  const t = useTranslations('accounts.import');
  return (
    <label className="flex cursor-pointer items-start gap-3 rounded-lg p-3 ring-1 ring-slate-200 ring-inset has-[:checked]:bg-amber-50 has-[:checked]:ring-amber-300">
      <input
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        className="mt-0.5 size-4 accent-brand-600"
      />
      <span>
        <span className="block text-sm font-medium text-slate-900">{t('skipInvalidLabel', { count: invalid })}</span>
        <span className="block text-sm text-slate-600">{t('skipInvalidHint')}</span>
      </span>
    </label>
  );
}

/**
 * The foot of the check step, the same for both imports: the choice to skip the rows that need
 * fixing, progress and failure of the import, then Back and Import (or the way on when there is
 * nothing to import). `kind` picks the words: accounts or contacts.
 */
export function ImportCommitFooter({
  kind,
  counts,
  rowCount,
  skipInvalid,
  onSkipInvalidChange,
  commit,
  checking,
  onBack,
  onCommit,
  onStartOver,
}: {
  kind: 'import' | 'contactImport';
  counts: { create: number; update: number; invalid: number };
  rowCount: number;
  skipInvalid: boolean;
  onSkipInvalidChange: (skip: boolean) => void;
  commit: { isPending: boolean; error: unknown };
  /** A new check is under way (an owner was mapped): the import waits for it. */
  checking: boolean;
  onBack: () => void;
  onCommit: () => void;
  onStartOver: () => void;
}) {
  const t = useTranslations('accounts');
  const tAll = useTranslations();
  const format = useFormatter();
  const org = useOrg();
  const toWrite = counts.create + counts.update;
  const canImport = toWrite > 0 && (counts.invalid === 0 || skipInvalid);
  return (
    <>
      {counts.invalid > 0 && toWrite > 0 ? (
        <SkipInvalidChoice invalid={counts.invalid} checked={skipInvalid} onChange={onSkipInvalidChange} />
      ) : null}
      {commit.isPending ? <ImportProgress label={t(`${kind}.importing`, { count: toWrite })} detail={format.number(rowCount)} /> : null}
      {commit.error ? <Alert tone="error">{errorMessageOf(commit.error, tAll('errors.network'))}</Alert> : null}
      <div className="flex flex-col-reverse gap-2 border-t border-slate-200 pt-4 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onBack} disabled={commit.isPending}>
          {t('import.back')}
        </Button>
        {canImport ? (
          <Button onClick={onCommit} disabled={commit.isPending || checking}>
            {commit.isPending
              ? t(`${kind}.importing`, { count: toWrite })
              : counts.invalid > 0
                ? t(`${kind}.importSkipping`, { count: toWrite, invalid: counts.invalid })
                : t(`${kind}.importButton`, { count: toWrite })}
          </Button>
        ) : counts.invalid > 0 ? (
          <Button onClick={onStartOver}>{t('import.chooseAnother')}</Button>
        ) : (
          <Button asChild>
            <Link href={`/${org.slug}/accounts`}>{t(`${kind}.viewAccounts`)}</Link>
          </Button>
        )}
      </div>
    </>
  );
}

/** The top of an import page, accounts or contacts: the way back, the switch between the two, the title and the steps. */
export function ImportHeading({
  kind,
  title,
  description,
  step,
}: {
  kind: 'accounts' | 'contacts';
  title: string;
  description: string;
  step: Step;
}) {
  const t = useTranslations('accounts.import');
  const org = useOrg();
  return (
    <div>
      <Link href={`/${org.slug}/accounts`} className="mb-3 inline-flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900">
        <ArrowLeft className="size-4" aria-hidden />
        {t('backToList')}
      </Link>
      <ImportKindTabs current={kind} />
      <PageHeader title={title} description={description} />
      <ImportSteps current={step} />
    </div>
  );
}

/** The file being imported, and (until it is done) a way to choose another one. */
export function ImportFileBar({
  file,
  onChooseAnother,
  busy,
}: {
  file: LoadedFile;
  /** Null once the import is done: the file can no longer be swapped. */
  onChooseAnother: (() => void) | null;
  busy: boolean;
}) {
  const t = useTranslations('accounts.import');
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg bg-slate-50 px-4 py-3 text-sm">
      <span className="min-w-0 break-words text-slate-700">
        {t('fileSummary', { name: file.name, rows: file.parsed.rows.length, columns: file.parsed.headers.length })}
      </span>
      {onChooseAnother ? (
        <Button variant="ghost" size="sm" onClick={onChooseAnother} disabled={busy}>
          {t('chooseAnother')}
        </Button>
      ) : null}
    </div>
  );
}

/** Where the person is in an import: file, columns, check, done. */
function ImportSteps({ current }: { current: Step }) {
  const t = useTranslations('accounts.import.steps');
  const index = STEPS.indexOf(current);
  return (
    <ol aria-label={t('label')} className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
      {STEPS.map((step, i) => (
        <li
          key={step}
          aria-current={i === index ? 'step' : undefined}
          className={cn(
            'flex items-center gap-2',
            i === index ? 'font-semibold text-slate-900' : i < index ? 'text-slate-700' : 'text-slate-500',
          )}
        >
          <span
            className={cn(
              'inline-flex size-6 items-center justify-center rounded-full text-xs font-semibold',
              i < index ? 'bg-brand-600 text-white' : i === index ? 'text-brand-700 ring-2 ring-brand-600' : 'ring-1 ring-slate-300',
            )}
            aria-hidden
          >
            {i < index ? <Check className="size-3.5" /> : i + 1}
          </span>
          {t(step)}
        </li>
      ))}
    </ol>
  );
}

/**
 * Import accounts from a CSV file: choose the file, match its columns, let the server check
 * every row (nothing is written), then import it all in one go, or nothing if a row is bad.
 */
export function AccountImport() {
  const t = useTranslations();
  const org = useOrg();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<Step>('file');
  const [file, setFile] = useState<LoadedFile | null>(null);
  const [settings, setSettings] = useState<ImportSettings>({ mapping: {}, mode: 'update', defaultCurrency: null });
  const [report, setReport] = useState<ImportReport | null>(null);
  const [ownerChoices, setOwnerChoices] = useState<OwnerChoices>({});
  // Owners stay listed once a member is chosen for them, so the choice can still be changed.
  const [owners, setOwners] = useState<UnmatchedOwner[]>([]);
  const [skipInvalid, setSkipInvalid] = useState(false);

  const preview = useMutation(
    trpc.account.importPreview.mutationOptions({
      onSuccess: (result, variables) => {
        setReport(result);
        const choices = variables.ownerChoices ?? {};
        setOwners((listed) => {
          const unmatched = new Map(result.unmatchedOwners.map((owner) => [ownerKey(owner.value), owner]));
          const kept = listed.flatMap((owner) => {
            const key = ownerKey(owner.value);
            const now = unmatched.get(key);
            unmatched.delete(key);
            return now ? [now] : key in choices ? [owner] : [];
          });
          return [...kept, ...unmatched.values()];
        });
        setSkipInvalid(false);
        setStep('check');
      },
    }),
  );
  const commit = useMutation(
    trpc.account.importCommit.mutationOptions({
      onSuccess: (result) => {
        setReport({ ...result, headers: report?.headers ?? [], delimiter: report?.delimiter ?? ',', members: report?.members ?? [] });
        if (result.status === 'imported') {
          setStep('done');
          void queryClient.invalidateQueries({ queryKey: trpc.account.pathKey() });
        }
      },
    }),
  );

  if (!org.can('member')) {
    return (
      <>
        <PageHeader title={t('accounts.import.title')} />
        <Alert tone="info">{t('accounts.import.viewerNotice')}</Alert>
      </>
    );
  }

  const startOver = () => {
    setFile(null);
    setReport(null);
    setOwnerChoices({});
    setOwners([]);
    preview.reset();
    commit.reset();
    setStep('file');
  };
  const request = (choices: OwnerChoices = ownerChoices) => ({
    orgSlug: org.slug,
    csv: file!.text,
    mapping: settings.mapping,
    mode: settings.mode,
    defaultCurrency: settings.defaultCurrency,
    ownerChoices: choices,
  });
  const chooseOwner = (owner: string, userId: string | null) => {
    const next = { ...ownerChoices, [ownerKey(owner)]: userId };
    setOwnerChoices(next);
    preview.mutate(request(next));
  };
  const repairEncoding = () => {
    if (!file) return;
    const text = repairDoubleEncoding(file.text);
    setFile({ ...file, text, parsed: parseCsv(text, { maxRows: MAX_IMPORT_ROWS }) });
  };
  const rowCount = file?.parsed.rows.length ?? 0;
  const toWrite = report ? report.counts.create + report.counts.update : 0;

  return (
    <div className="space-y-6">
      <ImportHeading kind="accounts" title={t('accounts.import.title')} description={t('accounts.import.subtitle')} step={step} />

      <Card className="space-y-6 p-4 sm:p-6">
        {file && step !== 'file' ? (
          <ImportFileBar file={file} onChooseAnother={step !== 'done' ? startOver : null} busy={preview.isPending || commit.isPending} />
        ) : null}

        {step === 'file' ? (
          <ImportFileStep
            onLoaded={(loaded) => {
              setFile(loaded);
              setSettings((s) => ({ ...s, mapping: guessMapping(loaded.parsed.headers) }));
              setStep('mapping');
            }}
          />
        ) : null}

        {step === 'mapping' && file ? (
          <>
            <ImportMappingStep file={file} settings={settings} onChange={setSettings} onRepairEncoding={repairEncoding} />
            {preview.isPending ? <ImportProgress label={t('accounts.import.checking', { rows: rowCount })} /> : null}
            {preview.error ? <Alert tone="error">{errorMessageOf(preview.error, t('errors.network'))}</Alert> : null}
            <div className="flex flex-col-reverse gap-2 border-t border-slate-200 pt-4 sm:flex-row sm:justify-end">
              <Button variant="secondary" onClick={startOver} disabled={preview.isPending}>
                {t('accounts.import.back')}
              </Button>
              <Button
                onClick={() => preview.mutate(request())}
                disabled={preview.isPending || settings.mapping.name === null || settings.mapping.name === undefined}
              >
                {preview.isPending ? t('accounts.import.checking', { rows: rowCount }) : t('accounts.import.check', { rows: rowCount })}
              </Button>
            </div>
          </>
        ) : null}

        {step === 'check' && file && report ? (
          <>
            <ImportCounts counts={report.counts} />
            {report.counts.invalid > 0 ? (
              <Alert tone="error">
                <p className="font-semibold">{t('accounts.import.invalidTitle', { count: report.counts.invalid })}</p>
                <p className="mt-1">{t('accounts.import.invalidBody')}</p>
              </Alert>
            ) : toWrite === 0 ? (
              <Alert tone="info">
                <p className="font-semibold">{t('accounts.import.upToDateTitle')}</p>
                <p className="mt-1">{t('accounts.import.upToDateBody')}</p>
              </Alert>
            ) : (
              <Alert tone="success">
                <p className="font-semibold">{t('accounts.import.readyTitle')}</p>
                <p className="mt-1">{t('accounts.import.readyBody', { create: report.counts.create, update: report.counts.update })}</p>
              </Alert>
            )}
            <RevenueUnitNotice file={file} mapping={settings.mapping} />
            <UnmatchedOwners
              owners={owners}
              members={report.members}
              choices={ownerChoices}
              onChoose={chooseOwner}
              disabled={preview.isPending || commit.isPending}
            />
            <ImportIssues rows={report.rows} fileName={file.name} />
            <ImportCommitFooter
              kind="import"
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
            <ImportCounts counts={report.counts} />
            <ImportIssues rows={report.rows} fileName={file.name} />
            <div className="flex flex-col-reverse gap-2 border-t border-slate-200 pt-4 sm:flex-row sm:justify-end">
              <Button variant="secondary" onClick={startOver}>
                {t('accounts.import.importAnother')}
              </Button>
              <Button asChild>
                <Link href={`/${org.slug}/accounts`}>{t('accounts.import.viewAccounts')}</Link>
              </Button>
            </div>
          </>
        ) : null}
      </Card>
    </div>
  );
}
