import 'server-only';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Queryable } from './client';

/*
 * withOrg (db/tenant.ts) switches every tenant transaction to the role `rung_app`, so the app
 * only works where that role exists, where the app's own user may switch to it, and where it
 * holds the grants the migrations gave it. A role lives in the cluster, not in the database: a
 * dump restored into a new cluster brings the grants but not the role, and the migrations that
 * created it are already recorded as applied. This module says what is missing, and creates it
 * for `npm run db:restore`.
 *
 * The expected grants are read from the migrations themselves, so a new tenant table's grant is
 * checked the moment its migration exists, with no second list to keep in step.
 */

const APP_ROLE = 'rung_app';

interface TableGrant {
  table: string;
  privileges: string[];
}

const GRANT_ON_TABLE = /^\s*GRANT\s+([A-Z][A-Z, ]*?)\s+ON\s+(?:TABLE\s+)?([a-z_][a-z0-9_]*)\s+TO\s+rung_app\s*;/gim;

/** Every table privilege the migrations in `folder` grant to rung_app, one entry per table. */
// The ignore comment keeps Turbopack from tracing the whole project into the build output.
export function expectedTableGrants(folder = path.join(/*turbopackIgnore: true*/ process.cwd(), 'db', 'migrations')): TableGrant[] {
  const byTable = new Map<string, Set<string>>();
  const files = readdirSync(folder)
    .filter((name) => name.endsWith('.sql'))
    .sort();
  for (const file of files) {
    for (const [, privileges, table] of readFileSync(path.join(folder, file), 'utf8').matchAll(GRANT_ON_TABLE)) {
      const granted = byTable.get(table!) ?? new Set<string>();
      for (const privilege of privileges!.split(',')) granted.add(privilege.trim().toUpperCase());
      byTable.set(table!, granted);
    }
  }
  return [...byTable].map(([table, privileges]) => ({ table, privileges: [...privileges] }));
}

async function rowsOf<T>(db: Queryable, query: ReturnType<typeof sql>): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

interface RoleState {
  user: string;
  exists: boolean;
  member: boolean;
  schemaUsage: boolean;
}

async function roleState(db: Queryable): Promise<RoleState> {
  const [state] = await rowsOf<RoleState>(
    db,
    sql`select current_user as "user",
               r.oid is not null as "exists",
               r.oid is not null and pg_has_role(current_user, r.oid, 'MEMBER') as "member",
               r.oid is not null and has_schema_privilege(r.oid, 'public', 'USAGE') as "schemaUsage"
          from (select 1) one left join pg_roles r on r.rolname = ${APP_ROLE}`,
  );
  return state!;
}

interface MissingGrant {
  table: string;
  privilege: string;
  tableExists: boolean;
}

/** The expected table privileges rung_app does not hold (the role must exist). */
async function missingTableGrants(db: Queryable, expected: TableGrant[]): Promise<MissingGrant[]> {
  const pairs = expected.flatMap(({ table, privileges }) => privileges.map((privilege) => ({ table, privilege })));
  return rowsOf<MissingGrant>(
    db,
    sql`select x.table, x.privilege, to_regclass(format('public.%I', x.table)) is not null as "tableExists"
          from jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) as x("table" text, privilege text)
         where case when to_regclass(format('public.%I', x.table)) is null then true
                    else not has_table_privilege(${APP_ROLE}, to_regclass(format('public.%I', x.table)), x.privilege) end`,
  );
}

/** "SELECT, INSERT on audit_events; SELECT on users" */
function describeGrants(missing: MissingGrant[]): string {
  const byTable = new Map<string, string[]>();
  for (const { table, privilege } of missing) byTable.set(table, [...(byTable.get(table) ?? []), privilege]);
  return [...byTable].map(([table, privileges]) => `${privileges.join(', ')} on ${table}`).join('; ');
}

/**
 * What the app's database lacks for withOrg to work, one phrase each; empty when all is in place.
 * A table that does not exist is named too: after migrations at start, every one must.
 */
export async function appRoleProblems(db: Queryable, expected = expectedTableGrants()): Promise<string[]> {
  const state = await roleState(db);
  if (!state.exists) return [`role "${APP_ROLE}" does not exist`];
  const problems: string[] = [];
  if (!state.member) problems.push(`user "${state.user}" may not switch to role "${APP_ROLE}" (GRANT ${APP_ROLE} TO "${state.user}")`);
  if (!state.schemaUsage) problems.push(`role "${APP_ROLE}" lacks USAGE on schema public`);
  const missing = await missingTableGrants(db, expected);
  const absent = missing.filter((grant) => !grant.tableExists);
  const ungranted = missing.filter((grant) => grant.tableExists);
  if (ungranted.length > 0) problems.push(`role "${APP_ROLE}" lacks ${describeGrants(ungranted)}`);
  if (absent.length > 0) problems.push(`tables missing: ${[...new Set(absent.map((grant) => grant.table))].join(', ')}`);
  return problems;
}

class AppRoleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AppRoleError';
  }
}

/**
 * Creates rung_app if the cluster lacks it and lets the current user switch to it, as migration
 * 0001 does. Runs before a restore, so that the grants in the backup have a role to land on.
 * Returns what it did, one sentence each.
 */
export async function provideAppRole(db: Queryable): Promise<string[]> {
  const done: string[] = [];
  let state = await roleState(db);
  if (!state.exists) {
    try {
      await db.execute(sql.raw(`CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS`));
    } catch (error) {
      throw new AppRoleError(
        `Role "${APP_ROLE}" does not exist in this cluster and user "${state.user}" may not create it (${(error as Error).message}). ` +
          `Ask an administrator to run: CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS; GRANT ${APP_ROLE} TO "${state.user}";`,
      );
    }
    done.push(`created role "${APP_ROLE}" (NOLOGIN, not a superuser, no BYPASSRLS)`);
    state = await roleState(db);
  }
  if (!state.member) {
    await db.execute(sql.raw(`GRANT ${APP_ROLE} TO "${state.user.replaceAll('"', '""')}"`));
    done.push(`let user "${state.user}" switch to role "${APP_ROLE}"`);
  }
  return done;
}

/**
 * Gives rung_app whatever the migrations grant it that it lacks, on the tables that exist (a
 * backup from an older version gets the rest from the migrations at the next start).
 * Returns what it did.
 */
export async function provideAppGrants(db: Queryable, expected = expectedTableGrants()): Promise<string[]> {
  const done: string[] = [];
  if (!(await roleState(db)).schemaUsage) {
    await db.execute(sql.raw(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`));
    done.push(`granted USAGE on schema public to "${APP_ROLE}"`);
  }
  const missing = (await missingTableGrants(db, expected)).filter((grant) => grant.tableExists);
  for (const { table, privilege } of missing) {
    await db.execute(sql.raw(`GRANT ${privilege} ON "${table}" TO ${APP_ROLE}`));
  }
  if (missing.length > 0) done.push(`granted ${describeGrants(missing)} to "${APP_ROLE}"`);
  return done;
}
