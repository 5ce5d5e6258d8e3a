import { foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, idColumn, orgIdColumn, updatedAt } from './columns';
import { organizations } from './identity';

/**
 * Work that happens later (server/services/jobs.ts, docs/jobs.md): enqueued in the same transaction as the
 * change that causes it, claimed by a worker with FOR UPDATE SKIP LOCKED, retried with backoff,
 * at most once per (org_id, idempotency_key). Row-level security like every tenant table:
 * an organization enqueues and completes its own jobs; the worker claims across organizations
 * through the owner connection, and does each job's work inside withOrg.
 */
export const jobs = pgTable(
  'jobs',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    kind: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    runAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Claims so far, including the one running now: a job that crashes its worker counts too. */
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull().default(6),
    lastError: text(),
    /** While a worker holds the job; after this instant another worker may take it over. */
    lockedUntil: timestamp({ withTimezone: true }),
    lockedBy: text(),
    idempotencyKey: text().notNull(),
    doneAt: timestamp({ withTimezone: true }),
    failedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    unique('jobs_org_idempotency_key').on(t.orgId, t.idempotencyKey),
    foreignKey({ columns: [t.orgId], foreignColumns: [organizations.id] }),
    // The worker's access path: due jobs across all organizations, oldest first.
    index('jobs_due_idx')
      .on(t.runAt)
      .where(sql`${t.doneAt} is null and ${t.failedAt} is null`),
  ],
);
