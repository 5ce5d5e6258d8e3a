/**
 * No input makes a procedure fail with a 500. Every procedure of the app router is called as the
 * owner of a living organization (the demo one) with inputs derived from its own zod schema:
 * mostly good values and ids of real rows, so calls reach the procedure's code and the database,
 * mixed with hostile text, numbers and dates. Any answer is fine (a result, BAD_REQUEST,
 * NOT_FOUND, CONFLICT…) except INTERNAL_SERVER_ERROR, which means the input reached somewhere
 * that could not handle it. The procedures are read from the router, so a new one is covered
 * without a line here. Seeded: a failure repeats with the same seed.
 */
import { TRPCError } from '@trpc/server';
import { and, eq, ne } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import * as schema from '@/db/schema';
import { appRouter } from '@/server/api/root';
import { DEMO_PEOPLE, seedDemoOrganization } from '@/server/demo/seed';
import { findUserByEmail } from '@/server/services/identity';
import { useTestDatabase } from '../helpers/db';
import { callerFor, organizationId, type Caller } from '../helpers/factories';
import { arbitraryFor, describeInput, type IdPool, type Seeds } from '../helpers/hostile-inputs';
import { callByPath, procedureAccess } from '../helpers/router';

const { db } = await useTestDatabase();

const RUNS_PER_PROCEDURE = 20;
const SEED = 20261130;

type ProcedureDef = { _def: { type: 'query' | 'mutation' | 'subscription'; inputs: unknown[] } };
const procedures = appRouter._def.procedures as unknown as Record<string, ProcedureDef>;

/**
 * Subscriptions are skipped: a call returns a stream that stays open until the client leaves, and
 * its input is the account id that accountProcedure already checks for every query and mutation
 * here. Member.leave goes last, since it may really remove the caller's own membership.
 */
const paths = procedureAccess()
  .map(({ path }) => path)
  .filter((path) => procedures[path]!._def.type !== 'subscription')
  .sort((a, b) => Number(a === 'member.leave') - Number(b === 'member.leave'));

let owner: Caller;
let seeds: Seeds;

/** Ids of the rows of one organization, by the name of the field that takes them. */
async function idsOf(database: Db, orgId: string, ownerUserId: string): Promise<IdPool> {
  const ids = async (table: { id: unknown; orgId: unknown }) =>
    (
      await database
        .select({ id: table.id as typeof schema.accounts.id })
        .from(table as typeof schema.accounts)
        .where(eq(table.orgId as typeof schema.accounts.orgId, orgId))
        .limit(20)
    ).map((row) => row.id);
  const people = (
    await database
      .select({ id: schema.memberships.userId })
      .from(schema.memberships)
      .where(and(eq(schema.memberships.orgId, orgId), ne(schema.memberships.userId, ownerUserId)))
  ).map((row) => row.id);
  // The owner's own membership is left out: changing its role would lock the rest of the run out.
  const memberships = (
    await database
      .select({ id: schema.memberships.id })
      .from(schema.memberships)
      .where(and(eq(schema.memberships.orgId, orgId), ne(schema.memberships.userId, ownerUserId)))
  ).map((row) => row.id);
  return {
    accountId: await ids(schema.accounts),
    contactId: await ids(schema.contacts),
    assessmentId: await ids(schema.assessments),
    actionId: await ids(schema.actions),
    methodId: await ids(schema.playbookMethods),
    signalId: await ids(schema.levelSignals),
    linkId: await ids(schema.confirmationLinks),
    invitationId: await ids(schema.invitations),
    campaignId: await ids(schema.campaigns),
    notificationId: await ids(schema.notifications),
    cursor: await ids(schema.auditEvents),
    membershipId: memberships,
    ownerUserId: people,
    owner: people,
    voterUserId: people,
    mentionedUserId: people,
    userId: people,
  };
}

beforeAll(async () => {
  await seedDemoOrganization(db);
  const user = (await findUserByEmail(db, DEMO_PEOPLE[0].email))!;
  const [membership] = await db
    .select({ orgId: schema.memberships.orgId })
    .from(schema.memberships)
    .where(eq(schema.memberships.userId, user.id));
  const [org] = await db
    .select({ slug: schema.organizations.slug })
    .from(schema.organizations)
    .where(eq(schema.organizations.id, membership!.orgId));
  owner = callerFor(db, user.id);
  // An invitation, which the demo does not have.
  await owner.invitation.create({ orgSlug: org!.slug, email: 'hostile-invitee@example.test', role: 'member' });
  seeds = { orgSlug: org!.slug, ids: await idsOf(db, await organizationId(db, org!.slug), user.id) };
}, 60_000);

/** The zod schemas a procedure's builders stacked up, merged into one object as tRPC merges them. */
function inputArbitrary(path: string): fc.Arbitrary<unknown> {
  const parsers = procedures[path]!._def.inputs as Parameters<typeof arbitraryFor>[0][];
  if (parsers.length === 0) return fc.constant(undefined);
  const parts = parsers.map((parser) => arbitraryFor(parser, seeds));
  return fc
    .tuple(...parts)
    .map((values) => Object.assign({}, ...values.map((value) => (value && typeof value === 'object' ? value : {}))) as unknown);
}

describe('no input makes a procedure answer with an internal server error', () => {
  it('covers every query and mutation of the router', () => {
    expect(paths.length).toBeGreaterThan(80);
    expect(paths).toEqual(expect.arrayContaining(['account.update', 'comment.create', 'dashboard.summary', 'auth.signUp', 'member.leave']));
  });

  for (const path of paths) {
    it(path, async () => {
      await fc.assert(
        fc.asyncProperty(inputArbitrary(path), async (input) => {
          try {
            await callByPath(owner, path, input);
          } catch (error) {
            if (error instanceof TRPCError && error.code === 'INTERNAL_SERVER_ERROR') {
              const cause =
                error.cause instanceof Error ? `${error.cause.name}: ${error.cause.message.split('\n')[0]}` : String(error.cause);
              throw new Error(`${path} answered INTERNAL_SERVER_ERROR (${cause})\n  input: ${describeInput(input)}`);
            }
            if (!(error instanceof TRPCError)) throw error;
          }
        }),
        { numRuns: RUNS_PER_PROCEDURE, seed: SEED, endOnFailure: true },
      );
    });
  }
});
