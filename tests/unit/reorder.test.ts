import { describe, expect, it } from 'vitest';
import { activeInOrder, inOrder, moveItem, positionAfter, restore, retire } from '@/lib/reorder';

const rows = [
  { id: 'a', position: 1, retiredAt: null, label: 'A' },
  { id: 'b', position: 2, retiredAt: null, label: 'B' },
  { id: 'c', position: 3, retiredAt: null, label: 'C' },
];

describe('reordering a list one step at a time', () => {
  it('swaps with the neighbour, and refuses to move past either end', () => {
    expect(moveItem(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toBeNull();
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toBeNull();
  });

  it('gives the named rows positions in the new order and keeps everything else', () => {
    const next = inOrder(rows, ['c', 'a']);
    expect(next.map((r) => [r.id, r.position])).toEqual([
      ['a', 2],
      ['b', 2],
      ['c', 1],
    ]);
    expect(next[0]!.label).toBe('A');
    expect(rows[0]!.position).toBe(1); // the cached list is not changed in place
  });

  it('retires a row and restores it at the end of the active list', () => {
    const now = new Date('2026-11-29T12:00:00Z');
    const retired = retire(rows, 'b', now);
    expect(retired.find((r) => r.id === 'b')!.retiredAt).toEqual(now);
    expect(retired.filter((r) => r.retiredAt === null).map((r) => r.id)).toEqual(['a', 'c']);
    const restored = restore(retired, 'b');
    const active = restored.filter((r) => r.retiredAt === null).sort((x, y) => x.position - y.position);
    expect(active.map((r) => r.id)).toEqual(['a', 'c', 'b']);
  });

  it('lists the active rows by position, rows at the same position by id, as the server does', () => {
    const tied = [
      { id: 'c', position: 1, retiredAt: null },
      { id: 'b', position: 2, retiredAt: null },
      { id: 'a', position: 2, retiredAt: null },
      { id: 'd', position: 0, retiredAt: new Date('2026-11-29T12:00:00Z') },
    ];
    expect(activeInOrder(tied).map((r) => r.id)).toEqual(['c', 'a', 'b']);
  });

  it('restores one row after another in the order they were restored, after every row given', () => {
    const retired = retire(retire(rows, 'a'), 'b');
    const restored = restore(restore(retired, 'b'), 'a');
    expect(activeInOrder(restored).map((r) => r.id)).toEqual(['c', 'b', 'a']);
    expect(positionAfter(rows)).toBe(4);
    expect(positionAfter([])).toBe(1);
  });

  it('leaves a row alone when the server would: retiring a retired row, restoring an active one', () => {
    const earlier = new Date('2026-11-01T08:00:00Z');
    const retired = retire(rows, 'b', earlier);
    expect(retire(retired, 'b', new Date('2026-11-29T12:00:00Z')).find((r) => r.id === 'b')!.retiredAt).toEqual(earlier);
    const again = restore(rows, 'a');
    expect(again).toEqual(rows);
    expect(activeInOrder(again).map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });
});
