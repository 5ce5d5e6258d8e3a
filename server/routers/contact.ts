import 'server-only';
import { and, asc, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '@/db/client';
import { contacts } from '@/db/schema';
import { recordAudit } from '../services/audit';
import { freshnessMonthsOf } from '../services/confirmations';
import { rebuildCustomerLevelRuns } from '../services/customer-level-runs';
import { contactFieldsSchema } from '../domain/accounts';
import { userError } from '../api/errors';
import { publishAccountEvent } from '../runtime/events';
import { accountProcedure, orgProcedure, router } from '../api/trpc';
import { contactImportInput } from '../inputs/accounts';
import { idSchema, safeText, versionSchema } from '../inputs/common';
import { commitContactImport, previewContactImport } from '../services/contact-import';
import { requireAccount } from '../services/account-access';

const contactIdInput = z.object({ contactId: idSchema });

const contactColumns = {
  id: contacts.id,
  accountId: contacts.accountId,
  name: contacts.name,
  email: contacts.email,
  title: contacts.title,
  buyingRole: contacts.buyingRole,
  language: contacts.language,
  version: contacts.version,
  updatedAt: contacts.updatedAt,
};

async function loadContact(tx: Tx, contactId: string) {
  const [row] = await tx
    .select(contactColumns)
    .from(contacts)
    .where(and(eq(contacts.id, contactId), isNull(contacts.archivedAt)))
    .for('update');
  if (!row) throw userError('NOT_FOUND', 'errors.contactNotFound');
  return row;
}

type ContactValues = Pick<z.output<typeof contactFieldsSchema>, 'name' | 'email' | 'title' | 'buyingRole' | 'language'>;
const CONTACT_FIELDS = ['name', 'email', 'title', 'buyingRole', 'language'] as const;

export const contactRouter = router({
  /** The people at one account, by name. */
  list: accountProcedure('viewer').query(async ({ ctx }) => {
    const { account } = ctx;
    return ctx.tx
      .select(contactColumns)
      .from(contacts)
      .where(and(eq(contacts.accountId, account.id), isNull(contacts.archivedAt)))
      .orderBy(asc(sql`lower(${contacts.name})`), asc(contacts.id));
  }),

  /** The people removed from one account, most recently removed first: they can be restored. */
  archived: accountProcedure('viewer').query(async ({ ctx }) => {
    const { account } = ctx;
    return ctx.tx
      .select({ ...contactColumns, archivedAt: sql<Date>`${contacts.archivedAt}`.mapWith(contacts.archivedAt) })
      .from(contacts)
      .where(and(eq(contacts.accountId, account.id), isNotNull(contacts.archivedAt)))
      .orderBy(desc(contacts.archivedAt), asc(contacts.id));
  }),

  create: accountProcedure('member', { writable: true })
    .input(contactFieldsSchema)
    .mutation(async ({ ctx, input }) => {
      const { account } = ctx;
      const values: ContactValues = {
        name: input.name,
        email: input.email,
        title: input.title,
        buyingRole: input.buyingRole,
        language: input.language,
      };
      const [created] = await ctx.tx
        .insert(contacts)
        .values({ orgId: ctx.org.id, accountId: account.id, ...values })
        .returning(contactColumns);
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: 'contact.created',
        entityType: 'contact',
        entityId: created!.id,
        accountId: account.id,
        after: values,
      });
      await publishAccountEvent(ctx.tx, ctx.org.id, { type: 'contact.changed', accountId: account.id, actorUserId: ctx.user.id });
      return created!;
    }),

  /** Saves a contact; `version` is the one the form started from, so a teammate's save in between is never overwritten. */
  update: orgProcedure('member')
    .input(contactIdInput.extend({ version: versionSchema }).extend(contactFieldsSchema.shape))
    .mutation(async ({ ctx, input }) => {
      const current = await loadContact(ctx.tx, input.contactId);
      await requireAccount(ctx.tx, current.accountId, { writable: true });
      if (current.version !== input.version) throw userError('CONFLICT', 'errors.contactChanged');
      const after: ContactValues = {
        name: input.name,
        email: input.email,
        title: input.title,
        buyingRole: input.buyingRole,
        language: input.language,
      };
      const changed = CONTACT_FIELDS.filter((field) => current[field] !== after[field]);
      if (changed.length === 0) return current;
      const [updated] = await ctx.tx
        .update(contacts)
        .set({ ...after, version: sql`${contacts.version} + 1` })
        .where(and(eq(contacts.id, current.id), eq(contacts.version, input.version)))
        .returning(contactColumns);
      if (!updated) throw userError('CONFLICT', 'errors.contactChanged');
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: 'contact.updated',
        entityType: 'contact',
        entityId: current.id,
        accountId: current.accountId,
        before: Object.fromEntries(changed.map((field) => [field, current[field]])),
        after: Object.fromEntries(changed.map((field) => [field, after[field]])),
      });
      await publishAccountEvent(ctx.tx, ctx.org.id, { type: 'contact.changed', accountId: current.accountId, actorUserId: ctx.user.id });
      return updated;
    }),

  /**
   * Removes a contact from the account's list. Their answers stay in the history but stop
   * counting towards the customer level (they have left the buying team), so the account's
   * customer level runs are rebuilt in the same transaction.
   */
  archive: orgProcedure('member')
    .input(contactIdInput)
    .mutation(async ({ ctx, input }) => {
      const current = await loadContact(ctx.tx, input.contactId);
      await requireAccount(ctx.tx, current.accountId, { writable: true });
      await ctx.tx
        .update(contacts)
        .set({ archivedAt: new Date(), version: sql`${contacts.version} + 1` })
        .where(eq(contacts.id, current.id));
      await rebuildCustomerLevelRuns(ctx.tx, ctx.org.id, await freshnessMonthsOf(ctx.tx), [current.accountId]);
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: 'contact.archived',
        entityType: 'contact',
        entityId: current.id,
        accountId: current.accountId,
        before: { name: current.name, email: current.email },
      });
      await publishAccountEvent(ctx.tx, ctx.org.id, { type: 'contact.changed', accountId: current.accountId, actorUserId: ctx.user.id });
      return { id: current.id, archived: true };
    }),

  /** Brings a removed contact back; their answers count towards the customer level again. */
  restore: orgProcedure('member')
    .input(contactIdInput)
    .mutation(async ({ ctx, input }) => {
      const [current] = await ctx.tx
        .select({ ...contactColumns, archivedAt: contacts.archivedAt })
        .from(contacts)
        .where(eq(contacts.id, input.contactId))
        .for('update');
      if (!current) throw userError('NOT_FOUND', 'errors.contactNotFound');
      await requireAccount(ctx.tx, current.accountId, { writable: true });
      if (!current.archivedAt) return { id: current.id, archived: false };
      await ctx.tx
        .update(contacts)
        .set({ archivedAt: null, version: sql`${contacts.version} + 1` })
        .where(eq(contacts.id, current.id));
      await rebuildCustomerLevelRuns(ctx.tx, ctx.org.id, await freshnessMonthsOf(ctx.tx), [current.accountId]);
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: 'contact.restored',
        entityType: 'contact',
        entityId: current.id,
        accountId: current.accountId,
        before: { archivedAt: current.archivedAt },
        after: { name: current.name, archivedAt: null },
      });
      await publishAccountEvent(ctx.tx, ctx.org.id, { type: 'contact.changed', accountId: current.accountId, actorUserId: ctx.user.id });
      return { id: current.id, archived: false };
    }),

  /** What importing a CSV of contacts would do to each row; writes nothing. */
  importPreview: orgProcedure('member')
    .input(contactImportInput)
    .mutation(({ ctx, input }) => previewContactImport(ctx.tx, input)),

  /** Imports a CSV of contacts into existing accounts: every row or none, unless the invalid ones are skipped on purpose. */
  importCommit: orgProcedure('member')
    .input(contactImportInput.extend({ fileName: safeText().trim().min(1).max(255).default('contacts.csv') }))
    .mutation(({ ctx, input }) => commitContactImport(ctx.tx, { orgId: ctx.org.id, userId: ctx.user.id }, input)),
});
