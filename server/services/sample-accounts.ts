import 'server-only';
import { and, count, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { accounts, contacts } from '@/db/schema';
import { userError } from '../api/errors';
import { SAMPLE_ACCOUNTS } from '../demo/sample-accounts';
import { recordAudit } from './audit';
import { appendLevelEvent } from './level-history';

/*
 * Sample accounts: fictitious companies (server/demo/sample-accounts.ts) a new organization can
 * load to try Rung, marked `accounts.sample`, and remove again in one go. Removing takes the
 * samples and everything hanging off them (contacts, assessments and votes, levels, comments,
 * actions, confirmation links and answers, their audit lines) and nothing else.
 */

/** How many sample accounts the organization has now (archived ones included: they go with the rest). */
export async function sampleAccountCount(tx: Tx): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(accounts).where(eq(accounts.sample, true));
  return row?.n ?? 0;
}

/** Adds the sample accounts, their contacts and, for most, a team level. Refused while samples are there already. */
export async function loadSampleAccounts(tx: Tx, orgId: string, actorUserId: string): Promise<{ added: number }> {
  // One loader at a time per organization: two admins clicking at once must not load them twice.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`sample-accounts:${orgId}`}, 0))`);
  if ((await sampleAccountCount(tx)) > 0) throw userError('CONFLICT', 'errors.sampleAccountsLoaded');
  // A real account may already use a sample's domain: the sample then goes without one.
  const taken = new Set(
    (await tx.select({ domain: accounts.domain }).from(accounts).where(isNull(accounts.archivedAt))).map((row) => row.domain),
  );
  for (const sample of SAMPLE_ACCOUNTS) {
    const [account] = await tx
      .insert(accounts)
      .values({
        orgId,
        name: sample.name,
        domain: taken.has(sample.domain) ? null : sample.domain,
        segment: sample.segment,
        annualRevenue: sample.annualRevenue,
        currency: sample.currency,
        targetLevel: sample.targetLevel,
        ownerUserId: actorUserId,
        updatedByUserId: actorUserId,
        sample: true,
      })
      .returning({ id: accounts.id });
    await tx.insert(contacts).values(sample.contacts.map((contact) => ({ orgId, accountId: account!.id, ...contact })));
    if (sample.teamLevel) {
      await appendLevelEvent(tx, { orgId, accountId: account!.id, source: 'team', level: sample.teamLevel, recordedByUserId: actorUserId });
    }
  }
  await recordAudit(tx, {
    orgId,
    actorUserId,
    action: 'accounts.samples_loaded',
    entityType: 'organization',
    entityId: orgId,
    after: { count: SAMPLE_ACCOUNTS.length },
  });
  return { added: SAMPLE_ACCOUNTS.length };
}

/**
 * The tables that hold rows of a sample account, each before the tables it points to, and how a
 * row is tied to one: by its own `account_id`, or through the row it belongs to.
 */
const SAMPLE_ROWS = (orgId: string) => {
  const samples = sql`(select id from accounts where org_id = ${orgId}::uuid and sample)`;
  const sampleLinks = sql`(select id from confirmation_links where org_id = ${orgId}::uuid and account_id in ${samples})`;
  const sampleAssessments = sql`(select id from assessments where org_id = ${orgId}::uuid and account_id in ${samples})`;
  return [
    ['campaign_messages', sql`link_id in ${sampleLinks}`],
    ['confirmation_answers', sql`account_id in ${samples}`],
    ['customer_level_runs', sql`account_id in ${samples}`],
    ['level_spans', sql`account_id in ${samples}`],
    ['level_events', sql`account_id in ${samples}`],
    ['votes', sql`assessment_id in ${sampleAssessments}`],
    ['assessment_voters', sql`assessment_id in ${sampleAssessments}`],
    ['assessments', sql`account_id in ${samples}`],
    ['confirmation_links', sql`account_id in ${samples}`],
    ['comments', sql`account_id in ${samples}`],
    ['notifications', sql`account_id in ${samples}`],
    ['actions', sql`account_id in ${samples}`],
    ['account_followers', sql`account_id in ${samples}`],
    ['audit_events', sql`account_id in ${samples}`],
    ['contacts', sql`account_id in ${samples}`],
    ['accounts', sql`sample`],
  ] as const;
};

/**
 * Removes this organization's sample accounts and everything tied to them, in one transaction on
 * the owner connection: the application role may delete none of the history, and these rows
 * were never real history. Every statement names the organization, so no other tenant's row is
 * reachable even though row-level security does not apply here. Returns how many accounts went.
 */
export async function removeSampleAccounts(db: Db, orgId: string, actorUserId: string): Promise<{ removed: number }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`sample-accounts:${orgId}`}, 0))`);
    const [row] = await tx
      .select({ n: count() })
      .from(accounts)
      .where(and(eq(accounts.orgId, orgId), eq(accounts.sample, true)));
    const removed = row?.n ?? 0;
    if (removed === 0) return { removed };
    for (const [table, tiedToSample] of SAMPLE_ROWS(orgId)) {
      await tx.execute(sql`delete from ${sql.identifier(table)} where org_id = ${orgId}::uuid and ${tiedToSample}`);
    }
    await recordAudit(tx, {
      orgId,
      actorUserId,
      action: 'accounts.samples_removed',
      entityType: 'organization',
      entityId: orgId,
      before: { count: removed },
    });
    return { removed };
  });
}
