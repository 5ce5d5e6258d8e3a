import {
  ACCOUNT_NAME_MAX,
  NOTES_MAX,
  SEGMENT_MAX,
  cleanName,
  nameKey,
  normalizeDomain,
  parseDate,
  parseLevel,
  sameAmount,
} from './accounts';
import { NO_UNIT, personKey, readAmount, readCurrency, reportRowKind, revenueUnitOf, type RevenueUnit } from './account-import-formats';
import { reportingCurrency } from './currency';
import { restoreFormulaText, type CsvRecord } from './csv';
import { columnProblem, countOutcomes, guessColumns, type DuplicateMode, type FieldColumns, type RowOutcome } from './import-columns';

/**
 * Planning a CSV import of accounts, without I/O: which column feeds which field, what each
 * row means (create, update, unchanged, skip, invalid) and why. The router loads the members
 * and existing accounts once, calls planImport, and writes the plan set-based.
 */

export const IMPORT_FIELDS = [
  'name',
  'domain',
  'externalId',
  'segment',
  'owner',
  'annualRevenue',
  'currency',
  'targetLevel',
  'targetDate',
  'notes',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Field → index of the CSV column that feeds it; null or absent when no column does. */
export type ColumnMapping = FieldColumns<ImportField>;

/** The longest CRM id an account keeps; real ones are 15 to 40 characters. */
const EXTERNAL_ID_MAX = 100;

/**
 * Header names seen in exports from Salesforce, HubSpot, Pipedrive and hand-made Excel sheets,
 * in English and Swedish, compared after normaliseHeader. Earlier entries win over later ones
 * when one file has several candidates (an "Owner email" column beats an "Owner" column).
 */
const HEADER_SYNONYMS: Record<ImportField, readonly string[]> = {
  name: [
    'accountname',
    'companyname',
    'name',
    'company',
    'account',
    'organizationname',
    'organisationname',
    'organization',
    'organisation',
    'customername',
    'customer',
    'businessname',
    'foretagsnamn',
    'foretag',
    'kundnamn',
    'kund',
    'namn',
    'bolagsnamn',
    'bolag',
    'kontonamn',
  ],
  domain: [
    'domain',
    'companydomainname',
    'domainname',
    'website',
    'webaddress',
    'webbplats',
    'hemsida',
    'webbadress',
    'webbsida',
    'doman',
    'homepage',
    'web',
    'url',
  ],
  externalId: [
    'accountid',
    'recordid',
    'organizationid',
    'organisationid',
    'companyid',
    'accountnumber',
    'externalid',
    'externtid',
    'crmid',
    'kundnummer',
    'kundid',
  ],
  segment: ['segment', 'industry', 'bransch', 'vertical', 'sector', 'sektor', 'industri', 'customersegment', 'kundsegment'],
  owner: [
    'owneremail',
    'organizationowneremail',
    'accountowneremail',
    'companyowneremail',
    'agarensepost',
    'agareepost',
    'ansvarigepost',
    'accountowner',
    'companyowner',
    'organizationowner',
    'organisationowner',
    'hubspotowner',
    'owner',
    'accountmanager',
    'keyaccountmanager',
    'kam',
    'agare',
    'kundansvarig',
    'ansvarig',
    'saljare',
    'accountexecutive',
    'salesrep',
  ],
  annualRevenue: ['annualrevenue', 'revenue', 'arsomsattning', 'omsattning', 'turnover', 'yearlyrevenue', 'intakter'],
  currency: ['currency', 'currencyisocode', 'accountcurrency', 'annualrevenuecurrency', 'revenuecurrency', 'currencycode', 'valuta'],
  targetLevel: ['targetlevel', 'malniva', 'goallevel'],
  targetDate: ['targetdate', 'maldatum', 'goaldate'],
  notes: ['notes', 'note', 'description', 'anteckningar', 'beskrivning', 'kommentar', 'comments'],
};

/**
 * Guesses which column feeds which field from the header names. Id columns ("Owner ID") are
 * never guessed for a person; an account's own id ("Account ID", "Record ID") is its external id.
 */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  return guessColumns(headers, HEADER_SYNONYMS);
}

export type MappingProblem = 'nameColumnMissing' | 'columnUsedTwice' | 'columnOutOfRange';

/** Checks a mapping a person chose: the name must come from somewhere, a column feeds one field. */
export function checkMapping(mapping: ColumnMapping, columnCount: number): MappingProblem | null {
  const problem = columnProblem(mapping, IMPORT_FIELDS, columnCount);
  if (problem) return problem;
  if (mapping.name === null || mapping.name === undefined) return 'nameColumnMissing';
  return null;
}

export interface ImportMember {
  userId: string;
  name: string;
  email: string;
}

/** The stored fields an import may set, in the shape the database returns them. */
export interface AccountValues {
  name: string;
  domain: string | null;
  /** The account's id in the CRM the file came from. */
  externalId: string | null;
  segment: string | null;
  ownerUserId: string | null;
  /** numeric(16,2) as text, e.g. "1200000.00" */
  annualRevenue: string | null;
  currency: string | null;
  targetLevel: number | null;
  targetDate: string | null;
  notes: string | null;
}

export interface ExistingAccount extends AccountValues {
  id: string;
  version: number;
}

type RowIssueCode =
  | 'nameMissing'
  | 'nameTooLong'
  | 'domainInvalid'
  | 'externalIdTooLong'
  | 'segmentTooLong'
  | 'revenueInvalid'
  | 'revenueNegative'
  | 'revenueTooLarge'
  | 'currencyInvalid'
  | 'targetLevelInvalid'
  | 'targetDateInvalid'
  | 'notesTooLong'
  | 'ownerUnknown'
  | 'ownerAmbiguous'
  | 'currencyUnknown'
  | 'duplicateInFile'
  | 'alreadyExists'
  | 'reportFooter'
  | 'totalsRow';

export interface RowIssue {
  /** An error makes the row (and so the whole import) invalid; a warning is reported and the row goes ahead. */
  severity: 'error' | 'warning';
  code: RowIssueCode;
  field: ImportField | null;
  /** The cell as written, so the person can find it in the file. */
  value?: string;
  /** For duplicateInFile: the line of the row this one repeats. */
  otherLine?: number;
  /** For currencyUnknown: the currency the row is imported in instead. */
  currency?: string;
}

export interface PlannedRow {
  line: number;
  outcome: RowOutcome;
  /** The name as the row gives it, for the report (may be empty on an invalid row). */
  name: string;
  /** The existing account the row matched, if any. */
  accountId: string | null;
  issues: RowIssue[];
  /** Fields an update changes. */
  changes: ImportField[];
  /** What to write: the new account, or the matched account after the update. */
  values: AccountValues | null;
}

/** An owner cell that names no member (or several), once per person however many rows name them. */
export interface UnmatchedOwner {
  value: string;
  rows: number;
  ambiguous: boolean;
}

export interface ImportPlan {
  rows: PlannedRow[];
  counts: Record<RowOutcome, number>;
  unmatchedOwners: UnmatchedOwner[];
}

/** How a row is read beyond its cells: the revenue column's unit and the currency for unknown ones. */
interface ReadingContext {
  members: MemberLookup;
  revenueUnit: RevenueUnit;
  /** The currency a row whose currency cell names none is imported in. */
  fallbackCurrency: string;
}

interface RowReading {
  /** Only the fields the row gives a usable, non-empty value for. */
  values: Partial<AccountValues>;
  issues: RowIssue[];
}

function readRow(cells: readonly string[], mapping: ColumnMapping, context: ReadingContext): RowReading {
  const cell = (field: ImportField): string => {
    const column = mapping[field];
    return column === null || column === undefined ? '' : restoreFormulaText((cells[column] ?? '').trim());
  };
  const values: Partial<AccountValues> = {};
  const issues: RowIssue[] = [];
  const error = (field: ImportField, code: RowIssueCode, value: string) =>
    issues.push({ severity: 'error', code, field, value: value.slice(0, 200) });

  const name = cleanName(cell('name'));
  if (name === '') error('name', 'nameMissing', '');
  else if (name.length > ACCOUNT_NAME_MAX) error('name', 'nameTooLong', name);
  else values.name = name;

  const domainCell = cell('domain');
  if (domainCell !== '') {
    const domain = normalizeDomain(domainCell);
    if (domain) values.domain = domain;
    else error('domain', 'domainInvalid', domainCell);
  }

  const externalId = cell('externalId');
  if (externalId.length > EXTERNAL_ID_MAX) error('externalId', 'externalIdTooLong', externalId);
  else if (externalId !== '') values.externalId = externalId;

  const segment = cleanName(cell('segment'));
  if (segment.length > SEGMENT_MAX) error('segment', 'segmentTooLong', segment);
  else if (segment !== '') values.segment = segment;

  const ownerCell = cell('owner');
  if (ownerCell !== '') {
    const found = context.members.find(ownerCell);
    if (found === 'nobody') {
      // Left empty on purpose in the preview: nothing to warn about.
    } else if (found === 'ambiguous') issues.push({ severity: 'warning', code: 'ownerAmbiguous', field: 'owner', value: ownerCell });
    else if (found) values.ownerUserId = found.userId;
    else issues.push({ severity: 'warning', code: 'ownerUnknown', field: 'owner', value: ownerCell });
  }

  const revenueCell = cell('annualRevenue');
  let currencyFromAmount: string | null = null;
  if (revenueCell !== '') {
    const money = readAmount(revenueCell, context.revenueUnit);
    if (!money.ok) {
      const code = money.reason === 'negative' ? 'revenueNegative' : money.reason === 'tooLarge' ? 'revenueTooLarge' : 'revenueInvalid';
      error('annualRevenue', code, revenueCell);
    } else {
      values.annualRevenue = money.amount.toFixed(2);
      currencyFromAmount = money.currency;
    }
  }

  const currencyCell = cell('currency');
  if (currencyCell !== '') {
    const currency = readCurrency(currencyCell);
    if (currency) values.currency = currency;
    else {
      // A currency we cannot name should not cost the whole row: the amount is kept in the
      // organization's currency and the row says so.
      values.currency = context.fallbackCurrency;
      issues.push({
        severity: 'warning',
        code: 'currencyUnknown',
        field: 'currency',
        value: currencyCell.slice(0, 200),
        currency: context.fallbackCurrency,
      });
    }
  } else if (currencyFromAmount) {
    values.currency = currencyFromAmount;
  }

  const levelCell = cell('targetLevel');
  if (levelCell !== '') {
    const level = parseLevel(levelCell);
    if (level) values.targetLevel = level;
    else error('targetLevel', 'targetLevelInvalid', levelCell);
  }

  const dateCell = cell('targetDate');
  if (dateCell !== '') {
    const date = parseDate(dateCell);
    if (date) values.targetDate = date;
    else error('targetDate', 'targetDateInvalid', dateCell);
  }

  const notes = cell('notes');
  if (notes.length > NOTES_MAX) error('notes', 'notesTooLong', notes);
  else if (notes !== '') values.notes = notes;

  return { values, issues };
}

/** A member the owner cell names, or 'ambiguous' when it names two of them. */
type MemberMatch = { userId: string } | 'ambiguous';

/** The key under which an owner cell is looked up and chosen for: an email, or a person's name folded by personKey. */
export function ownerKey(text: string): string {
  const trimmed = text.trim().toLowerCase();
  return trimmed.includes('@') ? trimmed : personKey(trimmed);
}

/** Owner cell (by ownerKey) → the member a person chose for it in the preview, or null for "nobody". */
export type OwnerChoices = Record<string, string | null>;

/**
 * Members found by the choice made in the preview, by email, or else by name (accents, case and
 * "Last, First" order ignored); a name two members share is ambiguous.
 */
class MemberLookup {
  private readonly byEmail = new Map<string, MemberMatch>();
  private readonly byName = new Map<string, MemberMatch>();
  private readonly chosen = new Map<string, string | null>();

  constructor(members: readonly ImportMember[], choices: OwnerChoices = {}) {
    const memberIds = new Set(members.map((member) => member.userId));
    for (const member of members) {
      this.byEmail.set(member.email.trim().toLowerCase(), { userId: member.userId });
      const key = personKey(member.name);
      if (key !== '') this.byName.set(key, this.byName.has(key) ? 'ambiguous' : { userId: member.userId });
    }
    for (const [cell, userId] of Object.entries(choices)) {
      if (userId === null || memberIds.has(userId)) this.chosen.set(ownerKey(cell), userId);
    }
  }

  /** The member, 'ambiguous', null when nobody matches, or 'nobody' when the person chose to leave it empty. */
  find(text: string): MemberMatch | null | 'nobody' {
    const key = ownerKey(text);
    if (this.chosen.has(key)) {
      const userId = this.chosen.get(key);
      return userId ? { userId } : 'nobody';
    }
    return this.byEmail.get(text.trim().toLowerCase()) ?? this.byName.get(personKey(text)) ?? null;
  }
}

/**
 * Finds "the same company": by domain first; otherwise by name, but two records that both
 * have a domain (or both a CRM id) and disagree on it are different companies even when they
 * share a name.
 */
class CompanyIndex<T> {
  private readonly byDomain = new Map<string, T>();
  private readonly byName = new Map<string, Array<{ domain: string | null; externalId: string | null; ref: T }>>();

  add(keys: { domain: string | null; externalId: string | null; name: string }, ref: T): void {
    if (keys.domain && !this.byDomain.has(keys.domain)) this.byDomain.set(keys.domain, ref);
    const key = nameKey(keys.name);
    const list = this.byName.get(key) ?? [];
    list.push({ domain: keys.domain, externalId: keys.externalId, ref });
    this.byName.set(key, list);
  }

  find(keys: { domain: string | null; externalId: string | null; name: string }): T | null {
    const { domain, externalId } = keys;
    if (domain) {
      const byDomain = this.byDomain.get(domain);
      if (byDomain !== undefined) return byDomain;
    }
    const candidates = this.byName.get(nameKey(keys.name)) ?? [];
    return (
      candidates.find((c) => (!domain || !c.domain || c.domain === domain) && (!externalId || !c.externalId || c.externalId === externalId))
        ?.ref ?? null
    );
  }
}

const COMPARED: Array<[ImportField, keyof AccountValues]> = [
  ['name', 'name'],
  ['domain', 'domain'],
  ['externalId', 'externalId'],
  ['segment', 'segment'],
  ['owner', 'ownerUserId'],
  ['annualRevenue', 'annualRevenue'],
  ['currency', 'currency'],
  ['targetLevel', 'targetLevel'],
  ['targetDate', 'targetDate'],
  ['notes', 'notes'],
];

/** The fields whose value differs between two versions of an account. */
export function changedFields(before: AccountValues, after: AccountValues): ImportField[] {
  return COMPARED.filter(([, key]) =>
    key === 'annualRevenue' ? !sameAmount(before.annualRevenue, after.annualRevenue) : before[key] !== after[key],
  ).map(([field]) => field);
}

function pickValues(account: AccountValues): AccountValues {
  const { name, domain, externalId, segment, ownerUserId, annualRevenue, currency, targetLevel, targetDate, notes } = account;
  return { name, domain, externalId, segment, ownerUserId, annualRevenue, currency, targetLevel, targetDate, notes };
}

export interface PlanInput {
  /** The file's header, which may carry the revenue column's unit ("Omsättning (tkr)"). */
  headers: readonly string[];
  rows: readonly CsvRecord[];
  mapping: ColumnMapping;
  /** Owners chosen in the preview for cells that name no member. */
  ownerChoices?: OwnerChoices;
  mode: DuplicateMode;
  /** Currency for rows that give a revenue but no currency (and whose account has none yet). */
  defaultCurrency: string | null;
  members: readonly ImportMember[];
  /** The organization's active accounts. */
  existing: readonly ExistingAccount[];
}

/**
 * Decides what happens to every row. Empty cells never erase a stored value, so a file
 * that leaves a column blank cannot wipe what the team typed; and a row whose values are
 * already stored is "unchanged", which makes importing the same file twice a no-op.
 */
export function planImport(input: PlanInput): ImportPlan {
  const revenueColumn = input.mapping.annualRevenue;
  const context: ReadingContext = {
    members: new MemberLookup(input.members, input.ownerChoices),
    revenueUnit: revenueColumn === null || revenueColumn === undefined ? NO_UNIT : revenueUnitOf(input.headers[revenueColumn] ?? ''),
    fallbackCurrency: input.defaultCurrency ?? reportingCurrency(input.existing.map((account) => account.currency)),
  };
  const existing = new CompanyIndex<ExistingAccount>();
  // The CRM's own id names one record for certain: it is matched before domain and name.
  const existingByExternalId = new Map<string, ExistingAccount>();
  for (const account of input.existing) {
    existing.add(account, account);
    if (account.externalId) existingByExternalId.set(account.externalId, account);
  }
  const earlierRows = new CompanyIndex<number>();
  const earlierExternalIds = new Map<string, number>();
  const claimedAccounts = new Map<string, number>();

  const rows: PlannedRow[] = input.rows.map((record) => {
    const reportRow = reportRowKind(record.cells, input.mapping.name);
    if (reportRow) {
      const text = record.cells.find((cell) => cell.trim() !== '')?.trim() ?? '';
      return {
        line: record.line,
        outcome: 'skip',
        name: text.slice(0, ACCOUNT_NAME_MAX),
        accountId: null,
        issues: [{ severity: 'warning', code: reportRow, field: null, value: text.slice(0, 200) }],
        changes: [],
        values: null,
      };
    }
    const { values, issues } = readRow(record.cells, input.mapping, context);
    const name = values.name ?? cleanName(record.cells[input.mapping.name ?? -1] ?? '');
    const planned = (outcome: RowOutcome, rest: Partial<PlannedRow> = {}): PlannedRow => ({
      line: record.line,
      outcome,
      name,
      accountId: null,
      issues,
      changes: [],
      values: null,
      ...rest,
    });
    if (issues.some((issue) => issue.severity === 'error') || values.name === undefined) return planned('invalid');

    const domain = values.domain ?? null;
    const externalId = values.externalId ?? null;
    const repeated =
      (externalId ? earlierExternalIds.get(externalId) : undefined) ?? earlierRows.find({ domain, externalId, name: values.name });
    const match =
      (externalId ? existingByExternalId.get(externalId) : undefined) ?? existing.find({ domain, externalId, name: values.name });
    const claimedBy = match ? claimedAccounts.get(match.id) : undefined;
    const otherLine = repeated ?? claimedBy;
    if (otherLine !== undefined) {
      issues.push({ severity: 'warning', code: 'duplicateInFile', field: null, otherLine });
      return planned('skip', { accountId: match?.id ?? null });
    }

    if (!match) {
      const created: AccountValues = {
        name: values.name,
        domain,
        externalId,
        segment: values.segment ?? null,
        ownerUserId: values.ownerUserId ?? null,
        annualRevenue: values.annualRevenue ?? null,
        currency: values.currency ?? (values.annualRevenue ? input.defaultCurrency : null),
        targetLevel: values.targetLevel ?? null,
        targetDate: values.targetDate ?? null,
        notes: values.notes ?? null,
      };
      earlierRows.add(created, record.line);
      if (externalId) earlierExternalIds.set(externalId, record.line);
      return planned('create', { values: created });
    }

    claimedAccounts.set(match.id, record.line);
    const before = pickValues(match);
    const after: AccountValues = { ...before, ...values };
    if (after.annualRevenue && !after.currency) after.currency = input.defaultCurrency;
    earlierRows.add(after, record.line);
    if (after.externalId) earlierExternalIds.set(after.externalId, record.line);
    const changes = changedFields(before, after);
    if (changes.length === 0) return planned('unchanged', { accountId: match.id });
    if (input.mode === 'skip') {
      issues.push({ severity: 'warning', code: 'alreadyExists', field: null });
      return planned('skip', { accountId: match.id });
    }
    return planned('update', { accountId: match.id, changes, values: after });
  });

  return { rows, counts: countOutcomes(rows), unmatchedOwners: unmatchedOwnersOf(rows) };
}

function unmatchedOwnersOf(rows: readonly PlannedRow[]): UnmatchedOwner[] {
  const byKey = new Map<string, UnmatchedOwner>();
  for (const row of rows) {
    for (const issue of row.issues) {
      if ((issue.code !== 'ownerUnknown' && issue.code !== 'ownerAmbiguous') || !issue.value) continue;
      const key = ownerKey(issue.value);
      const known = byKey.get(key);
      if (known) known.rows += 1;
      else byKey.set(key, { value: issue.value, rows: 1, ambiguous: issue.code === 'ownerAmbiguous' });
    }
  }
  return [...byKey.values()].sort((a, b) => b.rows - a.rows || a.value.localeCompare(b.value));
}
