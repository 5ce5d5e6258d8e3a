import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Fixed-window counters for rate limits that must hold across app instances (sign-in attempts,
 * public links). Not tenant data: keyed by what is being limited, e.g. "sign-in:email:a@b.se".
 */
export const rateLimits = pgTable('rate_limits', {
  key: text().primaryKey(),
  windowStart: timestamp({ withTimezone: true }).notNull(),
  hits: integer().notNull(),
});
