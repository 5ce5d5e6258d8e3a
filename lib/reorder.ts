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

/** The rows named in `ids` take positions 1, 2, … in that order; the others stay as they are. */
export function inOrder<T extends OrderedRow>(rows: readonly T[], ids: readonly string[]): T[] {
  return rows.map((row) => (ids.includes(row.id) ? { ...row, position: ids.indexOf(row.id) + 1 } : row));
}

/** The row leaves the active list, as the server will do. */
export function retire<T extends OrderedRow>(rows: readonly T[], id: string, now: Date = new Date()): T[] {
  return rows.map((row) => (row.id === id ? { ...row, retiredAt: now } : row));
}

/** The row comes back at the end of the active list, as the server will put it. */
export function restore<T extends OrderedRow>(rows: readonly T[], id: string): T[] {
  return rows.map((row) => (row.id === id ? { ...row, retiredAt: null, position: Number.MAX_SAFE_INTEGER } : row));
}
