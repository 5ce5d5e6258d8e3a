import 'server-only';
import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { PgColumn, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Tx } from '@/db/client';
import { userError, type ErrorKey } from '../api/errors';
import { recordAudit } from './audit';

/*
 * Lists that admins put in order, retire and restore: the playbook's methods (one list per
 * transition) and the evidence checklist's signals (one list per level). Both routers go through
 * these functions, so the two lists behave the same:
 *
 * - Order: by position, then by id. Positions can tie (two rows added at the same moment both
 *   take the next free one), and the id settles it the same way on every read.
 * - Reorder: the ids must be exactly the group's active rows, each once, and their positions
 *   become 1, 2, … in that order; retired rows keep theirs. An id that is no row of this
 *   organization is NOT_FOUND: rows are never deleted, so no page goes stale that way and the
 *   list is simply wrong. Anything else that does not match (a row left out or named twice, a
 *   retired row, a row of another group) is a CONFLICT: another admin changed the list meanwhile,
 *   and the admin reloads rather than losing that change. The group's active rows are locked, so
 *   two reorders happen one after the other.
 * - Retire: the row leaves the active list and keeps its position. Retiring a retired row answers
 *   it as it is and writes nothing, so a double click or two admins at once do no harm.
 * - Restore: the row comes back at the end of its group's active list, after every row there,
 *   retired ones included, so it also lands after anything restored before it. Restoring an
 *   active row answers it as it is and writes nothing: it keeps its place. A full group is a CONFLICT.
 * - Retire and restore lock the row. A table with a `version` column (the playbook's edit form
 *   checks it) gets it bumped by both, so a form opened before them reloads instead of saving blind.
 * - Every change that writes is audited; the no-ops are not.
 */

type OrderedTable = PgTable & { id: PgColumn; position: PgColumn; retiredAt: PgColumn; version?: PgColumn };

export interface OrderedList {
  table: OrderedTable;
  /** The column that splits the table into separate lists (a transition, a level). */
  group: PgColumn;
  /** The most active rows a group may hold. */
  max: number;
  /** Message keys: no such row, the list changed meanwhile, the group is full (gets `max`). */
  errors: { notFound: ErrorKey; stale: ErrorKey; full: ErrorKey };
  audit: {
    entityType: string;
    reordered: string;
    retired: string;
    restored: string;
    /** How a group's order is written in the audit log. */
    order(group: number, ids: string[]): Record<string, unknown>;
  };
}

/** Who is changing the list, for the audit log. */
export interface ListActor {
  orgId: string;
  userId: string;
}

/** The ORDER BY every read of a list uses, so the server, the audit log and the page agree. */
export function listOrder(list: OrderedList) {
  return [asc(list.table.position), asc(list.table.id)] as const;
}

/** The position after the last row of a group, retired rows included, so a new, moved or restored row goes to the end. */
export async function nextPosition(tx: Tx, list: OrderedList, group: number): Promise<number> {
  const [row] = await tx
    .select({ max: sql<number>`coalesce(max(${list.table.position}), 0)::int` })
    .from(list.table)
    .where(eq(list.group, group));
  return (row?.max ?? 0) + 1;
}

/** Refuses when a group already holds its most active rows; `exceptId` is a row about to leave it. */
export async function assertRoomIn(tx: Tx, list: OrderedList, group: number, exceptId?: string): Promise<void> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(list.table)
    .where(and(eq(list.group, group), isNull(list.table.retiredAt), exceptId ? ne(list.table.id, exceptId) : undefined));
  if ((row?.n ?? 0) >= list.max) throw userError('CONFLICT', list.errors.full, { max: list.max });
}

/** Writes through the columns every ordered table has; the general table type cannot name them itself. */
function setOf(values: { position?: unknown; retiredAt?: Date | null; version?: unknown }) {
  return values as PgUpdateSetSource<OrderedTable>;
}

/** Puts a group's active rows in the order of `ids` (see the header for what is refused). */
export async function reorderRows(tx: Tx, list: OrderedList, actor: ListActor, group: number, ids: string[]): Promise<void> {
  const { table } = list;
  const active = (await tx
    .select({ id: table.id })
    .from(table)
    .where(and(eq(list.group, group), isNull(table.retiredAt)))
    .orderBy(...listOrder(list))
    .for('update')) as Array<{ id: string }>;
  const wanted = new Set(ids);
  const known = await tx
    .select({ id: table.id })
    .from(table)
    .where(inArray(table.id, [...wanted]));
  if (known.length !== wanted.size) throw userError('NOT_FOUND', list.errors.notFound);
  if (wanted.size !== ids.length || active.length !== wanted.size || active.some((row) => !wanted.has(row.id))) {
    throw userError('CONFLICT', list.errors.stale);
  }
  const idArray = sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  // One statement: each row's position is its place in the list (1-based).
  await tx
    .update(table)
    .set(setOf({ position: sql`array_position(array[${idArray}], ${table.id})` }))
    .where(and(eq(list.group, group), isNull(table.retiredAt)));
  await recordAudit(tx, {
    orgId: actor.orgId,
    actorUserId: actor.userId,
    action: list.audit.reordered,
    entityType: list.audit.entityType,
    before: list.audit.order(
      group,
      active.map((row) => row.id),
    ),
    after: list.audit.order(group, ids),
  });
}

/** The row's state, locked until the transaction ends so two admins' changes happen one after the other. */
async function lockRow(tx: Tx, list: OrderedList, id: string) {
  const [row] = await tx
    .select({ id: list.table.id, group: list.group, retiredAt: list.table.retiredAt })
    .from(list.table)
    .where(eq(list.table.id, id))
    .for('update');
  if (!row) throw userError('NOT_FOUND', list.errors.notFound);
  return row as { id: string; group: number; retiredAt: Date | null };
}

function versionBump(list: OrderedList) {
  return list.table.version ? { version: sql`${list.table.version} + 1` } : {};
}

/** Takes a row out of its group's active list; a retired row stays as it is. */
export async function retireRow(tx: Tx, list: OrderedList, actor: ListActor, id: string): Promise<void> {
  const current = await lockRow(tx, list, id);
  if (current.retiredAt) return;
  const retiredAt = new Date();
  await tx
    .update(list.table)
    .set(setOf({ retiredAt, ...versionBump(list) }))
    .where(eq(list.table.id, id));
  await recordAudit(tx, {
    orgId: actor.orgId,
    actorUserId: actor.userId,
    action: list.audit.retired,
    entityType: list.audit.entityType,
    entityId: id,
    before: { retiredAt: null },
    after: { retiredAt },
  });
}

/** Brings a retired row back at the end of its group's active list; an active row stays as it is. */
export async function restoreRow(tx: Tx, list: OrderedList, actor: ListActor, id: string): Promise<void> {
  const current = await lockRow(tx, list, id);
  if (!current.retiredAt) return;
  await assertRoomIn(tx, list, current.group);
  await tx
    .update(list.table)
    .set(setOf({ retiredAt: null, position: await nextPosition(tx, list, current.group), ...versionBump(list) }))
    .where(eq(list.table.id, id));
  await recordAudit(tx, {
    orgId: actor.orgId,
    actorUserId: actor.userId,
    action: list.audit.restored,
    entityType: list.audit.entityType,
    entityId: id,
    before: { retiredAt: current.retiredAt },
    after: { retiredAt: null },
  });
}
