import 'server-only';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { uuidv7 } from '@/db/ids';
import { accounts, auditEvents, contacts } from '@/db/schema';
import {
  checkContactMapping,
  planContactImport,
  type ContactImportPlan,
  type ContactValues,
  type PlannedContactRow,
} from '../domain/contact-import';
import { userError } from '../api/errors';
import type { ContactImportInput } from '../inputs/accounts';
import { EVENTS_CHANNEL } from '../runtime/events';
import { recordAudit } from './audit';
import { chunks, parseImportFile } from './import-file';

/**
 * CSV import of contacts: the rules are pure (server/domain/contact-import.ts); this reads the
 * organization's active accounts and contacts once, plans, and writes set-based. Every read goes
 * through the caller's ctx.tx, so row-level security keeps another organization's accounts out
 * of reach whatever the file names.
 */

async function planFromInput(tx: Tx, input: ContactImportInput) {
  const file = parseImportFile(input.csv);
  const problem = checkContactMapping(input.mapping, file.headers.length);
  if (problem === 'contactNameColumnMissing') throw userError('BAD_REQUEST', 'errors.contactImportNameColumnMissing');
  if (problem === 'accountColumnMissing') throw userError('BAD_REQUEST', 'errors.contactImportAccountColumnMissing');
  if (problem === 'columnUsedTwice') throw userError('BAD_REQUEST', 'errors.importColumnUsedTwice');
  if (problem) throw userError('BAD_REQUEST', 'errors.invalidInput');
  const [activeAccounts, activeContacts] = await Promise.all([
    tx
      .select({ id: accounts.id, name: accounts.name, domain: accounts.domain, externalId: accounts.externalId })
      .from(accounts)
      .where(isNull(accounts.archivedAt))
      .orderBy(asc(accounts.id)),
    tx
      .select({
        id: contacts.id,
        accountId: contacts.accountId,
        name: contacts.name,
        email: contacts.email,
        title: contacts.title,
        buyingRole: contacts.buyingRole,
        language: contacts.language,
        version: contacts.version,
      })
      .from(contacts)
      .innerJoin(accounts, and(eq(accounts.orgId, contacts.orgId), eq(accounts.id, contacts.accountId)))
      .where(and(isNull(contacts.archivedAt), isNull(accounts.archivedAt)))
      .orderBy(asc(contacts.id)),
  ]);
  const plan = planContactImport({
    rows: file.rows,
    mapping: input.mapping,
    mode: input.mode,
    accounts: activeAccounts,
    contacts: activeContacts,
  });
  return { file, plan, existing: new Map(activeContacts.map((contact) => [contact.id, contact])) };
}

function reportOf(plan: ContactImportPlan) {
  return {
    counts: plan.counts,
    rows: plan.rows.map(({ line, outcome, name, accountId, accountName, contactId, issues, changes }: PlannedContactRow) => ({
      line,
      outcome,
      name,
      accountId,
      accountName,
      contactId,
      issues,
      changes,
    })),
  };
}

/** What would happen to every row, without writing anything. */
export async function previewContactImport(tx: Tx, input: ContactImportInput) {
  const { file, plan } = await planFromInput(tx, input);
  return { headers: file.headers, delimiter: file.delimiter, ...reportOf(plan) };
}

async function updateContactsInBulk(tx: Tx, orgId: string, rows: Array<{ id: string; version: number; values: ContactValues }>) {
  for (const chunk of chunks(rows)) {
    const values = sql.join(
      chunk.map(
        ({ id, version, values: v }) =>
          sql`(${id}::uuid, ${version}::int, ${v.name}::text, ${v.email}::text, ${v.title}::text, ${v.buyingRole}::buying_role, ${v.language}::text)`,
      ),
      sql`, `,
    );
    const result: unknown = await tx.execute(sql`
      update contacts as c set
        name = v.name, email = v.email, title = v.title, buying_role = v.buying_role, language = v.language,
        version = c.version + 1, updated_at = now()
      from (values ${values}) as v(id, version, name, email, title, buying_role, language)
      where c.org_id = ${orgId}::uuid and c.id = v.id and c.version = v.version and c.archived_at is null
      returning c.id`);
    const updated = Array.isArray(result) ? result.length : ((result as { rows?: unknown[] }).rows?.length ?? 0);
    if (updated !== chunk.length) throw userError('CONFLICT', 'errors.importConflict');
  }
}

/** One NOTIFY per account whose people changed, so open account pages refetch their contacts. */
async function publishContactsChanged(tx: Tx, orgId: string, actorUserId: string, accountIds: readonly string[]) {
  for (const chunk of chunks(accountIds)) {
    const payloads = chunk.map((accountId) => JSON.stringify({ orgId, type: 'contact.changed', accountId, actorUserId }));
    await tx.execute(
      sql`select pg_notify(${EVENTS_CHANNEL}, p) from unnest(${sql`array[${sql.join(
        payloads.map((p) => sql`${p}::text`),
        sql`, `,
      )}]`}) as p`,
    );
  }
}

/**
 * Imports in the caller's transaction: all rows or none (unless the person chose to skip the
 * invalid ones after seeing them). One contacts import at a time per organization, for the
 * same reason as accounts: two imports planned from one read would both create the same people.
 */
export async function commitContactImport(
  tx: Tx,
  actor: { orgId: string; userId: string },
  input: ContactImportInput & { fileName: string },
) {
  const { orgId, userId } = actor;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`rung:contact-import:${orgId}`}))`);
  const { plan, existing } = await planFromInput(tx, input);
  const report = reportOf(plan);
  if (plan.counts.invalid > 0 && !input.skipInvalid) return { status: 'invalid' as const, importId: null, ...report };

  const importId = uuidv7();
  const now = new Date();
  const creates = plan.rows.filter((row) => row.outcome === 'create').map((row) => ({ ...row, id: uuidv7() }));
  const updates = plan.rows.filter((row) => row.outcome === 'update');

  for (const chunk of chunks(creates)) {
    await tx.insert(contacts).values(chunk.map((row) => ({ orgId, id: row.id, accountId: row.accountId!, ...row.values! })));
  }
  await updateContactsInBulk(
    tx,
    orgId,
    updates.map((row) => ({ id: row.contactId!, version: existing.get(row.contactId!)!.version, values: row.values! })),
  );

  const audits = [
    ...creates.map((row) => ({
      orgId,
      actorUserId: userId,
      action: 'contact.created',
      entityType: 'contact',
      entityId: row.id,
      accountId: row.accountId!,
      after: { ...row.values, importId },
      createdAt: now,
    })),
    ...updates.map((row) => {
      const before = existing.get(row.contactId!)!;
      return {
        orgId,
        actorUserId: userId,
        action: 'contact.updated',
        entityType: 'contact',
        entityId: row.contactId!,
        accountId: row.accountId!,
        before: Object.fromEntries(row.changes.map((field) => [field, before[field]])),
        after: { ...Object.fromEntries(row.changes.map((field) => [field, row.values![field]])), importId },
        createdAt: now,
      };
    }),
  ];
  for (const chunk of chunks(audits)) await tx.insert(auditEvents).values(chunk);
  const changedAccounts = [...new Set([...creates, ...updates].map((row) => row.accountId!))];
  await publishContactsChanged(tx, orgId, userId, changedAccounts);
  await recordAudit(tx, {
    orgId,
    actorUserId: userId,
    action: 'contact.imported',
    entityType: 'contact_import',
    entityId: importId,
    after: { fileName: input.fileName, ...plan.counts },
  });

  const createdIds = new Map(creates.map((row) => [row.line, row.id]));
  const rows = report.rows.map((row) => ({ ...row, contactId: row.contactId ?? createdIds.get(row.line) ?? null }));
  return { status: 'imported' as const, importId, counts: report.counts, rows };
}
