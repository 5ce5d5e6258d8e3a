import { describe, expect, it } from 'vitest';
import {
  checkMapping,
  guessMapping,
  planImport,
  type ColumnMapping,
  type ExistingAccount,
  type ImportMember,
  type PlanInput,
} from '@/server/domain/account-import';
import { parseCsv } from '@/server/domain/csv';

describe('guessMapping: columns from real exports', () => {
  it('maps a Salesforce account export', () => {
    const headers = [
      'Account ID',
      'Account Name',
      'Website',
      'Industry',
      'Annual Revenue',
      'Account Currency',
      'Account Owner',
      'Billing City',
    ];
    expect(guessMapping(headers)).toEqual({ externalId: 0, name: 1, domain: 2, segment: 3, annualRevenue: 4, currency: 5, owner: 6 });
  });

  it('maps a HubSpot company export, preferring the domain column over the website', () => {
    const headers = [
      'Record ID',
      'Company name',
      'Company Domain Name',
      'Website URL',
      'Industry',
      'Annual Revenue',
      'Company owner',
      'Create Date',
    ];
    expect(guessMapping(headers)).toEqual({ externalId: 0, name: 1, domain: 2, segment: 4, annualRevenue: 5, owner: 6 });
  });

  it('maps a Swedish Excel sheet, diacritics and all', () => {
    const headers = [
      'Företagsnamn',
      'Hemsida',
      'Bransch',
      'Årsomsättning',
      'Valuta',
      'Kundansvarig',
      'Målnivå',
      'Måldatum',
      'Anteckningar',
    ];
    expect(guessMapping(headers)).toEqual({
      name: 0,
      domain: 1,
      segment: 2,
      annualRevenue: 3,
      currency: 4,
      owner: 5,
      targetLevel: 6,
      targetDate: 7,
      notes: 8,
    });
  });

  it("maps Rung's own export back, using the owner's email rather than the name, and leaves the levels alone", () => {
    const headers = [
      'Name',
      'Domain',
      'Segment',
      'Owner',
      'Owner email',
      'Team level',
      'Customer level',
      'Perception gap',
      'Target level',
      'Target date',
      'Annual revenue',
      'Currency',
      'Last assessed',
    ];
    expect(guessMapping(headers)).toEqual({
      name: 0,
      domain: 1,
      segment: 2,
      owner: 4,
      targetLevel: 8,
      targetDate: 9,
      annualRevenue: 10,
      currency: 11,
    });
  });

  it('matches headers that merely contain a known name, but never an id column', () => {
    expect(
      guessMapping(['Customer Name (legal)', 'Primary Website', 'OwnerId', 'Annual Revenue Currency', 'Annual Revenue (EUR)']),
    ).toEqual({
      name: 0,
      domain: 1,
      currency: 3,
      annualRevenue: 4,
    });
  });

  it('guesses nothing for unknown headers', () => {
    expect(guessMapping(['Foo', 'Bar', ''])).toEqual({});
  });
});

describe('checkMapping', () => {
  it('needs a name column, one field per column, and columns that exist', () => {
    expect(checkMapping({ name: 0, domain: 1 }, 2)).toBeNull();
    expect(checkMapping({ domain: 1 }, 2)).toBe('nameColumnMissing');
    expect(checkMapping({ name: 0, domain: 0 }, 2)).toBe('columnUsedTwice');
    expect(checkMapping({ name: 0, domain: 2 }, 2)).toBe('columnOutOfRange');
  });
});

const anna: ImportMember = { userId: 'u-anna', name: 'Anna Andersson', email: 'anna@seller.se' };
const bo: ImportMember = { userId: 'u-bo', name: 'Bo Berg', email: 'bo@seller.se' };
const boToo: ImportMember = { userId: 'u-bo2', name: 'Bo Berg', email: 'bo.berg@seller.se' };

function existingAccount(values: Partial<ExistingAccount> & { id: string; name: string }): ExistingAccount {
  return {
    domain: null,
    externalId: null,
    segment: null,
    ownerUserId: null,
    annualRevenue: null,
    currency: null,
    targetLevel: null,
    targetDate: null,
    notes: null,
    version: 1,
    ...values,
  };
}

function plan(csv: string, options: Partial<Omit<PlanInput, 'rows' | 'mapping'>> & { mapping?: ColumnMapping } = {}) {
  const file = parseCsv(csv);
  return planImport({
    headers: file.headers,
    rows: file.rows,
    mapping: options.mapping ?? guessMapping(file.headers),
    ownerChoices: options.ownerChoices ?? {},
    mode: options.mode ?? 'update',
    defaultCurrency: options.defaultCurrency ?? null,
    members: options.members ?? [anna, bo],
    existing: options.existing ?? [],
  });
}

describe('planImport: what happens to each row', () => {
  it('creates new accounts with normalised values', () => {
    const result = plan(
      'Account Name,Website,Industry,Annual Revenue,Currency,Account Owner,Target level,Target date\nAcme AB,https://www.Acme.se/om,Manufacturing,"1 200 000,50",sek,anna@seller.se,4,2027-12-31\n',
    );
    expect(result.counts).toEqual({ create: 1, update: 0, unchanged: 0, skip: 0, invalid: 0 });
    expect(result.rows[0]).toEqual({
      line: 2,
      outcome: 'create',
      name: 'Acme AB',
      accountId: null,
      issues: [],
      changes: [],
      values: {
        name: 'Acme AB',
        domain: 'acme.se',
        externalId: null,
        segment: 'Manufacturing',
        ownerUserId: 'u-anna',
        annualRevenue: '1200000.50',
        currency: 'SEK',
        targetLevel: 4,
        targetDate: '2027-12-31',
        notes: null,
      },
    });
  });

  it('finds owners by email or by name, and warns (without blocking) about unknown or ambiguous ones', () => {
    const result = plan('Name,Owner\nA,Bo Berg\nB,nobody@else.se\nC,Bo Berg\nD,BO@SELLER.SE\n', { members: [anna, bo, boToo] });
    expect(result.rows.map((r) => [r.outcome, r.values?.ownerUserId ?? null, r.issues.map((i) => i.code)])).toEqual([
      ['create', null, ['ownerAmbiguous']],
      ['create', null, ['ownerUnknown']],
      ['create', null, ['ownerAmbiguous']],
      ['create', 'u-bo', []],
    ]);
    expect(result.rows[1]!.issues[0]).toMatchObject({ severity: 'warning', field: 'owner', value: 'nobody@else.se' });
  });

  it('reports every bad cell of a row with its line and reason', () => {
    const result = plan(
      'Name,Website,Annual Revenue,Currency,Target level,Target date\nGood,good.se,,,,\n,not a site,-5,Doubloons,7,31/12/2027\n',
    );
    expect(result.counts.invalid).toBe(1);
    const bad = result.rows[1]!;
    expect(bad.line).toBe(3);
    expect(bad.outcome).toBe('invalid');
    expect(bad.issues.map((i) => [i.field, i.code, i.value])).toEqual([
      ['name', 'nameMissing', ''],
      ['domain', 'domainInvalid', 'not a site'],
      ['annualRevenue', 'revenueNegative', '-5'],
      ['currency', 'currencyUnknown', 'Doubloons'],
      ['targetLevel', 'targetLevelInvalid', '7'],
      ['targetDate', 'targetDateInvalid', '31/12/2027'],
    ]);
    expect(bad.issues.filter((i) => i.severity === 'warning').map((i) => i.code)).toEqual(['currencyUnknown']);
  });

  it('refuses oversized names and notes', () => {
    const result = plan(`Name,Notes\n${'x'.repeat(201)},\nOk,${'y'.repeat(5001)}\n`);
    expect(result.rows.map((r) => r.issues.map((i) => i.code))).toEqual([['nameTooLong'], ['notesTooLong']]);
  });

  it('takes the currency from the amount when no column gives one, else the default for rows with revenue', () => {
    const result = plan('Name,Revenue\nA,€2.5M\nB,1000\nC,\n', { defaultCurrency: 'SEK' });
    expect(result.rows.map((r) => [r.values?.annualRevenue, r.values?.currency])).toEqual([
      ['2500000.00', 'EUR'],
      ['1000.00', 'SEK'],
      [null, null],
    ]);
  });

  it('matches an existing account by domain first, then by name, and updates only what differs', () => {
    const existing = [
      existingAccount({ id: 'a1', name: 'Acme', domain: 'acme.se', segment: 'Retail', version: 3 }),
      existingAccount({ id: 'a2', name: 'Globex', segment: 'Energy' }),
    ];
    const result = plan('Name,Website,Industry\nAcme Sverige AB,www.acme.se,Retail\nGLOBEX,globex.com,Energy\n', { existing });
    expect(result.rows.map((r) => [r.outcome, r.accountId, r.changes])).toEqual([
      ['update', 'a1', ['name']],
      ['update', 'a2', ['name', 'domain']],
    ]);
    expect(result.rows[1]!.values).toMatchObject({ name: 'GLOBEX', domain: 'globex.com', segment: 'Energy' });
  });

  it('does not treat two companies with the same name but different domains as one', () => {
    const existing = [existingAccount({ id: 'a1', name: 'Nordic Steel', domain: 'nordicsteel.se' })];
    const result = plan('Name,Website\nNordic Steel,nordicsteel.no\n', { existing });
    expect(result.rows[0]!.outcome).toBe('create');
  });

  it('never erases stored values with empty cells, so a sparse file is unchanged', () => {
    const existing = [
      existingAccount({
        id: 'a1',
        name: 'Acme',
        domain: 'acme.se',
        segment: 'Retail',
        annualRevenue: '5000.00',
        currency: 'SEK',
        notes: 'Keep me',
      }),
    ];
    const result = plan('Name,Website,Industry,Annual Revenue,Notes\nAcme,acme.se,,5 000,\n', { existing });
    expect(result.rows[0]).toMatchObject({ outcome: 'unchanged', accountId: 'a1', changes: [] });
  });

  it('compares revenue by amount, not by spelling', () => {
    const existing = [existingAccount({ id: 'a1', name: 'Acme', annualRevenue: '1200000.00', currency: 'SEK' })];
    expect(plan('Name,Revenue,Currency\nAcme,"1,200,000",sek\n', { existing }).rows[0]!.outcome).toBe('unchanged');
    expect(plan('Name,Revenue,Currency\nAcme,1200001,SEK\n', { existing }).rows[0]).toMatchObject({
      outcome: 'update',
      changes: ['annualRevenue'],
    });
  });

  it('in skip mode, leaves existing accounts alone but still calls identical ones unchanged', () => {
    const existing = [
      existingAccount({ id: 'a1', name: 'Acme', segment: 'Retail' }),
      existingAccount({ id: 'a2', name: 'Globex', segment: 'Energy' }),
    ];
    const result = plan('Name,Industry\nAcme,Retail\nGlobex,Oil\nInitech,IT\n', { existing, mode: 'skip' });
    expect(result.rows.map((r) => [r.outcome, r.issues.map((i) => i.code)])).toEqual([
      ['unchanged', []],
      ['skip', ['alreadyExists']],
      ['create', []],
    ]);
    expect(result.counts).toEqual({ create: 1, update: 0, unchanged: 1, skip: 1, invalid: 0 });
  });

  it('skips a row that repeats an earlier one in the file, naming that line', () => {
    const result = plan('Name,Website\nAcme,acme.se\nAcme AB,https://acme.se\nacme,\nGlobex,\nGLOBEX,\n');
    expect(result.rows.map((r) => [r.line, r.outcome, r.issues.map((i) => [i.code, i.otherLine])])).toEqual([
      [2, 'create', []],
      [3, 'skip', [['duplicateInFile', 2]]],
      [4, 'skip', [['duplicateInFile', 2]]],
      [5, 'create', []],
      [6, 'skip', [['duplicateInFile', 5]]],
    ]);
  });

  it('never lets two rows update the same existing account', () => {
    const existing = [existingAccount({ id: 'a1', name: 'Acme', domain: 'acme.se' })];
    const result = plan('Name,Website,Industry\nAcme,,Retail\nAcme Group,acme.se,Energy\n', { existing });
    expect(result.rows.map((r) => [r.outcome, r.accountId])).toEqual([
      ['update', 'a1'],
      ['skip', 'a1'],
    ]);
    expect(result.rows[1]!.issues).toEqual([{ severity: 'warning', code: 'duplicateInFile', field: null, otherLine: 2 }]);
  });

  it('is idempotent: planning the file against what it would write gives all unchanged', () => {
    const csv =
      'Name,Website,Industry,Revenue,Currency,Owner,Target level,Target date,Notes\nAcme,acme.se,Retail,"1 000,5",SEK,Anna Andersson,3,2027-06-30,"two\nlines"\nGlobex,,Energy,,,,,,\n';
    const first = plan(csv);
    const existing = first.rows.map((row, i) => ({ id: `a${i}`, version: 1, ...row.values! }));
    const second = plan(csv, { existing });
    expect(second.counts).toEqual({ create: 0, update: 0, unchanged: 2, skip: 0, invalid: 0 });
  });

  it('restores text that an export protected from spreadsheet formulas', () => {
    const result = plan("Name\n'=Acme\n");
    expect(result.rows[0]!.values!.name).toBe('=Acme');
  });

  it('uses only mapped columns and ignores cells beyond the header', () => {
    const result = plan('Name,Website,Extra\nAcme,acme.se,ignored,and more\n', { mapping: { name: 0 } });
    expect(result.rows[0]!.values).toMatchObject({ name: 'Acme', domain: null });
  });
});
