'use client';

import { FileUp } from 'lucide-react';
import { useFormatter, useTranslations } from 'next-intl';
import { useId, useRef, useState, type DragEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { cn } from '@/lib/cn';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '@/server/domain/import-columns';
import { CsvError, parseCsv, type ParsedCsv } from '@/server/domain/csv';
import { decodeText } from '@/server/domain/text-encoding';
import { ImportProgress } from './import-progress';

export interface LoadedFile {
  name: string;
  text: string;
  parsed: ParsedCsv;
}

function readFile(file: File, onProgress: (percent: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (event) => event.lengthComputable && onProgress((event.loaded / event.total) * 100);
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    // Excel saves "Unicode text" as UTF-16 and plain CSV on Windows as Windows-1252: decodeText tells them apart.
    reader.onload = () => resolve(decodeText(new Uint8Array(reader.result as ArrayBuffer)).text);
    reader.readAsArrayBuffer(file);
  });
}

/** Step 1: pick or drop a CSV file; it is read and checked in the browser before anything is sent. */
export function ImportFileStep({ onLoaded, hint }: { onLoaded: (file: LoadedFile) => void; hint?: string }) {
  const t = useTranslations();
  const format = useFormatter();
  const inputId = useId();
  const hintId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [reading, setReading] = useState<{ name: string; percent: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  const load = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    if (file.size > MAX_IMPORT_BYTES) {
      setError(
        t('accounts.import.tooLarge', {
          size: format.number(file.size / 1024 / 1024, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }),
        }),
      );
      return;
    }
    if (/\.(xlsx?|numbers|ods)$/i.test(file.name)) {
      setError(t('accounts.import.notCsv'));
      return;
    }
    setReading({ name: file.name, percent: 0 });
    try {
      const text = await readFile(file, (percent) => setReading({ name: file.name, percent }));
      const parsed = parseCsv(text, { maxRows: MAX_IMPORT_ROWS });
      if (parsed.rows.length === 0) throw new CsvError('empty');
      onLoaded({ name: file.name, text, parsed });
    } catch (caught) {
      if (caught instanceof CsvError) {
        const key = (
          { empty: 'csvEmpty', noHeader: 'csvNoHeader', unclosedQuote: 'csvUnclosedQuote', tooManyRows: 'csvTooManyRows' } as const
        )[caught.code];
        setError(t(`errors.${key}`, { line: caught.line ?? 1, max: format.number(MAX_IMPORT_ROWS) }));
      } else {
        setError(t('accounts.import.readFailed'));
      }
    } finally {
      setReading(null);
      if (input.current) input.current.value = '';
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void load(event.dataTransfer.files[0]);
  };

  return (
    <div className="space-y-4">
      {reading ? (
        <ImportProgress
          label={t('accounts.import.reading', { name: reading.name })}
          detail={`${Math.round(reading.percent)} %`}
          percent={reading.percent}
        />
      ) : (
        <label
          htmlFor={inputId}
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          className={cn(
            'flex cursor-pointer flex-col items-center rounded-xl border-2 border-dashed px-6 py-10 text-center transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-600',
            dragging ? 'border-brand-600 bg-brand-50' : 'border-slate-300 bg-white hover:border-slate-400',
          )}
        >
          <FileUp className="mb-3 size-8 text-slate-500" aria-hidden />
          <span className="text-sm font-semibold text-brand-700">{t('accounts.import.chooseFile')}</span>
          <span className="text-sm text-slate-600">{t('accounts.import.dropHere')}</span>
          <span id={hintId} className="mt-3 max-w-md text-xs text-slate-500">
            {hint ?? t('accounts.import.fileHint')}
          </span>
          <input
            ref={input}
            id={inputId}
            type="file"
            accept=".csv,.txt,text/csv,text/plain"
            aria-label={t('accounts.import.fileLabel')}
            aria-describedby={hintId}
            className="sr-only"
            onChange={(event) => void load(event.target.files?.[0])}
          />
        </label>
      )}
      {error ? <Alert tone="error">{error}</Alert> : null}
    </div>
  );
}
