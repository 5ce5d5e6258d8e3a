import 'server-only';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db, Queryable } from '@/db/client';
import { passwordResets, users } from '@/db/schema';
import type { Locale } from '@/i18n/config';
import { serverTranslator } from '../adapters/i18n';
import { sendWithoutOutbox, smtpConfigured } from '../adapters/mail';
import { hashPassword, verifyPassword } from '../adapters/passwords';
import { passwordResemblesEmail } from '../inputs/auth';
import { hitRateLimit } from '../adapters/rate-limit';
import { hashToken, newToken } from '../adapters/tokens';
import { publishAccessEnded } from '../runtime/events';
import { forgetSignInFailures } from './sign-in-failures';

/*
 * Sessions are Auth.js JWTs: nothing is stored per session. Each person has a session version,
 * copied into the token at sign-in; a token whose version is not the person's current one is
 * signed out (server/auth/config.ts). Raising the version therefore ends every session that
 * person has, on every device, copied cookies included.
 */

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  /** When the person proved they read this address's mail (server/services/email-verification.ts); null until then. */
  emailVerifiedAt: Date | null;
}

/** The person a session token names, if its version is still theirs: one lookup by primary key. */
export async function userForSession(db: Queryable, claims: { userId?: unknown; sessionVersion?: unknown }): Promise<SignedInUser | null> {
  if (typeof claims.userId !== 'string' || typeof claims.sessionVersion !== 'number') return null;
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, emailVerifiedAt: users.emailVerifiedAt })
    .from(users)
    .where(and(eq(users.id, claims.userId), eq(users.sessionVersion, claims.sessionVersion)));
  return user ?? null;
}

/** The version a new session token carries. */
export async function currentSessionVersion(db: Queryable, userId: string): Promise<number | null> {
  const [row] = await db.select({ version: users.sessionVersion }).from(users).where(eq(users.id, userId));
  return row?.version ?? null;
}

/** Whether the person can sign in with a password (not everyone who signs in through single sign-on can). */
export async function hasPassword(db: Queryable, userId: string): Promise<boolean> {
  const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId));
  return Boolean(row?.hash);
}

/** Ends every session of the person, and their open live streams. */
export async function endAllSessions(db: Db, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId));
    await publishAccessEnded(tx, { userId });
  });
}

const CHANGE_WINDOW_SECONDS = 15 * 60;
const CHANGE_LIMIT_PER_USER = 10;

export type ChangePasswordOutcome = 'changed' | 'wrongPassword' | 'noPassword' | 'tooManyAttempts';

/**
 * Replaces the password after checking the current one, and ends every session of the person.
 * The caller signs the current browser in again with the new password. Someone who has no
 * password (single sign-on, imported) sets one through the reset link, which proves the email.
 */
export async function changePassword(
  db: Db,
  userId: string,
  input: { currentPassword: string; newPassword: string },
): Promise<ChangePasswordOutcome> {
  const limit = await hitRateLimit(db, `password-change:user:${userId}`, CHANGE_LIMIT_PER_USER, CHANGE_WINDOW_SECONDS);
  if (!limit.allowed) return 'tooManyAttempts';
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!user?.passwordHash) return 'noPassword';
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) return 'wrongPassword';
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId));
    await publishAccessEnded(tx, { userId });
  });
  return 'changed';
}

/* ----------------------------------------------------------------------------------------------
 * Password reset by email.
 * -------------------------------------------------------------------------------------------- */

export const RESET_LINK_LIFETIME_MS = 60 * 60 * 1000;
const RESET_WINDOW_SECONDS = 60 * 60;
const RESET_LIMIT_PER_EMAIL = 5;
const RESET_LIMIT_PER_ADDRESS = 30;

/**
 * Sends a reset link when the email belongs to someone. The answer never says whether it does:
 * 'sent' for every email, 'tooManyAttempts' counted per email and per address whether or not the
 * email exists.
 */
export async function requestPasswordReset(
  db: Db,
  input: { email: string; clientAddress: string; appUrl: string; locale: Locale; now?: Date },
): Promise<'sent' | 'tooManyAttempts'> {
  const email = input.email.trim().toLowerCase();
  const [byEmail, byAddress] = await Promise.all([
    hitRateLimit(db, `password-reset:email:${email}`, RESET_LIMIT_PER_EMAIL, RESET_WINDOW_SECONDS),
    hitRateLimit(db, `password-reset:address:${input.clientAddress}`, RESET_LIMIT_PER_ADDRESS, RESET_WINDOW_SECONDS),
  ]);
  if (!byEmail.allowed || !byAddress.allowed) return 'tooManyAttempts';
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email));
  if (!user) return 'sent';

  const token = newToken();
  const now = input.now ?? new Date();
  await db.insert(passwordResets).values({
    userId: user.id,
    tokenHash: hashToken(token),
    expiresAt: new Date(now.getTime() + RESET_LINK_LIFETIME_MS),
    createdAt: now,
  });
  const t = serverTranslator(input.locale);
  const link = `${input.appUrl}/reset-password/${token}`;
  const message = {
    to: user.email,
    subject: t('passwordReset.email.subject'),
    bodyText: `${t('passwordReset.email.body', { name: user.name })}\n\n${link}\n\n${t('passwordReset.email.footer')}`,
    kind: 'password-reset' as const,
  };
  // Never through an organization's outbox: its owners would read a link that makes them this
  // person, in every organization the person belongs to. Without a mail server the link goes to
  // the server's log, which only the operator reads.
  if (smtpConfigured()) await sendWithoutOutbox(message);
  else console.info(`[mail] no SMTP_URL: password reset link for ${user.email}: ${link}`);
  return 'sent';
}

/** Whether a reset link can still be used, for the page that asks for the new password. */
export async function resetLinkUsable(db: Queryable, token: string, now = new Date()): Promise<boolean> {
  const [row] = await db
    .select({ id: passwordResets.id })
    .from(passwordResets)
    .where(and(eq(passwordResets.tokenHash, hashToken(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)));
  return Boolean(row);
}

/**
 * Sets the new password through a reset link: once, before it expires. Marking the link used is
 * the same statement that checks it, so two tabs submitting at once cannot both succeed. Every
 * session of the person ends; so do their other unused links. Failed sign-ins counted against
 * their email are forgotten: the new password works at once.
 */
export async function completePasswordReset(
  db: Db,
  token: string,
  newPassword: string,
  now = new Date(),
): Promise<{ ok: true; email: string } | { ok: false; passwordIsEmail?: boolean }> {
  // The address itself is refused as a password here too, as at sign-up; the link stays unused.
  const [owner] = await db
    .select({ email: users.email })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(eq(passwordResets.tokenHash, hashToken(token)));
  if (owner && passwordResemblesEmail(newPassword, owner.email)) return { ok: false, passwordIsEmail: true };
  const passwordHash = await hashPassword(newPassword);
  return db.transaction(async (tx) => {
    const [link] = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.tokenHash, hashToken(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
      .returning({ userId: passwordResets.userId });
    if (!link) return { ok: false } as const;
    const [user] = await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, link.userId))
      .returning({ email: users.email });
    await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.userId, link.userId), isNull(passwordResets.usedAt)));
    await publishAccessEnded(tx, { userId: link.userId });
    await forgetSignInFailures(tx, user!.email);
    return { ok: true, email: user!.email } as const;
  });
}
