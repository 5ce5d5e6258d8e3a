import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { campaignMessages, confirmationLinks, jobs, outboxMessages } from '@/db/schema';
import { openText } from '@/server/adapters/secrets';
import { withOrg } from '@/db/tenant';
import { insertAccount } from './accounts';
import { createTeam } from './team';

export const DAY = 86_400_000;
export type Role = 'economic_buyer' | 'user' | 'technical' | 'coach' | 'other';

/** An organization with an owner, a member and a viewer, and a way to add accounts with contacts. */
export async function campaignTeam(db: Db) {
  const t = await createTeam(db, { members: ['member', 'viewer'] });
  const { slug, member } = t;
  const tag = randomUUID().slice(0, 6);
  async function account(
    name: string,
    people: Array<{ name: string; email?: string | null; buyingRole?: Role; language?: 'en' | 'sv' }> = [],
  ) {
    const row = await insertAccount(db, slug, { name: `${name} ${tag}` });
    const contacts = [];
    for (const person of people) {
      contacts.push(
        await member.caller.contact.create({
          orgSlug: slug,
          accountId: row.id,
          name: person.name,
          email:
            person.email === null
              ? undefined
              : (person.email ?? `${person.name.toLowerCase().replace(/\W+/g, '.')}.${tag}@customer.example`),
          buyingRole: person.buyingRole ?? 'user',
          language: person.language,
        }),
      );
    }
    return { ...row, contacts };
  }
  return { ...t, account, tag };
}

/** The organization's outbox, read through the owner connection. */
/** The organization's customer emails, bodies opened as the outbox page opens them (they are stored sealed). */
export async function outboxOf(db: Db, orgId: string) {
  const rows = await db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.orgId, orgId), eq(outboxMessages.kind, 'confirmation')))
    .orderBy(outboxMessages.createdAt, outboxMessages.id);
  return rows.map((row) => ({ ...row, bodyText: openText(row.bodyText) ?? '' }));
}

export function messagesOf(db: Db, campaignId: string) {
  return db
    .select()
    .from(campaignMessages)
    .where(eq(campaignMessages.campaignId, campaignId))
    .orderBy(campaignMessages.linkId, campaignMessages.sequence);
}

export function linksOf(db: Db, campaignId: string) {
  return db.select().from(confirmationLinks).where(eq(confirmationLinks.campaignId, campaignId));
}

export function jobsOf(db: Db, orgId: string) {
  return db.select().from(jobs).where(eq(jobs.orgId, orgId)).orderBy(jobs.createdAt, jobs.id);
}

/** The link token an email carries. */
export function tokenIn(bodyText: string): string {
  const match = /\/c\/([A-Za-z0-9_-]{43})/.exec(bodyText);
  if (!match) throw new Error(`no confirmation link in: ${bodyText}`);
  return match[1]!;
}

/** Moves a link's creation back in time (for quiet-period tests). */
export async function ageLink(db: Db, orgId: string, linkId: string, days: number) {
  await withOrg(db, orgId, (tx) =>
    tx
      .update(confirmationLinks)
      .set({ createdAt: new Date(Date.now() - days * DAY) })
      .where(and(eq(confirmationLinks.id, linkId))),
  );
}
