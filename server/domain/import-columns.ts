/**
 * What every CSV import shares, whatever it brings in (accounts, contacts): the size limits,
 * how a header is compared with the names CRMs give their columns, guessing and checking which
 * column feeds which field, and the outcomes a row can have. Pure: the browser guesses the
 * mapping with it and the server plans with it.
 */

export const MAX_IMPORT_ROWS = 20_000;
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

export const DUPLICATE_MODES = ['update', 'skip'] as const;
export type DuplicateMode = (typeof DUPLICATE_MODES)[number];

export const ROW_OUTCOMES = ['create', 'update', 'unchanged', 'skip', 'invalid'] as const;
export type RowOutcome = (typeof ROW_OUTCOMES)[number];

/** Field → index of the CSV column that feeds it; null or absent when no column does. */
export type FieldColumns<Field extends string> = Partial<Record<Field, number | null>>;

/** "Företagsnamn " → "foretagsnamn", "Account Owner" → "accountowner", "Omsättning (tkr)" → "omsattning". */
function normaliseHeader(header: string): string {
  return header
    .replace(/\s*[([][^)\]]*[)\]]\s*$/, '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Column headers that hold CRM bookkeeping, never data ("(Do Not Modify) Account"). */
function isBookkeepingHeader(header: string): boolean {
  return /^\(do not modify\)/i.test(header.trim());
}

/**
 * Guesses which column feeds which field from the header names, given each field's synonyms
 * (normalised, best first). An exact name scores above a header that merely contains one
 * ("Billing Website"); each column feeds at most one field. A header ending in "id" is only
 * taken on an exact match, so "Owner ID" never passes for an owner.
 */
export function guessColumns<Field extends string>(
  headers: readonly string[],
  synonyms: Readonly<Record<Field, readonly string[]>>,
): FieldColumns<Field> {
  const fields = Object.keys(synonyms) as Field[];
  const candidates: Array<{ field: Field; column: number; score: number }> = [];
  headers.forEach((header, column) => {
    const normalised = normaliseHeader(header);
    if (!normalised || isBookkeepingHeader(header)) return;
    for (const field of fields) {
      synonyms[field].forEach((synonym, rank) => {
        if (normalised === synonym) candidates.push({ field, column, score: 1000 - rank });
        else if (synonym.length >= 5 && normalised.includes(synonym) && !/id$/.test(normalised))
          candidates.push({ field, column, score: 100 - rank });
      });
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.column - b.column);
  const mapping: FieldColumns<Field> = {};
  const usedColumns = new Set<number>();
  for (const { field, column } of candidates) {
    if (mapping[field] !== undefined || usedColumns.has(column)) continue;
    mapping[field] = column;
    usedColumns.add(column);
  }
  return mapping;
}

/** What is wrong with a mapping a person chose, as far as columns go: one that does not exist, or one feeding two fields. */
export function columnProblem<Field extends string>(
  mapping: FieldColumns<Field>,
  fields: readonly Field[],
  columnCount: number,
): 'columnUsedTwice' | 'columnOutOfRange' | null {
  const columns = fields.map((field) => mapping[field]).filter((c): c is number => c !== null && c !== undefined);
  if (columns.some((c) => !Number.isInteger(c) || c < 0 || c >= columnCount)) return 'columnOutOfRange';
  if (new Set(columns).size !== columns.length) return 'columnUsedTwice';
  return null;
}

/** How many rows end in each outcome. */
export function countOutcomes(rows: ReadonlyArray<{ outcome: RowOutcome }>): Record<RowOutcome, number> {
  const counts = Object.fromEntries(ROW_OUTCOMES.map((outcome) => [outcome, 0])) as Record<RowOutcome, number>;
  for (const row of rows) counts[row.outcome] += 1;
  return counts;
}
