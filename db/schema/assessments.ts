import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { accounts, contacts } from './accounts';
import { createdAt, idColumn, orgIdColumn, updatedAt } from './columns';
import { users } from './identity';

export const assessmentStatus = pgEnum('assessment_status', ['open', 'revealed', 'closed']);

/** A team's round of rating one account. At most one is open per account at a time. */
export const assessments = pgTable(
  'assessments',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    accountId: uuid().notNull(),
    status: assessmentStatus().notNull().default('open'),
    /** Votes stay hidden until the starter reveals them (or everyone asked has voted). */
    blind: boolean().notNull().default(true),
    startedByUserId: uuid().notNull(),
    revealedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    closedByUserId: uuid(),
    /** Set when closed: the level the team agreed on, and why it differs from the median if it does. */
    teamLevel: smallint(),
    closeReason: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }),
    foreignKey({ columns: [t.startedByUserId], foreignColumns: [users.id] }),
    foreignKey({ columns: [t.closedByUserId], foreignColumns: [users.id] }),
    index('assessments_org_account_created_idx').on(t.orgId, t.accountId, t.createdAt),
    uniqueIndex('assessments_one_open_per_account')
      .on(t.orgId, t.accountId)
      .where(sql`${t.status} <> 'closed'`),
    index('assessments_started_by_idx').on(t.startedByUserId),
    index('assessments_closed_by_idx').on(t.closedByUserId),
    check('assessments_team_level_check', sql`${t.teamLevel} between 1 and 5`),
  ],
);

/** Who was asked to vote in an assessment. */
export const assessmentVoters = pgTable(
  'assessment_voters',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    assessmentId: uuid().notNull(),
    userId: uuid().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    unique('assessment_voters_org_assessment_user_key').on(t.orgId, t.assessmentId, t.userId),
    foreignKey({ columns: [t.orgId, t.assessmentId], foreignColumns: [assessments.orgId, assessments.id] }),
    foreignKey({ columns: [t.userId], foreignColumns: [users.id] }),
    index('assessment_voters_user_idx').on(t.userId),
  ],
);

/** One member's rating in an assessment. Append-only; one per member per assessment. */
export const votes = pgTable(
  'votes',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    assessmentId: uuid().notNull(),
    voterUserId: uuid().notNull(),
    level: smallint().notNull(),
    rationale: text().notNull(),
    /** Ids of the level_signals the voter ticked as observed. */
    evidence: jsonb().$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    unique('votes_org_assessment_voter_key').on(t.orgId, t.assessmentId, t.voterUserId),
    foreignKey({ columns: [t.orgId, t.assessmentId], foreignColumns: [assessments.orgId, assessments.id] }),
    foreignKey({ columns: [t.voterUserId], foreignColumns: [users.id] }),
    index('votes_voter_idx').on(t.voterUserId),
    check('votes_level_check', sql`${t.level} between 1 and 5`),
  ],
);

export const levelSource = pgEnum('level_source', ['team', 'customer']);

/**
 * The level history: every level an account was given, by whom and when. Append-only (the
 * application role may only insert and read); current level, level on a date, movement and
 * transition matrices are all derived from it.
 */
export const levelEvents = pgTable(
  'level_events',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    accountId: uuid().notNull(),
    source: levelSource().notNull(),
    level: smallint().notNull(),
    effectiveAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** The assessment whose close produced a team event. */
    assessmentId: uuid(),
    /** The contact whose answer produced a customer event. */
    contactId: uuid(),
    recordedByUserId: uuid(),
    note: text(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }),
    foreignKey({ columns: [t.orgId, t.assessmentId], foreignColumns: [assessments.orgId, assessments.id] }),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }),
    foreignKey({ columns: [t.recordedByUserId], foreignColumns: [users.id] }),
    index('level_events_org_account_source_time_idx').on(t.orgId, t.accountId, t.source, t.effectiveAt),
    index('level_events_org_assessment_idx').on(t.orgId, t.assessmentId),
    index('level_events_org_contact_idx').on(t.orgId, t.contactId),
    index('level_events_recorded_by_idx').on(t.recordedByUserId),
    check('level_events_level_check', sql`${t.level} between 1 and 5`),
  ],
);

/**
 * The level history folded into runs: one row per stretch of consecutive events of one source
 * with the same level, from the first event of the run up to the first event of the next run
 * ("infinity" while it lasts). Derived from level_events and rebuilt from it at will
 * (server/services/level-history.ts keeps it in step in the same transaction as each append). The period
 * views of the dashboard read these instead of every event: levels change far less often than
 * they are re-confirmed. The per-source indexes are in migration 0009 (partial, for the reason
 * in docs/performance.md).
 */
export const levelSpans = pgTable(
  'level_spans',
  {
    orgId: orgIdColumn(),
    /** The run's first event: the span's identity. */
    startEventId: uuid().notNull(),
    accountId: uuid().notNull(),
    source: levelSource().notNull(),
    level: smallint().notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    /** When the next run starts: the level holds before the end of any day up to and including this instant. */
    endsAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.startEventId] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }),
    foreignKey({ columns: [t.orgId, t.startEventId], foreignColumns: [levelEvents.orgId, levelEvents.id] }),
    index('level_spans_org_account_idx').on(t.orgId, t.accountId, t.source),
    check('level_spans_level_check', sql`${t.level} between 1 and 5`),
  ],
);

/** Observable signals per level: the evidence checklist voters tick. Admins edit them. */
export const levelSignals = pgTable(
  'level_signals',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    level: smallint().notNull(),
    labelEn: text().notNull(),
    labelSv: text().notNull(),
    position: integer().notNull().default(0),
    retiredAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('level_signals_org_level_idx').on(t.orgId, t.level, t.position),
    check('level_signals_level_check', sql`${t.level} between 1 and 5`),
  ],
);
