import 'server-only';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { rebuildCustomerLevelRuns } from '@/server/services/customer-level-runs';
import { appendLevelEvent } from '@/server/services/level-history';
import { hashToken, newToken } from '@/server/adapters/tokens';
import { createOrganizationWithOwner } from '@/server/services/onboarding';
import { hashPassword } from '@/server/adapters/passwords';
import { getDb, type Db, type Tx } from '@/db/client';
import { uuidv7 } from '@/db/ids';
import { planPortfolio, seededRandom } from './portfolio';
import {
  accountFollowers,
  accounts,
  auditEvents,
  confirmationAnswers,
  confirmationLinks,
  contacts,
  actions,
  assessments,
  assessmentVoters,
  comments,
  memberships,
  notifications,
  organizations,
  playbookMethods,
  users,
  votes,
} from '@/db/schema';
import { enterOrg } from '@/db/tenant';

export const DEMO_ORG_NAME = 'Polar Supply (demo)';
export const DEMO_PASSWORD = 'rung-demo-2026';
export const DEMO_PEOPLE = [
  { email: 'demo@rung.example', name: 'Dana Demo', role: 'owner' },
  { email: 'erik.admin@rung.example', name: 'Erik Holm', role: 'admin' },
  { email: 'sara.member@rung.example', name: 'Sara Lind', role: 'member' },
  { email: 'exec@rung.example', name: 'Eva Exec', role: 'viewer' },
] as const;
const DEMO_ACCOUNT_COUNT = 40;
const DAY = 24 * 60 * 60 * 1000;

/**
 * Whether to create the demo organization at start. Its owner's password is published (in this
 * file, on the sign-in page), so a production server never gets it unless SEED_DEMO=true says so
 * on purpose; `npm run dev` on the embedded database gets it without asking. SEED_DEMO=false
 * turns it off everywhere, and a PostgreSQL server (DATABASE_URL) gets it only on request.
 */
export function demoSeedWanted(env: Partial<Record<'SEED_DEMO' | 'NODE_ENV' | 'DATABASE_URL', string>> = process.env): boolean {
  if (env.SEED_DEMO) return env.SEED_DEMO === 'true';
  return env.NODE_ENV !== 'production' && !env.DATABASE_URL;
}

/** Seeds the demo organization when demoSeedWanted says so: 'created', 'exists', or 'skipped' when not wanted. */
export async function seedDemoIfWanted(
  db: Db,
  env: Parameters<typeof demoSeedWanted>[0] = process.env,
): Promise<'created' | 'exists' | 'skipped'> {
  if (!demoSeedWanted(env)) return 'skipped';
  return (await seedDemoOrganization(db)) ? 'created' : 'exists';
}

/** Whether the sign-in page may show the demo login: only while the demo organization exists, and never when the database can't say. */
export async function demoLoginAvailable(): Promise<boolean> {
  try {
    return await demoOrganizationExists(await getDb());
  } catch {
    return false;
  }
}

/** Whether the demo organization is in this database: its owner exists and belongs to it. The sign-in page shows the demo login only then. */
export async function demoOrganizationExists(db: Db): Promise<boolean> {
  const [found] = await db
    .select({ id: organizations.id })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(and(eq(users.email, DEMO_PEOPLE[0].email), eq(organizations.name, DEMO_ORG_NAME)))
    .limit(1);
  return Boolean(found);
}

/**
 * Creates the demo organization once: four people (owner, admin, member, viewer) and a living
 * portfolio of about 40 accounts with 18 months of assessments, a few open ones with votes,
 * planned actions and comments. Returns false when it already exists, so later starts leave
 * the data (and whatever a visitor changed) alone.
 */
export async function seedDemoOrganization(db: Db, now: Date = new Date()): Promise<boolean> {
  const [existing] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .innerJoin(users, eq(users.email, DEMO_PEOPLE[0].email))
    .limit(1);
  if (existing) return false;

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const people = await tx
      .insert(users)
      .values(DEMO_PEOPLE.map((p) => ({ email: p.email, name: p.name, passwordHash, emailVerifiedAt: now })))
      .returning({ id: users.id, email: users.email });
    const ids = DEMO_PEOPLE.map((p) => people.find((row) => row.email === p.email)!.id);
    const org = await createOrganizationWithOwner(tx, DEMO_ORG_NAME, ids[0]!);
    await enterOrg(tx, org.id);
    await tx.insert(memberships).values(DEMO_PEOPLE.slice(1).map((p, i) => ({ orgId: org.id, userId: ids[i + 1]!, role: p.role })));
    // The three people who assess accounts; the viewer only reads.
    await seedPortfolio(tx, org.id, ids.slice(0, 3), now);
  });
  return true;
}

async function seedPortfolio(tx: Tx, orgId: string, assessors: string[], now: Date): Promise<void> {
  const rng = seededRandom(20261129);
  // The account activity feeds: written in time order with ids minted at those times (the feed pages by id).
  const history: Array<typeof auditEvents.$inferInsert & { createdAt: Date }> = [];
  const audit = (
    at: Date,
    actorUserId: string | null,
    accountId: string,
    action: string,
    entityType: string,
    entityId: string,
    after: unknown,
  ) => history.push({ id: uuidv7(at.getTime()), orgId, actorUserId, accountId, action, entityType, entityId, after, createdAt: at });
  const plan = planPortfolio({ count: DEMO_ACCOUNT_COUNT, now, seed: 42, voters: assessors.length });
  const created = await tx
    .insert(accounts)
    .values(
      plan.map((a) => ({
        orgId,
        name: a.name,
        domain: a.domain,
        segment: a.segment,
        ownerUserId: assessors[a.owner]!,
        annualRevenue: String(a.annualRevenue),
        currency: a.currency,
        targetLevel: a.targetLevel,
        targetDate: a.targetDate,
        createdAt: new Date(now.getTime() - 600 * DAY),
      })),
    )
    .returning({ id: accounts.id });

  for (const [index, account] of plan.entries()) {
    const accountId = created[index]!.id;
    for (const past of account.closed) {
      const [assessment] = await tx
        .insert(assessments)
        .values({
          orgId,
          accountId,
          status: 'closed',
          startedByUserId: assessors[past.starter]!,
          revealedAt: past.at,
          closedAt: past.at,
          closedByUserId: assessors[past.starter]!,
          teamLevel: past.teamLevel,
          closeReason: past.closeReason,
          createdAt: new Date(past.at.getTime() - 3 * DAY),
        })
        .returning({ id: assessments.id });
      await tx
        .insert(assessmentVoters)
        .values(past.votes.map((v) => ({ orgId, assessmentId: assessment!.id, userId: assessors[v.voter]! })));
      await tx.insert(votes).values(
        past.votes.map((v, i) => ({
          orgId,
          assessmentId: assessment!.id,
          voterUserId: assessors[v.voter]!,
          level: v.level,
          rationale: v.rationale,
          createdAt: new Date(past.at.getTime() - (2 - i * 0.3) * DAY),
        })),
      );
      await appendLevelEvent(tx, {
        orgId,
        accountId,
        source: 'team',
        level: past.teamLevel,
        effectiveAt: past.at,
        assessmentId: assessment!.id,
        recordedByUserId: assessors[past.starter]!,
      });
      audit(past.at, assessors[past.starter]!, accountId, 'assessment.closed', 'assessment', assessment!.id, {
        status: 'closed',
        teamLevel: past.teamLevel,
        voteCount: past.votes.length,
        reason: past.closeReason,
      });
    }
  }

  // Three accounts are being assessed right now: votes cast, still blind.
  const openOn = [2, 7, 11].filter((i) => i < plan.length);
  for (const index of openOn) {
    const accountId = created[index]!.id;
    const [assessment] = await tx
      .insert(assessments)
      .values({ orgId, accountId, status: 'open', startedByUserId: assessors[0]!, createdAt: new Date(now.getTime() - DAY) })
      .returning({ id: assessments.id });
    await tx.insert(assessmentVoters).values(assessors.map((userId) => ({ orgId, assessmentId: assessment!.id, userId })));
    audit(new Date(now.getTime() - DAY), assessors[0]!, accountId, 'assessment.started', 'assessment', assessment!.id, { blind: true });
    const current = plan[index]!.closed.at(-1)?.teamLevel ?? 2;
    await tx.insert(votes).values([
      {
        orgId,
        assessmentId: assessment!.id,
        voterUserId: assessors[1]!,
        level: Math.min(5, current + 1),
        rationale: 'They asked us to join their planning workshop in March.',
      },
      {
        orgId,
        assessmentId: assessment!.id,
        voterUserId: assessors[2]!,
        level: current,
        rationale: 'Nothing has changed since the last review, as far as I can see.',
      },
    ]);
  }

  // The member follows a handful of accounts (followers are asked to vote by default).
  await tx.insert(accountFollowers).values(created.slice(0, 8).map((a) => ({ orgId, accountId: a.id, userId: assessors[2]! })));

  // Planned actions from the playbook for the next level up; some done, some overdue.
  const methods = await tx
    .select({ id: playbookMethods.id, fromLevel: playbookMethods.fromLevel, name: playbookMethods.nameEn })
    .from(playbookMethods)
    .where(isNull(playbookMethods.retiredAt))
    .orderBy(asc(playbookMethods.position));
  const plannedActions: Array<typeof actions.$inferInsert> = [];
  for (const [index, account] of plan.entries()) {
    if (index % 3 !== 0) continue;
    const level = account.closed.at(-1)?.teamLevel ?? 1;
    if (level >= 5) continue;
    const options = methods.filter((m) => m.fromLevel === level);
    for (let k = 0; k < 1 + Math.floor(rng() * 2); k++) {
      const method = options.length ? options[Math.floor(rng() * options.length)]! : null;
      const dueInDays = Math.floor(rng() * 90) - 30;
      const status = rng() < 0.25 ? 'done' : rng() < 0.5 ? 'doing' : 'open';
      plannedActions.push({
        orgId,
        accountId: created[index]!.id,
        methodId: method?.id ?? null,
        title: method ? `${method.name}: ${account.name}` : `Book a review meeting with ${account.name}`,
        targetLevel: level + 1,
        ownerUserId: assessors[account.owner]!,
        dueDate: new Date(now.getTime() + dueInDays * DAY).toISOString().slice(0, 10),
        status,
        completedAt: status === 'done' ? new Date(now.getTime() - 5 * DAY) : null,
        createdByUserId: assessors[account.owner]!,
      });
    }
  }
  if (plannedActions.length) {
    const inserted = await tx.insert(actions).values(plannedActions).returning({ id: actions.id });
    plannedActions.forEach((action, i) =>
      audit(
        new Date(now.getTime() - 20 * DAY + i * 3_600_000),
        action.createdByUserId,
        action.accountId,
        'action.created',
        'action',
        inserted[i]!.id,
        {
          title: action.title,
          status: action.status,
          targetLevel: action.targetLevel,
          dueDate: action.dueDate,
        },
      ),
    );
  }

  const seededComments = await tx
    .insert(comments)
    .values([
      {
        orgId,
        accountId: created[2]!.id,
        authorUserId: assessors[1]!,
        body: 'Their new COO wants fewer suppliers next year. We should be one of them.',
        createdAt: new Date(now.getTime() - 3 * DAY),
      },
      {
        orgId,
        accountId: created[2]!.id,
        authorUserId: assessors[2]!,
        body: '@Dana Demo can you bring the downtime numbers to Thursday’s review?',
        mentionedUserIds: [assessors[0]!],
        createdAt: new Date(now.getTime() - 2 * DAY),
      },
      {
        orgId,
        accountId: created[7]!.id,
        authorUserId: assessors[0]!,
        body: 'Price pressure again in the last order. Worth checking whether we are slipping back to level 1.',
        createdAt: new Date(now.getTime() - DAY),
      },
    ])
    .returning();
  for (const comment of seededComments) {
    audit(comment.createdAt, comment.authorUserId, comment.accountId, 'comment.added', 'comment', comment.id, {
      excerpt: comment.body.slice(0, 120),
      mentionedUserIds: comment.mentionedUserIds,
    });
    for (const userId of comment.mentionedUserIds) {
      await tx.insert(notifications).values({
        orgId,
        userId,
        kind: 'mention',
        accountId: comment.accountId,
        payload: { commentId: comment.id, actorUserId: comment.authorUserId, excerpt: comment.body.slice(0, 120) },
        createdAt: comment.createdAt,
      });
    }
  }

  await seedCustomerAnswers(tx, orgId, plan, created, assessors[0]!, now, audit);

  history.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  for (let i = 0; i < history.length; i += 500) await tx.insert(auditEvents).values(history.slice(i, i + 500));
}

/** "Karin Sjö" at nordkyl3.example -> karin.sjo@nordkyl3.example */
function demoEmail(name: string, domain: string): string {
  return `${name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z ]/g, '')
    .replace(' ', '.')}@${domain}`;
}

const CONTACT_NAMES = ['Anna Berg', 'Johan Ek', 'Karin Lund', 'Per Holm', 'Lina Strand', 'Oskar Dahl', 'Maria Sjö', 'Erik Björk'];

/**
 * Customers who answered through confirmation links: two stakeholders on some accounts, the
 * perception gap the product is about on a few big ones (the team rates itself higher), and some
 * answers old enough that the account needs confirming again.
 */
async function seedCustomerAnswers(
  tx: Tx,
  orgId: string,
  plan: ReturnType<typeof planPortfolio>,
  created: Array<{ id: string }>,
  askedBy: string,
  now: Date,
  audit: (
    at: Date,
    actorUserId: string | null,
    accountId: string,
    action: string,
    entityType: string,
    entityId: string,
    after: unknown,
  ) => void,
) {
  const rng = seededRandom(4711);
  const answered: string[] = [];
  for (const [index, account] of plan.entries()) {
    const team = account.closed.at(-1)?.teamLevel;
    if (!team || index % 2 === 1) continue;
    const accountId = created[index]!.id;
    const big = account.annualRevenue > 10_000_000;
    const stakeholders = rng() < 0.4 ? 2 : 1;
    for (let s = 0; s < stakeholders; s++) {
      const [contact] = await tx
        .insert(contacts)
        .values({
          orgId,
          accountId,
          name: CONTACT_NAMES[(index + s) % CONTACT_NAMES.length]!,
          // An address at the account's own (reserved, undeliverable) domain, so a campaign from the demo has someone to ask.
          email: demoEmail(CONTACT_NAMES[(index + s) % CONTACT_NAMES.length]!, account.domain),
          buyingRole: s === 0 ? 'economic_buyer' : 'user',
          language: rng() < 0.6 ? 'sv' : 'en',
        })
        .returning({ id: contacts.id, language: contacts.language });
      // Big accounts where the team is optimistic: the customer sees them one or two levels lower.
      // And a few smaller ones where the customer values us more than the team dares to think.
      const drop = big && team >= 3 ? 1 + Math.floor(rng() * 2) : rng() < 0.3 ? 1 : rng() < 0.2 && team < 5 ? -1 : 0;
      const level = Math.min(5, Math.max(1, team - drop));
      const stale = rng() < 0.15;
      const at = new Date(now.getTime() - (stale ? 400 + Math.floor(rng() * 100) : 5 + Math.floor(rng() * 150)) * DAY);
      const linkId = uuidv7(at.getTime());
      const [link] = await tx
        .insert(confirmationLinks)
        .values({
          orgId,
          id: linkId,
          accountId,
          contactId: contact!.id,
          respondentLinkId: linkId,
          tokenHash: hashToken(newToken()),
          language: contact!.language ?? 'en',
          expiresAt: new Date(at.getTime() + 30 * DAY),
          createdByUserId: askedBy,
          sentAt: at,
          firstOpenedAt: at,
          lastAnsweredAt: at,
          createdAt: new Date(at.getTime() - 2 * DAY),
        })
        .returning({ id: confirmationLinks.id });
      const [answer] = await tx
        .insert(confirmationAnswers)
        .values({
          orgId,
          linkId: link!.id,
          accountId,
          contactId: contact!.id,
          level,
          desiredLevel: Math.min(5, level + 1),
          moveUp: drop > 0 ? 'Understand our own customers better before proposing changes.' : 'Keep the same people on our account.',
          submissionKey: `demo-${link!.id}`,
          createdAt: at,
        })
        .returning({ id: confirmationAnswers.id });
      await appendLevelEvent(tx, { orgId, accountId, source: 'customer', level, effectiveAt: at, contactId: contact!.id });
      audit(at, null, accountId, 'confirmation.answered', 'confirmation_answer', answer!.id, {
        level,
        respondent: CONTACT_NAMES[(index + s) % CONTACT_NAMES.length],
      });
    }
    answered.push(accountId);
  }
  await rebuildCustomerLevelRuns(tx, orgId, 12, answered);
}
