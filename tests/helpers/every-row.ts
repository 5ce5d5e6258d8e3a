import { sql } from 'drizzle-orm';
import type { Queryable } from '@/db/client';
import { rows } from './sql';

/**
 * Every row of every table outside the system schemas (the migrations' own table included), each
 * row as PostgreSQL prints it (ids and all), sorted; and every sequence's position. Two databases
 * with equal results hold the same data.
 */
export async function everyRow(db: Queryable): Promise<Record<string, string[]>> {
  const relations = await rows<{ name: string; kind: string }>(
    db,
    sql`select format('%I.%I', n.nspname, c.relname) as name, c.relkind::text as kind
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where c.relkind in ('r', 'p', 'S') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\_%'
         order by 1`,
  );
  const snapshot: Record<string, string[]> = {};
  for (const { name, kind } of relations) {
    const query =
      kind === 'S'
        ? sql`select format('%s %s', last_value, is_called) as r from ${sql.raw(name)}`
        : sql`select t::text as r from ${sql.raw(name)} t order by 1`;
    snapshot[name] = (await rows<{ r: string }>(db, query)).map((row) => row.r);
  }
  return snapshot;
}

/** "audit_events 412, accounts 40, …": how much a snapshot holds, for the test's log. */
export function rowCounts(snapshot: Record<string, string[]>): { tables: number; rows: number } {
  const tables = Object.keys(snapshot).length;
  return { tables, rows: Object.values(snapshot).reduce((sum, list) => sum + list.length, 0) };
}
