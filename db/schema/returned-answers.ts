import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * What a customer typed into the public answer form when it was not recorded (a field to fix, a
 * failure to save), kept for an hour so the form comes back filled in after the redirect without
 * carrying the text in the page's address. Not tenant data: nothing in it is tied to an
 * organization until the answer is recorded, and it is reachable only with both the link's token
 * and a random key that only the customer's browser was given; both are stored hashed.
 */
export const returnedAnswers = pgTable(
  'returned_answers',
  {
    /** sha256 of the random key in the page's address. */
    keyHash: text().primaryKey(),
    /** sha256 of the link's token: the key opens nothing on another link's page. */
    tokenHash: text().notNull(),
    answer: jsonb().$type<Record<string, string>>().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('returned_answers_expires_idx').on(t.expiresAt)],
);
