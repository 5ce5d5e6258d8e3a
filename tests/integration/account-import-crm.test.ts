/**
 * Real CRM exports through the import procedures, as the browser sends them (decoded from the
 * file's bytes): what is imported, with which revenue and currency, and which owner; what is
 * skipped and why; and a file with bad rows imported partly when the person asks for it.
 */
import { readFileSync } from 'node:fs';
import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accounts } from '@/db/schema';
import { guessMapping } from '@/server/domain/account-import';
import { parseCsv } from '@/server/domain/csv';
import { decodeText, repairDoubleEncoding } from '@/server/domain/text-encoding';
import { insertAccount } from '../helpers/accounts';
import { useTestDatabase } from '../helpers/db';
import { createTeam } from '../helpers/team';

const { db } = await useTestDatabase();

const team = () =>
  createTeam(db, {
    members: { anna: { role: 'member', name: 'Anna Lindqvist' }, asa: { role: 'member', name: 'Åsa Öberg' } },
  });
type CrmTeam = Awaited<ReturnType<typeof team>>;

const fileText = (name: string) => decodeText(new Uint8Array(readFileSync(`tests/fixtures/crm/${name}`))).text;

function request(t: CrmTeam, csv: string) {
  return { orgSlug: t.slug, csv, mapping: guessMapping(parseCsv(csv).headers) };
}

async function importFile(t: CrmTeam, csv: string, extra: { ownerChoices?: Record<string, string | null>; skipInvalid?: boolean } = {}) {
  return t.anna.caller.account.importCommit({ ...request(t, csv), ...extra, fileName: 'export.csv' });
}

/** Name, revenue, currency and owner (by person) of every stored account. */
async function stored(t: CrmTeam) {
  const people = new Map([
    [t.anna.userId, 'anna'],
    [t.asa.userId, 'asa'],
    [t.owner.userId, 'owner'],
  ]);
  const rows = await db.select().from(accounts).where(eq(accounts.orgId, t.orgId)).orderBy(asc(accounts.name));
  return rows.map((a) => [a.name, a.annualRevenue, a.currency, a.ownerUserId ? people.get(a.ownerUserId) : null]);
}

describe('importing CRM exports', () => {
  it('a Salesforce report: accounts in, totals row and footer skipped with reasons, owners matched in any order', async () => {
    const t = await team();
    const csv = fileText('salesforce-report.csv');
    const preview = await t.anna.caller.account.importPreview(request(t, csv));
    expect(preview.counts).toEqual({ create: 4, update: 0, unchanged: 0, skip: 4, invalid: 0 });
    expect(preview.rows.filter((r) => r.outcome === 'skip').map((r) => [r.line, r.issues.map((i) => i.code)])).toEqual([
      [6, ['totalsRow']],
      [8, ['reportFooter']],
      [11, ['reportFooter']],
      [13, ['reportFooter']],
    ]);
    expect(preview.unmatchedOwners).toEqual([{ value: 'Peter Okonkwo', rows: 1, ambiguous: false }]);
    expect(preview.members.map((m) => m.name).sort()).toEqual(['Anna Lindqvist', 'Olga Owner', 'Åsa Öberg']);

    // The unknown owner is mapped to a member in the preview; the commit applies the choice.
    const result = await importFile(t, csv, { ownerChoices: { 'Peter Okonkwo': t.owner.userId } });
    expect(result.status).toBe('imported');
    expect(await stored(t)).toEqual([
      ['Brightline Analytics Ltd', '9800000.00', 'GBP', 'owner'],
      ['Fjällräven Outdoor AB', '120000000.00', 'SEK', 'anna'],
      ['Nordic Freight Oy', '48500000.00', 'EUR', 'anna'],
      ['Skär Shipping AB', '75250000.00', 'SEK', 'asa'],
    ]);
  });

  it('a HubSpot companies export with revenue Excel turned into scientific notation', async () => {
    const t = await team();
    const result = await importFile(t, fileText('hubspot-companies.csv'));
    expect(result.counts.create).toBe(3);
    expect(await stored(t)).toEqual([
      ['Aurora Biotech AB', '50000000.00', null, 'anna'],
      ['Helix Robotics GmbH', '1250000.00', null, null],
      ['Västkust Energi AB', '50000000.00', null, 'asa'],
    ]);
  });

  it('a Pipedrive organizations export with owners as "Last, First", one of them unknown and left without an owner', async () => {
    const t = await team();
    const csv = fileText('pipedrive-organizations.csv');
    const preview = await t.anna.caller.account.importPreview(request(t, csv));
    expect(preview.unmatchedOwners).toEqual([{ value: 'Hansen, Kari', rows: 1, ambiguous: false }]);
    await importFile(t, csv);
    expect(await stored(t)).toEqual([
      ['Bergen Seafood AS', null, null, null],
      ['Malmö Logistik AB', null, null, 'anna'],
      ['Uppsala Medtech AB', null, null, 'asa'],
    ]);
  });

  it('a Dynamics 365 export: bookkeeping columns ignored, currency names mapped, an unknown currency imported in the organization’s', async () => {
    const t = await team();
    // The organization keeps most accounts in SEK, so SEK is its currency.
    await insertAccount(db, t.slug, { name: 'Existing One AB', annualRevenue: '1000.00', currency: 'SEK' });
    const csv = fileText('dynamics-accounts.csv');
    const preview = await t.anna.caller.account.importPreview(request(t, csv));
    expect(preview.headers[guessMapping(preview.headers).name!]).toBe('Account Name');
    const coho = preview.rows.find((r) => r.name === 'Coho Crypto Ltd')!;
    expect(coho.outcome).toBe('create');
    expect(coho.issues).toEqual([{ severity: 'warning', code: 'currencyUnknown', field: 'currency', value: 'Bitcoin', currency: 'SEK' }]);
    await importFile(t, csv);
    expect(await stored(t)).toEqual([
      ['Coho Crypto Ltd', '1000000.00', 'SEK', 'anna'],
      ['Contoso Pharmaceuticals', '50000000.00', 'USD', 'anna'],
      ['Existing One AB', '1000.00', 'SEK', null],
      ['Fabrikam Nordic AS', '3000000.00', 'NOK', 'anna'],
      ['Litware Denmark ApS', '1750000.00', 'DKK', 'anna'],
      ['Northwind Traders GmbH', '4200000.00', 'EUR', 'anna'],
      ['Svea Skog AB', '50000000.00', 'SEK', 'asa'],
      ['Tailspin Toys Ltd', '2500000.00', 'GBP', 'anna'],
    ]);
  });

  it('a Swedish Excel sheet: sep= line, Windows-1252, revenue in thousands of kronor, Summa row skipped', async () => {
    const t = await team();
    const result = await importFile(t, fileText('swedish-excel.csv'));
    expect(result.counts).toEqual({ create: 3, update: 0, unchanged: 0, skip: 1, invalid: 0 });
    expect(result.rows.find((r) => r.outcome === 'skip')).toMatchObject({ line: 6, issues: [{ code: 'totalsRow' }] });
    expect(await stored(t)).toEqual([
      ['Kiruna Gruvteknik AB', '1250000000.00', 'SEK', 'asa'],
      ['Smörgåsbolaget i Ystad AB', '850000.00', 'SEK', 'anna'],
      ['Åre Fjällhotell AB', '12500500.00', 'SEK', 'anna'],
    ]);
  });

  it('Excel "Unicode text" (UTF-16, tabs) and a double-encoded file once repaired', async () => {
    const t = await team();
    await importFile(t, fileText('excel-unicode-text.txt'));
    await importFile(t, repairDoubleEncoding(fileText('double-encoded.csv')));
    expect(await stored(t)).toEqual([
      ['Fjällräven Outdoor AB', '120000000.00', 'SEK', 'anna'],
      ['Göta Kanal Turism AB', '3400000.00', 'SEK', 'anna'],
      ['Ærø Færgeselskab ApS', '2100000.00', 'DKK', 'asa'],
      ['Öresund Bröd AB', '4500000.00', 'SEK', 'anna'],
    ]);
  });
});

describe('importing part of a file', () => {
  const csv = 'Name,Website,Annual Revenue\nGood One AB,goodone.example,1000\nBad Revenue AB,badrevenue.example,lots\nGood Two AB,,2000\n';

  it('is all or nothing unless the person chooses to skip the invalid rows', async () => {
    const t = await team();
    const refused = await importFile(t, csv);
    expect(refused.status).toBe('invalid');
    expect(await stored(t)).toEqual([]);

    const partial = await importFile(t, csv, { skipInvalid: true });
    expect(partial.status).toBe('imported');
    expect(partial.counts).toEqual({ create: 2, update: 0, unchanged: 0, skip: 0, invalid: 1 });
    expect(partial.rows.find((r) => r.outcome === 'invalid')).toMatchObject({ line: 3, accountId: null });
    expect(await stored(t)).toEqual([
      ['Good One AB', '1000.00', null, null],
      ['Good Two AB', '2000.00', null, null],
    ]);
  });

  it('never lets an invalid row touch an account already stored', async () => {
    const t = await team();
    await insertAccount(db, t.slug, { name: 'Bad Revenue AB', domain: 'badrevenue.example', annualRevenue: '5000.00', currency: 'SEK' });
    await importFile(t, csv, { skipInvalid: true });
    expect((await stored(t)).find(([name]) => name === 'Bad Revenue AB')).toEqual(['Bad Revenue AB', '5000.00', 'SEK', null]);
  });
});
