/**
 * The database catalog, checked against the tenancy rules. A new tenant table (any table in
 * schema public with an org_id column) that a migration forgot to protect fails here, with a
 * message naming the table and what is missing.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { appRoleProblems, expectedTableGrants } from '@/db/app-role';
import type { Queryable } from '@/db/client';
import { useTestDatabase } from '../helpers/db';
import { one, rows } from '../helpers/sql';

const { db } = await useTestDatabase();

interface TenantTable extends Record<string, unknown> {
  table: string;
  rls_enabled: boolean;
  rls_forced: boolean;
  policies: number;
  /** Policies whose USING clause does not mention org_id and the app.org_id setting. */
  policies_not_on_org_id: number;
  first_pk_column: string | null;
  owned_by_app_role: boolean;
}

/** Tables in schema public with an org_id column, and what protects each. */
function tenantTables(q: Queryable) {
  return rows<TenantTable>(
    q,
    sql`
      select c.relname as table,
             c.relrowsecurity as rls_enabled,
             c.relforcerowsecurity as rls_forced,
             (select count(*)::int from pg_policies p where p.schemaname = 'public' and p.tablename = c.relname) as policies,
             (select count(*)::int from pg_policies p
               where p.schemaname = 'public' and p.tablename = c.relname
                 and not (coalesce(p.qual, '') like '%org_id%' and coalesce(p.qual, '') like '%app.org_id%')) as policies_not_on_org_id,
             (select a.attname from pg_constraint k
                join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]
               where k.conrelid = c.oid and k.contype = 'p') as first_pk_column,
             pg_get_userbyid(c.relowner) = 'rung_app' as owned_by_app_role
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public'
         and c.relkind in ('r', 'p')
         and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped)
       order by c.relname`,
  );
}

/** Foreign keys from a tenant table to a tenant table, and whether org_id references org_id. */
function tenantForeignKeys(q: Queryable) {
  return rows<{ constraint: string; from_table: string; to_table: string; org_id_paired: boolean }>(
    q,
    sql`
      select k.conname as constraint,
             src.relname as from_table,
             dst.relname as to_table,
             exists (
               select 1 from unnest(k.conkey, k.confkey) as pair(src_col, dst_col)
                 join pg_attribute sa on sa.attrelid = k.conrelid and sa.attnum = pair.src_col
                 join pg_attribute da on da.attrelid = k.confrelid and da.attnum = pair.dst_col
                where sa.attname = 'org_id' and da.attname = 'org_id'
             ) as org_id_paired
        from pg_constraint k
        join pg_class src on src.oid = k.conrelid
        join pg_class dst on dst.oid = k.confrelid
        join pg_namespace n on n.oid = src.relnamespace
       where k.contype = 'f' and n.nspname = 'public'
         and exists (select 1 from pg_attribute a where a.attrelid = k.conrelid and a.attname = 'org_id' and not a.attisdropped)
         and exists (select 1 from pg_attribute a where a.attrelid = k.confrelid and a.attname = 'org_id' and not a.attisdropped)
       order by k.conname`,
  );
}

/** Every way the schema breaks the tenancy rules, one sentence each; empty when all is well. */
async function tenancyProblems(q: Queryable): Promise<string[]> {
  const tableProblems = (await tenantTables(q)).flatMap((t) => [
    ...(t.rls_enabled ? [] : [`${t.table}: row-level security is not enabled`]),
    ...(t.rls_forced ? [] : [`${t.table}: row-level security is not forced (the owner would bypass it)`]),
    ...(t.policies > 0 ? [] : [`${t.table}: has no policy`]),
    ...(t.policies_not_on_org_id === 0 ? [] : [`${t.table}: has a policy that does not filter on org_id = app.org_id`]),
    ...(t.first_pk_column === 'org_id'
      ? []
      : [`${t.table}: primary key starts with ${t.first_pk_column ?? '(no primary key)'}, not org_id`]),
    ...(t.owned_by_app_role ? [`${t.table}: is owned by rung_app (an owner can switch RLS off)`] : []),
  ]);
  const keyProblems = (await tenantForeignKeys(q))
    .filter((fk) => !fk.org_id_paired)
    .map((fk) => `${fk.from_table}: foreign key ${fk.constraint} to ${fk.to_table} does not include org_id`);
  return [...tableProblems, ...keyProblems];
}

describe('every tenant table is protected by row-level security and tenant-safe keys', () => {
  it('finds the tenant tables and the tenant-to-tenant keys (the checks below are not vacuous)', async () => {
    expect((await tenantTables(db)).map((t) => t.table)).toEqual(
      expect.arrayContaining(['audit_events', 'invitations', 'memberships', 'outbox_messages']),
    );
    const keys = await tenantForeignKeys(db);
    expect(keys.map((fk) => `${fk.from_table} -> ${fk.to_table}`)).toContain('outbox_messages -> invitations');
  });

  it('each has RLS enabled and forced, a policy on org_id, org_id leading its primary key, and org_id in every key to another tenant table', async () => {
    expect(await tenancyProblems(db)).toEqual([]);
  });

  it('the check names an unprotected table and a key that crosses tenants (shown on a table created and rolled back here)', async () => {
    const ROLLBACK = new Error('rollback');
    let problems: string[] = [];
    const outcome = await db
      .transaction(async (tx) => {
        await tx.execute(sql`
          create table zz_unprotected (
            org_id uuid not null,
            id uuid not null,
            invitation_token_hash text references invitations (token_hash),
            primary key (id, org_id)
          )`);
        problems = await tenancyProblems(tx);
        throw ROLLBACK;
      })
      .catch((error: unknown) => error);
    expect(outcome).toBe(ROLLBACK);
    expect(problems).toEqual([
      'zz_unprotected: row-level security is not enabled',
      'zz_unprotected: row-level security is not forced (the owner would bypass it)',
      'zz_unprotected: has no policy',
      'zz_unprotected: primary key starts with id, not org_id',
      expect.stringMatching(/^zz_unprotected: foreign key \S+ to invitations does not include org_id$/),
    ]);
    expect(await tenancyProblems(db)).toEqual([]);
  });

  it('organizations and users, the two global tables a tenant can read, have forced RLS too', async () => {
    const globalTables = await rows<{ table: string; rls_enabled: boolean; rls_forced: boolean; policies: number }>(
      db,
      sql`
        select c.relname as table, c.relrowsecurity as rls_enabled, c.relforcerowsecurity as rls_forced,
               (select count(*)::int from pg_policies p where p.schemaname = 'public' and p.tablename = c.relname) as policies
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'public' and c.relname in ('organizations', 'users')
         order by c.relname`,
    );
    expect(globalTables).toEqual([
      { table: 'organizations', rls_enabled: true, rls_forced: true, policies: 1 },
      { table: 'users', rls_enabled: true, rls_forced: true, policies: 1 },
    ]);
  });
});

describe('the start-up check of the role withOrg switches to (db/app-role.ts)', () => {
  it('expects a grant on every tenant table, and finds the role and every grant in place', async () => {
    const granted = expectedTableGrants().map((grant) => grant.table);
    expect(granted).toEqual(expect.arrayContaining((await tenantTables(db)).map((t) => t.table)));
    expect(await appRoleProblems(db)).toEqual([]);
  });

  it('names a grant that is missing (revoked in a transaction rolled back here)', async () => {
    const ROLLBACK = new Error('rollback');
    let problems: string[] = [];
    const outcome = await db
      .transaction(async (tx) => {
        await tx.execute(sql`revoke delete on memberships from rung_app`);
        await tx.execute(sql`revoke select on users from rung_app`);
        problems = await appRoleProblems(tx);
        throw ROLLBACK;
      })
      .catch((error: unknown) => error);
    expect(outcome).toBe(ROLLBACK);
    expect(problems).toEqual(['role "rung_app" lacks DELETE on memberships; SELECT on users']);
    expect(await appRoleProblems(db)).toEqual([]);
  });
});

describe('the application role withOrg switches to cannot get around the policies', () => {
  it('rung_app is not a superuser and has no BYPASSRLS', async () => {
    const role = await one<{ super: boolean; bypass: boolean }>(
      db,
      sql`select rolsuper as super, rolbypassrls as bypass from pg_roles where rolname = 'rung_app'`,
    );
    expect(role).toEqual({ super: false, bypass: false });
  });

  it('rung_app may only read and append audit events, never change or remove them', async () => {
    const privileges = await one<Record<string, boolean>>(
      db,
      sql`
        select has_table_privilege('rung_app', 'audit_events', 'SELECT') as "select",
               has_table_privilege('rung_app', 'audit_events', 'INSERT') as "insert",
               has_table_privilege('rung_app', 'audit_events', 'UPDATE') as "update",
               has_table_privilege('rung_app', 'audit_events', 'DELETE') as "delete",
               has_table_privilege('rung_app', 'audit_events', 'TRUNCATE') as "truncate"`,
    );
    expect(privileges).toEqual({ select: true, insert: true, update: false, delete: false, truncate: false });
  });
});
