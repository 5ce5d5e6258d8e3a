/**
 * Turning a file's bytes into text the way the program that saved it meant: Excel's "Unicode
 * text" is UTF-16 with a byte order mark, its plain "CSV" on Windows is Windows-1252, and a file
 * that was decoded wrongly once and saved again carries "FjÃ¤llrÃ¤ven" for "Fjällräven".
 * Pure: the browser reads the file with it, and the tests feed it bytes.
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Text from a file's bytes: by its byte order mark, else strict UTF-8, else Windows-1252. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** Windows-1252's characters for bytes 0x80–0x9F; every other byte below 0x100 is its own code point. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function cp1252Byte(char: string): number | null {
  const code = char.charCodeAt(0);
  const high = CP1252_HIGH.indexOf(char);
  if (high >= 0) return 0x80 + high;
  return code < 0x100 ? code : null;
}

/** Runs of characters that could be UTF-8 bytes shown as Windows-1252: a lead byte, then continuations. */
const MOJIBAKE_RUN = /[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]+/g;

function repairRun(run: string): string {
  const bytes: number[] = [];
  for (const char of run) {
    const byte = cp1252Byte(char);
    if (byte === null) return run;
    bytes.push(byte);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
  } catch {
    return run;
  }
}

/**
 * Undoes UTF-8 that was read as Windows-1252 and saved again ("FjÃ¤llrÃ¤ven" → "Fjällräven"),
 * run by run, so correctly written accents elsewhere in the file stay as they are.
 */
export function repairDoubleEncoding(text: string): string {
  return text.replace(MOJIBAKE_RUN, repairRun);
}

/** Up to `limit` words of the text that repairDoubleEncoding would change, before and after. */
export function doubleEncodedSamples(text: string, limit = 3): Array<{ before: string; after: string }> {
  const samples: Array<{ before: string; after: string }> = [];
  const seen = new Set<string>();
  for (const match of text.matchAll(/[^\s,;"\t]*[\u00c2-\u00f4][\u0080-\u00bf\u0152-\u2122][^\s,;"\t]*/g)) {
    const before = match[0];
    const after = repairDoubleEncoding(before);
    if (after === before || seen.has(before)) continue;
    seen.add(before);
    samples.push({ before, after });
    if (samples.length >= limit) break;
  }
  return samples;
}
