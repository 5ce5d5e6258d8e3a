import { describe, expect, it } from 'vitest';
import {
  checkContactMapping,
  guessContactMapping,
  planContactImport,
  readBuyingRole,
  readLanguage,
  type ExistingContact,
  type ImportAccount,
} from '@/server/domain/contact-import';
import { parseCsv } from '@/server/domain/csv';

describe('guessContactMapping: columns from real contact exports', () => {
  it('maps a Salesforce contacts report, the account by its name and id', () => {
    expect(guessContactMapping(['First Name', 'Last Name', 'Title', 'Email', 'Account Name', 'Account ID'])).toEqual({
      firstName: 0,
      lastName: 1,
      title: 2,
      email: 3,
      accountName: 4,
      accountExternalId: 5,
    });
  });

  it("maps HubSpot's export and leaves the contact's own Record ID alone", () => {
    expect(
      guessContactMapping(['Record ID', 'First Name', 'Last Name', 'Email', 'Job Title', 'Associated Company', 'Associated Company ID']),
    ).toEqual({ firstName: 1, lastName: 2, email: 3, title: 4, accountName: 5, accountExternalId: 6 });
  });

  it('maps Pipedrive persons, Dynamics contacts and a Swedish sheet', () => {
    expect(guessContactMapping(['Person - Name', 'Person - Email', 'Organization', 'Person - Job title'])).toEqual({
      name: 0,
      email: 1,
      accountName: 2,
      title: 3,
    });
    expect(guessContactMapping(['(Do Not Modify) Contact', 'Full Name', 'Job Title', 'Email', 'Company Name'])).toEqual({
      name: 1,
      title: 2,
      email: 3,
      accountName: 4,
    });
    expect(guessContactMapping(['Namn', 'E-post', 'Titel', 'Roll', 'Företag', 'Språk'])).toEqual({
      name: 0,
      email: 1,
      title: 2,
      buyingRole: 3,
      accountName: 4,
      language: 5,
    });
  });
});

describe('checkContactMapping', () => {
  it('needs a name (whole or in parts) and something that names the account', () => {
    expect(checkContactMapping({ name: 0, accountName: 1 }, 2)).toBeNull();
    expect(checkContactMapping({ lastName: 0, accountDomain: 1 }, 2)).toBeNull();
    expect(checkContactMapping({ email: 0, accountName: 1 }, 2)).toBe('contactNameColumnMissing');
    expect(checkContactMapping({ name: 0, email: 1 }, 2)).toBe('accountColumnMissing');
    expect(checkContactMapping({ name: 0, accountName: 0 }, 2)).toBe('columnUsedTwice');
    expect(checkContactMapping({ name: 0, accountName: 3 }, 2)).toBe('columnOutOfRange');
  });
});

describe('reading roles and languages', () => {
  it('reads the words CRMs and people use for buying roles, in both languages', () => {
    expect(readBuyingRole('Economic Buyer')).toBe('economic_buyer');
    expect(readBuyingRole('Ekonomisk beslutsfattare')).toBe('economic_buyer');
    expect(readBuyingRole('Decision maker')).toBe('economic_buyer');
    expect(readBuyingRole('Champion')).toBe('coach');
    expect(readBuyingRole('End user')).toBe('user');
    expect(readBuyingRole('Användare')).toBe('user');
    expect(readBuyingRole('IT')).toBe('technical');
    expect(readBuyingRole('technical')).toBe('technical');
    expect(readBuyingRole('Gatekeeper')).toBeNull();
  });

  it('reads a language as en or sv', () => {
    expect(readLanguage('Svenska')).toBe('sv');
    expect(readLanguage('sv-SE')).toBe('sv');
    expect(readLanguage('English')).toBe('en');
    expect(readLanguage('en-GB')).toBe('en');
    expect(readLanguage('Deutsch')).toBeNull();
  });
});

const acme: ImportAccount = { id: 'a-acme', name: 'Ångström Acme AB', domain: 'acme.example', externalId: '001ACME' };
const beta: ImportAccount = { id: 'a-beta', name: 'Beta Oy', domain: null, externalId: null };
const betaToo: ImportAccount = { id: 'a-beta2', name: 'BETA OY', domain: 'beta2.example', externalId: null };

function plan(csv: string, options: { accounts?: ImportAccount[]; contacts?: ExistingContact[]; mode?: 'update' | 'skip' } = {}) {
  const file = parseCsv(csv);
  return planContactImport({
    rows: file.rows,
    mapping: guessContactMapping(file.headers),
    mode: options.mode ?? 'update',
    accounts: options.accounts ?? [acme, beta],
    contacts: options.contacts ?? [],
  });
}

describe('planContactImport: which account, and what happens to each row', () => {
  it('finds the account by CRM id, then domain, then name folded for case and accents', () => {
    const result = plan(
      [
        'Name,Email,Account ID,Website,Company',
        'A One,a1@x.example,001ACME,,',
        'A Two,a2@x.example,,www.acme.example,',
        'A Three,a3@x.example,,,angstrom acme ab',
        'A Four,a4@x.example,999,,Beta Oy',
      ].join('\n'),
    );
    expect(result.rows.map((r) => [r.outcome, r.accountId])).toEqual([
      ['create', 'a-acme'],
      ['create', 'a-acme'],
      ['create', 'a-acme'],
      ['create', 'a-beta'],
    ]);
  });

  it('refuses a row whose account is missing, unknown or ambiguous, and never invents one', () => {
    const result = plan(['Name,Email,Company', 'No One,,', 'Ghost,,Ghost AB', 'Twin,,Beta Oy'].join('\n'), {
      accounts: [acme, beta, betaToo],
    });
    expect(result.rows.map((r) => [r.outcome, r.issues.map((i) => i.code)])).toEqual([
      ['invalid', ['accountMissing']],
      ['invalid', ['accountNotFound']],
      ['invalid', ['accountAmbiguous']],
    ]);
    expect(result.counts).toEqual({ create: 0, update: 0, unchanged: 0, skip: 0, invalid: 3 });
  });

  it("uses the email's domain only when the row names no account", () => {
    const result = plan(['Name,Email,Company', 'Eva,eva@acme.example,', 'Fia,fia@acme.example,Beta Oy'].join('\n'));
    expect(result.rows.map((r) => [r.accountId, r.issues.map((i) => i.code)])).toEqual([
      ['a-acme', ['accountFromEmail']],
      ['a-beta', []],
    ]);
  });

  it('validates like the contact form: email, name and title length; an unknown role is a note, not a refusal', () => {
    const long = 'x'.repeat(101);
    const result = plan(
      [
        'Name,Email,Title,Role,Company',
        `Bad Mail,not-an-email,,,Beta Oy`,
        `Long Title,,${long},,Beta Oy`,
        'Odd Role,,,Gatekeeper,Beta Oy',
        ',,,,Beta Oy',
      ].join('\n'),
    );
    expect(result.rows.map((r) => [r.outcome, r.issues.map((i) => i.code)])).toEqual([
      ['invalid', ['emailInvalid']],
      ['invalid', ['titleTooLong']],
      ['create', ['buyingRoleUnknown']],
      ['invalid', ['nameMissing']],
    ]);
    expect(result.rows[2]!.values!.buyingRole).toBe('other');
  });

  it('joins first and last name, and lower-cases the email', () => {
    const result = plan('First Name,Last Name,Email,Company\nÅsa,Öberg,ASA@Beta.example,Beta Oy\n');
    expect(result.rows[0]!.values).toEqual({
      name: 'Åsa Öberg',
      email: 'asa@beta.example',
      title: null,
      buyingRole: 'other',
      language: null,
    });
  });

  it('updates a person already at the account (same email, or same name without one), skips them on request, never duplicates in one file', () => {
    const existing: ExistingContact[] = [
      {
        id: 'c1',
        accountId: 'a-beta',
        version: 3,
        name: 'Eva Ek',
        email: 'eva@beta.example',
        title: 'CFO',
        buyingRole: 'economic_buyer',
        language: null,
      },
      { id: 'c2', accountId: 'a-beta', version: 1, name: 'Bo Berg', email: null, title: null, buyingRole: 'other', language: null },
    ];
    const csv = [
      'Name,Email,Title,Company',
      'Eva Ek,EVA@beta.example,CEO,Beta Oy',
      'bo berg,,Buyer,Beta Oy',
      'Eva Ek,eva@beta.example,CTO,Beta Oy',
      'Eva Ek,eva@beta.example,,Ångström Acme AB',
    ].join('\n');
    const updated = plan(csv, { contacts: existing });
    expect(updated.rows.map((r) => [r.outcome, r.contactId, r.changes])).toEqual([
      ['update', 'c1', ['title']],
      ['update', 'c2', ['name', 'title']],
      ['skip', 'c1', []],
      ['create', null, []],
    ]);
    // An empty cell never erases: the stored role stays.
    expect(updated.rows[0]!.values).toMatchObject({ title: 'CEO', buyingRole: 'economic_buyer' });
    expect(updated.rows[2]!.issues).toEqual([{ severity: 'warning', code: 'duplicateInFile', field: null, otherLine: 2 }]);

    const skipped = plan(csv, { contacts: existing, mode: 'skip' });
    expect(skipped.counts).toEqual({ create: 1, update: 0, unchanged: 0, skip: 3, invalid: 0 });

    const again = plan('Name,Email,Title,Company\nEva Ek,eva@beta.example,CFO,Beta Oy\n', { contacts: existing });
    expect(again.rows[0]!.outcome).toBe('unchanged');
  });

  it('skips report footers and totals rows with their reason', () => {
    const result = plan('Name,Company\nEva,Beta Oy\nTotal,\nGrand Totals (1 record)\n');
    expect(result.rows.map((r) => [r.outcome, r.issues.map((i) => i.code)])).toEqual([
      ['create', []],
      ['skip', ['totalsRow']],
      ['skip', ['reportFooter']],
    ]);
  });
});
