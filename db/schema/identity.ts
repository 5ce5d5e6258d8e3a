import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns';
import { uuidv7 } from '../ids';

/**
 * People and organizations exist across tenants: a user belongs to several organizations,
 * and an organization is the tenant itself. Neither carries org_id; everything else does.
 */
export const users = pgTable(
  'users',
  {
    id: uuid()
      .primaryKey()
      .$defaultFn(() => uuidv7()),
    email: text().notNull(),
    name: text().notNull(),
    /** argon2id hash; null for people who only ever signed in through OIDC. */
    passwordHash: text(),
    /**
     * Copied into the session token at sign-in and compared on every request: raising it ends
     * every session this person has, including copied cookies (sign-out, password change, reset).
     */
    sessionVersion: integer().notNull().default(0),
    /** When the person proved they read this address's mail; null until then. */
    emailVerifiedAt: timestamp({ withTimezone: true }),
    /** sha256 of the one outstanding verification link; the link itself is only in the email. */
    emailVerificationTokenHash: text(),
    emailVerificationExpiresAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_email_lower_key').on(sql`lower(${t.email})`),
    uniqueIndex('users_email_verification_token_key').on(t.emailVerificationTokenHash),
  ],
);

export const organizations = pgTable(
  'organizations',
  {
    id: uuid()
      .primaryKey()
      .$defaultFn(() => uuidv7()),
    name: text().notNull(),
    slug: text().notNull(),
    /** A customer's answer counts toward the customer level for this many months. */
    customerAnswerFreshnessMonths: integer().notNull().default(12),
    /** No contact is asked for a confirmation twice within this many days (campaigns and single links alike). */
    confirmationQuietDays: integer().notNull().default(30),
    /**
     * The supplier's look on the page its customers answer on: a #rrggbb colour (white text on it
     * must be readable) and a small PNG, JPEG or WebP logo as a data URL. Both optional; both are
     * checked when saved and again when shown (server/domain/brand.ts).
     */
    brandColour: text(),
    logo: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: timestamp({ withTimezone: true }),
    /**
     * Set when an owner asks to delete the organization: from then on nobody can use it, an owner
     * can restore it, and the worker removes it with all its rows once the grace period
     * (server/domain/org-deletion.ts) has passed.
     */
    deletionRequestedAt: timestamp({ withTimezone: true }),
    deletionRequestedByUserId: uuid().references(() => users.id),
  },
  (t) => [uniqueIndex('organizations_slug_key').on(t.slug)],
);

/**
 * A link to choose a new password, sent by email. Not tenant data: it belongs to a person. Only
 * the token's hash is stored, so a copy of the database opens no account; a link works once, and
 * only until it expires.
 */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: uuid()
      .primaryKey()
      .$defaultFn(() => uuidv7()),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('password_resets_token_hash_key').on(t.tokenHash), index('password_resets_user_idx').on(t.userId)],
);
