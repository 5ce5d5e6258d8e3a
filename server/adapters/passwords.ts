import 'server-only';
import { hash, verify } from '@node-rs/argon2';

// @node-rs/argon2 defaults to argon2id; these are OWASP's recommended minimums for it.
const OWASP = { memoryCost: 19456, timeCost: 2, parallelism: 1 };
// The integration tests sign up hundreds of people, at ~37 ms a hash with OWASP's parameters. They
// ask for cheap hashing through vitest's config; it takes effect only under NODE_ENV=test, which
// `next build` and `next start` never run with.
const CHEAP_FOR_TESTS = { memoryCost: 1024, timeCost: 1, parallelism: 1 };
const OPTIONS = process.env.NODE_ENV === 'test' && process.env.RUNG_CHEAP_PASSWORD_HASHING === '1' ? CHEAP_FOR_TESTS : OWASP;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let dummyHash: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  // Without a hash we still do the work, so the response time does not reveal whether the email exists.
  if (passwordHash === null) {
    dummyHash ??= hashPassword('rung-timing-equalizer');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
