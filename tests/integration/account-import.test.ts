/**
 * CSV import of accounts: a preview that writes nothing, an all-or-nothing commit, duplicates
 * found by domain or name (updated or skipped), idempotent re-imports, malformed files refused
 * with a reason, and a 5,000-row import done set-based.
 */
import { and, asc, count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accountImports, accounts, auditEvents } from '@/db/schema';
import { messages } from '@/i18n/messages';
import { guessMapping } from '@/server/domain/account-import';
import { parseCsv, toCsv } from '@/server/domain/csv';
import { insertAccount } from '../helpers/accounts';
import { serverDatabaseUrl, useTestDatabase } from '../helpers/db';
import { expectTRPCError } from '../helpers/errors';
import { callerFor, uniqueTag } from '../helpers/factories';
import { httpClientFor, shownError } from '../helpers/http';
import { raceBehindLock, racingDb } from '../helpers/race';
import { auditEventsOf } from '../helpers/stored';
import { createTeam } from '../helpers/team';

const { db } = await useTestDatabase();
const url = serverDatabaseUrl();
const APP = `rung-import-race-${uniqueTag()}`;
const raceDb = url ? racingDb(url, APP) : null;

const team = () => createTeam(db, { members: ['member', 'viewer'] });

async function storedAccounts(orgId: string) {
  return db.select().from(accounts).where(eq(accounts.orgId, orgId)).orderBy(asc(accounts.name));
}

async function importsOf(orgId: string) {
  return db.select().from(accountImports).where(eq(accountImports.orgId, orgId));
}

async function auditCount(orgId: string, action: string) {
  const [row] = await db
    .select({ n: count() })
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.action, action)));
  return row!.n;
}

/** A Salesforce-style export; the owner column names members by email or by name. */
function salesforceCsv(memberEmail: string) {
  return [
    'Account ID,Account Name,Website,Industry,Annual Revenue,Account Currency,Account Owner,Description',
    `001A,Acme AB,https://www.acme.se,Manufacturing,"1,200,000.00",SEK,${memberEmail},"Long-time customer, two sites"`,
    '001B,Globex,globex.com,Energy,5000000,EUR,Olga Owner,',
    '001C,Initech,,Software,,,,"Notes with ""quotes""\nand a second line"',
  ].join('\r\n');
}

function mappingFor(csv: string) {
  return guessMapping(parseCsv(csv).headers);
}

describe('account.importPreview', () => {
  it('says what would happen to every row and writes nothing', async () => {
    const t = await team();
    await insertAccount(db, t.slug, { name: 'Globex Corporation', domain: 'globex.com', segment: 'Energy' });
    const csv = salesforceCsv(t.member.email);
    const preview = await t.member.caller.account.importPreview({ orgSlug: t.slug, csv, mapping: mappingFor(csv) });
    expect(preview.headers[1]).toBe('Account Name');
    expect(preview.counts).toEqual({ create: 2, update: 1, unchanged: 0, skip: 0, invalid: 0 });
    expect(preview.rows.map((r) => [r.line, r.outcome, r.name])).toEqual([
      [2, 'create', 'Acme AB'],
      [3, 'update', 'Globex'],
      [4, 'create', 'Initech'],
    ]);
    expect(preview.rows[1]!.changes).toEqual(['name', 'externalId', 'owner', 'annualRevenue', 'currency']);
    expect((await storedAccounts(t.orgId)).map((a) => a.name)).toEqual(['Globex Corporation']);
    expect(await importsOf(t.orgId)).toEqual([]);
  });

  it('reports bad rows with their line number and reason', async () => {
    const t = await team();
    const csv = 'Name;Webbplats;Omsättning;Målnivå\nAcme;acme.se;1 000;4\n;bad site;-5;9\n"Quoted\nName";ok.se;12,5;2\n';
    const preview = await t.member.caller.account.importPreview({ orgSlug: t.slug, csv, mapping: mappingFor(csv) });
    expect(preview.delimiter).toBe(';');
    expect(preview.counts.invalid).toBe(1);
    const bad = preview.rows.find((r) => r.outcome === 'invalid')!;
    expect(bad.line).toBe(3);
    expect(bad.issues.map((i) => i.code)).toEqual(['nameMissing', 'domainInvalid', 'revenueNegative', 'targetLevelInvalid']);
    expect(preview.rows.map((r) => r.line)).toEqual([2, 3, 4]);
  });
});

describe('account.importCommit', () => {
  it('imports new accounts, updates matches, records the import and audits every account', async () => {
    const t = await team();
    const globex = await insertAccount(db, t.slug, { name: 'Globex Corporation', domain: 'globex.com', segment: 'Energy' });
    const csv = salesforceCsv(t.member.email);
    const result = await t.member.caller.account.importCommit({
      orgSlug: t.slug,
      csv,
      mapping: mappingFor(csv),
      fileName: 'salesforce.csv',
    });
    expect(result.status).toBe('imported');
    expect(result.counts).toEqual({ create: 2, update: 1, unchanged: 0, skip: 0, invalid: 0 });

    const stored = await storedAccounts(t.orgId);
    expect(stored.map((a) => [a.name, a.domain, a.segment, a.ownerUserId, a.annualRevenue, a.currency, a.version])).toEqual([
      ['Acme AB', 'acme.se', 'Manufacturing', t.member.userId, '1200000.00', 'SEK', 1],
      ['Globex', 'globex.com', 'Energy', t.owner.userId, '5000000.00', 'EUR', 2],
      ['Initech', null, 'Software', null, null, null, 1],
    ]);
    expect(stored.find((a) => a.name === 'Initech')!.notes).toBe('Notes with "quotes"\nand a second line');
    expect(stored.every((a) => a.updatedByUserId === t.member.userId)).toBe(true);

    const [record] = await importsOf(t.orgId);
    expect(record).toMatchObject({ id: result.importId, fileName: 'salesforce.csv', totalRows: 3, createdByUserId: t.member.userId });
    const summary = record!.summary as {
      counts: unknown;
      mode: string;
      rows: Array<{ line: number; outcome: string; accountId: string | null }>;
    };
    expect(summary.mode).toBe('update');
    expect(summary.rows.map((r) => [r.line, r.outcome])).toEqual([
      [2, 'create'],
      [3, 'update'],
      [4, 'create'],
    ]);
    // Every row's summary points at the account it created or changed.
    expect(summary.rows.map((r) => r.accountId).sort()).toEqual(stored.map((a) => a.id).sort());
    expect(summary.rows[1]!.accountId).toBe(globex.id);

    expect(await auditCount(t.orgId, 'account.created')).toBe(2);
    expect(await auditCount(t.orgId, 'account.updated')).toBe(1);
    expect(await auditCount(t.orgId, 'account.imported')).toBe(1);
    const [globexAudit] = await auditEventsOf(db, t.orgId, 'account.updated');
    expect(globexAudit).toMatchObject({
      accountId: globex.id,
      before: { name: 'Globex Corporation', currency: null },
      after: { name: 'Globex', currency: 'EUR', importId: result.importId },
    });

    const history = await t.viewer.caller.account.imports({ orgSlug: t.slug });
    expect(history).toMatchObject([
      { fileName: 'salesforce.csv', totalRows: 3, createdByName: 'Mia Member', counts: { create: 2, update: 1 } },
    ]);
  });

  it('changes nothing when the same file is imported again: 0 created, 0 updated, versions and timestamps kept', async () => {
    const t = await team();
    const csv = salesforceCsv(t.member.email);
    const mapping = mappingFor(csv);
    await t.member.caller.account.importCommit({ orgSlug: t.slug, csv, mapping });
    const before = await storedAccounts(t.orgId);
    const again = await t.member.caller.account.importCommit({ orgSlug: t.slug, csv, mapping });
    expect(again.counts).toEqual({ create: 0, update: 0, unchanged: 3, skip: 0, invalid: 0 });
    expect(await storedAccounts(t.orgId)).toEqual(before);
    expect(await auditCount(t.orgId, 'account.updated')).toBe(0);
  });

  it('leaves existing accounts alone in skip mode, and adds the new ones', async () => {
    const t = await team();
    await insertAccount(db, t.slug, { name: 'Globex Corporation', domain: 'globex.com' });
    const csv = salesforceCsv(t.member.email);
    const result = await t.member.caller.account.importCommit({ orgSlug: t.slug, csv, mapping: mappingFor(csv), mode: 'skip' });
    expect(result.counts).toEqual({ create: 2, update: 0, unchanged: 0, skip: 1, invalid: 0 });
    expect(result.rows[1]!.issues.map((i) => i.code)).toEqual(['alreadyExists']);
    const globex = (await storedAccounts(t.orgId)).find((a) => a.domain === 'globex.com')!;
    expect({ name: globex.name, version: globex.version }).toEqual({ name: 'Globex Corporation', version: 1 });
  });

  it('matches by name when a row has no domain, ignoring case, and never touches archived accounts', async () => {
    const t = await team();
    const initech = await insertAccount(db, t.slug, { name: 'INITECH', segment: 'Software' });
    const archived = await insertAccount(db, t.slug, { name: 'Old Acme', domain: 'acme.se', archivedAt: new Date() });
    const csv = 'Name,Website,Industry\ninitech,,Software\nAcme AB,acme.se,Retail\n';
    const result = await t.member.caller.account.importCommit({ orgSlug: t.slug, csv, mapping: mappingFor(csv) });
    expect(result.rows.map((r) => [r.outcome, r.accountId === initech.id])).toEqual([
      ['update', true],
      ['create', false],
    ]);
    const stored = await storedAccounts(t.orgId);
    expect(stored.find((a) => a.id === archived.id)).toMatchObject({ name: 'Old Acme', version: 1 });
    expect(stored.filter((a) => a.domain === 'acme.se')).toHaveLength(2);
  });

  it('writes nothing when one of 200 rows is bad, and names that row by its line number', async () => {
    const t = await team();
    const rows = Array.from({ length: 200 }, (_, i) => [`Company ${i}`, `company${i}.se`, String(1000 * i)]);
    rows[136]![2] = 'lots'; // line 138: the header is line 1, data row i is line i + 2
    const csv = toCsv([['Company name', 'Website', 'Annual revenue'], ...rows]);
    const result = await t.member.caller.account.importCommit({ orgSlug: t.slug, csv, mapping: mappingFor(csv) });
    expect(result.status).toBe('invalid');
    expect(result.importId).toBeNull();
    expect(result.counts).toEqual({ create: 199, update: 0, unchanged: 0, skip: 0, invalid: 1 });
    const invalid = result.rows.filter((r) => r.outcome === 'invalid');
    expect(invalid.map((r) => [r.line, r.name, r.issues.map((i) => [i.code, i.value])])).toEqual([
      [138, 'Company 136', [['revenueInvalid', 'lots']]],
    ]);
    expect(await storedAccounts(t.orgId)).toEqual([]);
    expect(await importsOf(t.orgId)).toEqual([]);
    expect(await auditCount(t.orgId, 'account.created')).toBe(0);
  });

  it('skips repeated rows within the file and reports which line they repeat', async () => {
    const t = await team();
    const csv = 'Name,Website\nAcme,acme.se\nAcme AB,https://www.acme.se/\n';
    const result = await t.member.caller.account.importCommit({ orgSlug: t.slug, csv, mapping: mappingFor(csv) });
    expect(result.counts).toMatchObject({ create: 1, skip: 1 });
    expect(result.rows[1]!.issues).toEqual([{ severity: 'warning', code: 'duplicateInFile', field: null, otherLine: 2 }]);
    expect((await storedAccounts(t.orgId)).map((a) => a.name)).toEqual(['Acme']);
  });

  it('reads a Swedish Excel file: BOM, semicolons, decimal commas, and a default currency', async () => {
    const t = await team();
    const csv =
      '\uFEFFFöretagsnamn;Hemsida;Bransch;Årsomsättning;Kundansvarig\nÅkerlunds Bygg AB;www.akerlund.se;Bygg;"2 500 000,50";Mia Member\nÖstra Hamnen;;Logistik;12 MSEK;\n';
    const result = await t.member.caller.account.importCommit({ orgSlug: t.slug, csv, mapping: mappingFor(csv), defaultCurrency: 'sek' });
    expect(result.status).toBe('imported');
    expect((await storedAccounts(t.orgId)).map((a) => [a.name, a.domain, a.annualRevenue, a.currency, a.ownerUserId])).toEqual([
      ['Åkerlunds Bygg AB', 'akerlund.se', '2500000.50', 'SEK', t.member.userId],
      ['Östra Hamnen', null, '12000000.00', 'SEK', null],
    ]);
  });

  it('warns about owners it cannot find but imports the rows', async () => {
    const t = await team();
    const csv = 'Name,Owner\nAcme,someone@else.se\n';
    const result = await t.member.caller.account.importCommit({ orgSlug: t.slug, csv, mapping: mappingFor(csv) });
    expect(result.status).toBe('imported');
    expect(result.rows[0]!.issues).toEqual([{ severity: 'warning', code: 'ownerUnknown', field: 'owner', value: 'someone@else.se' }]);
    expect((await storedAccounts(t.orgId))[0]!.ownerUserId).toBeNull();
  });

  it("never matches or touches another organization's accounts", async () => {
    const a = await team();
    const b = await team();
    await insertAccount(db, a.slug, { name: 'Acme', domain: 'acme.se', segment: 'Theirs' });
    const csv = 'Name,Website,Industry\nAcme,acme.se,Ours\n';
    const result = await b.member.caller.account.importCommit({ orgSlug: b.slug, csv, mapping: mappingFor(csv) });
    expect(result.counts.create).toBe(1);
    expect((await storedAccounts(a.orgId)).map((x) => [x.segment, x.version])).toEqual([['Theirs', 1]]);
    expect((await storedAccounts(b.orgId)).map((x) => x.segment)).toEqual(['Ours']);
  });
});

/*
 * Rows without a domain are matched by name, and names are not unique in the database: two
 * imports of the same file that both read the accounts before either has written would each
 * create every row. On a PostgreSQL server the race is made certain: a third connection holds
 * off inserts into accounts until both imports are waiting. On PGlite, which runs one
 * transaction at a time, the two calls simply run one after the other; the outcome must be the same.
 */
describe('two imports at the same moment', () => {
  const cases = [
    { mode: 'update', segments: ['Retail', 'Retail'], second: 'unchanged' },
    { mode: 'skip', segments: ['Retail', 'Retail'], second: 'unchanged' },
    { mode: 'update', segments: ['Retail', 'Energy'], second: 'update' },
    { mode: 'skip', segments: ['Retail', 'Energy'], second: 'skip' },
  ] as const;
  const noCounts = { create: 0, update: 0, unchanged: 0, skip: 0, invalid: 0 };

  for (const { mode, segments, second } of cases) {
    it(`create 300 name-only accounts once, not twice (${mode} mode, ${segments.join(' then ')}): the later import finds them`, async () => {
      const t = await team();
      const files = segments.map((segment) =>
        ['Name,Industry', ...Array.from({ length: 300 }, (_, i) => `Same Moment ${String(i + 1).padStart(3, '0')},${segment}`)].join('\n'),
      );
      const imports = [t.member, t.owner].map(
        (person, i) => () =>
          callerFor(raceDb ?? db, person.userId).account.importCommit({
            orgSlug: t.slug,
            csv: files[i]!,
            mapping: mappingFor(files[i]!),
            mode,
          }),
      );
      const results = url
        ? await raceBehindLock(url, APP, (sql) => sql`lock table accounts in share row exclusive mode`, 2, imports)
        : await Promise.allSettled(imports.map((run) => run()));

      expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : r.status))).toEqual(['fulfilled', 'fulfilled']);
      const [a, b] = results.map((r) => (r.status === 'fulfilled' ? r.value : null!));
      const [earlier, later] = a!.counts.create > 0 ? [0, 1] : [1, 0];
      const counts = [a!.counts, b!.counts];
      const stored = await storedAccounts(t.orgId);
      console.log(
        `two imports at once (${mode} mode, ${segments.join(' then ')}): ${stored.length} accounts; ` +
          `earlier ${JSON.stringify(counts[earlier])}, later ${JSON.stringify(counts[later])}`,
      );
      expect(counts[earlier]).toEqual({ ...noCounts, create: 300 });
      expect(counts[later]).toEqual({ ...noCounts, [second]: 300 });

      expect(stored).toHaveLength(300);
      expect(new Set(stored.map((account) => account.name)).size).toBe(300);
      // Updated by the later file, or left as the earlier one made them.
      const kept = second === 'update' ? segments[later] : segments[earlier];
      expect(new Set(stored.map((account) => account.segment))).toEqual(new Set([kept]));
    });
  }
});

describe('files and mappings that cannot be imported', () => {
  it.each([
    ['an empty file', '', 'errors.csvEmpty', messages.en.errors.csvEmpty],
    ['a file of blank lines', '\uFEFF\r\n\r\n', 'errors.csvEmpty', messages.en.errors.csvEmpty],
    ['a header without names', ',,\nAcme,acme.se,1\n', 'errors.csvNoHeader', messages.en.errors.csvNoHeader],
    ['a header and no rows', 'Name,Website\n', 'errors.csvNoRows', messages.en.errors.csvNoRows],
    [
      'a quote that never closes',
      'Name,Notes\nAcme,fine\nGlobex,"never closed\nInitech,x\n',
      'errors.csvUnclosedQuote',
      'Line 3 opens a quoted field that never closes. Check the quotation marks on that line and try again.',
    ],
  ])('refuses %s with a clear reason, and writes nothing', async (_label, csv, key, shownText) => {
    const t = await team();
    for (const call of [t.member.caller.account.importPreview, t.member.caller.account.importCommit]) {
      await expectTRPCError(call({ orgSlug: t.slug, csv, mapping: { name: 0 } }), 'BAD_REQUEST', key);
    }
    const shown = await shownError(
      httpClientFor(db, t.member.userId).account.importCommit.mutate({ orgSlug: t.slug, csv, mapping: { name: 0 } }),
    );
    expect(shown.message).toBe(shownText);
    expect(await storedAccounts(t.orgId)).toEqual([]);
    expect(await importsOf(t.orgId)).toEqual([]);
  });

  it('refuses more than 20,000 rows', async () => {
    const t = await team();
    const csv = `Name\n${Array.from({ length: 20_001 }, (_, i) => `A${i}`).join('\n')}\n`;
    await expectTRPCError(
      t.member.caller.account.importCommit({ orgSlug: t.slug, csv, mapping: { name: 0 } }),
      'BAD_REQUEST',
      'errors.csvTooManyRows',
    );
    expect(await storedAccounts(t.orgId)).toEqual([]);
  });

  it('refuses a file over 10 MB before reading it', async () => {
    const t = await team();
    const csv = `Name\n${'x'.repeat(10 * 1024 * 1024)}\n`;
    const shown = await shownError(
      httpClientFor(db, t.member.userId).account.importPreview.mutate({ orgSlug: t.slug, csv, mapping: { name: 0 } }),
    );
    expect(shown.fieldErrors).toEqual({ csv: messages.en.validation.fileTooLarge });
  });

  it('needs a name column, one field per column, and columns that exist', async () => {
    const t = await team();
    const csv = 'Name,Website\nAcme,acme.se\n';
    const preview = t.member.caller.account.importPreview;
    await expectTRPCError(preview({ orgSlug: t.slug, csv, mapping: { domain: 1 } }), 'BAD_REQUEST', 'errors.importNameColumnMissing');
    await expectTRPCError(
      preview({ orgSlug: t.slug, csv, mapping: { name: 0, domain: 0 } }),
      'BAD_REQUEST',
      'errors.importColumnUsedTwice',
    );
    await expectTRPCError(preview({ orgSlug: t.slug, csv, mapping: { name: 0, domain: 5 } }), 'BAD_REQUEST', 'errors.invalidInput');
    await expectTRPCError(preview({ orgSlug: t.slug, csv, mapping: { name: 0 }, defaultCurrency: 'KRONOR' }), 'BAD_REQUEST');
  });

  it('is refused to viewers', async () => {
    const t = await team();
    await expectTRPCError(
      t.viewer.caller.account.importCommit({ orgSlug: t.slug, csv: 'Name\nAcme\n', mapping: { name: 0 } }),
      'FORBIDDEN',
      'errors.forbidden',
    );
    expect(await storedAccounts(t.orgId)).toEqual([]);
  });
});

describe('a large import', () => {
  it('imports 5,000 rows in one go, then re-imports them as unchanged (timings printed, not asserted)', async () => {
    const t = await team();
    const owners = [t.member.email, 'Olga Owner', ''];
    const rows = Array.from({ length: 5000 }, (_, i) => [
      `Customer ${i} AB`,
      `customer-${i}.se`,
      ['Retail', 'Energy', 'Health', 'Finance'][i % 4]!,
      `${(i * 7919) % 10_000_000},00`,
      'SEK',
      owners[i % 3]!,
      String((i % 5) + 1),
      '2027-12-31',
    ]);
    const csv = toCsv(
      [['Account Name', 'Website', 'Industry', 'Annual Revenue', 'Currency', 'Account Owner', 'Target level', 'Target date'], ...rows],
      { delimiter: ';', bom: true },
    );
    const mapping = mappingFor(csv);

    let started = performance.now();
    const first = await t.member.caller.account.importCommit({ orgSlug: t.slug, csv, mapping, fileName: 'big.csv' });
    const firstMs = Math.round(performance.now() - started);
    started = performance.now();
    const second = await t.member.caller.account.importCommit({ orgSlug: t.slug, csv, mapping, fileName: 'big.csv' });
    const secondMs = Math.round(performance.now() - started);
    console.log(`5,000-row import: ${firstMs} ms; same file again: ${secondMs} ms`);

    expect(first.status).toBe('imported');
    expect(first.counts).toEqual({ create: 5000, update: 0, unchanged: 0, skip: 0, invalid: 0 });
    expect(second.counts).toEqual({ create: 0, update: 0, unchanged: 5000, skip: 0, invalid: 0 });
    const [stored] = await db.select({ n: count() }).from(accounts).where(eq(accounts.orgId, t.orgId));
    expect(stored!.n).toBe(5000);
    expect(await auditCount(t.orgId, 'account.created')).toBe(5000);
    const list = await t.viewer.caller.account.list({ orgSlug: t.slug, q: 'customer-4999.se' });
    expect(list.rows[0]).toMatchObject({
      name: 'Customer 4999 AB',
      segment: 'Finance',
      targetLevel: 5,
      currency: 'SEK',
      ownerUserId: t.owner.userId,
    }); // 4999 % 3 === 1: "Olga Owner"
  });
});
