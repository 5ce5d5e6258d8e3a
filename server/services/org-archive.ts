import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Db, Queryable, Tx } from '@/db/client';
import { withOrg } from '@/db/tenant';
import { hashToken, newToken } from '../adapters/tokens';
import { tenantTables } from './tenant-tables';

/*
 * One organization as one JSON document, and back. Every value travels as PostgreSQL's own text
 * form of it (`value::text`, with the time zone and date style pinned to UTC and ISO), so that
 * importing casts the same text back to the column's type: timestamps keep their microseconds,
 * numerics their digits, arrays and JSON their exact content. The tables are found in the
 * database (every table of the public schema with an org_id column), so a new tenant table is
 * exported without this file changing.
 */

const ARCHIVE_FORMAT = 1;

/** One row: column name to PostgreSQL's text form of the value, null for SQL null. */
type ArchiveRow = Record<string, string | null>;

export interface OrganizationArchive {
  format: number;
  exportedAt: string;
  organization: ArchiveRow;
  /** Everyone the organization's rows name: id, name, email and timestamps; never a password hash. */
  users: ArchiveRow[];
  /** Tenant tables in foreign-key order (a table comes after every table it refers to). */
  tables: Record<string, ArchiveRow[]>;
}

export class ArchiveError extends Error {}

/* A link's token hash would open the link on the instance it came from; the archive leaves it out. */
const TOKEN_HASH = 'token_hash';
const LEFT_OUT: Record<string, string[]> = { users: ['password_hash'] };

type Column = {
  name: string;
  type: string;
  notNull: boolean;
};

async function query<T extends Record<string, unknown>>(db: Queryable, statement: SQL): Promise<T[]> {
  const result: unknown = await db.execute(statement);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

const ident = (name: string) => sql.raw(`"${name.replace(/"/g, '""')}"`);

async function pinTextForms(db: Queryable) {
  await db.execute(sql`select set_config('timezone', 'UTC', true), set_config('datestyle', 'ISO, YMD', true)`);
}

async function columnsOf(db: Queryable, table: string): Promise<Column[]> {
  const columns = await query<Column>(
    db,
    sql`select a.attname as name, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as "notNull"
          from pg_attribute a
         where a.attrelid = ${`public.${table}`}::regclass and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
         order by a.attnum`,
  );
  const leftOut = LEFT_OUT[table] ?? [];
  return columns.filter((c) => !leftOut.includes(c.name));
}

/** The rows `where` selects, every value as text; token hashes come out null. */
async function textRows(db: Queryable, table: string, columns: Column[], where: SQL): Promise<ArchiveRow[]> {
  const values = sql.join(
    columns.map((c) => (c.name === TOKEN_HASH ? sql`null::text as ${ident(c.name)}` : sql`${ident(c.name)}::text as ${ident(c.name)}`)),
    sql`, `,
  );
  const order = columns.some((c) => c.name === 'id') ? sql`order by "id"` : sql``;
  const [row] = await query<{ rows: string }>(
    db,
    sql`select coalesce(json_agg(x), '[]')::text as rows from (select ${values} from ${ident(table)} where ${where} ${order}) x`,
  );
  return JSON.parse(row!.rows) as ArchiveRow[];
}

/** Column names of the other tables that refer to users: the people an organization's rows name. */
async function userReferences(db: Queryable): Promise<Array<{ table: string; column: string }>> {
  return query(
    db,
    sql`select c.relname as "table", a.attname as "column" from pg_constraint k
          join pg_class c on c.oid = k.conrelid
          join pg_namespace n on n.oid = c.relnamespace
          join lateral unnest(k.conkey) as key(attnum) on true
          join pg_attribute a on a.attrelid = c.oid and a.attnum = key.attnum
         where k.contype = 'f' and n.nspname = 'public' and k.confrelid = 'public.users'::regclass`,
  );
}

/**
 * Everything of one organization, read through withOrg: row-level security guarantees that no
 * other organization's row reaches the archive, and shows the organization's own row and the
 * people who are or were its members (membership rows are never deleted, so that is everyone its
 * rows name).
 */
export async function exportOrganization(db: Db, orgId: string): Promise<OrganizationArchive> {
  // The tables are read one after the other while people keep working: one repeatable-read
  // snapshot makes the archive the organization at one moment, never a comment whose account
  // was read before it existed. Read only, so the export cannot change what it reads.
  return withOrg(db, orgId, (tx) => exportCurrentOrganization(tx, orgId), { isolationLevel: 'repeatable read', accessMode: 'read only' });
}

async function exportCurrentOrganization(tx: Tx, orgId: string): Promise<OrganizationArchive> {
  await pinTextForms(tx);
  const exportedAt = (await query<{ now: string }>(tx, sql`select now()::text as now`))[0]!.now;
  const tables: Record<string, ArchiveRow[]> = {};
  for (const table of await tenantTables(tx))
    tables[table] = await textRows(tx, table, await columnsOf(tx, table), sql`org_id = ${orgId}::uuid`);

  const [organization] = await textRows(tx, 'organizations', await columnsOf(tx, 'organizations'), sql`id = ${orgId}::uuid`);
  if (!organization) throw new ArchiveError(`No organization has the id ${orgId}.`);
  const userIds = new Set<string>();
  for (const { table, column } of await userReferences(tx))
    for (const row of tables[table] ?? []) if (row[column]) userIds.add(row[column]);
  const ids = [...userIds];
  const users = ids.length ? await textRows(tx, 'users', await columnsOf(tx, 'users'), sql`id = any(${`{${ids.join(',')}}`}::uuid[])`) : [];
  const missing = ids.filter((id) => !users.some((user) => user.id === id));
  if (missing.length) throw new ArchiveError(`The organization's rows name people who are not its members: ${missing.join(', ')}.`);
  return { format: ARCHIVE_FORMAT, exportedAt, organization, users, tables };
}

async function insertRows(db: Queryable, table: string, rows: ArchiveRow[]) {
  if (rows.length === 0) return;
  const columns = new Map((await columnsOf(db, table)).map((c) => [c.name, c]));
  const names = Object.keys(rows[0]!);
  for (const name of names) if (!columns.has(name)) throw new ArchiveError(`This instance's ${table} table has no column ${name}.`);
  const casts = sql.join(
    names.map((name) => sql`(r ->> ${name})::${sql.raw(columns.get(name)!.type)}`),
    sql`, `,
  );
  // Links open by their token's hash, which the archive does not carry. The column admits no
  // null, so each link gets the hash of a fresh random token nobody ever saw: it exists, and no
  // link will ever open it. The organization sends new links from the imported instance.
  const filled = rows.map((row) =>
    TOKEN_HASH in row && row[TOKEN_HASH] === null && columns.get(TOKEN_HASH)!.notNull
      ? { ...row, [TOKEN_HASH]: hashToken(newToken()) }
      : row,
  );
  for (let start = 0; start < filled.length; start += 1000) {
    const chunk = JSON.stringify(filled.slice(start, start + 1000));
    await db.execute(
      sql`insert into ${ident(table)} (${sql.join(names.map(ident), sql`, `)}) select ${casts} from json_array_elements(${chunk}::json) r`,
    );
  }
}

/**
 * Recreates an archived organization in a database that does not hold it, ids and all, in one
 * transaction: its people that this database lacks (without passwords: they sign in by resetting
 * theirs, or through OIDC), the organization, then every tenant table in foreign-key order.
 * Returns how many rows each table received.
 */
export async function importOrganization(db: Db, archive: OrganizationArchive): Promise<Record<string, number>> {
  if (archive.format !== ARCHIVE_FORMAT) throw new ArchiveError(`This is not an organization archive of format ${ARCHIVE_FORMAT}.`);
  const orgId = archive.organization.id!;
  for (const [table, rows] of Object.entries(archive.tables))
    if (rows.some((row) => row.org_id !== orgId)) throw new ArchiveError(`The archive's ${table} holds rows of another organization.`);

  return db.transaction(async (tx) => {
    await pinTextForms(tx);
    const [clash] = await query<{ id: string; slug: string }>(
      tx,
      sql`select id::text as id, slug from organizations where id = ${orgId}::uuid or slug = ${archive.organization.slug}`,
    );
    if (clash) throw new ArchiveError(`This database already holds the organization ${clash.slug} (${clash.id}).`);

    const newUsers: ArchiveRow[] = [];
    for (const user of archive.users) {
      const [found] = await query<{ id: string }>(
        tx,
        sql`select id::text as id from users where id = ${user.id}::uuid or lower(email) = lower(${user.email})`,
      );
      if (!found) newUsers.push(user);
      else if (found.id !== user.id)
        throw new ArchiveError(`Another person (${found.id}) already has the email ${user.email} of the archive's ${user.id}.`);
    }
    await insertRows(tx, 'users', newUsers);
    await insertRows(tx, 'organizations', [archive.organization]);

    const order = await tenantTables(tx);
    const unknown = Object.keys(archive.tables).filter((t) => !order.includes(t));
    if (unknown.length) throw new ArchiveError(`This instance has no table ${unknown.join(', ')}.`);
    const counts: Record<string, number> = { users: newUsers.length, organizations: 1 };
    for (const table of order) {
      const rows = archive.tables[table] ?? [];
      await insertRows(tx, table, rows);
      counts[table] = rows.length;
    }
    return counts;
  });
}
