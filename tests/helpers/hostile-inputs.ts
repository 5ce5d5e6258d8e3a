import fc from 'fast-check';
import type { z } from 'zod';

/**
 * Inputs for any procedure, derived from its zod input schema: mostly values the schema would
 * accept (so calls reach the procedure's own code and the database), mixed with values that have
 * broken servers before. Only the shape of a schema is read (zod 4's `_zod.def`), so a new
 * procedure or field is covered without a line here.
 */

/** Text PostgreSQL can't store: NUL, and halves of surrogate pairs without their other half. */
const UNSTORABLE_STRINGS = ['\u0000', 'before\u0000after', '\uD800', 'lone \uDFFF low half', 'reversed \uDC00\uD800 halves'];

/** Text that has broken servers in other ways: what confuses parsers and pattern matching, and sheer size. */
const ODD_STRINGS = [
  '',
  ' ',
  '\u202Egnp.exe',
  '\u200F\u200Eרונג\u202C',
  "'; drop table accounts; --",
  "' or '1'='1",
  '%_\\',
  '$1 $$ $$',
  '😀👩‍👩‍👧‍👦🏳️‍🌈',
  'a'.repeat(1_000_000),
  'å'.repeat(5_001),
  '-infinity',
  'NaN',
  '2026-02-30',
  '0000-01-01',
  '9999-12-31',
  '275760-09-13',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  'null',
];

/** Numbers that have broken servers: not numbers, too large for any column, negative zero, fractions where integers go. */
const HOSTILE_NUMBERS = [
  Number.NaN,
  Infinity,
  -Infinity,
  1e308,
  -1e308,
  -0,
  0,
  -1,
  0.5,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
  Number.EPSILON,
];

/** Dates that have broken servers: invalid, at JavaScript's limits, before PostgreSQL's calendar starts, far past its end. */
const HOSTILE_DATES = [
  new Date(Number.NaN),
  new Date(8.64e15),
  new Date(-8.64e15),
  new Date('0001-01-01T00:00:00Z'),
  new Date(Date.UTC(-4713, 0, 1)),
  new Date(Date.UTC(294277, 0, 1)),
  new Date(0),
];

/** Ids of rows that exist in the organization under test, by the name of the field that takes them ("accountId"). */
export type IdPool = Record<string, readonly string[]>;

export interface Seeds {
  orgSlug: string;
  ids: IdPool;
}

type Def = {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  valueType?: z.ZodType;
  keyType?: z.ZodType;
  items?: z.ZodType[];
  format?: string;
  checks?: Array<{
    _zod: { def: { check: string; format?: string; pattern?: RegExp; minimum?: number; maximum?: number; value?: unknown } };
  }>;
  getter?: () => z.ZodType;
};

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The constraints a string or number schema declares, as far as a generator needs them. */
function bounds(def: Def): { min?: number; max?: number; format?: string; patterns: RegExp[] } {
  const result: { min?: number; max?: number; format?: string; patterns: RegExp[] } = { format: def.format, patterns: [] };
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    if (c.check === 'min_length') result.min = c.minimum;
    if (c.check === 'max_length') result.max = c.maximum;
    if (c.check === 'greater_than') result.min = Number(c.value);
    if (c.check === 'less_than') result.max = Number(c.value);
    if (c.check === 'string_format') {
      result.format ??= c.format;
      if (c.pattern) result.patterns.push(c.pattern);
    }
  }
  return result;
}

const DAY = 86_400_000;
/** A calendar day within a few years of now, as "YYYY-MM-DD". */
const isoDay = fc.integer({ min: -1500, max: 1500 }).map((days) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10));

/** Values a string field would take from a person: ids of rows that exist, days, emails, or short text. */
function usualString(field: string, def: Def, seeds: Seeds): fc.Arbitrary<string> {
  const { min = 0, max = 40, format, patterns } = bounds(def);
  if (field === 'orgSlug') return fc.constant(seeds.orgSlug);
  if (format === 'uuid' || format === 'guid') {
    const known = seeds.ids[field] ?? seeds.ids[field.replace(/s$/, '')] ?? Object.values(seeds.ids).flat();
    return known.length ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...known) }, fc.uuid({ version: 7 })) : fc.uuid({ version: 7 });
  }
  if (format === 'email') return fc.emailAddress();
  if (patterns.some((p) => p.test('2026-01-31')) || /date|day|from|to$/i.test(field)) return isoDay;
  return fc.string({ minLength: min, maxLength: Math.max(min, Math.min(max, 40)), unit: 'grapheme' });
}

function usualNumber(def: Def): fc.Arbitrary<number> {
  const { min = -10, max = 10, format } = bounds(def);
  const low = Math.max(min, -1000);
  const high = Math.min(max, low + 1000);
  return format === 'safeint' || format === 'int32'
    ? fc.integer({ min: Math.ceil(low), max: Math.floor(high) })
    : fc.double({ min: low, max: high, noNaN: true });
}

/** Half the time text the database can't store (the likeliest 500), else any other odd text. */
const hostileString = fc.oneof(fc.constantFrom(...UNSTORABLE_STRINGS), fc.constantFrom(...ODD_STRINGS));

/** Mostly what the schema accepts, sometimes something hostile: each field on its own, so one bad field meets otherwise good input. */
const mixed = <T>(usual: fc.Arbitrary<T>, hostile: readonly unknown[] | fc.Arbitrary<unknown>, usualWeight = 3): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: usualWeight, arbitrary: usual },
    {
      weight: 1,
      arbitrary: Array.isArray(hostile) ? fc.constantFrom(...(hostile as readonly unknown[])) : (hostile as fc.Arbitrary<unknown>),
    },
  );

/** An arbitrary input for `schema`; `field` is the name of the field it sits in, which picks ids and slugs. */
export function arbitraryFor(schema: z.ZodType, seeds: Seeds, field = ''): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const shape = Object.fromEntries(Object.entries(def.shape!).map(([key, value]) => [key, arbitraryFor(value, seeds, key)]));
      return fc.record(shape, { requiredKeys: [] }).map((value) => value as unknown);
    }
    case 'string':
      return mixed(usualString(field, def, seeds), hostileString, field === 'orgSlug' ? 6 : 3);
    case 'number':
      return mixed(usualNumber(def), HOSTILE_NUMBERS);
    case 'bigint':
      return fc.bigInt();
    case 'boolean':
      return mixed(fc.boolean(), ['true', 0, null]);
    case 'date':
      return mixed(
        fc.integer({ min: -1500, max: 1500 }).map((days) => new Date(Date.now() + days * DAY)),
        HOSTILE_DATES,
      );
    case 'enum':
      return mixed(fc.constantFrom(...Object.values(def.entries!)), hostileString, 6);
    case 'literal':
      return mixed(fc.constantFrom(...def.values!), hostileString, 6);
    case 'optional':
      return fc.oneof(
        { weight: 4, arbitrary: arbitraryFor(def.innerType!, seeds, field) },
        { weight: 1, arbitrary: fc.constant(undefined) },
      );
    case 'nullable':
      return fc.oneof({ weight: 4, arbitrary: arbitraryFor(def.innerType!, seeds, field) }, { weight: 1, arbitrary: fc.constant(null) });
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
    case 'success':
      return arbitraryFor(def.innerType!, seeds, field);
    case 'lazy':
      return arbitraryFor(def.getter!(), seeds, field);
    case 'pipe':
      return arbitraryFor(def.in!, seeds, field);
    case 'union':
      return fc.oneof(...def.options!.map((option) => arbitraryFor(option, seeds, field)));
    case 'array': {
      const { max = 5 } = bounds(def);
      const element = arbitraryFor(def.element!, seeds, field);
      return fc.oneof(
        { weight: 6, arbitrary: fc.array(element, { maxLength: Math.min(max, 5) }) },
        // Longer than anyone would send: one element repeated past the declared maximum.
        { weight: 1, arbitrary: element.map((one) => Array.from({ length: Math.min(max + 1, 20_000) }, () => one)) },
      );
    }
    case 'tuple':
      return fc.tuple(...def.items!.map((item) => arbitraryFor(item, seeds, field)));
    case 'record':
      return fc.dictionary(arbitraryFor(def.keyType!, seeds, field).map(String), arbitraryFor(def.valueType!, seeds, field), {
        maxKeys: 5,
      });
    default:
      // any, unknown, custom, transform on its own…: anything at all.
      return fc.anything();
  }
}

/** Shortens what a failing input holds (a 1 MB string) so the report stays readable, and names what JSON can't show. */
export function describeInput(input: unknown): string {
  return JSON.stringify(input, (_key, value: unknown) => {
    if (typeof value === 'string' && value.length > 60)
      return `${JSON.stringify(value.slice(0, 20)).slice(1, -1)}… (${value.length} characters)`;
    if (typeof value === 'string') return JSON.stringify(value).slice(1, -1);
    if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
    if (Object.is(value, -0)) return '-0';
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
    return value;
  });
}
