import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { guessMapping, planImport, type ImportMember } from '@/server/domain/account-import';
import { NO_UNIT, personKey, readAmount, readCurrency, reportRowKind, revenueUnitOf } from '@/server/domain/account-import-formats';
import { parseCsv } from '@/server/domain/csv';
import { decodeText, doubleEncodedSamples, repairDoubleEncoding } from '@/server/domain/text-encoding';

const fixture = (name: string) => decodeText(new Uint8Array(readFileSync(`tests/fixtures/crm/${name}`)));

describe('reportRowKind: what a report adds besides accounts', () => {
  it("recognises a Salesforce report's footer lines wherever the name column is", () => {
    for (const line of [
      'Grand Totals (41 records)',
      'Confidential Information - Do Not Distribute',
      'Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.',
    ]) {
      expect(reportRowKind([line], 0)).toBe('reportFooter');
      expect(reportRowKind([line, '', ''], 2)).toBe('reportFooter');
    }
  });

  it('recognises totals rows by their name, in English and Swedish, or by holding only numbers', () => {
    for (const name of ['Total', 'Totalt', 'Summa', 'Grand Total', 'Sum', 'TOTAL:', 'Total (12 records)']) {
      expect(reportRowKind([name, '', '1 234 567'], 0)).toBe('totalsRow');
    }
    expect(reportRowKind(['', '41', '253,550,000.00', '12 %'], 0)).toBe('totalsRow');
  });

  it('leaves real accounts alone, including ones whose names merely start like a total', () => {
    expect(reportRowKind(['Total Energies AB', 'Anna', '1000'], 0)).toBeNull();
    expect(reportRowKind(['Summit Partners', '', '500'], 0)).toBeNull();
    expect(reportRowKind(['Acme'], 0)).toBeNull();
    expect(reportRowKind(['', 'acme.se', '1000'], 0)).toBeNull();
    expect(reportRowKind(['', '', ''], 0)).toBeNull();
  });
});

describe('revenueUnitOf: units in the header', () => {
  it.each([
    ['Omsättning (tkr)', 1e3, 'SEK'],
    ['Revenue (kSEK)', 1e3, 'SEK'],
    ['Omsättning (MSEK)', 1e6, 'SEK'],
    ['Revenue (in thousands)', 1e3, null],
    ['Sales (000s)', 1e3, null],
    ["Revenue ('000)", 1e3, null],
    ['Annual Revenue (millions)', 1e6, null],
    ['Revenue (USD millions)', 1e6, 'USD'],
    ['Revenue (kEUR)', 1e3, 'EUR'],
    ['Omsättning, tkr', 1e3, 'SEK'],
    ['Omsättning (Mkr)', 1e6, 'SEK'],
    ['Revenue (EUR)', 1, 'EUR'],
  ])('%s → × %d, %s', (header, multiplier, currency) => {
    expect(revenueUnitOf(header)).toEqual({ multiplier, currency });
  });

  it('reads no unit from headers without one', () => {
    expect(revenueUnitOf('Annual Revenue')).toEqual(NO_UNIT);
    expect(revenueUnitOf('Revenue (estimated)')).toEqual(NO_UNIT);
  });
});

describe('readAmount: amounts in a column with a unit', () => {
  const thousandsOfKronor = revenueUnitOf('Omsättning (tkr)');

  it('applies the unit to decimal commas and space thousands', () => {
    expect(readAmount('12 500,5', thousandsOfKronor)).toEqual({ ok: true, amount: 12_500_500, currency: 'SEK' });
    expect(readAmount('1 250 000', thousandsOfKronor)).toEqual({ ok: true, amount: 1_250_000_000, currency: 'SEK' });
  });

  it("keeps a cell's own scale instead of multiplying twice", () => {
    expect(readAmount('2,5 MSEK', thousandsOfKronor)).toEqual({ ok: true, amount: 2_500_000, currency: 'SEK' });
    expect(readAmount('850 EUR', thousandsOfKronor)).toEqual({ ok: true, amount: 850_000, currency: 'EUR' });
  });

  it('reads scientific notation as Excel writes it', () => {
    expect(readAmount('5.0E7', NO_UNIT)).toEqual({ ok: true, amount: 50_000_000, currency: null });
    expect(readAmount('5,0E+07', NO_UNIT)).toEqual({ ok: true, amount: 50_000_000, currency: null });
    expect(readAmount('1.25E+06', NO_UNIT)).toEqual({ ok: true, amount: 1_250_000, currency: null });
  });

  it('still refuses what is not an amount, and amounts the unit makes too large', () => {
    expect(readAmount('lots', NO_UNIT)).toEqual({ ok: false, reason: 'invalid' });
    expect(readAmount('-5', thousandsOfKronor)).toEqual({ ok: false, reason: 'negative' });
    expect(readAmount('9 999 999 999', revenueUnitOf('Revenue (MSEK)'))).toEqual({ ok: false, reason: 'tooLarge' });
  });
});

describe('readCurrency: codes, symbols and names', () => {
  it.each([
    ['US Dollar', 'USD'],
    ['Swedish Krona', 'SEK'],
    ['Euro', 'EUR'],
    ['Pound Sterling', 'GBP'],
    ['Norwegian Krone', 'NOK'],
    ['Danish Krone', 'DKK'],
    ['svensk krona', 'SEK'],
    ['SEK - Swedish Krona', 'SEK'],
    ['sek', 'SEK'],
    ['€', 'EUR'],
  ])('%s → %s', (cell, code) => {
    expect(readCurrency(cell)).toBe(code);
  });

  it('names no currency for what is not one', () => {
    expect(readCurrency('Bitcoin')).toBeNull();
    expect(readCurrency('XYZ')).toBeNull();
  });
});

describe('personKey: the same person however the file writes them', () => {
  it('ignores accents, case and "Last, First" order', () => {
    const key = personKey('Åsa Öberg');
    expect(personKey('asa oberg')).toBe(key);
    expect(personKey('Öberg, Åsa')).toBe(key);
    expect(personKey('OBERG, ASA')).toBe(key);
    expect(personKey('Anna Öberg')).not.toBe(key);
  });
});

describe('parseCsv: preambles', () => {
  it('takes the delimiter from an Excel "sep=" line and keeps physical line numbers', () => {
    const parsed = parseCsv('sep=;\r\nFöretag;Ansvarig\r\nAcme, Inc;Anna\r\n');
    expect(parsed.delimiter).toBe(';');
    expect(parsed.headers).toEqual(['Företag', 'Ansvarig']);
    expect(parsed.rows).toEqual([{ line: 3, cells: ['Acme, Inc', 'Anna'] }]);
    expect(parseCsv('sep=,\nName;Owner\nA;B\n').headers).toEqual(['Name;Owner']);
    expect(parseCsv('sep=\\t\nName\tOwner\nA\tB\n').headers).toEqual(['Name', 'Owner']);
  });
});

describe('decodeText and the double-encoding repair', () => {
  it('reads UTF-16 with a byte order mark, both byte orders', () => {
    const le = fixture('excel-unicode-text.txt');
    expect(le.encoding).toBe('utf-16le');
    expect(parseCsv(le.text).rows[1]!.cells).toEqual(['Ærø Færgeselskab ApS', 'Åsa Öberg', '2100000', 'DKK']);
    const be = new Uint8Array([0xfe, 0xff, 0x00, 0xc5, 0x00, 0x72, 0x00, 0x65]);
    expect(decodeText(be)).toEqual({ text: 'Åre', encoding: 'utf-16be' });
  });

  it('falls back to Windows-1252 for what is not UTF-8', () => {
    const swedish = fixture('swedish-excel.csv');
    expect(swedish.encoding).toBe('windows-1252');
    expect(parseCsv(swedish.text).headers[0]).toBe('Företag');
  });

  it('repairs UTF-8 read once as Windows-1252, and leaves correct accents alone', () => {
    const { text } = fixture('double-encoded.csv');
    expect(text).toContain('FjÃ¤llrÃ¤ven');
    expect(doubleEncodedSamples(text, 1)).toEqual([{ before: 'FjÃ¤llrÃ¤ven', after: 'Fjällräven' }]);
    const repaired = repairDoubleEncoding(text);
    expect(parseCsv(repaired).rows.map((row) => row.cells[0])).toEqual(['Fjällräven Outdoor AB', 'Öresund Bröd AB']);
    expect(repairDoubleEncoding('Café Åre, Ærø')).toBe('Café Åre, Ærø');
    expect(doubleEncodedSamples('Café Åre')).toEqual([]);
  });
});

describe('planImport with real exports', () => {
  const members: ImportMember[] = [
    { userId: 'u-anna', name: 'Anna Lindqvist', email: 'anna@example.com' },
    { userId: 'u-asa', name: 'Åsa Öberg', email: 'asa@example.com' },
  ];
  const planFile = (name: string) => {
    const file = parseCsv(fixture(name).text);
    return planImport({
      headers: file.headers,
      rows: file.rows,
      mapping: guessMapping(file.headers),
      mode: 'update',
      defaultCurrency: null,
      members,
      existing: [],
    });
  };

  it('skips a Salesforce report’s totals row and footer, saying why', () => {
    const plan = planFile('salesforce-report.csv');
    expect(plan.counts).toEqual({ create: 4, update: 0, unchanged: 0, skip: 4, invalid: 0 });
    expect(plan.rows.filter((row) => row.outcome === 'skip').map((row) => [row.line, row.issues[0]!.code])).toEqual([
      [6, 'totalsRow'],
      [8, 'reportFooter'],
      [11, 'reportFooter'],
      [13, 'reportFooter'],
    ]);
  });

  it('matches owners whatever order and accents the file uses, and lists each unknown one once', () => {
    const plan = planFile('salesforce-report.csv');
    expect(plan.rows.slice(0, 4).map((row) => row.values?.ownerUserId ?? null)).toEqual(['u-anna', 'u-anna', 'u-asa', null]);
    expect(plan.unmatchedOwners).toEqual([{ value: 'Peter Okonkwo', rows: 1, ambiguous: false }]);
  });

  it('applies the owner a person chose for an unknown name, or none', () => {
    const file = parseCsv(fixture('pipedrive-organizations.csv').text);
    const base = { headers: file.headers, rows: file.rows, mapping: guessMapping(file.headers), mode: 'update' as const };
    const chosen = planImport({ ...base, defaultCurrency: null, members, existing: [], ownerChoices: { 'Hansen, Kari': 'u-asa' } });
    expect(chosen.rows.map((row) => row.values?.ownerUserId)).toEqual(['u-anna', 'u-asa', 'u-asa']);
    expect(chosen.unmatchedOwners).toEqual([]);
    const nobody = planImport({ ...base, defaultCurrency: null, members, existing: [], ownerChoices: { 'kari hansen': null } });
    expect(nobody.rows[2]!.values?.ownerUserId).toBeNull();
    expect(nobody.rows[2]!.issues).toEqual([]);
    // A choice naming someone who is not a member is ignored.
    const stranger = planImport({ ...base, defaultCurrency: null, members, existing: [], ownerChoices: { 'Hansen, Kari': 'u-else' } });
    expect(stranger.unmatchedOwners).toEqual([{ value: 'Hansen, Kari', rows: 1, ambiguous: false }]);
  });

  it('reads a Swedish sheet in thousands of kronor and skips its Summa row', () => {
    const plan = planFile('swedish-excel.csv');
    expect(plan.rows.map((row) => [row.line, row.outcome, row.values?.annualRevenue ?? null, row.values?.currency ?? null])).toEqual([
      [3, 'create', '12500500.00', 'SEK'],
      [4, 'create', '1250000000.00', 'SEK'],
      [5, 'create', '850000.00', 'SEK'],
      [6, 'skip', null, null],
    ]);
  });

  it('maps Dynamics currency names, and imports an unknown currency in the organization’s currency with a warning', () => {
    const plan = planFile('dynamics-accounts.csv');
    expect(plan.counts.invalid).toBe(0);
    expect(plan.rows.map((row) => [row.name, row.values?.annualRevenue, row.values?.currency])).toEqual([
      ['Contoso Pharmaceuticals', '50000000.00', 'USD'],
      ['Svea Skog AB', '50000000.00', 'SEK'],
      ['Tailspin Toys Ltd', '2500000.00', 'GBP'],
      ['Fabrikam Nordic AS', '3000000.00', 'NOK'],
      ['Litware Denmark ApS', '1750000.00', 'DKK'],
      ['Northwind Traders GmbH', '4200000.00', 'EUR'],
      ['Coho Crypto Ltd', '1000000.00', 'EUR'],
    ]);
    expect(plan.rows[6]!.issues).toEqual([
      { severity: 'warning', code: 'currencyUnknown', field: 'currency', value: 'Bitcoin', currency: 'EUR' },
    ]);
  });
});
