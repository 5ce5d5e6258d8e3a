import { ACCOUNT_NAME_MAX, cleanName, contactFieldsSchema, normalizeDomain, type BuyingRole } from './accounts';
import { reportRowKind } from './account-import-formats';
import { restoreFormulaText, type CsvRecord } from './csv';
import { columnProblem, countOutcomes, guessColumns, type DuplicateMode, type FieldColumns, type RowOutcome } from './import-columns';

/**
 * Planning a CSV import of contacts (people at accounts), without I/O. Every row must name an
 * account that already exists: by the CRM's id, its domain or its name, in that order. A
 * contacts import never creates an account; a row whose account cannot be told for certain is
 * invalid and says why.
 */

export const CONTACT_IMPORT_FIELDS = [
  'name',
  'firstName',
  'lastName',
  'email',
  'title',
  'buyingRole',
  'language',
  'accountExternalId',
  'accountDomain',
  'accountName',
] as const;
export type ContactImportField = (typeof CONTACT_IMPORT_FIELDS)[number];
export type ContactColumnMapping = FieldColumns<ContactImportField>;

/** The fields that point at the account; a mapping needs one of them. */
export const ACCOUNT_KEY_FIELDS = ['accountExternalId', 'accountDomain', 'accountName'] as const satisfies readonly ContactImportField[];

/**
 * Header names seen in contact exports from Salesforce, HubSpot, Pipedrive, Dynamics and
 * Swedish sheets, normalised (normaliseHeader), best first. HubSpot's own "Record ID" names the
 * contact, not the company, so it is not among the account's ids.
 */
const HEADER_SYNONYMS: Record<ContactImportField, readonly string[]> = {
  name: ['fullname', 'name', 'personname', 'contactname', 'contact', 'namn', 'fulltnamn', 'kontaktperson', 'kontakt', 'person'],
  firstName: ['firstname', 'givenname', 'personfirstname', 'fornamn', 'tilltalsnamn'],
  lastName: ['lastname', 'surname', 'familyname', 'personlastname', 'efternamn'],
  email: ['email', 'emailaddress', 'personemail', 'workemail', 'primaryemail', 'epost', 'epostadress', 'mejl', 'mail'],
  title: ['title', 'jobtitle', 'personjobtitle', 'persontitle', 'position', 'titel', 'befattning', 'yrkestitel'],
  buyingRole: ['buyingrole', 'role', 'contactrole', 'buyerrole', 'personrole', 'roll', 'kopsroll', 'koproll', 'kontaktroll'],
  language: ['language', 'preferredlanguage', 'personlanguage', 'sprak', 'foredragetsprak'],
  accountExternalId: [
    'accountid',
    'associatedcompanyid',
    'organizationid',
    'organisationid',
    'companyid',
    'parentcustomerid',
    'externalaccountid',
    'externtid',
    'foretagsid',
    'kundid',
    'kundnummer',
  ],
  accountDomain: [
    'accountdomain',
    'companydomainname',
    'companydomain',
    'accountwebsite',
    'companywebsite',
    'organizationwebsite',
    'domain',
    'website',
    'webbplats',
    'doman',
    'hemsida',
  ],
  accountName: [
    'accountname',
    'associatedcompany',
    'companyname',
    'company',
    'organization',
    'organisation',
    'organizationname',
    'organisationname',
    'account',
    'customername',
    'customer',
    'foretagsnamn',
    'foretag',
    'kundnamn',
    'kund',
    'bolag',
    'organisationsnamn',
  ],
};

export function guessContactMapping(headers: readonly string[]): ContactColumnMapping {
  return guessColumns(headers, HEADER_SYNONYMS);
}

export type ContactMappingProblem = 'columnUsedTwice' | 'columnOutOfRange' | 'contactNameColumnMissing' | 'accountColumnMissing';

const isMapped = (mapping: ContactColumnMapping, field: ContactImportField) => mapping[field] !== null && mapping[field] !== undefined;

/** A person's name must come from somewhere (one column, or first and last name), and so must the account. */
export function checkContactMapping(mapping: ContactColumnMapping, columnCount: number): ContactMappingProblem | null {
  const problem = columnProblem(mapping, CONTACT_IMPORT_FIELDS, columnCount);
  if (problem) return problem;
  if (!isMapped(mapping, 'name') && !isMapped(mapping, 'firstName') && !isMapped(mapping, 'lastName')) return 'contactNameColumnMissing';
  if (!ACCOUNT_KEY_FIELDS.some((field) => isMapped(mapping, field))) return 'accountColumnMissing';
  return null;
}

/** Case, accents and spacing do not make a different name: "Ångström  AB" and "angstrom ab" are one. */
function foldedName(text: string): string {
  return cleanName(text)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** What buying-role cells say, folded by foldedName, in the words CRMs and people use. */
const ROLE_WORDS: Record<BuyingRole, readonly string[]> = {
  economic_buyer: [
    'economic buyer',
    'economic_buyer',
    'economic',
    'decision maker',
    'decisionmaker',
    'budget holder',
    'buyer',
    'executive sponsor',
    'ekonomisk beslutsfattare',
    'ekonomisk kopare',
    'beslutsfattare',
    'budgetansvarig',
  ],
  user: ['user', 'end user', 'enduser', 'end-user', 'anvandare', 'slutanvandare'],
  technical: [
    'technical',
    'technical buyer',
    'technical evaluator',
    'it',
    'tech',
    'technical contact',
    'teknisk',
    'teknisk beslutsfattare',
    'teknisk kopare',
    'teknisk kontakt',
  ],
  coach: [
    'coach',
    'champion',
    'internal champion',
    'sponsor',
    'ambassador',
    'ambassador internt',
    'forespraksperson',
    'foresprakare',
    'lots',
  ],
  other: ['other', 'annan', 'ovrig', 'ovrigt', 'influencer', 'paverkare'],
};

const ROLE_BY_WORD: ReadonlyMap<string, BuyingRole> = new Map(
  (Object.entries(ROLE_WORDS) as Array<[BuyingRole, readonly string[]]>).flatMap(([role, words]) =>
    words.map((word) => [foldedName(word), role] as const),
  ),
);

/** A buying-role cell as a role, or null when it names none we know. */
export function readBuyingRole(text: string): BuyingRole | null {
  return ROLE_BY_WORD.get(foldedName(text).replace(/[\s_-]+/g, ' ')) ?? ROLE_BY_WORD.get(foldedName(text)) ?? null;
}

/** A language cell ("sv", "Swedish", "svenska", "en-GB") as en or sv, or null. */
export function readLanguage(text: string): 'en' | 'sv' | null {
  const folded = foldedName(text);
  if (/^(sv|swe|swedish|svenska)([-_ ].*)?$/.test(folded)) return 'sv';
  if (/^(en|eng|english|engelska)([-_ ].*)?$/.test(folded)) return 'en';
  return null;
}

/** An account a contact may belong to, with the keys an import can name it by. */
export interface ImportAccount {
  id: string;
  name: string;
  domain: string | null;
  externalId: string | null;
}

/** The stored fields a contacts import sets. */
export interface ContactValues {
  name: string;
  email: string | null;
  title: string | null;
  buyingRole: BuyingRole;
  language: string | null;
}

export interface ExistingContact extends ContactValues {
  id: string;
  accountId: string;
  version: number;
}

type ContactIssueCode =
  | 'nameMissing'
  | 'nameTooLong'
  | 'emailInvalid'
  | 'titleTooLong'
  | 'buyingRoleUnknown'
  | 'languageUnknown'
  | 'accountMissing'
  | 'accountNotFound'
  | 'accountAmbiguous'
  | 'accountFromEmail'
  | 'duplicateInFile'
  | 'alreadyExists'
  | 'reportFooter'
  | 'totalsRow';

interface ContactRowIssue {
  severity: 'error' | 'warning';
  code: ContactIssueCode;
  field: ContactImportField | null;
  value?: string;
  otherLine?: number;
}

export interface PlannedContactRow {
  line: number;
  outcome: RowOutcome;
  /** The person's name as the row gives it (may be empty on an invalid row). */
  name: string;
  /** The account the row belongs to, when it was found. */
  accountId: string | null;
  accountName: string | null;
  /** The existing contact the row matched. */
  contactId: string | null;
  issues: ContactRowIssue[];
  changes: Array<keyof ContactValues>;
  values: ContactValues | null;
}

export interface ContactImportPlan {
  rows: PlannedContactRow[];
  counts: Record<RowOutcome, number>;
}

export interface ContactPlanInput {
  rows: readonly CsvRecord[];
  mapping: ContactColumnMapping;
  mode: DuplicateMode;
  /** The organization's active accounts. */
  accounts: readonly ImportAccount[];
  /** The active contacts of those accounts. */
  contacts: readonly ExistingContact[];
}

type AccountLookup = { account: ImportAccount } | { problem: 'accountNotFound' | 'accountAmbiguous' | 'accountMissing'; value: string };

/** Finds an account by external id, then domain, then name; the first key that names exactly one account wins. */
class AccountIndex {
  private readonly byExternalId = new Map<string, ImportAccount>();
  private readonly byDomain = new Map<string, ImportAccount>();
  private readonly byName = new Map<string, ImportAccount[]>();

  constructor(accounts: readonly ImportAccount[]) {
    for (const account of accounts) {
      if (account.externalId) this.byExternalId.set(account.externalId.trim().toLowerCase(), account);
      if (account.domain) this.byDomain.set(account.domain, account);
      const key = foldedName(account.name);
      this.byName.set(key, [...(this.byName.get(key) ?? []), account]);
    }
  }

  find(keys: { externalId: string; domain: string; name: string; email: string | null }): AccountLookup | 'fromEmail' {
    let ambiguous: string | null = null;
    if (keys.externalId !== '') {
      const found = this.byExternalId.get(keys.externalId.trim().toLowerCase());
      if (found) return { account: found };
    }
    const domain = keys.domain === '' ? null : normalizeDomain(keys.domain);
    if (domain) {
      const found = this.byDomain.get(domain);
      if (found) return { account: found };
    }
    if (keys.name !== '') {
      const found = this.byName.get(foldedName(keys.name)) ?? [];
      if (found.length === 1) return { account: found[0]! };
      if (found.length > 1) ambiguous = keys.name;
    }
    if (ambiguous !== null) return { problem: 'accountAmbiguous', value: ambiguous };
    const given = [keys.externalId, keys.domain, keys.name].filter((key) => key !== '');
    if (given.length > 0) return { problem: 'accountNotFound', value: given.join(' / ') };
    return 'fromEmail';
  }

  /** The account whose domain is the email's, when the row names no account at all. */
  byEmailDomain(email: string | null): ImportAccount | null {
    const domain = email ? normalizeDomain(email) : null;
    return domain ? (this.byDomain.get(domain) ?? null) : null;
  }
}

/** The key two rows or contacts at one account are "the same person" by: the email, or without one the name. */
function personIdentity(values: { email: string | null; name: string }): string {
  return values.email ? `email:${values.email.toLowerCase()}` : `name:${foldedName(values.name)}`;
}

const COMPARED: ReadonlyArray<keyof ContactValues> = ['name', 'email', 'title', 'buyingRole', 'language'];

interface ContactRowReading {
  values: Partial<ContactValues>;
  issues: ContactRowIssue[];
}

function readContactRow(cells: readonly string[], mapping: ContactColumnMapping): ContactRowReading {
  const cell = (field: ContactImportField): string => {
    const column = mapping[field];
    return column === null || column === undefined ? '' : restoreFormulaText((cells[column] ?? '').trim());
  };
  const values: Partial<ContactValues> = {};
  const issues: ContactRowIssue[] = [];
  const error = (field: ContactImportField, code: ContactIssueCode, value: string) =>
    issues.push({ severity: 'error', code, field, value: value.slice(0, 200) });
  const { shape } = contactFieldsSchema;

  const fullName = cell('name') || [cell('firstName'), cell('lastName')].filter(Boolean).join(' ');
  const nameField: ContactImportField = cell('name') !== '' || !isMapped(mapping, 'firstName') ? 'name' : 'firstName';
  const name = shape.name.safeParse(fullName);
  if (name.success) values.name = name.data;
  else if (cleanName(fullName) === '') error(nameField, 'nameMissing', '');
  else error(nameField, 'nameTooLong', fullName);

  const emailCell = cell('email');
  if (emailCell !== '') {
    // Exports sometimes write "Anna Berg <anna@x.example>" or "mailto:anna@x.example".
    const bare = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(emailCell)?.[1] ?? emailCell.replace(/^mailto:/i, '');
    const email = shape.email.safeParse(bare);
    if (email.success) values.email = email.data;
    else error('email', 'emailInvalid', emailCell);
  }

  const title = shape.title.safeParse(cleanName(cell('title')));
  if (!title.success) error('title', 'titleTooLong', cell('title'));
  else if (title.data) values.title = title.data;

  const roleCell = cell('buyingRole');
  if (roleCell !== '') {
    const role = readBuyingRole(roleCell);
    values.buyingRole = role ?? 'other';
    if (!role) issues.push({ severity: 'warning', code: 'buyingRoleUnknown', field: 'buyingRole', value: roleCell.slice(0, 200) });
  }

  const languageCell = cell('language');
  if (languageCell !== '') {
    const language = readLanguage(languageCell);
    if (language) values.language = language;
    else issues.push({ severity: 'warning', code: 'languageUnknown', field: 'language', value: languageCell.slice(0, 200) });
  }
  return { values, issues };
}

/**
 * Decides what happens to every row. Like the account import, an empty cell never erases a
 * stored value and a row that changes nothing is "unchanged", so importing a file twice is a
 * no-op; and one file never creates the same person twice at one account.
 */
export function planContactImport(input: ContactPlanInput): ContactImportPlan {
  const { mapping } = input;
  const accounts = new AccountIndex(input.accounts);
  const existing = new Map<string, ExistingContact>();
  for (const contact of input.contacts) {
    const key = `${contact.accountId}|${personIdentity(contact)}`;
    if (!existing.has(key)) existing.set(key, contact);
  }
  const seen = new Map<string, number>();
  const nameColumn = mapping.name ?? mapping.lastName ?? mapping.firstName;
  const cellOf = (cells: readonly string[], field: ContactImportField) => {
    const column = mapping[field];
    return column === null || column === undefined ? '' : restoreFormulaText((cells[column] ?? '').trim());
  };

  const rows = input.rows.map((record): PlannedContactRow => {
    const base = { line: record.line, accountId: null, accountName: null, contactId: null, changes: [], values: null };
    const reportRow = reportRowKind(record.cells, nameColumn);
    if (reportRow) {
      const text = record.cells.find((cell) => cell.trim() !== '')?.trim() ?? '';
      return {
        ...base,
        outcome: 'skip',
        name: text.slice(0, ACCOUNT_NAME_MAX),
        issues: [{ severity: 'warning', code: reportRow, field: null, value: text.slice(0, 200) }],
      };
    }
    const { values, issues } = readContactRow(record.cells, mapping);
    const name =
      values.name ?? cleanName(cellOf(record.cells, 'name') || `${cellOf(record.cells, 'firstName')} ${cellOf(record.cells, 'lastName')}`);

    const lookup = accounts.find({
      externalId: cellOf(record.cells, 'accountExternalId'),
      domain: cellOf(record.cells, 'accountDomain'),
      name: cellOf(record.cells, 'accountName'),
      email: values.email ?? null,
    });
    let account: ImportAccount | null = null;
    if (lookup === 'fromEmail') {
      account = accounts.byEmailDomain(values.email ?? null);
      if (account) issues.push({ severity: 'warning', code: 'accountFromEmail', field: 'email', value: account.name });
      else issues.push({ severity: 'error', code: 'accountMissing', field: null });
    } else if ('account' in lookup) {
      account = lookup.account;
    } else {
      issues.push({ severity: 'error', code: lookup.problem, field: null, value: lookup.value.slice(0, 200) });
    }
    const planned = (outcome: RowOutcome, rest: Partial<PlannedContactRow> = {}): PlannedContactRow => ({
      ...base,
      outcome,
      name,
      accountId: account?.id ?? null,
      accountName: account?.name ?? null,
      issues,
      ...rest,
    });
    if (issues.some((issue) => issue.severity === 'error') || values.name === undefined || !account) return planned('invalid');

    const identity = `${account.id}|${personIdentity({ email: values.email ?? null, name: values.name })}`;
    const match = existing.get(identity);
    const otherLine = seen.get(identity) ?? (match ? seen.get(`contact:${match.id}`) : undefined);
    if (otherLine !== undefined) {
      issues.push({ severity: 'warning', code: 'duplicateInFile', field: null, otherLine });
      return planned('skip', { contactId: match?.id ?? null });
    }
    seen.set(identity, record.line);

    if (!match) {
      return planned('create', {
        values: {
          name: values.name,
          email: values.email ?? null,
          title: values.title ?? null,
          buyingRole: values.buyingRole ?? 'other',
          language: values.language ?? null,
        },
      });
    }
    seen.set(`contact:${match.id}`, record.line);
    const before: ContactValues = {
      name: match.name,
      email: match.email,
      title: match.title,
      buyingRole: match.buyingRole,
      language: match.language,
    };
    const after: ContactValues = { ...before, ...values };
    const changes = COMPARED.filter((field) => before[field] !== after[field]);
    if (changes.length === 0) return planned('unchanged', { contactId: match.id });
    if (input.mode === 'skip') {
      issues.push({ severity: 'warning', code: 'alreadyExists', field: null });
      return planned('skip', { contactId: match.id });
    }
    return planned('update', { contactId: match.id, changes, values: after });
  });

  return { rows, counts: countOutcomes(rows) };
}
