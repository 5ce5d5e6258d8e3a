/*
 * How a supplier may brand the page its customers answer on: a colour for the buttons and
 * highlights, and a small logo. Both are checked when an admin saves them and again when the page
 * shows them, so a value that no longer passes (or never did) falls back instead of breaking the page.
 */

/** The app's own brand colour (Tailwind's indigo-600): what the page uses when the supplier set none, or one that fails. */
export const DEFAULT_BRAND_COLOUR = '#4f46e5';

/** WCAG AA for normal text: the button's white label on the colour must reach it. */
export const MIN_BRAND_CONTRAST = 4.5;

const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

export function isHexColour(value: string): boolean {
  return HEX_COLOUR.test(value);
}

function channel(hex: string, offset: number) {
  const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
  return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  return 0.2126 * channel(hex, 1) + 0.7152 * channel(hex, 3) + 0.0722 * channel(hex, 5);
}

/** The WCAG contrast ratio between white and a #rrggbb colour, from 1 to 21. */
export function contrastWithWhite(hex: string): number {
  return 1.05 / (luminance(hex) + 0.05);
}

/** The colour in lower case when white text on it is readable, else null (the page then uses the default). */
export function readableBrandColour(value: string | null | undefined): string | null {
  if (!value || !isHexColour(value)) return null;
  return contrastWithWhite(value) >= MIN_BRAND_CONTRAST ? value.toLowerCase() : null;
}

/** A logo is small: it sits in the page's header, and it travels inside the page. */
export const MAX_LOGO_BYTES = 50_000;

/**
 * Raster formats only, each recognised by its first bytes, never by what the upload claims.
 * No SVG: it is a document that can carry scripts and links of its own.
 */
const LOGO_FORMATS = {
  'image/png': (b: Uint8Array) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((byte, i) => b[i] === byte),
  'image/jpeg': (b: Uint8Array) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/webp': (b: Uint8Array) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP',
} as const;

type LogoType = keyof typeof LOGO_FORMATS;

function ascii(bytes: Uint8Array, from: number, to: number) {
  return String.fromCharCode(...bytes.subarray(from, to));
}

/** Why a logo cannot be stored: a key under `validation` in the messages. */
export type LogoProblem = 'logoFormat' | 'logoTooLarge';

/** Which supported format these bytes are, or null. */
function logoTypeOf(bytes: Uint8Array): LogoType | null {
  for (const [type, matches] of Object.entries(LOGO_FORMATS)) if (bytes.length >= 12 && matches(bytes)) return type as LogoType;
  return null;
}

const DATA_URL = /^data:(image\/(?:png|jpeg|webp));base64,([A-Za-z0-9+/]+={0,2})$/;

/**
 * A logo as it is stored and shown: a base64 data URL of a PNG, JPEG or WebP image of at most
 * MAX_LOGO_BYTES, whose bytes are what its type says. A data URL keeps the image inside the page
 * (the page's Content-Security-Policy already allows `data:` images and nothing from elsewhere),
 * and the customer's browser asks no other server for it.
 */
export function checkLogo(dataUrl: string): { ok: true; dataUrl: string } | { ok: false; problem: LogoProblem } {
  const match = DATA_URL.exec(dataUrl);
  if (!match) return { ok: false, problem: 'logoFormat' };
  const [, declared, base64 = ''] = match;
  // Checked before decoding: base64 is four characters for every three bytes.
  if (Math.floor((base64.length * 3) / 4) - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0) > MAX_LOGO_BYTES)
    return { ok: false, problem: 'logoTooLarge' };
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  } catch {
    return { ok: false, problem: 'logoFormat' };
  }
  return logoTypeOf(bytes) === declared ? { ok: true, dataUrl } : { ok: false, problem: 'logoFormat' };
}

/** The logo to show, or null when the stored one does not pass (any more). */
export function showableLogo(value: string | null | undefined): string | null {
  return value && checkLogo(value).ok ? value : null;
}
