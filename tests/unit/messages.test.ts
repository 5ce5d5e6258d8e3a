/**
 * The copy in messages/: both languages say the same things, and every message key the server
 * refers to exists (a missing key would show the English fallback "Some fields need attention."
 * instead of the real reason, or throw in an email).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { locales } from '@/i18n/config';
import { messages } from '@/i18n/messages';
import { isAnswerErrorKey } from '@/server/inputs/customer-answer';

const root = process.cwd();

/** "errors.emailTaken" for every leaf, in order. */
function leafKeys(tree: unknown, prefix = ''): string[] {
  if (tree === null || typeof tree !== 'object') return [prefix];
  return Object.entries(tree).flatMap(([key, value]) => leafKeys(value, prefix ? `${prefix}.${key}` : key));
}

function leafValue(tree: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
}

/** A message's text; '' where a locale lacks the key (or holds a namespace there instead). */
function leafText(tree: unknown, key: string): string {
  const value = leafValue(tree, key);
  return typeof value === 'string' ? value : '';
}

/**
 * Argument names in an ICU message: "{inviter} invited you" -> ["inviter"]. A brace opened at
 * even depth starts an argument; at odd depth it is the text of a plural/select branch
 * ("{n, plural, one {# account} other {# accounts}}" -> ["n"]).
 */
function placeholders(message: string): string[] {
  const names = new Set<string>();
  let depth = 0;
  for (let i = 0; i < message.length; i++) {
    if (message[i] === '{') {
      if (depth % 2 === 0) {
        const name = /^\s*([A-Za-z_]\w*)/.exec(message.slice(i + 1))?.[1];
        if (name) names.add(name);
      }
      depth++;
    } else if (message[i] === '}') {
      depth--;
    }
  }
  return [...names].sort();
}

/** The JSON files of one language: messages/<locale>.json, or every file in messages/<locale>/. */
function filesOf(locale: string): Record<string, unknown> {
  const dir = path.join(root, 'messages', locale);
  const single = path.join(root, 'messages', `${locale}.json`);
  const files = statSync(dir, { throwIfNoEntry: false })?.isDirectory()
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => path.join(dir, f))
    : [single];
  return Object.fromEntries(
    files.map((file) => [path.relative(path.join(root, 'messages'), file), JSON.parse(readFileSync(file, 'utf8'))]),
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

describe('English and Swedish say the same things', () => {
  it('have exactly the same message keys', () => {
    const en = leafKeys(messages.en).sort();
    expect(en.length).toBeGreaterThan(50);
    for (const locale of locales) expect(leafKeys(messages[locale]).sort(), locale).toEqual(en);
  });

  it('have the same files, each with the same keys', () => {
    const en = filesOf('en');
    for (const locale of locales) {
      const other = filesOf(locale);
      const rename = (name: string) => name.replace(/^en(\b|\/)/, `${locale}$1`);
      expect(Object.keys(other).sort(), locale).toEqual(Object.keys(en).map(rename).sort());
      for (const [file, content] of Object.entries(en)) {
        expect(leafKeys(other[rename(file)]).sort(), rename(file)).toEqual(leafKeys(content).sort());
      }
    }
  });

  it('no two files of one language define the same top-level namespace (a later file would silently win)', () => {
    for (const locale of locales) {
      const namespaces = Object.values(filesOf(locale)).flatMap((content) => Object.keys(content as object));
      expect(
        namespaces.filter((ns, i) => namespaces.indexOf(ns) !== i),
        locale,
      ).toEqual([]);
    }
  });

  it('use the same placeholders in every message, and no message is empty', () => {
    const mismatched: string[] = [];
    const empty: string[] = [];
    for (const key of leafKeys(messages.en)) {
      const en = leafText(messages.en, key);
      for (const locale of locales) {
        const text = leafText(messages[locale], key);
        if (text.trim() === '') empty.push(`${locale}: ${key}`);
        if (placeholders(text).join() !== placeholders(en).join()) mismatched.push(`${locale}: ${key}`);
      }
    }
    expect(empty).toEqual([]);
    expect(mismatched).toEqual([]);
  });
});

describe('placeholders() reads ICU arguments, not branch texts', () => {
  it.each([
    ['{inviter} invited you to {org}', ['inviter', 'org']],
    ['{n, plural, one {# account} other {# accounts of {owner}}}', ['n', 'owner']],
    ['{role, select, owner {Owner} other {Someone}}', ['role']],
    ['No placeholders', []],
  ])('%j', (message, names) => {
    expect(placeholders(message)).toEqual(names);
  });
});

describe('every message key the server uses exists', () => {
  const literals = sourceFiles(path.join(root, 'server')).flatMap((file) => {
    const source = readFileSync(file, 'utf8');
    const keys = [
      ...[...source.matchAll(/['"`]((?:errors|validation)\.[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)['"`]/g)].map((m) => m[1]!),
      ...[...source.matchAll(/\bt\(\s*['"]([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)+)['"]/g)].map((m) => m[1]!),
    ];
    return keys.map((key) => ({ key, file: path.relative(root, file) }));
  });

  it('finds the keys (the check is not vacuous)', () => {
    const keys = literals.map((l) => l.key);
    expect(keys).toEqual(
      expect.arrayContaining(['errors.emailTaken', 'errors.orgNotFound', 'validation.passwordTooShort', 'email.invitation.subject']),
    );
  });

  it('in both languages', () => {
    const missing = literals.flatMap(({ key, file }) =>
      locales.filter((locale) => typeof leafValue(messages[locale], key) !== 'string').map((locale) => `${locale}: ${key} (${file})`),
    );
    expect([...new Set(missing)]).toEqual([]);
  });

  it('including the role names used in invitation emails', () => {
    for (const locale of locales) {
      for (const role of ['owner', 'admin', 'member', 'viewer'])
        expect(typeof leafValue(messages[locale], `roles.${role}.name`)).toBe('string');
    }
  });
});

describe('error keys that come back through the customer page’s address', () => {
  it('are shown only when confirm.errors has them (anyone can edit the address)', () => {
    for (const key of Object.keys(messages.en.confirm.errors)) expect(isAnswerErrorKey(key), key).toBe(true);
    for (const key of ['', 'bogus', 'toString', '__proto__', 'errors.tooMany']) expect(isAnswerErrorKey(key), key).toBe(false);
  });
});
