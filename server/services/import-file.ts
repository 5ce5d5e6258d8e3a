import 'server-only';
import { CsvError, parseCsv, type ParsedCsv } from '../domain/csv';
import { MAX_IMPORT_ROWS } from '../domain/import-columns';
import { userError } from '../api/errors';

/** A CSV import's file as every import reads it, or the reason it cannot be read, in words a person can act on. */
export function parseImportFile(csv: string): ParsedCsv {
  try {
    const parsed = parseCsv(csv, { maxRows: MAX_IMPORT_ROWS });
    if (parsed.rows.length === 0) throw userError('BAD_REQUEST', 'errors.csvNoRows');
    return parsed;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    if (error.code === 'unclosedQuote') throw userError('BAD_REQUEST', 'errors.csvUnclosedQuote', { line: error.line ?? 1 });
    if (error.code === 'tooManyRows') throw userError('BAD_REQUEST', 'errors.csvTooManyRows', { max: MAX_IMPORT_ROWS });
    if (error.code === 'noHeader') throw userError('BAD_REQUEST', 'errors.csvNoHeader');
    throw userError('BAD_REQUEST', 'errors.csvEmpty');
  }
}

const CHUNK = 500;

/** Rows in groups small enough for one statement each. */
export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}
