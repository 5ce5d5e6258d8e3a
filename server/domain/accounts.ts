import { z } from 'zod';
import { safeText } from '../inputs/common';

/**
 * Rules for account fields, shared by the router (which enforces them), the import (which
 * reports them per row) and the forms (which show the same errors before a round trip).
 */

export const ACCOUNT_NAME_MAX = 200;
export const SEGMENT_MAX = 100;
export const NOTES_MAX = 5000;
const DOMAIN_MAX = 253;
/** numeric(16,2) holds more, but above this a float no longer keeps the cents exact. */
const REVENUE_MAX = 9_999_999_999_999;

/** Offered first in the currency picker; any ISO 4217 code is accepted. */
export const COMMON_CURRENCIES = ['SEK', 'EUR', 'USD', 'NOK', 'DKK', 'GBP'] as const;

export const BUYING_ROLES = ['economic_buyer', 'user', 'technical', 'coach', 'other'] as const;
export type BuyingRole = (typeof BUYING_ROLES)[number];

export const CONTACT_LANGUAGES = ['en', 'sv'] as const;

/** Levels older than this count as stale: nobody has looked at the account for half a year. */
export const STALE_AFTER_DAYS = 180;

const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * "https://www.Acme.com/about?x=1" → "acme.com": lower case, no scheme, user, port, path or
 * "www.", international names in their ASCII (punycode) form. Returns null when the text is
 * not a plausible internet domain (no dot, spaces, an IP address, ...).
 */
export function normalizeDomain(raw: string): string | null {
  let text = raw.trim().toLowerCase();
  if (text === '') return null;
  // An email address names its company's domain: "anna@acme.com" → "acme.com".
  if (!text.includes('/') && /^[^@\s]+@[^@\s]+$/.test(text)) text = text.split('@')[1]!;
  if (!/^[a-z][a-z0-9+.-]*:\/\//.test(text)) text = `http://${text.replace(/^\/+/, '')}`;
  let host: string;
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    host = url.hostname;
  } catch {
    return null;
  }
  host = host.replace(/\.$/, '').replace(/^www\d*\./, '');
  if (host.length > DOMAIN_MAX || /^[\d.]+$/.test(host) || host.startsWith('[')) return null;
  const labels = host.split('.');
  if (labels.length < 2 || !labels.every((label) => HOST_LABEL.test(label))) return null;
  if (!/^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/.test(labels.at(-1)!)) return null;
  return host;
}

/** Spaces inside a name collapsed, edges trimmed: "  Acme   AB " → "Acme AB". */
export function cleanName(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim();
}

/** The key for "same name": case and spacing do not make a different company. */
export function nameKey(name: string): string {
  return cleanName(name).toLocaleLowerCase('sv');
}

const ISO_CURRENCIES: ReadonlySet<string> = new Set(
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : COMMON_CURRENCIES,
);

/** An ISO 4217 code Intl knows ("sek" → "SEK"); symbols that name one currency are accepted too. */
export function normalizeCurrency(raw: string): string | null {
  const text = raw.trim();
  const bySymbol: Record<string, string> = { '€': 'EUR', $: 'USD', US$: 'USD', '£': 'GBP' };
  const code = bySymbol[text] ?? text.toUpperCase();
  return /^[A-Z]{3}$/.test(code) && ISO_CURRENCIES.has(code) ? code : null;
}

const MULTIPLIERS: Array<[RegExp, number]> = [
  [/(?:bn|b|mdr|mdkr|miljarder)$/i, 1e9],
  [/(?:msek|meur|musd|mnok|mdkk|mgbp|mkr|mn|m|mio|miljoner)$/i, 1e6],
  [/(?:tsek|tkr|k|tusen)$/i, 1e3],
];

export type MoneyParse = { ok: true; amount: number; currency: string | null } | { ok: false; reason: 'invalid' | 'negative' | 'tooLarge' };

/**
 * Reads an amount as people type and export it: "1 234 567,89", "1,234,567.89",
 * "1.234.567,89", "SEK 2,5M", "€1.2m", "500 tkr". Of two separators, the last one is the
 * decimal mark; a single separator followed by exactly three digits groups thousands
 * (revenue is never given to the tenth of a cent). Returns the currency when the text names one.
 */
export function parseMoney(raw: string): MoneyParse {
  let text = raw.replace(/[\s\u00a0\u202f']/g, '');
  if (text === '') return { ok: false, reason: 'invalid' };
  let currency: string | null = null;
  const symbol = text.match(/^(US\$|[€$£])|([€$£])$/);
  if (symbol) {
    currency = normalizeCurrency(symbol[1] ?? symbol[2]!);
    text = symbol[1] ? text.slice(symbol[1].length) : text.slice(0, -1);
  }
  const codeMatch = text.match(/^([A-Za-z]{3})(?=[-\d.,])|(?<=[\d.,])([A-Za-z]{3})$/);
  if (codeMatch) {
    const code = normalizeCurrency(codeMatch[1] ?? codeMatch[2]!);
    if (code) {
      currency = code;
      text = codeMatch[1] ? text.slice(3) : text.slice(0, -3);
    }
  }
  if (/kr$/i.test(text) && !/(?:tkr|mkr|mdkr)$/i.test(text)) text = text.slice(0, -2);
  text = text.replace(/^kr(?=[-\d])/i, '');
  let multiplier = 1;
  for (const [suffix, factor] of MULTIPLIERS) {
    if (suffix.test(text) && /\d/.test(text.replace(suffix, ''))) {
      if (/msek|tsek/i.test(text)) currency = 'SEK';
      text = text.replace(suffix, '');
      multiplier = factor;
      break;
    }
  }
  const negative = text.startsWith('-') || /^\(.*\)$/.test(text);
  text = text.replace(/^-|^\(|\)$/g, '');
  if (!/^\d[\d.,]*$/.test(text) || /[.,]$/.test(text)) return { ok: false, reason: 'invalid' };

  const lastComma = text.lastIndexOf(',');
  const lastDot = text.lastIndexOf('.');
  let normalised: string;
  if (lastComma >= 0 && lastDot >= 0) {
    const decimal = lastComma > lastDot ? ',' : '.';
    const group = decimal === ',' ? '.' : ',';
    const [whole = '', fraction = ''] = text.split(decimal);
    if (text.split(decimal).length > 2 || fraction.includes(group)) return { ok: false, reason: 'invalid' };
    normalised = `${whole.replaceAll(group, '')}.${fraction}`;
  } else {
    const separator = lastComma >= 0 ? ',' : lastDot >= 0 ? '.' : null;
    if (!separator) {
      normalised = text;
    } else {
      const parts = text.split(separator);
      const groupsOfThree = parts.slice(1).every((part) => part.length === 3);
      if (parts.length > 2 || (groupsOfThree && multiplier === 1)) {
        if (!groupsOfThree) return { ok: false, reason: 'invalid' };
        normalised = parts.join('');
      } else {
        normalised = `${parts[0]}.${parts[1]}`;
      }
    }
  }
  const amount = Math.round(Number(normalised) * multiplier * 100) / 100;
  if (!Number.isFinite(amount)) return { ok: false, reason: 'invalid' };
  if (negative && amount !== 0) return { ok: false, reason: 'negative' };
  if (amount > REVENUE_MAX) return { ok: false, reason: 'tooLarge' };
  return { ok: true, amount, currency };
}

/** A calendar date as YYYY-MM-DD, rejecting 2027-02-30. */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 1900 && y <= 2200;
}

/** Dates as spreadsheets export them: 2027-12-31, 2027/12/31, 2027.12.31, or with a time after. */
export function parseDate(raw: string): string | null {
  const match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$/.exec(raw.trim());
  if (!match) return null;
  const iso = `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/** "4", "Level 4", "L4", "nivå 4" → 4. */
export function parseLevel(raw: string): number | null {
  const match = /^(?:level|nivå|niva|l)?\s*([1-5])(?:\.0+)?$/i.exec(raw.trim());
  return match ? Number(match[1]) : null;
}

/** Revenue as stored (numeric(16,2) comes back as a string) compared in cents. */
export function sameAmount(a: string | number | null, b: string | number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.round(Number(a) * 100) === Math.round(Number(b) * 100);
}

const optionalText = (max: number, tooLong: string) =>
  safeText()
    .trim()
    .max(max, { error: tooLong })
    .nullish()
    .transform((value) => (value ? value : null));

/** The editable fields of an account, as the form sends them and the router stores them. */
export const accountFieldsSchema = z.object({
  name: safeText()
    .transform(cleanName)
    .pipe(z.string().min(1, { error: 'validation.nameRequired' }).max(ACCOUNT_NAME_MAX, { error: 'validation.accountNameTooLong' })),
  domain: safeText()
    .max(2000, { error: 'validation.domainInvalid' })
    .nullish()
    .transform((value, context) => {
      if (!value || value.trim() === '') return null;
      const domain = normalizeDomain(value);
      if (!domain) context.addIssue({ code: 'custom', message: 'validation.domainInvalid' });
      return domain;
    }),
  segment: optionalText(SEGMENT_MAX, 'validation.segmentTooLong'),
  ownerUserId: z
    .uuid({ error: 'validation.invalid' })
    .nullish()
    .transform((value) => value ?? null),
  annualRevenue: z
    .number({ error: 'validation.revenueInvalid' })
    .min(0, { error: 'validation.revenueNegative' })
    .max(REVENUE_MAX, { error: 'validation.revenueTooLarge' })
    .nullish()
    .transform((value) => (value === null || value === undefined ? null : Math.round(value * 100) / 100)),
  currency: safeText()
    .nullish()
    .transform((value, context) => {
      if (!value || value.trim() === '') return null;
      const code = normalizeCurrency(value);
      if (!code) context.addIssue({ code: 'custom', message: 'validation.currencyInvalid' });
      return code;
    }),
  targetLevel: z
    .number({ error: 'validation.levelInvalid' })
    .int({ error: 'validation.levelInvalid' })
    .min(1, { error: 'validation.levelInvalid' })
    .max(5, { error: 'validation.levelInvalid' })
    .nullish()
    .transform((value) => value ?? null),
  targetDate: safeText()
    .nullish()
    .transform((value, context) => {
      if (!value) return null;
      if (!isIsoDate(value)) context.addIssue({ code: 'custom', message: 'validation.dateInvalid' });
      return value;
    }),
  notes: optionalText(NOTES_MAX, 'validation.notesTooLong'),
});

export type AccountFieldsInput = z.input<typeof accountFieldsSchema>;
export type AccountFields = z.output<typeof accountFieldsSchema>;

/** The editable fields of a contact. */
export const contactFieldsSchema = z.object({
  name: safeText()
    .transform(cleanName)
    .pipe(z.string().min(1, { error: 'validation.nameRequired' }).max(ACCOUNT_NAME_MAX, { error: 'validation.accountNameTooLong' })),
  email: safeText()
    .trim()
    .toLowerCase()
    .max(254, { error: 'validation.emailInvalid' })
    .nullish()
    .transform((value) => (value ? value : null))
    .pipe(z.email({ error: 'validation.emailInvalid' }).nullable()),
  title: optionalText(SEGMENT_MAX, 'validation.titleTooLong'),
  buyingRole: z.enum(BUYING_ROLES, { error: 'validation.invalid' }).default('other'),
  language: z
    .enum(CONTACT_LANGUAGES, { error: 'validation.invalid' })
    .nullish()
    .transform((value) => value ?? null),
});
