import { sql } from 'drizzle-orm';
import { integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex('organizations_slug_key').on(t.slug)],
);
