import 'server-only';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { getDb, type Db, type Tx } from '@/db/client';
import {
  accountFollowers,
  accounts,
  confirmationAnswers,
  confirmationLinks,
  contacts,
  memberships,
  notifications,
  organizations,
} from '@/db/schema';
import { withOrg } from '@/db/tenant';
import { recordAudit } from './audit';
import { customerLevelNow, rebuildCustomerLevelRuns } from './customer-level-runs';
import { readableBrandColour, showableLogo } from '../domain/brand';
import { DEFAULT_FRESHNESS_MONTHS, linkStatus } from '../domain/customer-level';
import { publishAccountEvent, publishNotifications } from '../runtime/events';
import { findActiveMembership, findConfirmationLinkByToken } from './identity';
import { appendLevelEvent } from './level-history';
import { hitRateLimit } from '../adapters/rate-limit';
import { customerAnswerInput, isAnswerErrorKey, type AnswerErrorKey } from '../inputs/customer-answer';

/*
 * The customer's side of confirmation links: what the public page may show, and how an answer
 * is recorded. The token is resolved by one narrow lookup; everything else runs in withOrg for
 * the link's organization, so a link can only ever read or write its own organization's rows.
 */

/** The supplier's look on the page, each part only when it passes its check (else the page's default). */
interface SupplierBrand {
  colour: string | null;
  logo: string | null;
}

/** Everything the public page shows: an allowlisted shape, never whole rows. */
interface PublicConfirmation {
  orgName: string;
  brand: SupplierBrand;
  accountName: string;
  contactName: string | null;
  personalMessage: string | null;
  language: 'en' | 'sv';
  expiresAt: Date;
  previous: {
    level: number;
    desiredLevel: number | null;
    moveUp: string | null;
    respondentName: string | null;
    respondentTitle: string | null;
    comment: string | null;
  } | null;
}

async function openLink(tx: Tx, linkId: string) {
  const [row] = await tx
    .select({
      link: confirmationLinks,
      accountName: accounts.name,
      accountArchivedAt: accounts.archivedAt,
      contactName: contacts.name,
      orgName: organizations.name,
      orgSlug: organizations.slug,
      brandColour: organizations.brandColour,
      logo: organizations.logo,
    })
    .from(confirmationLinks)
    .innerJoin(accounts, eq(accounts.id, confirmationLinks.accountId))
    .innerJoin(organizations, eq(organizations.id, confirmationLinks.orgId))
    .leftJoin(contacts, eq(contacts.id, confirmationLinks.contactId))
    .where(eq(confirmationLinks.id, linkId));
  if (!row || row.accountArchivedAt) return null;
  const status = linkStatus(row.link);
  if (status === 'expired' || status === 'revoked') return null;
  const brand: SupplierBrand = { colour: readableBrandColour(row.brandColour), logo: showableLogo(row.logo) };
  return { ...row, brand };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether the signed-in person (if any) is a current member of the organization the transaction
 * is in (withOrg, the link's organization): the same test as the app's membership check. A team
 * member must never answer in the customer's place; a former member or someone from another
 * organization answers like anyone else.
 */
async function isTeamMember(tx: Tx, userId: string | null | undefined): Promise<boolean> {
  if (!userId || !UUID.test(userId)) return false;
  return Boolean(await findActiveMembership(tx, userId));
}

/** What a signed-in team member sees instead of the form: enough to explain, and the way back to the account. */
interface TeamMemberConfirmation {
  orgName: string;
  brand: SupplierBrand;
  accountName: string;
  contactName: string | null;
  language: 'en' | 'sv';
  accountPath: string;
}

export type ConfirmationView =
  { kind: 'ok'; confirmation: PublicConfirmation } | { kind: 'teamMember'; confirmation: TeamMemberConfirmation };

/**
 * The page for a token, or null for a token that is unknown, expired or revoked (the page shows
 * the same neutral answer for all three). Opening it for the first time is recorded, unless the
 * one opening it is a member of the link's organization (`viewerUserId`, from their session):
 * they get the explanation instead of the form, and the link stays unopened.
 */
async function loadPublicConfirmation(db: Db, token: string, viewerUserId: string | null = null): Promise<ConfirmationView | null> {
  const found = await findConfirmationLinkByToken(db, token);
  if (!found) return null;
  return withOrg(db, found.orgId, async (tx): Promise<ConfirmationView | null> => {
    const row = await openLink(tx, found.linkId);
    if (!row) return null;
    const language = row.link.language === 'sv' ? 'sv' : 'en';
    if (await isTeamMember(tx, viewerUserId)) {
      return {
        kind: 'teamMember',
        confirmation: {
          orgName: row.orgName,
          brand: row.brand,
          accountName: row.accountName,
          contactName: row.contactName,
          language,
          accountPath: `/${row.orgSlug}/accounts/${row.link.accountId}`,
        },
      };
    }
    if (!row.link.firstOpenedAt) {
      await tx.update(confirmationLinks).set({ firstOpenedAt: new Date() }).where(eq(confirmationLinks.id, row.link.id));
    }
    const [previous] = await tx
      .select({
        level: confirmationAnswers.level,
        desiredLevel: confirmationAnswers.desiredLevel,
        moveUp: confirmationAnswers.moveUp,
        respondentName: confirmationAnswers.respondentName,
        respondentTitle: confirmationAnswers.respondentTitle,
        comment: confirmationAnswers.comment,
      })
      .from(confirmationAnswers)
      .where(eq(confirmationAnswers.linkId, row.link.id))
      .orderBy(desc(confirmationAnswers.createdAt), desc(confirmationAnswers.id))
      .limit(1);
    return {
      kind: 'ok',
      confirmation: {
        orgName: row.orgName,
        brand: row.brand,
        accountName: row.accountName,
        contactName: row.contactName,
        personalMessage: row.link.personalMessage,
        language,
        expiresAt: row.link.expiresAt,
        previous: previous ?? null,
      },
    };
  });
}

export type SubmitResult = { ok: true } | { ok: false; reason: 'unavailable' | 'teamMember' };

/**
 * Records one answer. Appends (never overwrites): a changed answer is a new row and a new level
 * event, and the latest counts. The same form submitted twice (same submission key) records once.
 * Sent by a member of the link's organization (`viewerUserId`, from their session), it records
 * nothing at all: the team cannot answer in its customer's place.
 */
export async function submitCustomerAnswer(
  db: Db,
  token: string,
  input: z.output<typeof customerAnswerInput>,
  viewerUserId: string | null = null,
): Promise<SubmitResult> {
  const found = await findConfirmationLinkByToken(db, token);
  if (!found) return { ok: false, reason: 'unavailable' };
  return withOrg(db, found.orgId, async (tx) => {
    const row = await openLink(tx, found.linkId);
    if (!row) return { ok: false, reason: 'unavailable' } as const;
    if (await isTeamMember(tx, viewerUserId)) return { ok: false, reason: 'teamMember' } as const;
    const { link } = row;
    const inserted = await tx
      .insert(confirmationAnswers)
      .values({
        orgId: link.orgId,
        linkId: link.id,
        accountId: link.accountId,
        contactId: link.contactId,
        level: input.level,
        desiredLevel: input.desiredLevel ?? null,
        moveUp: input.moveUp ?? null,
        respondentName: input.respondentName ?? null,
        respondentTitle: input.respondentTitle ?? null,
        comment: input.comment ?? null,
        submissionKey: input.submissionKey,
      })
      .onConflictDoNothing()
      .returning({ id: confirmationAnswers.id, createdAt: confirmationAnswers.createdAt });
    const answer = inserted[0];
    if (!answer) return { ok: true } as const; // the same submission again: already recorded

    await appendLevelEvent(tx, {
      orgId: link.orgId,
      accountId: link.accountId,
      source: 'customer',
      level: input.level,
      effectiveAt: answer.createdAt,
      contactId: link.contactId,
      note: input.comment ?? null,
    });
    await tx.update(confirmationLinks).set({ lastAnsweredAt: answer.createdAt }).where(eq(confirmationLinks.id, link.id));
    await rebuildCustomerLevelRuns(tx, link.orgId, await freshnessMonthsOf(tx), [link.accountId]);
    const [combined] = await tx.select({ level: customerLevelNow }).from(accounts).where(eq(accounts.id, link.accountId));
    await recordAudit(tx, {
      orgId: link.orgId,
      actorUserId: null,
      action: 'confirmation.answered',
      entityType: 'confirmation_answer',
      entityId: answer.id,
      accountId: link.accountId,
      after: {
        level: input.level,
        desiredLevel: input.desiredLevel ?? null,
        respondent: row.contactName ?? input.respondentName ?? null,
        customerLevel: combined?.level ?? null,
      },
    });
    const respondent = row.contactName ?? input.respondentName ?? null;
    await notifyTeam(tx, link.orgId, link.accountId, {
      answerId: answer.id,
      level: input.level,
      excerpt: respondent ? `${respondent}: ${input.level}` : String(input.level),
    });
    await publishAccountEvent(tx, link.orgId, { type: 'confirmation.answered', accountId: link.accountId });
    return { ok: true } as const;
  });
}

/** The account's owner and followers who are current members hear about a new answer. */
async function notifyTeam(tx: Tx, orgId: string, accountId: string, payload: Record<string, unknown>) {
  const [account] = await tx.select({ ownerUserId: accounts.ownerUserId }).from(accounts).where(eq(accounts.id, accountId));
  const followers = await tx
    .select({ userId: accountFollowers.userId })
    .from(accountFollowers)
    .where(eq(accountFollowers.accountId, accountId));
  const candidates = [...new Set([account?.ownerUserId, ...followers.map((f) => f.userId)].filter((id): id is string => Boolean(id)))];
  if (candidates.length === 0) return;
  const current = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(inArray(memberships.userId, candidates), isNull(memberships.removedAt)));
  if (current.length === 0) return;
  await tx.insert(notifications).values(current.map(({ userId }) => ({ orgId, userId, kind: 'customer_answer', accountId, payload })));
  await publishNotifications(
    tx,
    orgId,
    current.map(({ userId }) => userId),
  );
}

/** How long this organization counts a customer's answer (Settings → General). */
export async function freshnessMonthsOf(tx: Tx): Promise<number> {
  const [org] = await tx.select({ months: organizations.customerAnswerFreshnessMonths }).from(organizations);
  return org?.months ?? DEFAULT_FRESHNESS_MONTHS;
}

const VIEWS_PER_ADDRESS = 60;
const ANSWERS_PER_ADDRESS = 20;
const LIMIT_WINDOW_SECONDS = 10 * 60;

/**
 * The public page's view of a token, rate limited per client address (across instances on a
 * server database). `viewerUserId` is whoever is signed in on this browser, if anyone.
 */
export async function viewConfirmation(token: string, address: string, database?: Db, viewerUserId: string | null = null) {
  const db = database ?? (await getDb());
  if (!(await hitRateLimit(db, `confirm:view:${address}`, VIEWS_PER_ADDRESS, LIMIT_WINDOW_SECONDS)).allowed)
    return { kind: 'tooMany' } as const;
  const view = token.length >= 20 && token.length <= 100 ? await loadPublicConfirmation(db, token, viewerUserId) : null;
  return view ?? ({ kind: 'unavailable' } as const);
}

/**
 * The public form's submission: rate limited, validated (field errors are keys under
 * confirm.errors), then recorded once. From a signed-in member of the link's organization
 * (`viewerUserId`) it is refused whatever it contains.
 */
export async function answerConfirmation(
  token: string,
  address: string,
  values: Record<string, string>,
  database?: Db,
  viewerUserId: string | null = null,
) {
  const db = database ?? (await getDb());
  if (!(await hitRateLimit(db, `confirm:answer:${address}`, ANSWERS_PER_ADDRESS, LIMIT_WINDOW_SECONDS)).allowed)
    return { kind: 'tooMany' } as const;
  const parsed = customerAnswerInput.safeParse(values);
  if (!parsed.success) {
    // A member's refusal must not depend on what they typed.
    if (viewerUserId && (await isTeamMemberOfLink(db, token, viewerUserId))) return { kind: 'teamMember' } as const;
    const errors: Record<string, AnswerErrorKey> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '_form');
      const key = issue.message.startsWith('confirm.errors.') ? issue.message.slice('confirm.errors.'.length) : '';
      errors[field] ??= isAnswerErrorKey(key) ? key : 'levelRequired';
    }
    return { kind: 'invalid', errors } as const;
  }
  const result = await submitCustomerAnswer(db, token, parsed.data, viewerUserId);
  if (result.ok) return { kind: 'ok' } as const;
  return result.reason === 'teamMember' ? ({ kind: 'teamMember' } as const) : ({ kind: 'unavailable' } as const);
}

async function isTeamMemberOfLink(db: Db, token: string, userId: string): Promise<boolean> {
  const found = await findConfirmationLinkByToken(db, token);
  return found ? withOrg(db, found.orgId, (tx) => isTeamMember(tx, userId)) : false;
}
