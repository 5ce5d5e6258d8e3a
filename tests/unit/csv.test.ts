import { describe, expect, it } from 'vitest';
import { CsvError, parseCsv, parseCsvRecords, restoreFormulaText, sniffDelimiter, toCsv } from '@/server/domain/csv';

function csvError(work: () => unknown): CsvError {
  try {
    work();
  } catch (error) {
    if (error instanceof CsvError) return error;
    throw error;
  }
  throw new Error('expected a CsvError');
}

describe('sniffDelimiter', () => {
  it('picks the semicolon Swedish Excel writes, the comma otherwise', () => {
    expect(sniffDelimiter('Namn;Webbplats;Omsättning\nAcme;acme.se;"1 000,50"')).toBe(';');
    expect(sniffDelimiter('Account Name,Website,Annual Revenue\n')).toBe(',');
    expect(sniffDelimiter('Name\tWebsite\n')).toBe('\t');
  });

  it('ignores delimiters inside quotes and looks at the header line only', () => {
    expect(sniffDelimiter('"Name; with; semicolons",Website\na;b;c;d;e;f')).toBe(',');
  });

  it('falls back to the comma for a single column', () => {
    expect(sniffDelimiter('Name\nAcme')).toBe(',');
  });
});

describe('parseCsv', () => {
  it('reads headers and rows with the line each row starts on', () => {
    const parsed = parseCsv('Name,Website\r\nAcme,acme.com\r\nGlobex,globex.com\r\n');
    expect(parsed).toEqual({
      delimiter: ',',
      headers: ['Name', 'Website'],
      rows: [
        { line: 2, cells: ['Acme', 'acme.com'] },
        { line: 3, cells: ['Globex', 'globex.com'] },
      ],
    });
  });

  it('strips a UTF-8 byte order mark and keeps å, ä, ö', () => {
    const parsed = parseCsv('\uFEFFNamn;Ort\nÅkerlund & Rausing;Lund\n');
    expect(parsed.headers).toEqual(['Namn', 'Ort']);
    expect(parsed.rows[0]!.cells).toEqual(['Åkerlund & Rausing', 'Lund']);
  });

  it('handles quoted fields with delimiters, doubled quotes and line breaks, and counts lines correctly after them', () => {
    const text = 'Name,Notes\n"Acme, Inc.","Says ""hi""\nsecond line"\nGlobex,plain\n';
    const parsed = parseCsv(text);
    expect(parsed.rows).toEqual([
      { line: 2, cells: ['Acme, Inc.', 'Says "hi"\nsecond line'] },
      { line: 4, cells: ['Globex', 'plain'] },
    ]);
  });

  it('accepts LF, CRLF and old Mac CR line endings alike', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const parsed = parseCsv(['a,b', '1,2', '3,4'].join(eol));
      expect(parsed.rows.map((r) => r.line)).toEqual([2, 3]);
      expect(parsed.rows.map((r) => r.cells)).toEqual([
        ['1', '2'],
        ['3', '4'],
      ]);
    }
  });

  it('skips blank lines but keeps the real line numbers', () => {
    const parsed = parseCsv('Name\n\nAcme\n\n\nGlobex\n\n');
    expect(parsed.rows).toEqual([
      { line: 3, cells: ['Acme'] },
      { line: 6, cells: ['Globex'] },
    ]);
  });

  it('keeps empty trailing fields and a stray quote inside an unquoted field', () => {
    expect(parseCsv('a,b,c\n1,,\n').rows[0]!.cells).toEqual(['1', '', '']);
    expect(parseCsv('a,b\n27" screen,x\n').rows[0]!.cells).toEqual(['27" screen', 'x']);
  });

  it('reads a last row without a line break and a quoted empty field', () => {
    expect(parseCsv('a,b\n"",x').rows).toEqual([{ line: 2, cells: ['', 'x'] }]);
  });

  it('refuses an empty file, one with only spaces, and a BOM alone', () => {
    for (const text of ['', '   \n\n', '\uFEFF']) expect(csvError(() => parseCsv(text)).code).toBe('empty');
  });

  it('refuses a header without any column name', () => {
    const error = csvError(() => parseCsv(',,\nAcme,acme.com,1'));
    expect(error.code).toBe('noHeader');
  });

  it('names the line where a quote opens and never closes', () => {
    const error = csvError(() => parseCsv('Name,Notes\nAcme,ok\nGlobex,"unclosed\nmore text\n'));
    expect({ code: error.code, line: error.line }).toEqual({ code: 'unclosedQuote', line: 3 });
  });

  it('stops at the row limit with an error rather than reading on', () => {
    const text = ['Name', ...Array.from({ length: 11 }, (_, i) => `A${i}`)].join('\n');
    expect(parseCsv(text, { maxRows: 11 }).rows).toHaveLength(11);
    expect(csvError(() => parseCsv(text, { maxRows: 10 })).code).toBe('tooManyRows');
  });

  it('uses a delimiter given explicitly', () => {
    expect(parseCsvRecords('a;b,c', ',')).toEqual([{ line: 1, cells: ['a;b', 'c'] }]);
  });
});

describe('toCsv', () => {
  it('quotes only what needs quoting and ends records with CRLF', () => {
    expect(
      toCsv([
        ['Name', 'Notes'],
        ['Acme, Inc.', 'Says "hi"'],
        ['Globex', 'two\nlines'],
        [' padded', null],
      ]),
    ).toBe('Name,Notes\r\n"Acme, Inc.","Says ""hi"""\r\nGlobex,"two\nlines"\r\n" padded",\r\n');
  });

  it('writes a BOM for Excel and uses the semicolon when asked', () => {
    expect(
      toCsv(
        [
          ['Namn', 'Omsättning'],
          ['Acme; AB', '1 000,50'],
        ],
        { delimiter: ';', bom: true },
      ),
    ).toBe('\uFEFFNamn;Omsättning\r\n"Acme; AB";1 000,50\r\n');
  });

  it('keeps numbers as numbers, negative ones included', () => {
    expect(toCsv([[1, -2, 0, 3.5]])).toBe('1,-2,0,3.5\r\n');
  });

  it('neutralises text a spreadsheet would run as a formula, and the import undoes it', () => {
    const written = toCsv([['=HYPERLINK("http://evil")', '+46 8 123', '@SUM(A1)', '-x']]);
    expect(written).toBe(`"'=HYPERLINK(""http://evil"")",'+46 8 123,'@SUM(A1),'-x\r\n`);
    const cells = parseCsv(`h1,h2,h3,h4\n${written}`).rows[0]!.cells.map(restoreFormulaText);
    expect(cells).toEqual(['=HYPERLINK("http://evil")', '+46 8 123', '@SUM(A1)', '-x']);
  });

  it('round-trips through parseCsv for awkward values', () => {
    const rows = [
      ['Name', 'Notes', 'Empty'],
      ['Åre "Skid" AB', 'line 1\r\nline 2', ''],
      ['semi;colon', 'comma, here', 'x'],
    ];
    for (const delimiter of [',', ';'] as const) {
      const parsed = parseCsv(toCsv(rows, { delimiter, bom: true }));
      expect([parsed.headers, ...parsed.rows.map((r) => r.cells)]).toEqual(rows);
      expect(parsed.delimiter).toBe(delimiter);
    }
  });
});
