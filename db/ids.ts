import { randomBytes } from 'node:crypto';

let lastMillis = 0;
let counter = 0;

/**
 * A UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then randomness.
 * Generated in the app because PostgreSQL 15 has no built-in uuidv7(), and time-ordered
 * ids keep B-tree inserts at the right edge of the index. Ids made by this process on the clock
 * are strictly increasing: within one millisecond a 12-bit counter (RFC 9562, method 1) keeps
 * them in creation order, which is what cursors over audit events rely on. An explicit `at`
 * (for back-dated data) gets random low bits instead.
 */
export function uuidv7(at?: number): string {
  let millis: number;
  let sequence: number;
  if (at !== undefined) {
    millis = at;
    sequence = randomBytes(2).readUInt16BE() & 0xfff;
  } else {
    const now = Date.now();
    if (now > lastMillis) {
      lastMillis = now;
      counter = 0;
    } else if (++counter > 0xfff) {
      lastMillis++;
      counter = 0;
    }
    millis = lastMillis;
    sequence = counter;
  }
  const bytes = randomBytes(16);
  bytes[0] = Math.floor(millis / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(millis / 2 ** 32) & 0xff;
  bytes[2] = Math.floor(millis / 2 ** 24) & 0xff;
  bytes[3] = Math.floor(millis / 2 ** 16) & 0xff;
  bytes[4] = Math.floor(millis / 2 ** 8) & 0xff;
  bytes[5] = millis & 0xff;
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
