import 'server-only';
import { initTRPC } from '@trpc/server';
import { createTranslator } from 'next-intl';
import superjson from 'superjson';
import { z, ZodError } from 'zod';
import type { Db, Tx } from '@/db/client';
import { withOrg } from '@/db/tenant';
import { defaultLocale, type Locale } from '@/i18n/config';
import { messages, type KeysOf, type Messages } from '@/i18n/messages';
import { requireAccount } from '../services/account-access';
import { findActiveMembership, findOrganizationBySlug, findUserById } from '../services/identity';
import { accountIdInput, orgSlugSchema, type Role } from '../inputs/common';
import { databaseTroubleError, UserFacingError, userError } from './errors';
import { hasRole } from '../domain/roles';
import type { SignedInUser } from '../services/sessions';

/** What every procedure knows about its caller. The organization is never part of it: see orgProcedure. */
export interface Context {
  db: Db;
  /** From the signed session; proves identity only. Membership and role are read from the database. */
  userId: string | null;
  /** The person behind userId as the session check read them, so authedProcedure need not read them again. */
  signedInUser?: SignedInUser;
  locale: Locale;
  /** Where links in emails point, e.g. https://rung.example.com */
  appUrl: string;
  /** Who is asking, as rate limits count clients (clientAddress in server/adapters/rate-limit.ts). */
  clientAddress: string;
}

/** Recorded on each procedure; tests/integration/access.test.ts snapshots it for every endpoint. */
export interface AccessMeta {
  access: 'public' | 'authed' | `org:${Role}`;
}

const t = initTRPC
  .context<Context>()
  .meta<AccessMeta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error, ctx }) {
      // Without a context (it could not be created), an error may still know the caller's language.
      const locale = ctx?.locale ?? (error.cause instanceof UserFacingError ? error.cause.locale : undefined) ?? defaultLocale;
      const translate = createTranslator({ locale, messages: messages[locale] });
      // A zod issue's message is a plain string: a validation.* key by convention (the unit tests
      // check the server's), but only has() can tell at runtime, hence the cast.
      const validation = (message: string) => {
        if (!message.startsWith('validation.')) return translate('validation.invalid');
        const key = message as `validation.${KeysOf<Messages['validation']>}`;
        return translate.has(key) ? translate(key) : translate('errors.invalidInput');
      };
      const cause = error.cause;
      let message = shape.message;
      let fieldErrors: Record<string, string> | null = null;
      if (cause instanceof UserFacingError) {
        message = translate(cause.key, cause.values);
      } else if (cause instanceof ZodError) {
        message = translate('errors.invalidInput');
        fieldErrors = {};
        for (const issue of cause.issues) {
          const field = issue.path.join('.') || '_';
          fieldErrors[field] ??= validation(issue.message);
        }
      } else if (error.code === 'INTERNAL_SERVER_ERROR') {
        // Never show a database error to a person; the server log keeps the details.
        message = translate('errors.unexpected');
      }
      return { ...shape, message, data: { ...shape.data, fieldErrors, stack: undefined } };
    },
  });

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

/**
 * Every procedure starts here. A failure that comes from the database being unreachable or too
 * busy (a lock held too long, no free connection) becomes a 503 that says to try again in a
 * moment, instead of a 500 "something went wrong": nothing is wrong with the request.
 */
const procedure = t.procedure.use(async ({ ctx, next }) => {
  const result = await next();
  if (!result.ok) {
    const trouble = databaseTroubleError(result.error, ctx.locale);
    if (trouble) throw trouble;
  }
  return result;
});

export const publicProcedure = procedure.meta({ access: 'public' });

/** A signed-in person who still exists. */
export const authedProcedure = procedure.meta({ access: 'authed' }).use(async ({ ctx, next }) => {
  if (!ctx.userId) throw userError('UNAUTHORIZED', 'errors.signInRequired');
  const user = ctx.signedInUser?.id === ctx.userId ? ctx.signedInUser : await findUserById(ctx.db, ctx.userId);
  if (!user) throw userError('UNAUTHORIZED', 'errors.signInRequired');
  return next({ ctx: { ...ctx, userId: user.id, user } });
});

/** The organization named by the slug, or NOT_FOUND. */
async function requireOrganization(db: Db, slug: string, options: OrgProcedureOptions) {
  const org = await findOrganizationBySlug(db, slug, options);
  if (!org) throw userError('NOT_FOUND', 'errors.orgNotFound');
  return org;
}

/** The caller's membership with at least `minRole`; a non-member gets the same NOT_FOUND as a missing organization. */
async function requireMembership(tx: Tx, userId: string, minRole: Role) {
  const membership = await findActiveMembership(tx, userId);
  if (!membership) throw userError('NOT_FOUND', 'errors.orgNotFound');
  if (!hasRole(membership.role, minRole)) throw userError('FORBIDDEN', 'errors.forbidden');
  return membership;
}

interface OrgProcedureOptions {
  /**
   * An organization scheduled for deletion answers NOT_FOUND to every procedure, for everyone,
   * exactly like one that no longer exists. A procedure built with this option is the reverse: it
   * reaches only an organization that is scheduled (restoring it is all there is to do).
   */
  scheduledForDeletion?: boolean;
}

/**
 * Lock 1 of tenant isolation. Resolves the organization from the input's `orgSlug`, reads the
 * caller's membership from the database (never from the session), checks the role, and runs the
 * procedure inside withOrg: `ctx.tx` sees this organization only, `ctx.org.id` is the only
 * organization id a router may use. A non-member learns nothing: the answer is NOT_FOUND, the
 * same as for an organization that does not exist.
 */
export function orgProcedure(minRole: Role, options: OrgProcedureOptions = {}) {
  return authedProcedure
    .meta({ access: `org:${minRole}` })
    .input(z.object({ orgSlug: orgSlugSchema }))
    .use(async ({ ctx, input, next }) => {
      const org = await requireOrganization(ctx.db, input.orgSlug, options);
      const afterCommit: Array<() => Promise<void>> = [];
      const result = await withOrg(ctx.db, org.id, async (tx: Tx) => {
        const membership = await requireMembership(tx, ctx.user.id, minRole);
        const outcome = await next({
          ctx: { ...ctx, tx, org, membership, afterCommit: (fn: () => Promise<void>) => void afterCommit.push(fn) },
        });
        // next() reports a failed procedure instead of throwing; rethrow so the transaction rolls back.
        if (!outcome.ok) throw outcome.error;
        return outcome;
      });
      for (const fn of afterCommit) {
        await fn().catch((error: unknown) => console.error('after-commit task failed', error));
      }
      return result;
    });
}

/**
 * orgProcedure for what belongs to one account: resolves the input's `accountId` in this
 * organization and puts it on `ctx.account`, or answers NOT_FOUND. With `writable`, an archived
 * account answers CONFLICT: it is read-only until restored.
 */
export function accountProcedure(minRole: Role, options: { writable?: boolean } = {}) {
  return orgProcedure(minRole)
    .input(accountIdInput)
    .use(async ({ ctx, input, next }) => next({ ctx: { ...ctx, account: await requireAccount(ctx.tx, input.accountId, options) } }));
}

/**
 * orgProcedure for subscriptions. A subscription lives as long as the page is open, so it must
 * not hold a transaction (and a pooled connection) for that long: membership and role are
 * checked in a short withOrg, then the procedure runs outside any transaction. It gets
 * `ctx.org` and `ctx.membership` but no `ctx.tx`; anything it reads goes through its own withOrg.
 */
export function orgSubscriptionProcedure(minRole: Role) {
  return authedProcedure
    .meta({ access: `org:${minRole}` })
    .input(z.object({ orgSlug: orgSlugSchema }))
    .use(async ({ ctx, input, next }) => {
      const org = await requireOrganization(ctx.db, input.orgSlug, {});
      const membership = await withOrg(ctx.db, org.id, (tx: Tx) => requireMembership(tx, ctx.user.id, minRole));
      return next({ ctx: { ...ctx, org, membership } });
    });
}

/**
 * orgProcedure for work that needs a transaction of its own, such as a read-only snapshot of the
 * whole organization (a transaction's isolation is set before its first query, and orgProcedure's
 * has run several): the membership and role are checked in a short withOrg first, exactly as for
 * a subscription, and the procedure opens its own withOrg with `ctx.org.id`.
 */
export function orgSnapshotProcedure(minRole: Role) {
  return orgSubscriptionProcedure(minRole);
}
