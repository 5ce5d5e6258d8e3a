/*
 * The page's copy of what server/services/ordered-list.ts does to the playbook's methods and the
 * evidence checklist's signals, so an optimistic change shows the list the server will answer.
 * Keep the two in step: same order (position, then id), same no-ops, restored rows last.
 */

/** The ids in their new order after moving the one at `index` up (-1) or down (+1); null at either end. */
export function moveItem(ids: readonly string[], index: number, by: -1 | 1): string[] | null {
  const target = index + by;
  if (target < 0 || target >= ids.length) return null;
  const next = [...ids];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}

/** A row of an ordered list that can be retired and restored (evidence signals, playbook methods). */
export interface OrderedRow {
  id: string;
  position: number;
  retiredAt: Date | null;
}

/** The active rows in the order the server lists them: by position, rows at the same position by id. */
export function activeInOrder<T extends OrderedRow>(rows: readonly T[]): T[] {
  return rows.filter((row) => !row.retiredAt).sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A position after every row given, retired ones included, as the server gives a new or restored row. */
export function positionAfter(rows: readonly OrderedRow[]): number {
  return rows.reduce((max, row) => Math.max(max, row.position), 0) + 1;
}

/** The rows named in `ids` take positions 1, 2, … in that order; the others stay as they are. */
export function inOrder<T extends OrderedRow>(rows: readonly T[], ids: readonly string[]): T[] {
  return rows.map((row) => (ids.includes(row.id) ? { ...row, position: ids.indexOf(row.id) + 1 } : row));
}

/** The row leaves the active list and keeps its position; a row already retired stays as it is. */
export function retire<T extends OrderedRow>(rows: readonly T[], id: string, now: Date = new Date()): T[] {
  return rows.map((row) => (row.id === id && !row.retiredAt ? { ...row, retiredAt: now } : row));
}

/**
 * The row comes back at the end of the active list, after anything restored before it; an
 * active row stays where it is. `rows` may hold other groups too: a position after all of
 * them is still after every row of the row's own group.
 */
export function restore<T extends OrderedRow>(rows: readonly T[], id: string): T[] {
  const position = positionAfter(rows);
  return rows.map((row) => (row.id === id && row.retiredAt ? { ...row, retiredAt: null, position } : row));
}
