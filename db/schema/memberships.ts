import { foreignKey, index, pgEnum, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, orgIdColumn, updatedAt } from './columns';
import { organizations, users } from './identity';

export const memberRole = pgEnum('member_role', ['owner', 'admin', 'member', 'viewer']);

export const memberships = pgTable(
  'memberships',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    userId: uuid().notNull(),
    role: memberRole().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /**
     * Set when the person leaves or is removed. The row stays so that history keeps their name
     * (row-level security shows a tenant the people who are or were its members); access checks
     * require it to be null. Rejoining clears it.
     */
    removedAt: timestamp({ withTimezone: true }),
    /** When this person put away the newcomer checklist on the organization's accounts page. */
    checklistDismissedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    unique('memberships_org_user_key').on(t.orgId, t.userId),
    index('memberships_user_idx').on(t.userId),
    foreignKey({ columns: [t.orgId], foreignColumns: [organizations.id] }),
    foreignKey({ columns: [t.userId], foreignColumns: [users.id] }),
  ],
);

export const invitations = pgTable(
  'invitations',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    email: text().notNull(),
    role: memberRole().notNull(),
    /** SHA-256 of the token in the link; the token itself is never stored. */
    tokenHash: text().notNull(),
    invitedByUserId: uuid().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    acceptedAt: timestamp({ withTimezone: true }),
    acceptedByUserId: uuid(),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    unique('invitations_token_hash_key').on(t.tokenHash),
    index('invitations_org_created_idx').on(t.orgId, t.createdAt),
    index('invitations_invited_by_idx').on(t.invitedByUserId),
    index('invitations_accepted_by_idx').on(t.acceptedByUserId),
    foreignKey({ columns: [t.orgId], foreignColumns: [organizations.id] }),
    foreignKey({ columns: [t.invitedByUserId], foreignColumns: [users.id] }),
    foreignKey({ columns: [t.acceptedByUserId], foreignColumns: [users.id] }),
  ],
);
