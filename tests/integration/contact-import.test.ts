/**
 * Contact exports from the CRMs through the import procedures, as the browser sends them
 * (decoded from the file's bytes): which people land at which account, what is left out and why,
 * a second import updating rather than duplicating, and another organization's accounts never
 * matched whatever the file names.
 */
import { readFileSync } from 'node:fs';
import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accounts, auditEvents, contacts } from '@/db/schema';
import { guessMapping } from '@/server/domain/account-import';
import { guessContactMapping } from '@/server/domain/contact-import';
import { parseCsv } from '@/server/domain/csv';
import { decodeText } from '@/server/domain/text-encoding';
import { insertAccount } from '../helpers/accounts';
import { useTestDatabase } from '../helpers/db';
import { expectTRPCError } from '../helpers/errors';
import { createTeam } from '../helpers/team';

const { db } = await useTestDatabase();

/**
 * An organization with two accounts the fixtures name, and a second organization that holds
 * the accounts the fixtures name but the first does not have (by CRM id, name and domain).
 */
async function setup() {
  const t = await createTeam(db, { members: ['member', 'viewer'] });
  const nordpeak = await insertAccount(db, t.slug, {
    name: 'Nordpeak Outdoor AB',
    domain: 'nordpeak.example',
    externalId: '0015g00000NPK01AAA',
  });
  const tidewater = await insertAccount(db, t.slug, {
    name: 'Tidewater Freight Ltd',
    domain: 'tidewater.example',
    externalId: '0015g00000TDW02AAA',
  });
  const other = await createTeam(db, { members: [] });
  const kuusi = await insertAccount(db, other.slug, {
    name: 'Kuusi Systems Oy',
    domain: 'kuusi.example',
    externalId: '0015g00000XXX99AAA',
  });
  await insertAccount(db, other.slug, { name: 'Nonexistent Trading AB' });
  await insertAccount(db, other.slug, { name: 'Twin Peaks Bakery', domain: 'twin.example' });
  return { t, other, nordpeak, tidewater, kuusi };
}
type Setup = Awaited<ReturnType<typeof setup>>;

const fileText = (name: string) => decodeText(new Uint8Array(readFileSync(`tests/fixtures/crm/${name}`))).text;

function request(s: Setup, csv: string, extra: { mode?: 'update' | 'skip'; skipInvalid?: boolean } = {}) {
  return { orgSlug: s.t.slug, csv, mapping: guessContactMapping(parseCsv(csv).headers), ...extra };
}

/** [account name, person, email, title, role, language] of every active contact in the organization. */
async function stored(orgId: string) {
  const rows = await db
    .select({
      account: accounts.name,
      name: contacts.name,
      email: contacts.email,
      title: contacts.title,
      role: contacts.buyingRole,
      language: contacts.language,
    })
    .from(contacts)
    .innerJoin(accounts, and(eq(accounts.orgId, contacts.orgId), eq(accounts.id, contacts.accountId)))
    .where(eq(contacts.orgId, orgId))
    .orderBy(asc(accounts.name), asc(contacts.name));
  return rows.map((r) => [r.account, r.name, r.email, r.title, r.role, r.language]);
}

const invalidRows = (rows: ReadonlyArray<{ line: number; outcome: string; issues: ReadonlyArray<{ code: string }> }>) =>
  rows.filter((r) => r.outcome === 'invalid').map((r) => [r.line, r.issues.map((i) => i.code)]);

describe('importing contact exports', () => {
  it('a Salesforce report: matched by CRM id, footers skipped, another organization’s CRM id not matched, bad email refused', async () => {
    const s = await setup();
    const csv = fileText('salesforce-contacts.csv');
    const preview = await s.t.member.caller.contact.importPreview(request(s, csv));
    expect(preview.counts).toEqual({ create: 3, update: 0, unchanged: 0, skip: 3, invalid: 2 });
    expect(invalidRows(preview.rows)).toEqual([
      [5, ['accountNotFound']],
      [6, ['emailInvalid']],
    ]);
    expect(preview.rows.filter((r) => r.outcome === 'skip').map((r) => [r.line, r.issues[0]!.code])).toEqual([
      [8, 'reportFooter'],
      [10, 'reportFooter'],
      [12, 'reportFooter'],
    ]);
    expect(preview.rows[0]).toMatchObject({ outcome: 'create', name: 'Ingrid Holmqvist', accountId: s.nordpeak.id });

    // All or nothing by default: nothing is written while a row is invalid.
    const refused = await s.t.member.caller.contact.importCommit({ ...request(s, csv), fileName: 'sf.csv' });
    expect(refused.status).toBe('invalid');
    expect(await stored(s.t.orgId)).toEqual([]);

    const done = await s.t.member.caller.contact.importCommit({ ...request(s, csv, { skipInvalid: true }), fileName: 'sf.csv' });
    expect(done.status).toBe('imported');
    expect(await stored(s.t.orgId)).toEqual([
      ['Nordpeak Outdoor AB', 'Ingrid Holmqvist', 'ingrid.holmqvist@nordpeak.example', 'CFO', 'other', null],
      ['Nordpeak Outdoor AB', 'Marcus Lind', 'marcus.lind@nordpeak.example', 'IT Manager', 'other', null],
      ['Tidewater Freight Ltd', 'Priya Raman', 'priya.raman@tidewater.example', 'Head of Operations', 'other', null],
    ]);
    // The other organization's account is untouched.
    expect(await stored(s.other.orgId)).toEqual([]);
  });

  it('a HubSpot export: account by name, by the email’s domain when none is given, unknown roles become Other with a note', async () => {
    const s = await setup();
    const csv = fileText('hubspot-contacts.csv');
    const preview = await s.t.member.caller.contact.importPreview(request(s, csv));
    expect(preview.counts).toEqual({ create: 3, update: 0, unchanged: 0, skip: 0, invalid: 1 });
    expect(invalidRows(preview.rows)).toEqual([[3, ['accountNotFound']]]);
    expect(preview.rows.find((r) => r.line === 4)).toMatchObject({
      accountName: 'Nordpeak Outdoor AB',
      issues: [{ code: 'accountFromEmail' }],
    });
    expect(preview.rows.find((r) => r.line === 5)!.issues).toEqual([
      { severity: 'warning', code: 'buyingRoleUnknown', field: 'buyingRole', value: 'Gatekeeper' },
    ]);
    await s.t.member.caller.contact.importCommit({ ...request(s, csv, { skipInvalid: true }), fileName: 'hubspot.csv' });
    expect(await stored(s.t.orgId)).toEqual([
      ['Nordpeak Outdoor AB', 'Elin Sjöberg', 'elin.sjoberg@nordpeak.example', 'Procurement Lead', 'economic_buyer', null],
      ['Nordpeak Outdoor AB', 'Hanna Berg', 'hanna.berg@nordpeak.example', 'Solutions Architect', 'coach', null],
      ['Nordpeak Outdoor AB', 'Jonas Falk', 'jonas.falk@nordpeak.example', 'Analyst', 'other', null],
    ]);
  });

  it('a Pipedrive export: a person twice in the file is created once; an account only another organization has is never matched', async () => {
    const s = await setup();
    const csv = fileText('pipedrive-persons.csv');
    const preview = await s.t.member.caller.contact.importPreview(request(s, csv));
    expect(preview.counts).toEqual({ create: 2, update: 0, unchanged: 0, skip: 1, invalid: 1 });
    expect(preview.rows.find((r) => r.line === 4)!.issues).toEqual([
      { severity: 'warning', code: 'duplicateInFile', field: null, otherLine: 2 },
    ]);
    expect(invalidRows(preview.rows)).toEqual([[5, ['accountNotFound']]]);
    await s.t.member.caller.contact.importCommit({ ...request(s, csv, { skipInvalid: true }), fileName: 'pipedrive.csv' });
    expect((await stored(s.t.orgId)).map((row) => row[1])).toEqual(['Aino Koskinen', 'Dev Patel']);
  });

  it('a Dynamics export: account names match whatever their case; another organization’s account name and domain do not', async () => {
    const s = await setup();
    const csv = fileText('dynamics-contacts.csv');
    const preview = await s.t.member.caller.contact.importPreview(request(s, csv));
    expect(preview.counts).toEqual({ create: 2, update: 0, unchanged: 0, skip: 0, invalid: 1 });
    expect(invalidRows(preview.rows)).toEqual([[4, ['accountNotFound']]]);
    expect(preview.rows.find((r) => r.line === 3)).toMatchObject({ name: 'Björn Åkesson', accountId: s.nordpeak.id });
  });

  it('a Swedish Excel sheet (sep=;, Windows-1252): Swedish roles and languages, the sum row skipped; a second import updates instead of duplicating', async () => {
    const s = await setup();
    const csv = fileText('swedish-contacts.csv');
    const first = await s.t.member.caller.contact.importCommit({ ...request(s, csv), fileName: 'kontakter.csv' });
    expect(first.status).toBe('imported');
    expect(first.counts).toEqual({ create: 4, update: 0, unchanged: 0, skip: 1, invalid: 0 });
    expect(first.rows.find((r) => r.line === 7)!.issues[0]!.code).toBe('totalsRow');
    expect(await stored(s.t.orgId)).toEqual([
      ['Nordpeak Outdoor AB', 'Astrid Löfgren', 'astrid.lofgren@nordpeak.example', 'Ekonomichef', 'economic_buyer', 'sv'],
      ['Nordpeak Outdoor AB', 'Nils Åström', 'nils.astrom@nordpeak.example', 'IT-chef', 'technical', 'sv'],
      ['Nordpeak Outdoor AB', 'Okand Person', 'okand@nordpeak.example', null, 'other', null],
      ['Tidewater Freight Ltd', 'Linnea Ek', 'linnea.ek@tidewater.example', 'Koordinator', 'user', 'en'],
    ]);

    const again = await s.t.member.caller.contact.importPreview(request(s, csv));
    expect(again.counts).toEqual({ create: 0, update: 0, unchanged: 4, skip: 1, invalid: 0 });

    // The same people with a new title (and the email in capitals) are updated, not added again.
    const changed = csv.replace('IT-chef', 'CTO').replace('nils.astrom@', 'NILS.ASTROM@');
    const skipped = await s.t.member.caller.contact.importPreview(request(s, changed, { mode: 'skip' }));
    expect(skipped.counts).toMatchObject({ create: 0, update: 0, skip: 2 });
    const updated = await s.t.member.caller.contact.importCommit({ ...request(s, changed), fileName: 'kontakter.csv' });
    expect(updated.counts).toEqual({ create: 0, update: 1, unchanged: 3, skip: 1, invalid: 0 });
    expect(updated.rows.find((r) => r.line === 4)!.changes).toEqual(['title']);
    const after = await stored(s.t.orgId);
    expect(after).toHaveLength(4);
    expect(after[1]).toEqual(['Nordpeak Outdoor AB', 'Nils Åström', 'nils.astrom@nordpeak.example', 'CTO', 'technical', 'sv']);

    const audit = await db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, s.t.orgId), eq(auditEvents.entityType, 'contact')));
    expect(audit.map((a) => a.action).sort()).toEqual([
      'contact.created',
      'contact.created',
      'contact.created',
      'contact.created',
      'contact.updated',
    ]);
  });

  it('the CRM ids an account import stores are what a contacts import matches on, and re-importing the accounts keeps them', async () => {
    const t = await createTeam(db, { members: ['member'] });
    const accountsCsv = 'Account ID,Account Name\n0015g00000AAA01AAA,Alder & Birch AB\n0015g00000AAA02AAA,Alder & Birch AB\n';
    const imported = await t.member.caller.account.importCommit({
      orgSlug: t.slug,
      csv: accountsCsv,
      mapping: guessMapping(parseCsv(accountsCsv).headers),
      fileName: 'accounts.csv',
    });
    // Two companies of one name are two accounts when the CRM says so.
    expect(imported.counts).toMatchObject({ create: 2, invalid: 0 });
    const again = await t.member.caller.account.importPreview({
      orgSlug: t.slug,
      csv: accountsCsv,
      mapping: guessMapping(parseCsv(accountsCsv).headers),
    });
    expect(again.counts).toMatchObject({ create: 0, unchanged: 2 });
    const [second] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.externalId, '0015g00000AAA02AAA'));
    const csv = 'Name,Account Name,Account ID\nIda Holm,Alder & Birch AB,0015g00000AAA02AAA\nBo Ek,Alder & Birch AB,\n';
    const preview = await t.member.caller.contact.importPreview({
      orgSlug: t.slug,
      csv,
      mapping: guessContactMapping(parseCsv(csv).headers),
    });
    expect(preview.rows.map((r) => [r.outcome, r.accountId, r.issues.map((i) => i.code)])).toEqual([
      ['create', second!.id, []],
      ['invalid', null, ['accountAmbiguous']],
    ]);
  });

  it('a name two accounts share is ambiguous until the row gives the account’s website', async () => {
    const s = await setup();
    await insertAccount(db, s.t.slug, { name: 'Nordpeak Outdoor AB' });
    const csv = 'Name,Email,Company\nIda Holm,ida@mail.example,Nordpeak Outdoor AB\n';
    const preview = await s.t.member.caller.contact.importPreview(request(s, csv));
    expect(invalidRows(preview.rows)).toEqual([[2, ['accountAmbiguous']]]);
    const withSite = 'Name,Email,Company,Website\nIda Holm,ida@mail.example,Nordpeak Outdoor AB,https://nordpeak.example\n';
    const fixed = await s.t.member.caller.contact.importPreview(request(s, withSite));
    expect(fixed.rows[0]).toMatchObject({ outcome: 'create', accountId: s.nordpeak.id });
  });

  it('never creates accounts, and an archived account is not matched', async () => {
    const s = await setup();
    const gone = await insertAccount(db, s.t.slug, { name: 'Gone AB', archivedAt: new Date() });
    const csv = 'Name,Company\nAda Lund,Gone AB\nBo Ek,Brand New AB\n';
    const result = await s.t.member.caller.contact.importCommit({ ...request(s, csv, { skipInvalid: true }), fileName: 'x.csv' });
    expect(result.counts.invalid).toBe(2);
    const all = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.orgId, s.t.orgId));
    expect(all.map((a) => a.id).sort()).toEqual([s.nordpeak.id, s.tidewater.id, gone.id].sort());
    expect(await stored(s.t.orgId)).toEqual([]);
  });

  it('asks for a name column and an account column', async () => {
    const s = await setup();
    const csv = 'Name,Email,Company\nIda Holm,ida@x.example,Nordpeak Outdoor AB\n';
    await expectTRPCError(
      s.t.member.caller.contact.importPreview({ orgSlug: s.t.slug, csv, mapping: { email: 1, accountName: 2 } }),
      'BAD_REQUEST',
      'errors.contactImportNameColumnMissing',
    );
    await expectTRPCError(
      s.t.member.caller.contact.importPreview({ orgSlug: s.t.slug, csv, mapping: { name: 0, email: 1 } }),
      'BAD_REQUEST',
      'errors.contactImportAccountColumnMissing',
    );
  });

  it('is refused to viewers', async () => {
    const s = await setup();
    const csv = fileText('swedish-contacts.csv');
    await expectTRPCError(s.t.viewer.caller.contact.importPreview(request(s, csv)), 'FORBIDDEN', 'errors.forbidden');
    await expectTRPCError(
      s.t.viewer.caller.contact.importCommit({ ...request(s, csv), fileName: 'x.csv' }),
      'FORBIDDEN',
      'errors.forbidden',
    );
    expect(await stored(s.t.orgId)).toEqual([]);
  });
});

describe('a large contacts import', () => {
  it('imports 5,000 people across 100 accounts, then finds them all unchanged (timings printed, not asserted)', async () => {
    const t = await createTeam(db, { members: ['member'] });
    for (let i = 0; i < 100; i++) await insertAccount(db, t.slug, { name: `Customer ${i} AB`, domain: `customer-${i}.example` });
    const lines = Array.from(
      { length: 5000 },
      (_, i) => `Person ${i};person.${i}@customer-${i % 100}.example;Buyer;Customer ${i % 100} AB`,
    );
    const csv = ['Name;Email;Title;Company', ...lines].join('\r\n');
    const input = { orgSlug: t.slug, csv, mapping: guessContactMapping(parseCsv(csv).headers), fileName: 'big.csv' };

    let started = performance.now();
    const first = await t.member.caller.contact.importCommit(input);
    const firstMs = Math.round(performance.now() - started);
    started = performance.now();
    const second = await t.member.caller.contact.importCommit(input);
    const secondMs = Math.round(performance.now() - started);
    console.log(`5,000-contact import: ${firstMs} ms; same file again: ${secondMs} ms`);

    expect(first.counts).toEqual({ create: 5000, update: 0, unchanged: 0, skip: 0, invalid: 0 });
    expect(second.counts).toEqual({ create: 0, update: 0, unchanged: 5000, skip: 0, invalid: 0 });
    expect(await stored(t.orgId)).toHaveLength(5000);
  }, 120_000);
});
