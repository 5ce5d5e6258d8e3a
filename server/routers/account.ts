import { and, asc, count, desc, eq, ilike, isNotNull, isNull, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { createTranslator } from 'next-intl';
import { z } from 'zod';
import type { Tx } from '@/db/client';
import { uuidv7 } from '@/db/ids';
import { accountFollowers, accountImports, accounts, auditEvents, confirmationAnswers, confirmationLinks, contacts, customerLevelRuns, levelEvents, memberships, users } from '@/db/schema';
import { messages } from '@/i18n/messages';
import { economicBuyerLevelNow, effectiveLevelNow, levelsOf } from '../services/account-levels';
import { recordAudit } from '../services/audit';
import { freshnessMonthsOf } from '../services/confirmations';
import { customerAnsweredAtNow, customerLevelNow } from '../services/customer-level-runs';
import {
  COMMON_CURRENCIES,
  STALE_AFTER_DAYS,
  accountFieldsSchema,
  normalizeCurrency,
  type AccountFields,
} from '../domain/accounts';
import {
  DUPLICATE_MODES,
  IMPORT_FIELDS,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  changedFields,
  checkMapping,
  planImport,
  type AccountValues,
  type ColumnMapping,
  type ImportPlan,
  type PlannedRow,
} from '../domain/account-import';
import { CsvError, parseCsv, toCsv, type ParsedCsv } from '../domain/csv';
import { answerExpiresAt } from '../domain/customer-level';
import { isUniqueViolation, userError } from '../api/errors';
import { EVENTS_CHANNEL, publishAccountEvent } from '../runtime/events';
import { respondentOfAnswer } from '../services/level-history';
import { orgProcedure, router } from '../api/trpc';

const owner = alias(users, 'owner');
const editor = alias(users, 'editor');

export const accountIdInput = z.object({ accountId: z.uuid({ error: 'validation.invalid' }) });

const versionSchema = z.int({ error: 'validation.invalid' }).min(1, { error: 'validation.invalid' });
const levelFilter = z.union([z.int().min(1).max(5), z.literal('none')], { error: 'validation.levelInvalid' });

/** Filters of the accounts list; the page keeps them in its URL so a view can be shared. */
export const accountFiltersSchema = z.object({
  q: z.string().trim().max(200).optional(),
  /** A member's user id, or "none" for accounts nobody owns. */
  ownerUserId: z.union([z.uuid(), z.literal('none')]).optional(),
  /** A segment, or "none" for accounts without one. */
  segment: z.string().max(200).optional(),
  teamLevel: levelFilter.optional(),
  customerLevel: levelFilter.optional(),
  /** The customer level where there is one, else the team level; "none": neither. */
  effectiveLevel: levelFilter.optional(),
  /** No team assessment for STALE_AFTER_DAYS days, or never. */
  stale: z.boolean().optional(),
  /** The team rates the relationship higher than the customer does. */
  overrated: z.boolean().optional(),
  /** No customer answer within the organization's freshness window, or none ever: time to ask the customer again. */
  staleConfirmation: z.boolean().optional(),
  showArchived: z.boolean().optional(),
});
export type AccountFilters = z.infer<typeof accountFiltersSchema>;

export const ACCOUNT_SORTS = ['name', 'teamLevel', 'effectiveLevel', 'revenue', 'lastAssessed'] as const;
export type AccountSort = (typeof ACCOUNT_SORTS)[number];
const sortSchema = z.object({
  sort: z.enum(ACCOUNT_SORTS).default('name'),
  direction: z.enum(['asc', 'desc']).default('asc'),
});

export const ACCOUNT_PAGE_SIZE = 50;

/** `%` and `_` in a search mean themselves, not wildcards. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The accounts a filter set selects; also how a confirmation campaign picks its accounts (server/services/campaigns.ts). */
export function filterConditions(filters: AccountFilters): SQL | undefined {
  const conditions: Array<SQL | undefined> = [];
  if (!filters.showArchived) conditions.push(isNull(accounts.archivedAt));
  if (filters.q) conditions.push(or(ilike(accounts.name, likePattern(filters.q)), ilike(accounts.domain, likePattern(filters.q.toLowerCase()))));
  if (filters.ownerUserId) conditions.push(filters.ownerUserId === 'none' ? isNull(accounts.ownerUserId) : eq(accounts.ownerUserId, filters.ownerUserId));
  if (filters.segment) conditions.push(filters.segment === 'none' ? isNull(accounts.segment) : eq(accounts.segment, filters.segment));
  if (filters.teamLevel) conditions.push(filters.teamLevel === 'none' ? isNull(accounts.teamLevel) : eq(accounts.teamLevel, filters.teamLevel));
  if (filters.customerLevel) {
    conditions.push(filters.customerLevel === 'none' ? sql`${customerLevelNow} is null` : sql`${customerLevelNow} = ${filters.customerLevel}`);
  }
  if (filters.effectiveLevel) {
    conditions.push(filters.effectiveLevel === 'none' ? sql`${effectiveLevelNow} is null` : sql`${effectiveLevelNow} = ${filters.effectiveLevel}`);
  }
  if (filters.stale) {
    conditions.push(or(isNull(accounts.teamLevelAt), lt(accounts.teamLevelAt, sql`now() - make_interval(days => ${STALE_AFTER_DAYS})`)));
  }
  if (filters.overrated) conditions.push(sql`${accounts.teamLevel} > ${customerLevelNow}`);
  // No answer counts any more (or there never was one): time to ask the customer again.
  if (filters.staleConfirmation) conditions.push(sql`${customerLevelNow} is null`);
  return and(...conditions);
}

/** Sorted with empty values last in either direction, and the id as tie-breaker so pages never overlap. */
function sortOrder(sort: AccountSort, direction: 'asc' | 'desc'): SQL[] {
  const column = {
    name: sql`lower(${accounts.name})`,
    teamLevel: accounts.teamLevel,
    effectiveLevel: effectiveLevelNow,
    revenue: accounts.annualRevenue,
    lastAssessed: accounts.teamLevelAt,
  }[sort];
  const dir = direction === 'asc' ? sql`asc` : sql`desc`;
  const order = [sql`${column} ${dir} nulls last`];
  if (sort !== 'name') order.push(sql`lower(${accounts.name}) asc`);
  order.push(asc(accounts.id));
  return order;
}

const listColumns = {
  id: accounts.id,
  name: accounts.name,
  domain: accounts.domain,
  segment: accounts.segment,
  ownerUserId: accounts.ownerUserId,
  ownerName: owner.name,
  ownerEmail: owner.email,
  annualRevenue: accounts.annualRevenue,
  currency: accounts.currency,
  targetLevel: accounts.targetLevel,
  targetDate: accounts.targetDate,
  teamLevel: accounts.teamLevel,
  teamLevelAt: accounts.teamLevelAt,
  customerLevel: customerLevelNow,
  customerLevelAt: customerAnsweredAtNow,
  economicBuyerLevel: economicBuyerLevelNow,
  archivedAt: accounts.archivedAt,
};

/** Refuses an owner who is not a member of this organization (row-level security limits memberships to it). */
async function assertMember(tx: Tx, userId: string | null): Promise<void> {
  if (!userId) return;
  const [member] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), isNull(memberships.removedAt)));
  if (!member) throw userError('BAD_REQUEST', 'errors.ownerNotMember');
}

/** Another active account already using the domain (archived ones keep theirs but do not block it). */
async function assertDomainFree(tx: Tx, domain: string | null, exceptAccountId?: string): Promise<void> {
  if (!domain) return;
  const [other] = await tx
    .select({ name: accounts.name })
    .from(accounts)
    .where(and(eq(accounts.domain, domain), isNull(accounts.archivedAt), exceptAccountId ? ne(accounts.id, exceptAccountId) : undefined));
  if (other) throw userError('CONFLICT', 'errors.accountDomainTaken', { domain, name: other.name });
}

function toStored(fields: AccountFields): AccountValues {
  return {
    name: fields.name,
    domain: fields.domain,
    segment: fields.segment,
    ownerUserId: fields.ownerUserId,
    annualRevenue: fields.annualRevenue === null ? null : fields.annualRevenue.toFixed(2),
    currency: fields.currency,
    targetLevel: fields.targetLevel,
    targetDate: fields.targetDate,
    notes: fields.notes,
  };
}

const FIELD_COLUMNS: Record<(typeof IMPORT_FIELDS)[number], keyof AccountValues> = {
  name: 'name',
  domain: 'domain',
  segment: 'segment',
  owner: 'ownerUserId',
  annualRevenue: 'annualRevenue',
  currency: 'currency',
  targetLevel: 'targetLevel',
  targetDate: 'targetDate',
  notes: 'notes',
};

/** Only what changed, for the audit log: { before: {name: "A"}, after: {name: "B"} }. */
function auditDiff(before: AccountValues, after: AccountValues) {
  const changed = changedFields(before, after).map((field) => FIELD_COLUMNS[field]);
  return {
    changed,
    before: Object.fromEntries(changed.map((key) => [key, before[key]])),
    after: Object.fromEntries(changed.map((key) => [key, after[key]])),
  };
}

/** What a person can edit on an account (and what an import compares), with the version it was read at. */
const editableColumns = {
  id: accounts.id,
  name: accounts.name,
  domain: accounts.domain,
  segment: accounts.segment,
  ownerUserId: accounts.ownerUserId,
  annualRevenue: accounts.annualRevenue,
  currency: accounts.currency,
  targetLevel: accounts.targetLevel,
  targetDate: accounts.targetDate,
  notes: accounts.notes,
  version: accounts.version,
};

async function loadForEdit(tx: Tx, accountId: string) {
  const [row] = await tx
    .select({ ...editableColumns, archivedAt: accounts.archivedAt, updatedByUserId: accounts.updatedByUserId })
    .from(accounts)
    .where(eq(accounts.id, accountId))
    // Holds the row until this transaction ends, so two saves of the same version cannot both win.
    .for('update');
  if (!row) throw userError('NOT_FOUND', 'errors.accountNotFound');
  return row;
}

async function conflictFromEditor(tx: Tx, editorUserId: string | null) {
  const [person] = editorUserId ? await tx.select({ name: users.name }).from(users).where(eq(users.id, editorUserId)) : [];
  return person ? userError('CONFLICT', 'errors.accountChangedBy', { name: person.name }) : userError('CONFLICT', 'errors.accountChangedMeanwhile');
}

// ---------------------------------------------------------------------------------------------
// Import

const columnIndex = z.int().min(0).max(1000).nullish();
const mappingSchema = z.object({
  name: columnIndex,
  domain: columnIndex,
  segment: columnIndex,
  owner: columnIndex,
  annualRevenue: columnIndex,
  currency: columnIndex,
  targetLevel: columnIndex,
  targetDate: columnIndex,
  notes: columnIndex,
}) satisfies z.ZodType<ColumnMapping>;

const importInput = z.object({
  csv: z.string().max(MAX_IMPORT_BYTES, { error: 'validation.fileTooLarge' }),
  mapping: mappingSchema,
  mode: z.enum(DUPLICATE_MODES).default('update'),
  defaultCurrency: z
    .string()
    .nullish()
    .transform((value, context) => {
      if (!value) return null;
      const code = normalizeCurrency(value);
      if (!code) context.addIssue({ code: 'custom', message: 'validation.currencyInvalid' });
      return code;
    }),
});

function parseImportFile(csv: string): ParsedCsv {
  try {
    const parsed = parseCsv(csv, { maxRows: MAX_IMPORT_ROWS });
    if (parsed.rows.length === 0) throw userError('BAD_REQUEST', 'errors.csvNoRows');
    return parsed;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    if (error.code === 'unclosedQuote') throw userError('BAD_REQUEST', 'errors.csvUnclosedQuote', { line: error.line ?? 1 });
    if (error.code === 'tooManyRows') throw userError('BAD_REQUEST', 'errors.csvTooManyRows', { max: MAX_IMPORT_ROWS });
    if (error.code === 'noHeader') throw userError('BAD_REQUEST', 'errors.csvNoHeader');
    throw userError('BAD_REQUEST', 'errors.csvEmpty');
  }
}

/** Parses, checks the mapping, loads members and active accounts once, and plans every row. */
async function planFromInput(tx: Tx, input: z.infer<typeof importInput>) {
  const file = parseImportFile(input.csv);
  const mapping: ColumnMapping = input.mapping;
  const problem = checkMapping(mapping, file.headers.length);
  if (problem === 'nameColumnMissing') throw userError('BAD_REQUEST', 'errors.importNameColumnMissing');
  if (problem === 'columnUsedTwice') throw userError('BAD_REQUEST', 'errors.importColumnUsedTwice');
  if (problem) throw userError('BAD_REQUEST', 'errors.invalidInput');
  const [members, existing] = await Promise.all([
    tx
      .select({ userId: users.id, name: users.name, email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(isNull(memberships.removedAt)),
    tx
      .select(editableColumns)
      .from(accounts)
      .where(isNull(accounts.archivedAt))
      .orderBy(asc(accounts.id)),
  ]);
  const plan = planImport({ rows: file.rows, mapping, mode: input.mode, defaultCurrency: input.defaultCurrency, members, existing });
  return { file, plan, existing: new Map(existing.map((a) => [a.id, a])) };
}

/** What the client shows per row: the plan without the values to write. */
function reportOf(plan: ImportPlan) {
  return {
    counts: plan.counts,
    rows: plan.rows.map(({ line, outcome, name, accountId, issues, changes }: PlannedRow) => ({ line, outcome, name, accountId, issues, changes })),
  };
}

const CHUNK = 500;
function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

/**
 * One UPDATE per chunk of 500 accounts, joined to a VALUES list; each row names the version
 * the plan read, so an account someone edited meanwhile is not overwritten (the import stops).
 */
async function updateAccountsInBulk(tx: Tx, orgId: string, actorUserId: string, rows: Array<{ id: string; version: number; values: AccountValues }>) {
  for (const chunk of chunks(rows)) {
    const values = sql.join(
      chunk.map(
        ({ id, version, values: v }) =>
          sql`(${id}::uuid, ${version}::int, ${v.name}::text, ${v.domain}::text, ${v.segment}::text, ${v.ownerUserId}::uuid, ${v.annualRevenue}::numeric, ${v.currency}::text, ${v.targetLevel}::smallint, ${v.targetDate}::date, ${v.notes}::text)`,
      ),
      sql`, `,
    );
    const result: unknown = await tx.execute(sql`
      update accounts as a set
        name = v.name, domain = v.domain, segment = v.segment, owner_user_id = v.owner_user_id,
        annual_revenue = v.annual_revenue, currency = v.currency, target_level = v.target_level,
        target_date = v.target_date, notes = v.notes,
        version = a.version + 1, updated_by_user_id = ${actorUserId}::uuid, updated_at = now()
      from (values ${values}) as v(id, version, name, domain, segment, owner_user_id, annual_revenue, currency, target_level, target_date, notes)
      where a.org_id = ${orgId}::uuid and a.id = v.id and a.version = v.version
      returning a.id`);
    const updated = Array.isArray(result) ? result.length : ((result as { rows?: unknown[] }).rows?.length ?? 0);
    if (updated !== chunk.length) throw userError('CONFLICT', 'errors.importConflict');
  }
}

/** One NOTIFY per changed account, sent in a single statement per chunk. */
async function publishChangedInBulk(tx: Tx, orgId: string, actorUserId: string, accountIds: readonly string[]) {
  for (const chunk of chunks(accountIds)) {
    const payloads = chunk.map((accountId) => JSON.stringify({ orgId, type: 'account.changed', accountId, actorUserId }));
    await tx.execute(sql`select pg_notify(${EVENTS_CHANNEL}, p) from unnest(${sql`array[${sql.join(payloads.map((p) => sql`${p}::text`), sql`, `)}]`}) as p`);
  }
}

// ---------------------------------------------------------------------------------------------
// Customer level as history

/** A run's end, or null for the open-ended last run ("infinity" has no Date). */
const runEndsAt = sql<Date | null>`case when ${customerLevelRuns.endsAt} = 'infinity' then null else ${customerLevelRuns.endsAt} end`.mapWith(customerLevelRuns.endsAt);

/**
 * Where the customer level stands now, from its runs: the level with when it took this value and
 * until when it holds unless someone answers (an answer ages out then); or, once no answer is
 * fresh, since when and which level it had before. Null when the customer has never answered.
 */
async function currentCustomerRun(tx: Tx, accountId: string) {
  const [current, previous] = await tx
    .select({ level: customerLevelRuns.level, startsAt: customerLevelRuns.startsAt, endsAt: runEndsAt })
    .from(customerLevelRuns)
    .where(and(eq(customerLevelRuns.accountId, accountId), lte(customerLevelRuns.startsAt, sql`now()`)))
    .orderBy(desc(customerLevelRuns.startsAt))
    .limit(2);
  if (!current) return null;
  return { level: current.level, since: current.startsAt, until: current.endsAt, previousLevel: previous?.level ?? null };
}

/** The newest team events and customer answers an account's history shows (years of quarterly rounds and answers). */
export const HISTORY_LIMIT = 500;

// ---------------------------------------------------------------------------------------------
// Export

function exportDate(value: Date | null): string {
  return value ? value.toISOString().slice(0, 10) : '';
}

export const accountRouter = router({
  /** One account with its current levels: what the account page and its panels build on. */
  get: orgProcedure('viewer')
    .input(accountIdInput)
    .query(async ({ ctx, input }) => {
      const [row] = await ctx.tx
        .select({
          id: accounts.id,
          name: accounts.name,
          domain: accounts.domain,
          segment: accounts.segment,
          ownerUserId: accounts.ownerUserId,
          ownerName: owner.name,
          annualRevenue: accounts.annualRevenue,
          currency: accounts.currency,
          targetLevel: accounts.targetLevel,
          targetDate: accounts.targetDate,
          notes: accounts.notes,
          teamLevel: accounts.teamLevel,
          teamLevelAt: accounts.teamLevelAt,
          customerLevel: customerLevelNow,
          customerLevelAt: customerAnsweredAtNow,
          economicBuyerLevel: economicBuyerLevelNow,
          version: accounts.version,
          updatedAt: accounts.updatedAt,
          updatedByName: editor.name,
          archivedAt: accounts.archivedAt,
        })
        .from(accounts)
        .leftJoin(owner, eq(owner.id, accounts.ownerUserId))
        .leftJoin(editor, eq(editor.id, accounts.updatedByUserId))
        .where(and(eq(accounts.id, input.accountId)));
      if (!row) throw userError('NOT_FOUND', 'errors.accountNotFound');
      const followers = await ctx.tx
        .select({ userId: users.id, name: users.name })
        .from(accountFollowers)
        .innerJoin(users, eq(users.id, accountFollowers.userId))
        // People who have left the organization no longer count as followers.
        .innerJoin(memberships, and(eq(memberships.userId, accountFollowers.userId), isNull(memberships.removedAt)))
        .where(eq(accountFollowers.accountId, row.id))
        .orderBy(asc(users.name));
      return {
        ...row,
        ...levelsOf(row),
        customerRun: await currentCustomerRun(ctx.tx, row.id),
        followers,
        following: followers.some((f) => f.userId === ctx.user.id),
      };
    }),

  /**
   * An account's levels over time, for its history chart and table: the team's levels (each
   * closed assessment), the customer level as runs (null: no answer was fresh), and every
   * customer answer with who gave it and until when it counts. Oldest first; the newest
   * HISTORY_LIMIT team events and answers, `hasEarlier` when older ones exist.
   */
  levelHistory: orgProcedure('viewer')
    .input(accountIdInput)
    .query(async ({ ctx, input }) => {
      const [account] = await ctx.tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, input.accountId));
      if (!account) throw userError('NOT_FOUND', 'errors.accountNotFound');
      const months = await freshnessMonthsOf(ctx.tx);
      const [team, runs, answers] = await Promise.all([
        ctx.tx
          .select({ id: levelEvents.id, level: levelEvents.level, at: levelEvents.effectiveAt, recordedByName: editor.name, note: levelEvents.note })
          .from(levelEvents)
          .leftJoin(editor, eq(editor.id, levelEvents.recordedByUserId))
          .where(and(eq(levelEvents.accountId, account.id), eq(levelEvents.source, 'team')))
          .orderBy(desc(levelEvents.effectiveAt), desc(levelEvents.id))
          .limit(HISTORY_LIMIT + 1),
        ctx.tx
          .select({ level: customerLevelRuns.level, startsAt: customerLevelRuns.startsAt, endsAt: runEndsAt })
          .from(customerLevelRuns)
          .where(eq(customerLevelRuns.accountId, account.id))
          .orderBy(asc(customerLevelRuns.startsAt)),
        ctx.tx
          .select({
            id: confirmationAnswers.id,
            level: confirmationAnswers.level,
            at: confirmationAnswers.createdAt,
            stakeholderKey: respondentOfAnswer,
            contactName: contacts.name,
            respondentName: confirmationAnswers.respondentName,
            buyingRole: contacts.buyingRole,
            contactArchived: sql<boolean>`${contacts.archivedAt} is not null`,
          })
          .from(confirmationAnswers)
          .innerJoin(confirmationLinks, eq(confirmationLinks.id, confirmationAnswers.linkId))
          .leftJoin(contacts, eq(contacts.id, confirmationAnswers.contactId))
          .where(eq(confirmationAnswers.accountId, account.id))
          .orderBy(desc(confirmationAnswers.createdAt), desc(confirmationAnswers.id))
          .limit(HISTORY_LIMIT + 1),
      ]);
      return {
        freshnessMonths: months,
        team: team.slice(0, HISTORY_LIMIT).reverse(),
        runs,
        answers: answers
          .slice(0, HISTORY_LIMIT)
          .reverse()
          .map(({ contactName, respondentName, ...answer }) => ({
            ...answer,
            name: contactName ?? respondentName,
            countsUntil: answerExpiresAt(answer.at, months),
          })),
        hasEarlier: team.length > HISTORY_LIMIT || answers.length > HISTORY_LIMIT,
      };
    }),

  /** A page of the list, filtered and sorted in the database, with the total for the pager. */
  list: orgProcedure('viewer')
    .input(
      accountFiltersSchema.extend(sortSchema.shape).extend({
        page: z.int().min(1).max(100_000).default(1),
        pageSize: z.int().min(1).max(200).default(ACCOUNT_PAGE_SIZE),
      }),
    )
    .query(async ({ ctx, input }) => {
      const where = filterConditions(input);
      // The page's ids first, then their columns: rows skipped by the offset never compute the
      // levels they do not show (a deep page would otherwise pay for every row before it).
      const page = ctx.tx
        .select({ id: accounts.id })
        .from(accounts)
        .where(where)
        .orderBy(...sortOrder(input.sort, input.direction))
        .limit(input.pageSize)
        .offset((input.page - 1) * input.pageSize)
        .as('page');
      const [rows, [total], [anyAccount]] = await Promise.all([
        ctx.tx
          .select(listColumns)
          .from(accounts)
          .innerJoin(page, eq(page.id, accounts.id))
          .leftJoin(owner, eq(owner.id, accounts.ownerUserId))
          .orderBy(...sortOrder(input.sort, input.direction)),
        ctx.tx.select({ n: count() }).from(accounts).where(where),
        // Tells "no accounts at all" (offer to add or import) from "nothing matches the filters".
        ctx.tx.select({ id: accounts.id }).from(accounts).limit(1),
      ]);
      return {
        rows: rows.map((row) => ({ ...row, ...levelsOf(row) })),
        total: total?.n ?? 0,
        page: input.page,
        pageSize: input.pageSize,
        hasAnyAccount: Boolean(anyAccount),
      };
    }),

  /** Choices for the list's filters and the owner picker: members and the segments in use. */
  filterOptions: orgProcedure('viewer').query(async ({ ctx }) => {
    const [owners, segments] = await Promise.all([
      ctx.tx
        .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(isNull(memberships.removedAt))
        .orderBy(asc(users.name)),
      ctx.tx
        .select({ segment: accounts.segment, accounts: count() })
        .from(accounts)
        .where(and(isNull(accounts.archivedAt), isNotNull(accounts.segment)))
        .groupBy(accounts.segment)
        .orderBy(asc(accounts.segment)),
    ]);
    return {
      owners,
      segments: segments.map((s) => ({ segment: s.segment!, accounts: s.accounts })),
      currencies: COMMON_CURRENCIES,
    };
  }),

  create: orgProcedure('member')
    .input(accountFieldsSchema)
    .mutation(async ({ ctx, input }) => {
      await assertMember(ctx.tx, input.ownerUserId);
      await assertDomainFree(ctx.tx, input.domain);
      const values = toStored(input);
      const [created] = await ctx.tx
        .insert(accounts)
        .values({ orgId: ctx.org.id, ...values, updatedByUserId: ctx.user.id })
        .returning({ id: accounts.id, version: accounts.version })
        .catch((error: unknown) => {
          if (isUniqueViolation(error)) throw userError('CONFLICT', 'errors.accountDomainTaken', { domain: values.domain ?? '', name: values.name });
          throw error;
        });
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: 'account.created',
        entityType: 'account',
        entityId: created!.id,
        accountId: created!.id,
        after: values,
      });
      await publishAccountEvent(ctx.tx, ctx.org.id, { type: 'account.changed', accountId: created!.id, actorUserId: ctx.user.id });
      return created!;
    }),

  /**
   * Saves the fields as the form shows them. `version` is the version the form was opened
   * with: if a teammate saved in between, nothing is written and the answer names them.
   */
  update: orgProcedure('member')
    .input(accountIdInput.extend({ version: versionSchema }).extend(accountFieldsSchema.shape))
    .mutation(async ({ ctx, input }) => {
      const current = await loadForEdit(ctx.tx, input.accountId);
      if (current.archivedAt) throw userError('CONFLICT', 'errors.accountArchived');
      if (current.version !== input.version) throw await conflictFromEditor(ctx.tx, current.updatedByUserId);
      const before: AccountValues = current;
      const after = toStored(input);
      const diff = auditDiff(before, after);
      if (diff.changed.length === 0) return { id: current.id, version: current.version };
      if (after.ownerUserId !== before.ownerUserId) await assertMember(ctx.tx, after.ownerUserId);
      if (after.domain !== before.domain) await assertDomainFree(ctx.tx, after.domain, current.id);
      const [updated] = await ctx.tx
        .update(accounts)
        .set({ ...after, version: sql`${accounts.version} + 1`, updatedByUserId: ctx.user.id })
        .where(and(eq(accounts.id, current.id), eq(accounts.version, input.version)))
        .returning({ id: accounts.id, version: accounts.version })
        .catch((error: unknown) => {
          if (isUniqueViolation(error)) throw userError('CONFLICT', 'errors.accountDomainTaken', { domain: after.domain ?? '', name: after.name });
          throw error;
        });
      if (!updated) throw await conflictFromEditor(ctx.tx, current.updatedByUserId);
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: 'account.updated',
        entityType: 'account',
        entityId: current.id,
        accountId: current.id,
        before: diff.before,
        after: diff.after,
      });
      await publishAccountEvent(ctx.tx, ctx.org.id, { type: 'account.changed', accountId: current.id, actorUserId: ctx.user.id });
      return updated;
    }),

  /** Takes the account out of lists; its history, contacts and assessments stay. */
  archive: orgProcedure('member')
    .input(accountIdInput)
    .mutation(async ({ ctx, input }) => {
      const current = await loadForEdit(ctx.tx, input.accountId);
      if (current.archivedAt) return { id: current.id, version: current.version, archivedAt: current.archivedAt };
      const [updated] = await ctx.tx
        .update(accounts)
        .set({ archivedAt: new Date(), version: sql`${accounts.version} + 1`, updatedByUserId: ctx.user.id })
        .where(eq(accounts.id, current.id))
        .returning({ id: accounts.id, version: accounts.version, archivedAt: accounts.archivedAt });
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: 'account.archived',
        entityType: 'account',
        entityId: current.id,
        accountId: current.id,
        before: { archivedAt: null },
        after: { archivedAt: updated!.archivedAt },
      });
      await publishAccountEvent(ctx.tx, ctx.org.id, { type: 'account.changed', accountId: current.id, actorUserId: ctx.user.id });
      return updated!;
    }),

  /** Brings an archived account back, unless another active account has taken its domain meanwhile. */
  unarchive: orgProcedure('member')
    .input(accountIdInput)
    .mutation(async ({ ctx, input }) => {
      const current = await loadForEdit(ctx.tx, input.accountId);
      if (!current.archivedAt) return { id: current.id, version: current.version };
      await assertDomainFree(ctx.tx, current.domain, current.id);
      const [updated] = await ctx.tx
        .update(accounts)
        .set({ archivedAt: null, version: sql`${accounts.version} + 1`, updatedByUserId: ctx.user.id })
        .where(eq(accounts.id, current.id))
        .returning({ id: accounts.id, version: accounts.version });
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: 'account.unarchived',
        entityType: 'account',
        entityId: current.id,
        accountId: current.id,
        before: { archivedAt: current.archivedAt },
        after: { archivedAt: null },
      });
      await publishAccountEvent(ctx.tx, ctx.org.id, { type: 'account.changed', accountId: current.id, actorUserId: ctx.user.id });
      return updated!;
    }),

  /** Following an account puts you on its assessments' default voter list. */
  follow: orgProcedure('member')
    .input(accountIdInput)
    .mutation(async ({ ctx, input }) => {
      const [account] = await ctx.tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, input.accountId));
      if (!account) throw userError('NOT_FOUND', 'errors.accountNotFound');
      const inserted = await ctx.tx
        .insert(accountFollowers)
        .values({ orgId: ctx.org.id, accountId: account.id, userId: ctx.user.id })
        .onConflictDoNothing()
        .returning({ id: accountFollowers.id });
      if (inserted.length > 0) {
        await recordAudit(ctx.tx, { orgId: ctx.org.id, actorUserId: ctx.user.id, action: 'account.followed', entityType: 'account', entityId: account.id, accountId: account.id });
        await publishAccountEvent(ctx.tx, ctx.org.id, { type: 'account.changed', accountId: account.id, actorUserId: ctx.user.id });
      }
      return { following: true };
    }),

  unfollow: orgProcedure('member')
    .input(accountIdInput)
    .mutation(async ({ ctx, input }) => {
      const [account] = await ctx.tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, input.accountId));
      if (!account) throw userError('NOT_FOUND', 'errors.accountNotFound');
      const removed = await ctx.tx
        .delete(accountFollowers)
        .where(and(eq(accountFollowers.accountId, account.id), eq(accountFollowers.userId, ctx.user.id)))
        .returning({ id: accountFollowers.id });
      if (removed.length > 0) {
        await recordAudit(ctx.tx, { orgId: ctx.org.id, actorUserId: ctx.user.id, action: 'account.unfollowed', entityType: 'account', entityId: account.id, accountId: account.id });
        await publishAccountEvent(ctx.tx, ctx.org.id, { type: 'account.changed', accountId: account.id, actorUserId: ctx.user.id });
      }
      return { following: false };
    }),

  /**
   * The (filtered, sorted) list as CSV with the current levels, for Excel: UTF-8 with a byte
   * order mark, and in Swedish a semicolon between fields and a decimal comma, as Swedish Excel expects.
   */
  exportCsv: orgProcedure('viewer')
    .input(accountFiltersSchema.extend(sortSchema.shape))
    .mutation(async ({ ctx, input }) => {
      const rows = await ctx.tx
        .select(listColumns)
        .from(accounts)
        .leftJoin(owner, eq(owner.id, accounts.ownerUserId))
        .where(filterConditions(input))
        .orderBy(...sortOrder(input.sort, input.direction));
      const t = createTranslator({ locale: ctx.locale, messages: messages[ctx.locale], namespace: 'accounts.export.columns' });
      const swedish = ctx.locale === 'sv';
      const amount = (value: string | null) => (value === null ? null : swedish ? value.replace('.', ',') : value);
      const header = [
        t('name'),
        t('domain'),
        t('segment'),
        t('owner'),
        t('ownerEmail'),
        t('teamLevel'),
        t('customerLevel'),
        t('effectiveLevel'),
        t('effectiveSource'),
        t('gap'),
        t('economicBuyerDissent'),
        t('targetLevel'),
        t('targetDate'),
        t('annualRevenue'),
        t('currency'),
        t('lastAssessed'),
        t('customerConfirmed'),
        t('archived'),
      ];
      const body = rows.map((row) => {
        const levels = levelsOf(row);
        return [
          row.name,
          row.domain,
          row.segment,
          row.ownerName,
          row.ownerEmail,
          row.teamLevel,
          row.customerLevel,
          levels.effectiveLevel,
          levels.effectiveSource ? t(`source.${levels.effectiveSource}`) : null,
          levels.gap,
          levels.economicBuyerDissent ? t('yes') : null,
          row.targetLevel,
          row.targetDate,
          amount(row.annualRevenue),
          row.currency,
          exportDate(row.teamLevelAt),
          exportDate(row.customerLevelAt),
          exportDate(row.archivedAt),
        ];
      });
      const csv = toCsv([header, ...body], { delimiter: swedish ? ';' : ',', bom: true });
      return { fileName: `${ctx.org.slug}-accounts-${new Date().toISOString().slice(0, 10)}.csv`, csv, rowCount: rows.length };
    }),

  /** Reads and checks a CSV file without writing anything: what would happen to every row. */
  importPreview: orgProcedure('member')
    .input(importInput)
    .mutation(async ({ ctx, input }) => {
      const { file, plan } = await planFromInput(ctx.tx, input);
      return { headers: file.headers, delimiter: file.delimiter, ...reportOf(plan) };
    }),

  /**
   * Imports a CSV file in one transaction: every row goes in, or (when any row is invalid)
   * nothing does and the rows' problems come back. Set-based: the existing accounts are read
   * once, new ones are inserted and changed ones updated 500 to a statement.
   */
  importCommit: orgProcedure('member')
    .input(importInput.extend({ fileName: z.string().trim().min(1).max(255).default('import.csv') }))
    .mutation(async ({ ctx, input }) => {
      const { plan, existing } = await planFromInput(ctx.tx, input);
      const report = reportOf(plan);
      if (plan.counts.invalid > 0) return { status: 'invalid' as const, importId: null, ...report };

      const importId = uuidv7();
      const now = new Date();
      const creates = plan.rows.filter((row) => row.outcome === 'create').map((row) => ({ ...row, id: uuidv7() }));
      const updates = plan.rows.filter((row) => row.outcome === 'update');

      try {
        for (const chunk of chunks(creates)) {
          await ctx.tx.insert(accounts).values(chunk.map((row) => ({ orgId: ctx.org.id, id: row.id, ...row.values!, updatedByUserId: ctx.user.id })));
        }
        await updateAccountsInBulk(
          ctx.tx,
          ctx.org.id,
          ctx.user.id,
          updates.map((row) => ({ id: row.accountId!, version: existing.get(row.accountId!)!.version, values: row.values! })),
        );
      } catch (error) {
        if (isUniqueViolation(error)) throw userError('CONFLICT', 'errors.importConflict');
        throw error;
      }

      const audits = [
        ...creates.map((row) => ({
          orgId: ctx.org.id,
          actorUserId: ctx.user.id,
          action: 'account.created',
          entityType: 'account',
          entityId: row.id,
          accountId: row.id,
          after: { ...row.values, importId },
          createdAt: now,
        })),
        ...updates.map((row) => {
          const diff = auditDiff(existing.get(row.accountId!)!, row.values!);
          return {
            orgId: ctx.org.id,
            actorUserId: ctx.user.id,
            action: 'account.updated',
            entityType: 'account',
            entityId: row.accountId!,
            accountId: row.accountId!,
            before: diff.before,
            after: { ...diff.after, importId },
            createdAt: now,
          };
        }),
      ];
      for (const chunk of chunks(audits)) await ctx.tx.insert(auditEvents).values(chunk);
      await publishChangedInBulk(ctx.tx, ctx.org.id, ctx.user.id, updates.map((row) => row.accountId!));

      const createdIds = new Map(creates.map((row) => [row.line, row.id]));
      const summaryRows = report.rows.map((row) => ({ ...row, accountId: row.accountId ?? createdIds.get(row.line) ?? null }));
      await ctx.tx.insert(accountImports).values({
        orgId: ctx.org.id,
        id: importId,
        createdByUserId: ctx.user.id,
        fileName: input.fileName,
        totalRows: plan.rows.length,
        summary: { mode: input.mode, mapping: input.mapping, counts: plan.counts, rows: summaryRows },
      });
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: 'account.imported',
        entityType: 'account_import',
        entityId: importId,
        after: { fileName: input.fileName, ...plan.counts },
      });
      return { status: 'imported' as const, importId, counts: report.counts, rows: summaryRows };
    }),

  /** Past imports, newest first, with their counts (the per-row details stay in the record). */
  imports: orgProcedure('viewer').query(async ({ ctx }) => {
    const rows = await ctx.tx
      .select({
        id: accountImports.id,
        fileName: accountImports.fileName,
        totalRows: accountImports.totalRows,
        counts: sql<Record<string, number>>`${accountImports.summary} -> 'counts'`,
        createdAt: accountImports.createdAt,
        createdByName: users.name,
      })
      .from(accountImports)
      .innerJoin(users, eq(users.id, accountImports.createdByUserId))
      .orderBy(desc(accountImports.createdAt))
      .limit(20);
    return rows;
  }),
});
