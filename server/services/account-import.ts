import 'server-only';
import { asc, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { uuidv7 } from '@/db/ids';
import { accountImports, accounts, auditEvents, memberships, users } from '@/db/schema';
import {
  checkMapping,
  planImport,
  type AccountValues,
  type ColumnMapping,
  type ImportPlan,
  type PlannedRow,
} from '../domain/account-import';
import { isUniqueViolation, userError } from '../api/errors';
import { chunks, parseImportFile } from './import-file';
import type { AccountImportInput } from '../inputs/accounts';
import { EVENTS_CHANNEL } from '../runtime/events';
import { auditDiff, editableColumns } from './account-fields';
import { recordAudit } from './audit';

/**
 * CSV import of accounts: the rules of what happens to each row are pure
 * (server/domain/account-import.ts); this is the reading and writing around them.
 */

/** Parses, checks the mapping, loads members and active accounts once, and plans every row. */
async function planFromInput(tx: Tx, input: AccountImportInput) {
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
    tx.select(editableColumns).from(accounts).where(isNull(accounts.archivedAt)).orderBy(asc(accounts.id)),
  ]);
  const plan = planImport({
    headers: file.headers,
    rows: file.rows,
    mapping,
    mode: input.mode,
    defaultCurrency: input.defaultCurrency,
    ownerChoices: input.ownerChoices,
    members,
    existing,
  });
  return { file, plan, members, existing: new Map(existing.map((a) => [a.id, a])) };
}

/** What the client shows per row: the plan without the values to write. */
function reportOf(plan: ImportPlan) {
  return {
    counts: plan.counts,
    unmatchedOwners: plan.unmatchedOwners,
    rows: plan.rows.map(({ line, outcome, name, accountId, issues, changes }: PlannedRow) => ({
      line,
      outcome,
      name,
      accountId,
      issues,
      changes,
    })),
  };
}

/**
 * One UPDATE per chunk of 500 accounts, joined to a VALUES list; each row names the version
 * the plan read, so an account someone edited meanwhile is not overwritten (the import stops).
 */
async function updateAccountsInBulk(
  tx: Tx,
  orgId: string,
  actorUserId: string,
  rows: Array<{ id: string; version: number; values: AccountValues }>,
) {
  for (const chunk of chunks(rows)) {
    const values = sql.join(
      chunk.map(
        ({ id, version, values: v }) =>
          sql`(${id}::uuid, ${version}::int, ${v.name}::text, ${v.domain}::text, ${v.externalId}::text, ${v.segment}::text, ${v.ownerUserId}::uuid, ${v.annualRevenue}::numeric, ${v.currency}::text, ${v.targetLevel}::smallint, ${v.targetDate}::date, ${v.notes}::text)`,
      ),
      sql`, `,
    );
    const result: unknown = await tx.execute(sql`
      update accounts as a set
        name = v.name, domain = v.domain, external_id = v.external_id, segment = v.segment, owner_user_id = v.owner_user_id,
        annual_revenue = v.annual_revenue, currency = v.currency, target_level = v.target_level,
        target_date = v.target_date, notes = v.notes,
        version = a.version + 1, updated_by_user_id = ${actorUserId}::uuid, updated_at = now()
      from (values ${values}) as v(id, version, name, domain, external_id, segment, owner_user_id, annual_revenue, currency, target_level, target_date, notes)
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
    await tx.execute(
      sql`select pg_notify(${EVENTS_CHANNEL}, p) from unnest(${sql`array[${sql.join(
        payloads.map((p) => sql`${p}::text`),
        sql`, `,
      )}]`}) as p`,
    );
  }
}

/** What would happen to every row, without writing anything. */
export async function previewImport(tx: Tx, input: AccountImportInput) {
  const { file, plan, members } = await planFromInput(tx, input);
  return {
    headers: file.headers,
    delimiter: file.delimiter,
    ...reportOf(plan),
    // Who an unmatched owner can be mapped to; only asked for when some owner is unmatched.
    members:
      plan.unmatchedOwners.length === 0 && Object.keys(input.ownerChoices).length === 0
        ? []
        : members.map(({ userId, name, email }) => ({ userId, name, email })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/**
 * Imports in the caller's transaction: every row goes in, or (when any row is invalid) nothing
 * does and the rows' problems come back; unless the person chose to skip the invalid rows after
 * seeing them listed, when the valid rows go in and the invalid ones are reported as left out. Set-based: the existing accounts are read once, new
 * ones are inserted and changed ones updated 500 to a statement.
 *
 * One import at a time per organization: rows without a domain are matched by name, which no
 * unique index guards, so two imports planned from the same read would both create them. The
 * lock is taken before the plan reads the accounts and held until the transaction ends, so the
 * later import reads what the earlier one wrote.
 */
export async function commitImport(tx: Tx, actor: { orgId: string; userId: string }, input: AccountImportInput & { fileName: string }) {
  const { orgId, userId } = actor;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`rung:account-import:${orgId}`}))`);
  const { plan, existing } = await planFromInput(tx, input);
  const report = reportOf(plan);
  if (plan.counts.invalid > 0 && !input.skipInvalid) return { status: 'invalid' as const, importId: null, ...report };

  const importId = uuidv7();
  const now = new Date();
  const creates = plan.rows.filter((row) => row.outcome === 'create').map((row) => ({ ...row, id: uuidv7() }));
  const updates = plan.rows.filter((row) => row.outcome === 'update');

  try {
    for (const chunk of chunks(creates)) {
      await tx.insert(accounts).values(chunk.map((row) => ({ orgId, id: row.id, ...row.values!, updatedByUserId: userId })));
    }
    await updateAccountsInBulk(
      tx,
      orgId,
      userId,
      updates.map((row) => ({ id: row.accountId!, version: existing.get(row.accountId!)!.version, values: row.values! })),
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw userError('CONFLICT', 'errors.importConflict');
    throw error;
  }

  const audits = [
    ...creates.map((row) => ({
      orgId,
      actorUserId: userId,
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
        orgId,
        actorUserId: userId,
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
  for (const chunk of chunks(audits)) await tx.insert(auditEvents).values(chunk);
  await publishChangedInBulk(
    tx,
    orgId,
    userId,
    updates.map((row) => row.accountId!),
  );

  const createdIds = new Map(creates.map((row) => [row.line, row.id]));
  const summaryRows = report.rows.map((row) => ({ ...row, accountId: row.accountId ?? createdIds.get(row.line) ?? null }));
  await tx.insert(accountImports).values({
    orgId,
    id: importId,
    createdByUserId: userId,
    fileName: input.fileName,
    totalRows: plan.rows.length,
    summary: { mode: input.mode, mapping: input.mapping, skipInvalid: input.skipInvalid, counts: plan.counts, rows: summaryRows },
  });
  await recordAudit(tx, {
    orgId,
    actorUserId: userId,
    action: 'account.imported',
    entityType: 'account_import',
    entityId: importId,
    after: { fileName: input.fileName, ...plan.counts },
  });
  return { status: 'imported' as const, importId, counts: report.counts, unmatchedOwners: report.unmatchedOwners, rows: summaryRows };
}
