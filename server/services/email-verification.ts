import 'server-only';
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import type { Db, Queryable, Tx } from '@/db/client';
import { memberships, organizations, users } from '@/db/schema';
import { enterOrg } from '@/db/tenant';
import type { Locale } from '@/i18n/config';
import { userError } from '../api/errors';
import { serverTranslator } from '../adapters/i18n';
import { deliverEmail, queueEmail, smtpConfigured } from '../adapters/mail';
import { hitRateLimit } from '../adapters/rate-limit';
import { hashToken, newToken } from '../adapters/tokens';

/*
 * Proving that a person reads the mail of their address: a link with a one-time token, sent to
 * that address. Only the token's hash is stored, on the user's row, so a database dump holds no
 * working link; asking again replaces the earlier link, and using it clears it.
 */

const EMAIL_VERIFICATION_LIFETIME_HOURS = 24;
/** Resending is for a lost email, not a way to fill someone's inbox. */
const RESEND_LIMIT = 5;
const RESEND_WINDOW_SECONDS = 60 * 60;

/**
 * Gives the person a new verification token, replacing any earlier one. Runs as the connection's
 * own role (users are not a tenant table), so call it before the transaction enters an organization.
 */
export async function issueVerificationToken(tx: Queryable, userId: string, now: Date = new Date()): Promise<string> {
  const token = newToken();
  await tx
    .update(users)
    .set({
      emailVerificationTokenHash: hashToken(token),
      emailVerificationExpiresAt: new Date(now.getTime() + EMAIL_VERIFICATION_LIFETIME_HOURS * 60 * 60 * 1000),
    })
    .where(eq(users.id, userId));
  return token;
}

interface QueuedVerificationEmail {
  orgId: string;
  messageId: string;
  /** The body with the link, for SMTP; the outbox keeps it only when there is no SMTP. */
  bodyText: string;
}

/**
 * Queues the verification email in the outbox of `orgId`, in a transaction that has entered that
 * organization. With SMTP the outbox keeps the email without its link: the organization's admins
 * read the outbox, and the link must prove the mailbox, not a seat in Settings.
 */
export async function queueVerificationEmail(
  tx: Tx,
  params: { orgId: string; email: string; token: string; locale: Locale; appUrl: string },
): Promise<QueuedVerificationEmail> {
  const t = serverTranslator(params.locale);
  const link = `${params.appUrl}/verify-email/${params.token}`;
  const values = { hours: EMAIL_VERIFICATION_LIFETIME_HOURS };
  const bodyText = `${t('email.verification.body', values)}\n\n${link}\n\n${t('email.verification.footer', values)}`;
  const messageId = await queueEmail(tx, params.orgId, {
    to: params.email,
    subject: t('email.verification.subject'),
    bodyText,
    outboxBodyText: `${t('email.verification.body', values)}\n\n${t('email.verification.linkWithheld')}\n\n${t('email.verification.footer', values)}`,
    kind: 'email-verification',
  });
  return { orgId: params.orgId, messageId, bodyText };
}

/** After the transaction that queued it has committed. */
export async function deliverVerificationEmail(db: Db, queued: QueuedVerificationEmail): Promise<void> {
  await deliverEmail(db, queued.orgId, queued.messageId, queued.bodyText);
}

/**
 * Sends the signed-in person a new link, rate-limited per person. The email is recorded in the
 * outbox of one of their organizations, the one where they hold the highest role, so that without
 * a mail server someone who can read that outbox finds it.
 */
export async function resendVerificationEmail(
  db: Db,
  user: { id: string; email: string },
  options: { locale: Locale; appUrl: string },
): Promise<{ alreadyVerified: boolean; emailed: boolean }> {
  if (await isEmailVerified(db, user.id)) return { alreadyVerified: true, emailed: false };
  const limit = await hitRateLimit(db, `email-verification:${user.id}`, RESEND_LIMIT, RESEND_WINDOW_SECONDS);
  if (!limit.allowed) throw userError('TOO_MANY_REQUESTS', 'errors.verificationResendLimited');
  const rank = { owner: 0, admin: 1, member: 2, viewer: 3 } as const;
  const [home] = (await organizationsOf(db, user.id)).sort((a, b) => rank[a.role] - rank[b.role]);
  if (!home) throw userError('PRECONDITION_FAILED', 'errors.verificationNeedsOrganization');
  const queued = await db.transaction(async (tx) => {
    const token = await issueVerificationToken(tx, user.id);
    await enterOrg(tx, home.id);
    return queueVerificationEmail(tx, { orgId: home.id, email: user.email, token, ...options });
  });
  await deliverVerificationEmail(db, queued);
  return { alreadyVerified: false, emailed: smtpConfigured() };
}

async function organizationsOf(db: Queryable, userId: string) {
  return db
    .select({ id: organizations.id, role: memberships.role })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(and(eq(memberships.userId, userId), isNull(memberships.removedAt), isNull(organizations.archivedAt)))
    .orderBy(asc(organizations.createdAt));
}

async function isEmailVerified(db: Queryable, userId: string): Promise<boolean> {
  const [row] = await db.select({ at: users.emailVerifiedAt }).from(users).where(eq(users.id, userId));
  return Boolean(row?.at);
}

/**
 * Marks the address of the token's person as verified and spends the token, in one statement:
 * two clicks on the same link cannot both succeed. Null for an unknown, used or expired token.
 */
export async function verifyEmailByToken(db: Queryable, token: string, now: Date = new Date()): Promise<{ email: string } | null> {
  const [row] = await db
    .update(users)
    .set({ emailVerifiedAt: now, emailVerificationTokenHash: null, emailVerificationExpiresAt: null })
    .where(
      and(eq(users.emailVerificationTokenHash, hashToken(token)), gt(users.emailVerificationExpiresAt, now), isNull(users.emailVerifiedAt)),
    )
    .returning({ email: users.email });
  return row ?? null;
}
