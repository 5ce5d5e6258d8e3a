import 'server-only';
import { accounts } from '@/db/schema';
import { changedFields, type AccountValues, type IMPORT_FIELDS } from '../domain/account-import';
import type { AccountFields } from '../domain/accounts';

/** What a person can edit on an account (and what an import compares), with the version it was read at. */
export const editableColumns = {
  id: accounts.id,
  name: accounts.name,
  domain: accounts.domain,
  externalId: accounts.externalId,
  segment: accounts.segment,
  ownerUserId: accounts.ownerUserId,
  annualRevenue: accounts.annualRevenue,
  currency: accounts.currency,
  targetLevel: accounts.targetLevel,
  targetDate: accounts.targetDate,
  notes: accounts.notes,
  version: accounts.version,
};

/**
 * The form's fields as the columns store them (revenue as an exact decimal string). The form
 * has no external id: it keeps whatever an import set.
 */
export function toStored(fields: AccountFields, externalId: string | null = null): AccountValues {
  return {
    name: fields.name,
    domain: fields.domain,
    externalId,
    segment: fields.segment,
    ownerUserId: fields.ownerUserId,
    annualRevenue: fields.annualRevenue === null ? null : fields.annualRevenue.toFixed(2),
    currency: fields.currency,
    targetLevel: fields.targetLevel,
    targetDate: fields.targetDate,
    notes: fields.notes,
  };
}

const FIELD_COLUMNS: Record<(typeof IMPORT_FIELDS)[number], keyof AccountValues> = {
  name: 'name',
  domain: 'domain',
  externalId: 'externalId',
  segment: 'segment',
  owner: 'ownerUserId',
  annualRevenue: 'annualRevenue',
  currency: 'currency',
  targetLevel: 'targetLevel',
  targetDate: 'targetDate',
  notes: 'notes',
};

/** Only what changed, for the audit log: { before: {name: "A"}, after: {name: "B"} }. */
export function auditDiff(before: AccountValues, after: AccountValues) {
  const changed = changedFields(before, after).map((field) => FIELD_COLUMNS[field]);
  return {
    changed,
    before: Object.fromEntries(changed.map((key) => [key, before[key]])),
    after: Object.fromEntries(changed.map((key) => [key, after[key]])),
  };
}
