/** The ids in their new order after moving the one at `index` up (-1) or down (+1); null at either end. */
export function moveItem(ids: readonly string[], index: number, by: -1 | 1): string[] | null {
  const target = index + by;
  if (target < 0 || target >= ids.length) return null;
  const next = [...ids];
  [next[index], next[target]] = [next[target]!, next[index]!];
  return next;
}
