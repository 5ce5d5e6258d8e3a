'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useId } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Select } from '@/components/ui/select';
import { IMPORT_FIELDS, type ColumnMapping, type ImportField } from '@/server/domain/account-import';
import type { DuplicateMode } from '@/server/domain/import-columns';
import { readAmount, readCurrency, revenueUnitOf, type RevenueUnit } from '@/server/domain/account-import-formats';
import { COMMON_CURRENCIES } from '@/server/domain/accounts';
import { doubleEncodedSamples } from '@/server/domain/text-encoding';
import type { LoadedFile } from './import-file-step';

const NOT_MAPPED = '_none';
const PREVIEW_ROWS = 5;

export interface ImportSettings {
  mapping: ColumnMapping;
  mode: DuplicateMode;
  defaultCurrency: string | null;
}

/** The revenue column's unit as its header states it, or null when the column is not mapped. */
function revenueUnitFor(file: LoadedFile, mapping: ColumnMapping): { header: string; unit: RevenueUnit } | null {
  const column = mapping.annualRevenue;
  if (column === null || column === undefined) return null;
  const header = file.parsed.headers[column] ?? '';
  return { header, unit: revenueUnitOf(header) };
}

/** "Revenue in “Omsättning (tkr)” is given in thousands: values × 1,000", when the header scales its values. */
export function RevenueUnitNotice({ file, mapping }: { file: LoadedFile; mapping: ColumnMapping }) {
  const t = useTranslations('accounts.import');
  const format = useFormatter();
  const found = revenueUnitFor(file, mapping);
  if (!found || (found.unit.multiplier === 1 && found.unit.currency === null)) return null;
  const scale = { 1000: 'thousand', 1000000: 'million', 1000000000: 'billion' }[found.unit.multiplier] ?? 'other';
  return (
    <Alert tone="info">
      {t('unitNotice', {
        header: found.header,
        scale,
        currency: found.unit.currency ?? 'none',
        multiplier: format.number(found.unit.multiplier),
      })}
    </Alert>
  );
}

/** A revenue cell as written, and the amount it is read as (unit, decimal comma, scientific notation and all). */
function RevenueCell({
  raw,
  currencyCell,
  unit,
  fallback,
}: {
  raw: string;
  currencyCell: string;
  unit: RevenueUnit;
  fallback: string | null;
}) {
  const t = useTranslations('accounts.import');
  const format = useFormatter();
  const reading = raw.trim() === '' ? null : readAmount(raw, unit);
  if (!reading?.ok) return <>{raw}</>;
  const currency = readCurrency(currencyCell) ?? reading.currency ?? fallback;
  const amount = currency
    ? format.number(reading.amount, { style: 'currency', currency, maximumFractionDigits: 0 })
    : format.number(reading.amount, { maximumFractionDigits: 2 });
  return (
    <span className="flex flex-col">
      <span>{raw}</span>
      <span className="text-xs text-slate-600">
        {t('readAs')} <span className="font-medium text-slate-900 tabular-nums">{amount}</span>
      </span>
    </span>
  );
}

/** Offers to undo UTF-8 that was read wrongly once and saved again ("FjÃ¤llrÃ¤ven"). */
export function EncodingRepair({ file, onRepair }: { file: LoadedFile; onRepair: () => void }) {
  const t = useTranslations('accounts.import');
  const sample = doubleEncodedSamples(file.text, 1)[0];
  if (!sample) return null;
  return (
    <Alert tone="warning" className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
      <span>
        <span className="block font-semibold">{t('encodingTitle')}</span>
        <span className="block">{t('encodingBody', { before: sample.before, after: sample.after })}</span>
      </span>
      <Button variant="secondary" size="sm" onClick={onRepair} className="shrink-0">
        {t('encodingRepair')}
      </Button>
    </Alert>
  );
}

/**
 * One field's column: a select of the file's headers (those other fields use are left out, so a
 * column feeds one field) and a sample value from the file.
 */
export function ColumnSelect({
  label,
  required = false,
  file,
  column,
  taken,
  onChange,
}: {
  label: string;
  required?: boolean;
  file: LoadedFile;
  column: number | null | undefined;
  taken: ReadonlySet<number | null | undefined>;
  onChange: (column: number | null) => void;
}) {
  const t = useTranslations('accounts.import');
  const id = useId();
  const sample =
    column === null || column === undefined ? null : file.parsed.rows.find((row) => (row.cells[column] ?? '').trim() !== '')?.cells[column];
  return (
    <div className="grid gap-1.5 sm:grid-cols-[12rem_minmax(0,1fr)] sm:items-start sm:gap-4">
      <label htmlFor={id} className="pt-2 text-sm font-medium text-slate-800">
        {label}
        {required ? <span className="ml-1.5 text-xs font-normal text-slate-500">({t('required')})</span> : null}
      </label>
      <div className="min-w-0 space-y-1">
        <Select
          id={id}
          value={column === null || column === undefined ? NOT_MAPPED : String(column)}
          onValueChange={(value) => onChange(value === NOT_MAPPED ? null : Number(value))}
          options={[
            ...(required ? [] : [{ value: NOT_MAPPED, label: t('notMapped') }]),
            ...file.parsed.headers
              .map((header, index) => ({ value: String(index), label: header || `#${index + 1}` }))
              .filter((option) => !taken.has(Number(option.value))),
          ]}
        />
        {sample ? <p className="truncate text-xs text-slate-500">{t('sample', { value: sample.slice(0, 80) })}</p> : null}
      </div>
    </div>
  );
}

/** Update or leave alone the records a file names that already exist. */
export function DuplicateModeChoice({
  mode,
  onChange,
  title,
  body,
  skipHint,
}: {
  mode: DuplicateMode;
  onChange: (mode: DuplicateMode) => void;
  title: string;
  body: string;
  skipHint: string;
}) {
  const t = useTranslations('accounts.import');
  return (
    <fieldset className="space-y-3">
      <legend className="text-base font-semibold text-slate-900">{title}</legend>
      <p className="text-sm text-slate-600">{body}</p>
      {(
        [
          ['update', t('duplicateUpdate'), t('duplicateUpdateHint')],
          ['skip', t('duplicateSkip'), skipHint],
        ] as const
      ).map(([value, label, hint]) => (
        <label
          key={value}
          className="flex cursor-pointer items-start gap-3 rounded-lg p-3 ring-1 ring-slate-200 ring-inset has-[:checked]:bg-brand-50 has-[:checked]:ring-brand-600/40"
        >
          <input
            type="radio"
            name="duplicate-mode"
            value={value}
            checked={mode === value}
            onChange={() => onChange(value)}
            className="mt-0.5 size-4 accent-brand-600"
          />
          <span>
            <span className="block text-sm font-medium text-slate-900">{label}</span>
            <span className="block text-sm text-slate-600">{hint}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** Step 2: which column feeds which field (guessed from the headers), a preview, and what to do with duplicates. */
export function ImportMappingStep({
  file,
  settings,
  onChange,
  onRepairEncoding,
}: {
  file: LoadedFile;
  settings: ImportSettings;
  onChange: (settings: ImportSettings) => void;
  onRepairEncoding: () => void;
}) {
  const t = useTranslations('accounts.import');
  const format = useFormatter();
  const currencyId = useId();
  const mapped = IMPORT_FIELDS.filter((field) => settings.mapping[field] !== null && settings.mapping[field] !== undefined);
  const preview = file.parsed.rows.slice(0, PREVIEW_ROWS);
  const setMapping = (field: ImportField, column: number | null) =>
    onChange({ ...settings, mapping: { ...settings.mapping, [field]: column } });
  const revenueUnit = revenueUnitFor(file, settings.mapping)?.unit;
  const currencyColumn = settings.mapping.currency;

  return (
    <div className="space-y-8">
      <EncodingRepair file={file} onRepair={onRepairEncoding} />
      <section className="space-y-4" aria-labelledby="mapping-title">
        <div>
          <h2 id="mapping-title" className="text-base font-semibold text-slate-900">
            {t('mappingTitle')}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t('mappingBody')}</p>
        </div>
        <div className="space-y-3">
          {IMPORT_FIELDS.map((field) => (
            <ColumnSelect
              key={field}
              label={t(`fields.${field}`)}
              required={field === 'name'}
              file={file}
              column={settings.mapping[field]}
              taken={new Set(IMPORT_FIELDS.filter((f) => f !== field).map((f) => settings.mapping[f]))}
              onChange={(column) => setMapping(field, column)}
            />
          ))}
        </div>
      </section>

      {mapped.length > 0 ? (
        <div className="space-y-3">
          <h2 id="preview-title" className="text-base font-semibold text-slate-900">
            {t('previewTitle')}
          </h2>
          <RevenueUnitNotice file={file} mapping={settings.mapping} />
          <div className="overflow-x-auto rounded-lg ring-1 ring-slate-200" tabIndex={0} role="region" aria-labelledby="preview-title">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t('previewCaption', { count: preview.length })}</caption>
              <thead className="bg-slate-50 text-xs font-medium text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    {t('line')}
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
                        {field === 'annualRevenue' && revenueUnit ? (
                          <RevenueCell
                            raw={row.cells[settings.mapping[field]!] ?? ''}
                            currencyCell={currencyColumn === null || currencyColumn === undefined ? '' : (row.cells[currencyColumn] ?? '')}
                            unit={revenueUnit}
                            fallback={settings.defaultCurrency}
                          />
                        ) : (
                          (row.cells[settings.mapping[field]!] ?? '')
                        )}
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
        mode={settings.mode}
        onChange={(mode) => onChange({ ...settings, mode })}
        title={t('duplicatesTitle')}
        body={t('duplicatesBody')}
        skipHint={t('duplicateSkipHint')}
      />

      {settings.mapping.annualRevenue !== null && settings.mapping.annualRevenue !== undefined ? (
        <div className="max-w-xs space-y-1.5">
          <label htmlFor={currencyId} className="block text-sm font-medium text-slate-800">
            {t('defaultCurrency')}
          </label>
          <Select
            id={currencyId}
            value={settings.defaultCurrency ?? NOT_MAPPED}
            onValueChange={(value) => onChange({ ...settings, defaultCurrency: value === NOT_MAPPED ? null : value })}
            options={[{ value: NOT_MAPPED, label: t('noDefaultCurrency') }, ...COMMON_CURRENCIES.map((c) => ({ value: c, label: c }))]}
          />
        </div>
      ) : null}
    </div>
  );
}
