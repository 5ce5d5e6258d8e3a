/**
 * Where a person may be sent after signing in or out: a path of this app, never another site.
 * The value comes from an address anyone can craft (`/sign-in?callbackUrl=…`), and browsers are
 * generous in what they take for another host: `//evil.example`, `/\evil.example` (a backslash
 * counts as a slash), `/\t/evil.example` (tabs and line breaks are dropped before parsing), and
 * any of these percent-encoded for a server that decodes once more. So a path is accepted only
 * when it is plainly one: it starts with a single `/`, holds no backslash, no control or
 * invisible formatting character (raw or percent-encoded), and parses to this app's origin.
 * Anything else leads to the front page.
 */

const FALLBACK = '/';

/** A host that no real request has, for parsing a path on its own. */
const PROBE_ORIGIN = 'http://return-path.invalid';

/** Control characters, and the invisible ones that turn text around or hide in it. */
const UNSEEN = /[\u0000-\u001F\u007F-\u009F\u00AD\u061C\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF]/;

/** The longest path worth keeping: past this it is no address a page of ours gave out. */
const MAX_LENGTH = 2000;

/** One layer of percent-encoding removed; where the whole does not decode (a stray "%"), at least every ASCII escape. */
function decodeOnce(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value.replace(/%([0-7][0-9a-f])/gi, (_escape, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
}

/** `value` with every layer of percent-encoding removed, or null past a few layers (nobody encodes a path that often). */
function fullyDecoded(value: string): string | null {
  let current = value;
  for (let round = 0; round < 5; round += 1) {
    const next = decodeOnce(current);
    if (next === current) return current;
    current = next;
  }
  return null;
}

function isPlainPath(path: string): boolean {
  return path.startsWith('/') && !path.startsWith('//') && !path.includes('\\') && !UNSEEN.test(path);
}

/**
 * The path to go to: `value` when it is a path of this app (or, with `origin`, an absolute address
 * on exactly that origin, as Auth.js hands them over), else "/". Returns the path as parsed
 * (pathname, query and fragment), so what is followed is what was checked.
 */
export function safeReturnPath(value: unknown, origin?: string): string {
  if (typeof value !== 'string' || value === '' || value.length > MAX_LENGTH) return FALLBACK;
  let candidate = value;
  if (origin && !value.startsWith('/')) {
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      return FALLBACK;
    }
    if (parsed.origin !== new URL(origin).origin || !value.toLowerCase().startsWith(parsed.origin.toLowerCase())) return FALLBACK;
    candidate = value.slice(parsed.origin.length) || '/';
  }
  const decoded = fullyDecoded(candidate);
  if (decoded === null || !isPlainPath(candidate) || !isPlainPath(decoded)) return FALLBACK;
  let url: URL;
  try {
    url = new URL(candidate, PROBE_ORIGIN);
  } catch {
    return FALLBACK;
  }
  if (url.origin !== PROBE_ORIGIN) return FALLBACK;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return isPlainPath(path) ? path : FALLBACK;
}
