import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '@/db/client';

/*
 * Which tables hold an organization's rows, read from the database itself: every table of the
 * public schema with an org_id column. The archive and the removal of a deleted organization both
 * start here, so a new tenant table is exported and removed without either changing.
 */

async function query<T extends Record<string, unknown>>(db: Queryable, statement: SQL): Promise<T[]> {
  const result: unknown = await db.execute(statement);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** The tenant tables, each after the tables its foreign keys point to (so reversed, each before them). */
export async function tenantTables(db: Queryable): Promise<string[]> {
  const tables = await query<{ name: string }>(
    db,
    sql`select c.relname as name from pg_class c
          join pg_namespace n on n.oid = c.relnamespace
          join pg_attribute a on a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped
         where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`,
  );
  const edges = await query<{ child: string; parent: string }>(
    db,
    sql`select distinct c.relname as child, p.relname as parent from pg_constraint k
          join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
          join pg_namespace n on n.oid = c.relnamespace
         where k.contype = 'f' and n.nspname = 'public' and c.oid <> p.oid`,
  );
  const names = tables.map((t) => t.name);
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string) => {
    if (ordered.includes(name)) return;
    if (visiting.has(name)) throw new Error(`The tenant tables refer to each other in a cycle through ${name}.`);
    visiting.add(name);
    for (const edge of edges) if (edge.child === name && names.includes(edge.parent)) visit(edge.parent);
    visiting.delete(name);
    ordered.push(name);
  };
  names.forEach(visit);
  return ordered;
}
