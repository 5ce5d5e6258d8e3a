/**
 * CSV as sales teams really have it (RFC 4180 plus what Excel, Salesforce and HubSpot write):
 * comma or semicolon separated (Swedish Excel uses ";"), an optional UTF-8 byte order mark,
 * quoted fields with doubled quotes and line breaks inside, CRLF, LF or CR line endings.
 * Pure: runs on the server for the import and in the browser for the preview.
 */

export type CsvDelimiter = ',' | ';' | '\t';

export type CsvErrorCode = 'empty' | 'noHeader' | 'unclosedQuote' | 'tooManyRows';

/** A file that cannot be read as CSV; `line` is the physical line (1-based) where the problem starts. */
export class CsvError extends Error {
  constructor(
    readonly code: CsvErrorCode,
    readonly line: number | null = null,
  ) {
    super(line === null ? `csv: ${code}` : `csv: ${code} at line ${line}`);
  }
}

export interface CsvRecord {
  /** Physical line in the file where the record starts (the header is usually line 1). */
  line: number;
  cells: string[];
}

export interface ParsedCsv {
  delimiter: CsvDelimiter;
  headers: string[];
  rows: CsvRecord[];
}

const BOM = '\uFEFF';

/**
 * Guesses the delimiter from the header line: whichever of , ; and tab occurs most often
 * outside quotes. Ties go to the comma, the standard.
 */
export function sniffDelimiter(text: string): CsvDelimiter {
  const counts: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let inQuotes = false;
  for (const char of text.startsWith(BOM) ? text.slice(1) : text) {
    if (char === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (char === '\n' || char === '\r')) break;
    else if (!inQuotes && char in counts) counts[char as CsvDelimiter] += 1;
  }
  let best: CsvDelimiter = ',';
  for (const candidate of [';', '\t'] as const) if (counts[candidate] > counts[best]) best = candidate;
  return best;
}

/**
 * Splits CSV text into records. Blank lines are skipped (Excel leaves them at the end); a
 * quote that never closes is an error that names the line where the field began.
 */
export function parseCsvRecords(text: string, delimiter: CsvDelimiter, maxRecords = Infinity): CsvRecord[] {
  const source = text.startsWith(BOM) ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;
  let inQuotes = false;
  /** True once the current field was quoted: `"a"` and `a` are both the field a. */
  let fieldStarted = false;

  const endField = () => {
    cells.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    const blank = cells.length === 1 && cells[0] === '';
    if (!blank) {
      if (records.length >= maxRecords) throw new CsvError('tooManyRows', recordLine);
      records.push({ line: recordLine, cells });
    }
    cells = [];
  };

  for (let i = 0; i < source.length; i += 1) {
    const char = source[i]!;
    if (inQuotes) {
      if (char === '"') {
        if (source[i + 1] === '"') {
          field += '"';
          i += 1;
        } else {
          inQuotes = false;
        }
      } else {
        if (char === '\n' || (char === '\r' && source[i + 1] !== '\n')) line += 1;
        field += char;
      }
      continue;
    }
    if (char === '"' && field === '' && !fieldStarted) {
      inQuotes = true;
      fieldStarted = true;
      quoteLine = line;
    } else if (char === delimiter) {
      endField();
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && source[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else {
      // A stray quote inside an unquoted field (5" screen) is kept as text, as Excel does.
      field += char;
    }
  }
  if (inQuotes) throw new CsvError('unclosedQuote', quoteLine);
  if (field !== '' || cells.length > 0 || fieldStarted) endRecord();
  return records;
}

/** Excel's "sep=;" first line, which names the delimiter (a tab may be written as "\t"). */
const SEPARATOR_LINE = /^\uFEFF?sep=(,|;|\t|\\t)[ ]*(?:\r\n|\n|\r|$)/i;

/**
 * Parses a whole file: the first non-blank record is the header. A file without any text, or
 * whose header has no named column, is refused with a reason a person can act on. An Excel
 * "sep=" line before the header sets the delimiter and is not part of the data.
 */
export function parseCsv(text: string, options: { delimiter?: CsvDelimiter; maxRows?: number } = {}): ParsedCsv {
  if (text.replace(BOM, '').trim() === '') throw new CsvError('empty');
  const separatorLine = SEPARATOR_LINE.exec(text);
  const named = separatorLine ? (separatorLine[1] === ',' || separatorLine[1] === ';' ? separatorLine[1] : '\t') : null;
  const delimiter = options.delimiter ?? named ?? sniffDelimiter(text);
  const records = parseCsvRecords(text, delimiter, (options.maxRows ?? Infinity) + (separatorLine ? 2 : 1));
  const [header, ...rows] = separatorLine ? records.slice(1) : records;
  if (!header) throw new CsvError('empty');
  const headers = header.cells.map((cell) => cell.trim());
  if (headers.every((h) => h === '')) throw new CsvError('noHeader', header.line);
  return { delimiter, headers, rows };
}

/**
 * A value a spreadsheet would run as a formula (=, +, -, @ at the start) gets a leading
 * apostrophe, so an account named "=HYPERLINK(...)" stays text when the export is opened.
 */
function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Undoes neutraliseFormula when such a file comes back in an import. */
export function restoreFormulaText(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

/** A number to be written with a fixed count of decimals (money in cents, shares, gaps). */
export interface CsvDecimal {
  readonly decimal: number;
  readonly places: number;
}

export type CsvValue = string | number | CsvDecimal | null | undefined;

/** A CSV cell holding `value` with exactly `places` decimals; a missing or non-finite value is an empty cell. */
export function csvDecimal(value: number | null | undefined, places: number): CsvDecimal | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : { decimal: value, places };
}

/**
 * A number with a fixed count of decimals and a dot, as spreadsheets read it in any language:
 * binary float noise (192391393.79999998) disappears in the rounding, and a value that rounds
 * to zero is written "0.00", never "-0.00".
 */
function formatDecimal(value: number, places: number): string {
  const text = value.toFixed(places);
  return Number(text) === 0 ? text.replace('-', '') : text;
}

/**
 * Writes rows as CSV: fields with the delimiter, quotes, line breaks or edge spaces are quoted;
 * numbers are written as given (a CsvDecimal with its fixed decimals, never quoted as a formula); CRLF between records (RFC 4180); optionally a UTF-8 BOM so
 * Excel reads å, ä and ö correctly.
 */
export function toCsv(rows: readonly (readonly CsvValue[])[], options: { delimiter?: CsvDelimiter; bom?: boolean } = {}): string {
  const delimiter = options.delimiter ?? ',';
  const encode = (value: CsvValue): string => {
    if (value === null || value === undefined) return '';
    const text =
      typeof value === 'number'
        ? String(Object.is(value, -0) ? 0 : value)
        : typeof value === 'object'
          ? formatDecimal(value.decimal, value.places)
          : neutraliseFormula(value);
    const needsQuotes = text.includes(delimiter) || /["\r\n]/.test(text) || text !== text.trim();
    return needsQuotes ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const body = rows.map((row) => row.map(encode).join(delimiter)).join('\r\n');
  return `${options.bom ? BOM : ''}${body}\r\n`;
}
