import { z } from 'zod';
import type { ColumnMapping } from '../domain/account-import';
import type { ContactColumnMapping } from '../domain/contact-import';
import { DUPLICATE_MODES, MAX_IMPORT_BYTES } from '../domain/import-columns';
import { normalizeCurrency } from '../domain/accounts';
import { idSchema, levelSchema, safeText } from './common';

const levelFilter = z.union([levelSchema, z.literal('none')], { error: 'validation.levelInvalid' });

/** Filters of the accounts list; the page keeps them in its URL so a view can be shared. */
export const accountFiltersSchema = z.object({
  q: safeText().trim().max(200).optional(),
  /** A member's user id, or "none" for accounts nobody owns. */
  ownerUserId: z.union([idSchema, z.literal('none')]).optional(),
  /** A segment, or "none" for accounts without one. */
  segment: safeText().max(200).optional(),
  teamLevel: levelFilter.optional(),
  customerLevel: levelFilter.optional(),
  /** The customer level where there is one, else the team level; "none": neither. */
  effectiveLevel: levelFilter.optional(),
  /** No team assessment for STALE_AFTER_DAYS days, or never. */
  stale: z.boolean().optional(),
  /** The team rates the relationship higher than the customer does. */
  overrated: z.boolean().optional(),
  /** No customer answer within the organization's freshness window, or none ever: time to ask the customer again. */
  staleConfirmation: z.boolean().optional(),
  showArchived: z.boolean().optional(),
});
export type AccountFilters = z.infer<typeof accountFiltersSchema>;

export const ACCOUNT_SORTS = ['name', 'teamLevel', 'effectiveLevel', 'revenue', 'lastAssessed'] as const;
export type AccountSort = (typeof ACCOUNT_SORTS)[number];
export const accountSortSchema = z.object({
  sort: z.enum(ACCOUNT_SORTS).default('name'),
  direction: z.enum(['asc', 'desc']).default('asc'),
});

export const ACCOUNT_PAGE_SIZE = 50;

const columnIndex = z.int().min(0).max(1000).nullish();
const mappingSchema = z.object({
  name: columnIndex,
  domain: columnIndex,
  externalId: columnIndex,
  segment: columnIndex,
  owner: columnIndex,
  annualRevenue: columnIndex,
  currency: columnIndex,
  targetLevel: columnIndex,
  targetDate: columnIndex,
  notes: columnIndex,
}) satisfies z.ZodType<ColumnMapping>;

/** A CSV import as the preview and the commit both take it: the file, which column is which, and what to do with known accounts. */
export const accountImportInput = z.object({
  csv: safeText().max(MAX_IMPORT_BYTES, { error: 'validation.fileTooLarge' }),
  mapping: mappingSchema,
  mode: z.enum(DUPLICATE_MODES).default('update'),
  defaultCurrency: safeText()
    .nullish()
    .transform((value, context) => {
      if (!value) return null;
      const code = normalizeCurrency(value);
      if (!code) context.addIssue({ code: 'custom', message: 'validation.currencyInvalid' });
      return code;
    }),
  /** Owner cell → the member chosen for it in the preview (null: leave the accounts without one). */
  ownerChoices: z
    .record(safeText().max(320), idSchema.nullable())
    .refine((choices) => Object.keys(choices).length <= 1000, { error: 'validation.invalid' })
    .default({}),
  /** Import the valid rows and leave out the invalid ones, instead of refusing the whole file. */
  skipInvalid: z.boolean().default(false),
});
export type AccountImportInput = z.infer<typeof accountImportInput>;

const contactMappingSchema = z.object({
  name: columnIndex,
  firstName: columnIndex,
  lastName: columnIndex,
  email: columnIndex,
  title: columnIndex,
  buyingRole: columnIndex,
  language: columnIndex,
  accountExternalId: columnIndex,
  accountDomain: columnIndex,
  accountName: columnIndex,
}) satisfies z.ZodType<ContactColumnMapping>;

/** A CSV import of contacts, as its preview and commit take it. */
export const contactImportInput = z.object({
  csv: safeText().max(MAX_IMPORT_BYTES, { error: 'validation.fileTooLarge' }),
  mapping: contactMappingSchema,
  mode: z.enum(DUPLICATE_MODES).default('update'),
  skipInvalid: z.boolean().default(false),
});
export type ContactImportInput = z.infer<typeof contactImportInput>;
