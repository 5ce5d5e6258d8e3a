import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectTRPCError } from './errors';

/**
 * The playbook's methods and the evidence checklist's signals are ordered, retired and restored
 * by one server helper (server/services/ordered-list.ts). These cases are written once and run
 * against each router, so the two lists cannot drift apart again.
 */

/** One row as stored, read through the root connection: what a no-op must leave untouched. */
interface StoredOrderedRow {
  position: number;
  retiredAt: Date | null;
  updatedAt: Date;
  version?: number;
}

/** A fresh organization's list, driven through its admin. */
export interface OrderedListUnderTest {
  /** A group (transition or level) that starts with at least three active rows. */
  group: number;
  /** The active ids of a group in the order the list procedure answers them. */
  active(group: number): Promise<string[]>;
  reorder(group: number, ids: string[]): Promise<unknown>;
  retire(id: string): Promise<{ id: string; retiredAt: Date | null }>;
  restore(id: string): Promise<{ id: string; retiredAt: Date | null }>;
  /** An active row of the same group in another organization. */
  foreignId(): Promise<string>;
  stored(id: string): Promise<StoredOrderedRow>;
  /** Sets columns directly, for states the procedures do not produce on their own (two rows at one position). */
  force(id: string, values: { position?: number; createdAt?: Date }): Promise<void>;
  auditActions(): Promise<string[]>;
  errors: { notFound: string; stale: string };
}

export function describeOrderedList(name: string, open: () => Promise<OrderedListUnderTest>) {
  describe(`${name} follows the shared ordered-list behaviour`, () => {
    it('a reorder naming an id that is no row of this organization is NOT_FOUND; nothing moves', async () => {
      const list = await open();
      const ids = await list.active(list.group);
      const reversed = [...ids].reverse();
      await expectTRPCError(list.reorder(list.group, [...reversed.slice(1), randomUUID()]), 'NOT_FOUND', list.errors.notFound);
      await expectTRPCError(list.reorder(list.group, [...reversed, randomUUID()]), 'NOT_FOUND', list.errors.notFound);
      await expectTRPCError(list.reorder(list.group, [...reversed.slice(1), await list.foreignId()]), 'NOT_FOUND', list.errors.notFound);
      expect(await list.active(list.group)).toEqual(ids);
      expect(await list.auditActions()).toEqual([]);
    });

    it('a reorder naming a retired row is stale, with or without the active ones all named; nothing moves', async () => {
      const list = await open();
      const [retired, ...rest] = await list.active(list.group);
      await list.retire(retired!);
      const before = await list.auditActions();
      await expectTRPCError(list.reorder(list.group, [...rest].reverse().concat(retired!)), 'CONFLICT', list.errors.stale);
      await expectTRPCError(list.reorder(list.group, [retired!, ...rest.slice(1)]), 'CONFLICT', list.errors.stale);
      expect(await list.active(list.group)).toEqual(rest);
      expect(await list.auditActions()).toEqual(before);
    });

    it('a restored row goes to the end of the active list, after rows reordered or restored before it', async () => {
      const list = await open();
      const [a, b, ...rest] = await list.active(list.group);
      await list.retire(a!);
      await list.retire(b!);
      const reversed = [...rest].reverse();
      await list.reorder(list.group, reversed);
      await list.restore(b!);
      expect(await list.active(list.group)).toEqual([...reversed, b]);
      await list.restore(a!);
      expect(await list.active(list.group)).toEqual([...reversed, b, a]);
    });

    it('retiring a retired row answers it as it is and writes nothing', async () => {
      const list = await open();
      const [id] = await list.active(list.group);
      const first = await list.retire(id!);
      const stored = await list.stored(id!);
      const again = await list.retire(id!);
      expect(again.retiredAt).toEqual(first.retiredAt);
      expect(await list.stored(id!)).toEqual(stored);
      expect((await list.auditActions()).length).toBe(1);
    });

    it('restoring an active row answers it as it is: it keeps its place and nothing is written', async () => {
      const list = await open();
      const ids = await list.active(list.group);
      const stored = await list.stored(ids[0]!);
      const answer = await list.restore(ids[0]!);
      expect(answer).toMatchObject({ id: ids[0], retiredAt: null });
      expect(await list.stored(ids[0]!)).toEqual(stored);
      expect(await list.active(list.group)).toEqual(ids);
      expect(await list.auditActions()).toEqual([]);
    });

    it('rows at the same position are listed by id, whenever they were created, and a reorder untangles them', async () => {
      const list = await open();
      const ids = await list.active(list.group);
      const [low, high] = [ids[1]!, ids[2]!].sort();
      // The higher id is made the older row, so an order by creation time would show it first.
      await list.force(high!, { position: 0, createdAt: new Date('2020-01-01T00:00:00Z') });
      await list.force(low!, { position: 0 });
      const tied = await list.active(list.group);
      expect(tied.slice(0, 2)).toEqual([low, high]);
      await list.reorder(list.group, [...tied].reverse());
      expect(await list.active(list.group)).toEqual([...tied].reverse());
    });
  });
}
