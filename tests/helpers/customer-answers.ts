import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { confirmationAnswers } from '@/db/schema';
import { withOrg } from '@/db/tenant';
import { answerConfirmation, freshnessMonthsOf } from '@/server/services/confirmations';
import { rebuildCustomerLevelRuns } from '@/server/services/customer-level-runs';
import { confirmationToken, type Caller } from './factories';

const DAY = 86_400_000;

/**
 * A customer answer given the way customers give them: a link is created for the contact (or an
 * unnamed respondent when `contactId` is null) and answered through the public form. With
 * `daysAgo`, the answer is moved back in time and the account's customer
 * level runs are rebuilt, as if it had been given then.
 */
export async function giveAnswer(
  db: Db,
  member: Caller,
  org: { slug: string; id: string },
  accountId: string,
  contactId: string | null,
  level: number,
  options: { daysAgo?: number } = {},
): Promise<{ linkId: string }> {
  const link = await member.confirmation.create({ orgSlug: org.slug, accountId, contactId, override: true });
  const token = confirmationToken(link.url);
  const result = await answerConfirmation(token, `answer-${randomUUID()}`, { level: String(level), submissionKey: randomUUID() }, db);
  if (result.kind !== 'ok') throw new Error(`answer not recorded: ${result.kind}`);
  if (options.daysAgo !== undefined) await backdateAnswers(db, org.id, accountId, link.linkId, options.daysAgo);
  return { linkId: link.linkId };
}

/** Moves the answers given through one link `daysAgo` days back and rebuilds the account's customer level runs. */
async function backdateAnswers(db: Db, orgId: string, accountId: string, linkId: string, daysAgo: number): Promise<void> {
  const then = new Date(Date.now() - daysAgo * DAY);
  // Answers are append-only for the application's role: the root connection moves them.
  await db.update(confirmationAnswers).set({ createdAt: then }).where(eq(confirmationAnswers.linkId, linkId));
  await withOrg(db, orgId, async (tx) => {
    await rebuildCustomerLevelRuns(tx, orgId, await freshnessMonthsOf(tx), [accountId]);
  });
}
