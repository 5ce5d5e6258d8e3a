import 'server-only';
import { and, asc, count, desc, eq, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Tx } from '@/db/client';
import {
  accountFollowers,
  accountImports,
  accounts,
  confirmationAnswers,
  confirmationLinks,
  contacts,
  customerLevelRuns,
  levelEvents,
  memberships,
  users,
} from '@/db/schema';
import { COMMON_CURRENCIES, accountFieldsSchema } from '../domain/accounts';
import type { AccountValues } from '../domain/account-import';
import { answerExpiresAt } from '../domain/customer-level';
import { isUniqueViolation, userError } from '../api/errors';
import { accountProcedure, orgProcedure, router } from '../api/trpc';
import { ACCOUNT_PAGE_SIZE, accountFiltersSchema, accountImportInput, accountSortSchema } from '../inputs/accounts';
import { accountIdInput, safeText, versionSchema } from '../inputs/common';
import { publishAccountEvent } from '../runtime/events';
import { auditDiff, editableColumns, toStored } from '../services/account-fields';
import { exportAccountsCsv } from '../services/account-export';
import { commitImport, previewImport } from '../services/account-import';
import { economicBuyerLevelNow, levelsOf } from '../services/account-levels';
import { accountOwner, filterConditions, listColumns, sortOrder } from '../services/account-list';
import { recordAudit } from '../services/audit';
import { freshnessMonthsOf } from '../services/confirmations';
import { currentCustomerRun, customerAnsweredAtNow, customerLevelNow, runEndsAt } from '../services/customer-level-runs';
import { respondentOfAnswer } from '../services/level-history';

const editor = alias(users, 'editor');

/** Refuses an owner who is not a member of this organization (row-level security limits memberships to it). */
async function assertMember(tx: Tx, userId: string | null): Promise<void> {
  if (!userId) return;
  const [member] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), isNull(memberships.removedAt)));
  if (!member) throw userError('BAD_REQUEST', 'errors.ownerNotMember');
}

/** Another active account already using the domain (archived ones keep theirs but do not block it). */
async function assertDomainFree(tx: Tx, domain: string | null, exceptAccountId?: string): Promise<void> {
  if (!domain) return;
  const [other] = await tx
    .select({ name: accounts.name })
    .from(accounts)
    .where(and(eq(accounts.domain, domain), isNull(accounts.archivedAt), exceptAccountId ? ne(accounts.id, exceptAccountId) : undefined));
  if (other) throw userError('CONFLICT', 'errors.accountDomainTaken', { domain, name: other.name });
}

async function loadForEdit(tx: Tx, accountId: string) {
  const [row] = await tx
    .select({ ...editableColumns, archivedAt: accounts.archivedAt, updatedByUserId: accounts.updatedByUserId })
    .from(accounts)
    .where(eq(accounts.id, accountId))
    // Holds the row until this transaction ends, so two saves of the same version cannot both win.
    .for('update');
  if (!row) throw userError('NOT_FOUND', 'errors.accountNotFound');
  return row;
}

async function conflictFromEditor(tx: Tx, editorUserId: string | null) {
  const [person] = editorUserId ? await tx.select({ name: users.name }).from(users).where(eq(users.id, editorUserId)) : [];
  return person
    ? userError('CONFLICT', 'errors.accountChangedBy', { name: person.name })
    : userError('CONFLICT', 'errors.accountChangedMeanwhile');
}

/** The newest team events and customer answers an account's history shows (years of quarterly rounds and answers). */
const HISTORY_LIMIT = 500;

export const accountRouter = router({
  /** One account with its current levels: what the account page and its panels build on. */
  get: orgProcedure('viewer')
    .input(accountIdInput)
    .query(async ({ ctx, input }) => {
      const [row] = await ctx.tx
        .select({
          id: accounts.id,
          name: accounts.name,
          domain: accounts.domain,
          externalId: accounts.externalId,
          segment: accounts.segment,
          ownerUserId: accounts.ownerUserId,
          ownerName: accountOwner.name,
          annualRevenue: accounts.annualRevenue,
          currency: accounts.currency,
          targetLevel: accounts.targetLevel,
          targetDate: accounts.targetDate,
          notes: accounts.notes,
          teamLevel: accounts.teamLevel,
          teamLevelAt: accounts.teamLevelAt,
          customerLevel: customerLevelNow,
          customerLevelAt: customerAnsweredAtNow,
          economicBuyerLevel: economicBuyerLevelNow,
          version: accounts.version,
          updatedAt: accounts.updatedAt,
          updatedByName: editor.name,
          archivedAt: accounts.archivedAt,
        })
        .from(accounts)
        .leftJoin(accountOwner, eq(accountOwner.id, accounts.ownerUserId))
        .leftJoin(editor, eq(editor.id, accounts.updatedByUserId))
        .where(and(eq(accounts.id, input.accountId)));
      if (!row) throw userError('NOT_FOUND', 'errors.accountNotFound');
      const followers = await ctx.tx
        .select({ userId: users.id, name: users.name })
        .from(accountFollowers)
        .innerJoin(users, eq(users.id, accountFollowers.userId))
        // People who have left the organization no longer count as followers.
        .innerJoin(memberships, and(eq(memberships.userId, accountFollowers.userId), isNull(memberships.removedAt)))
        .where(eq(accountFollowers.accountId, row.id))
        .orderBy(asc(users.name));
      return {
        ...row,
        ...levelsOf(row),
        customerRun: await currentCustomerRun(ctx.tx, row.id),
        followers,
        following: followers.some((f) => f.userId === ctx.user.id),
      };
    }),

  /**
   * An account's levels over time, for its history chart and table: the team's levels (each
   * closed assessment), the customer level as runs (null: no answer was fresh), and every
   * customer answer with who gave it and until when it counts. Oldest first; the newest
   * HISTORY_LIMIT team events and answers, `hasEarlier` when older ones exist.
   */
  levelHistory: accountProcedure('viewer').query(async ({ ctx }) => {
    const { account } = ctx;
    const months = await freshnessMonthsOf(ctx.tx);
    const [team, runs, answers] = await Promise.all([
      ctx.tx
        .select({
          id: levelEvents.id,
          level: levelEvents.level,
          at: levelEvents.effectiveAt,
          recordedByName: editor.name,
          note: levelEvents.note,
        })
        .from(levelEvents)
        .leftJoin(editor, eq(editor.id, levelEvents.recordedByUserId))
        .where(and(eq(levelEvents.accountId, account.id), eq(levelEvents.source, 'team')))
        .orderBy(desc(levelEvents.effectiveAt), desc(levelEvents.id))
        .limit(HISTORY_LIMIT + 1),
      ctx.tx
        .select({ level: customerLevelRuns.level, startsAt: customerLevelRuns.startsAt, endsAt: runEndsAt })
        .from(customerLevelRuns)
        .where(eq(customerLevelRuns.accountId, account.id))
        .orderBy(asc(customerLevelRuns.startsAt)),
      ctx.tx
        .select({
          id: confirmationAnswers.id,
          level: confirmationAnswers.level,
          at: confirmationAnswers.createdAt,
          stakeholderKey: respondentOfAnswer,
          contactName: contacts.name,
          respondentName: confirmationAnswers.respondentName,
          buyingRole: contacts.buyingRole,
          contactArchived: sql<boolean>`${contacts.archivedAt} is not null`,
        })
        .from(confirmationAnswers)
        .innerJoin(confirmationLinks, eq(confirmationLinks.id, confirmationAnswers.linkId))
        .leftJoin(contacts, eq(contacts.id, confirmationAnswers.contactId))
        .where(eq(confirmationAnswers.accountId, account.id))
        .orderBy(desc(confirmationAnswers.createdAt), desc(confirmationAnswers.id))
        .limit(HISTORY_LIMIT + 1),
    ]);
    return {
      freshnessMonths: months,
      team: team.slice(0, HISTORY_LIMIT).reverse(),
      runs,
      answers: answers
        .slice(0, HISTORY_LIMIT)
        .reverse()
        .map(({ contactName, respondentName, ...answer }) => ({
          ...answer,
          name: contactName ?? respondentName,
          countsUntil: answerExpiresAt(answer.at, months),
        })),
      hasEarlier: team.length > HISTORY_LIMIT || answers.length > HISTORY_LIMIT,
    };
  }),

  /** A page of the list, filtered and sorted in the database, with the total for the pager. */
  list: orgProcedure('viewer')
    .input(
      accountFiltersSchema.extend(accountSortSchema.shape).extend({
        page: z.int().min(1).max(100_000).default(1),
        pageSize: z.int().min(1).max(200).default(ACCOUNT_PAGE_SIZE),
      }),
    )
    .query(async ({ ctx, input }) => {
      const where = filterConditions(input);
      // The page's ids first, then their columns: rows skipped by the offset never compute the
      // levels they do not show (a deep page would otherwise pay for every row before it).
      const page = ctx.tx
        .select({ id: accounts.id })
        .from(accounts)
        .where(where)
        .orderBy(...sortOrder(input.sort, input.direction))
        .limit(input.pageSize)
        .offset((input.page - 1) * input.pageSize)
        .as('page');
      const [rows, [total], [anyAccount]] = await Promise.all([
        ctx.tx
          .select(listColumns)
          .from(accounts)
          .innerJoin(page, eq(page.id, accounts.id))
          .leftJoin(accountOwner, eq(accountOwner.id, accounts.ownerUserId))
          .orderBy(...sortOrder(input.sort, input.direction)),
        ctx.tx.select({ n: count() }).from(accounts).where(where),
        // Tells "no accounts at all" (offer to add or import) from "nothing matches the filters".
        ctx.tx.select({ id: accounts.id }).from(accounts).limit(1),
      ]);
      return {
        rows: rows.map((row) => ({ ...row, ...levelsOf(row) })),
        total: total?.n ?? 0,
        page: input.page,
        pageSize: input.pageSize,
        hasAnyAccount: Boolean(anyAccount),
      };
    }),

  /** Choices for the list's filters and the owner picker: members and the segments in use. */
  filterOptions: orgProcedure('viewer').query(async ({ ctx }) => {
    const [owners, segments] = await Promise.all([
      ctx.tx
        .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(isNull(memberships.removedAt))
        .orderBy(asc(users.name)),
      ctx.tx
        .select({ segment: accounts.segment, accounts: count() })
        .from(accounts)
        .where(and(isNull(accounts.archivedAt), isNotNull(accounts.segment)))
        .groupBy(accounts.segment)
        .orderBy(asc(accounts.segment)),
    ]);
    return {
      owners,
      segments: segments.map((s) => ({ segment: s.segment!, accounts: s.accounts })),
      currencies: COMMON_CURRENCIES,
    };
  }),

  create: orgProcedure('member')
    .input(accountFieldsSchema)
    .mutation(async ({ ctx, input }) => {
      await assertMember(ctx.tx, input.ownerUserId);
      await assertDomainFree(ctx.tx, input.domain);
      const values = toStored(input);
      const [created] = await ctx.tx
        .insert(accounts)
        .values({ orgId: ctx.org.id, ...values, updatedByUserId: ctx.user.id })
        .returning({ id: accounts.id, version: accounts.version })
        .catch((error: unknown) => {
          if (isUniqueViolation(error))
            throw userError('CONFLICT', 'errors.accountDomainTaken', { domain: values.domain ?? '', name: values.name });
          throw error;
        });
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: 'account.created',
        entityType: 'account',
        entityId: created!.id,
        accountId: created!.id,
        after: values,
      });
      await publishAccountEvent(ctx.tx, ctx.org.id, { type: 'account.changed', accountId: created!.id, actorUserId: ctx.user.id });
      return created!;
    }),

  /**
   * Saves the fields as the form shows them. `version` is the version the form was opened
   * with: if a teammate saved in between, nothing is written and the answer names them.
   */
  update: orgProcedure('member')
    .input(accountIdInput.extend({ version: versionSchema }).extend(accountFieldsSchema.shape))
    .mutation(async ({ ctx, input }) => {
      const current = await loadForEdit(ctx.tx, input.accountId);
      if (current.archivedAt) throw userError('CONFLICT', 'errors.accountArchived');
      if (current.version !== input.version) throw await conflictFromEditor(ctx.tx, current.updatedByUserId);
      const before: AccountValues = current;
      const after = toStored(input, current.externalId);
      const diff = auditDiff(before, after);
      if (diff.changed.length === 0) return { id: current.id, version: current.version };
      if (after.ownerUserId !== before.ownerUserId) await assertMember(ctx.tx, after.ownerUserId);
      if (after.domain !== before.domain) await assertDomainFree(ctx.tx, after.domain, current.id);
      const [updated] = await ctx.tx
        .update(accounts)
        .set({ ...after, version: sql`${accounts.version} + 1`, updatedByUserId: ctx.user.id })
        .where(and(eq(accounts.id, current.id), eq(accounts.version, input.version)))
        .returning({ id: accounts.id, version: accounts.version })
        .catch((error: unknown) => {
          if (isUniqueViolation(error))
            throw userError('CONFLICT', 'errors.accountDomainTaken', { domain: after.domain ?? '', name: after.name });
          throw error;
        });
      if (!updated) throw await conflictFromEditor(ctx.tx, current.updatedByUserId);
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: 'account.updated',
        entityType: 'account',
        entityId: current.id,
        accountId: current.id,
        before: diff.before,
        after: diff.after,
      });
      await publishAccountEvent(ctx.tx, ctx.org.id, { type: 'account.changed', accountId: current.id, actorUserId: ctx.user.id });
      return updated;
    }),

  /** Takes the account out of lists; its history, contacts and assessments stay. */
  archive: orgProcedure('member')
    .input(accountIdInput)
    .mutation(async ({ ctx, input }) => {
      const current = await loadForEdit(ctx.tx, input.accountId);
      if (current.archivedAt) return { id: current.id, version: current.version, archivedAt: current.archivedAt };
      const [updated] = await ctx.tx
        .update(accounts)
        .set({ archivedAt: new Date(), version: sql`${accounts.version} + 1`, updatedByUserId: ctx.user.id })
        .where(eq(accounts.id, current.id))
        .returning({ id: accounts.id, version: accounts.version, archivedAt: accounts.archivedAt });
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: 'account.archived',
        entityType: 'account',
        entityId: current.id,
        accountId: current.id,
        before: { archivedAt: null },
        after: { archivedAt: updated!.archivedAt },
      });
      await publishAccountEvent(ctx.tx, ctx.org.id, { type: 'account.changed', accountId: current.id, actorUserId: ctx.user.id });
      return updated!;
    }),

  /** Brings an archived account back, unless another active account has taken its domain meanwhile. */
  unarchive: orgProcedure('member')
    .input(accountIdInput)
    .mutation(async ({ ctx, input }) => {
      const current = await loadForEdit(ctx.tx, input.accountId);
      if (!current.archivedAt) return { id: current.id, version: current.version };
      await assertDomainFree(ctx.tx, current.domain, current.id);
      const [updated] = await ctx.tx
        .update(accounts)
        .set({ archivedAt: null, version: sql`${accounts.version} + 1`, updatedByUserId: ctx.user.id })
        .where(eq(accounts.id, current.id))
        .returning({ id: accounts.id, version: accounts.version });
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: 'account.unarchived',
        entityType: 'account',
        entityId: current.id,
        accountId: current.id,
        before: { archivedAt: current.archivedAt },
        after: { archivedAt: null },
      });
      await publishAccountEvent(ctx.tx, ctx.org.id, { type: 'account.changed', accountId: current.id, actorUserId: ctx.user.id });
      return updated!;
    }),

  /** Following an account puts you on its assessments' default voter list. */
  follow: accountProcedure('member').mutation(async ({ ctx }) => {
    const { account } = ctx;
    const inserted = await ctx.tx
      .insert(accountFollowers)
      .values({ orgId: ctx.org.id, accountId: account.id, userId: ctx.user.id })
      .onConflictDoNothing()
      .returning({ id: accountFollowers.id });
    if (inserted.length > 0) {
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: 'account.followed',
        entityType: 'account',
        entityId: account.id,
        accountId: account.id,
      });
      await publishAccountEvent(ctx.tx, ctx.org.id, { type: 'account.changed', accountId: account.id, actorUserId: ctx.user.id });
    }
    return { following: true };
  }),

  unfollow: accountProcedure('member').mutation(async ({ ctx }) => {
    const { account } = ctx;
    const removed = await ctx.tx
      .delete(accountFollowers)
      .where(and(eq(accountFollowers.accountId, account.id), eq(accountFollowers.userId, ctx.user.id)))
      .returning({ id: accountFollowers.id });
    if (removed.length > 0) {
      await recordAudit(ctx.tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.user.id,
        action: 'account.unfollowed',
        entityType: 'account',
        entityId: account.id,
        accountId: account.id,
      });
      await publishAccountEvent(ctx.tx, ctx.org.id, { type: 'account.changed', accountId: account.id, actorUserId: ctx.user.id });
    }
    return { following: false };
  }),

  /**
   * The (filtered, sorted) list as CSV with the current levels, for Excel: UTF-8 with a byte
   * order mark, and in Swedish a semicolon between fields and a decimal comma, as Swedish Excel expects.
   */
  /** The (filtered, sorted) list as CSV for Excel, with the current levels. */
  exportCsv: orgProcedure('viewer')
    .input(accountFiltersSchema.extend(accountSortSchema.shape))
    .mutation(({ ctx, input }) => exportAccountsCsv(ctx.tx, { locale: ctx.locale, orgSlug: ctx.org.slug }, input)),

  /** Reads and checks a CSV file without writing anything: what would happen to every row. */
  importPreview: orgProcedure('member')
    .input(accountImportInput)
    .mutation(({ ctx, input }) => previewImport(ctx.tx, input)),

  /** Imports a CSV file in one transaction: every row goes in, or (when any row is invalid) nothing does. */
  importCommit: orgProcedure('member')
    .input(accountImportInput.extend({ fileName: safeText().trim().min(1).max(255).default('import.csv') }))
    .mutation(({ ctx, input }) => commitImport(ctx.tx, { orgId: ctx.org.id, userId: ctx.user.id }, input)),

  /** Past imports, newest first, with their counts (the per-row details stay in the record). */
  imports: orgProcedure('viewer').query(async ({ ctx }) => {
    const rows = await ctx.tx
      .select({
        id: accountImports.id,
        fileName: accountImports.fileName,
        totalRows: accountImports.totalRows,
        counts: sql<Record<string, number>>`${accountImports.summary} -> 'counts'`,
        createdAt: accountImports.createdAt,
        createdByName: users.name,
      })
      .from(accountImports)
      .innerJoin(users, eq(users.id, accountImports.createdByUserId))
      .orderBy(desc(accountImports.createdAt))
      .limit(20);
    return rows;
  }),
});
