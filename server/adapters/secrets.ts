import 'server-only';
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/*
 * Secrets at rest. The database must not hand out working links to whoever holds a dump of it:
 * tokens are stored as hashes (server/adapters/tokens.ts), and the few texts that carry a link
 * (the outbox's email bodies) are sealed with AES-256-GCM under a key derived from AUTH_SECRET,
 * which lives in the environment, never in the database.
 */

/** The server's secret: AUTH_SECRET, or a fixed stand-in outside production (tests, a first `npm run dev`). */
export function serverSecret(): string {
  const secret = process.env.AUTH_SECRET;
  if (secret) return secret;
  if (process.env.NODE_ENV === 'production') throw new Error('AUTH_SECRET is not set');
  return 'rung-development-only-link-secret';
}

/** Sealed text: `sealed:v1:<key id>:<iv>:<ciphertext>:<tag>`, each part base64url. */
const PREFIX = 'sealed:v1:';

interface Key {
  id: string;
  key: Buffer;
}

let cached: { secret: string; key: Key } | undefined;

/**
 * The sealing key: HKDF-SHA256 of the secret, for this one purpose. Its id (a fingerprint that
 * reveals nothing of the key) goes in front of every sealed text, so that after AUTH_SECRET
 * changes, an old text is recognised as sealed under an earlier key rather than mistaken for damage.
 */
function currentKey(): Key {
  const secret = serverSecret();
  if (cached?.secret !== secret) {
    const key = Buffer.from(hkdfSync('sha256', secret, 'rung', 'rung:at-rest:v1', 32));
    const id = createHash('sha256').update('rung:key-id').update(key).digest('base64url').slice(0, 8);
    cached = { secret, key: { id, key } };
  }
  return cached.key;
}

/** Seals a text for storage. Each call uses a fresh random IV: the same text seals differently every time. */
export function sealText(plain: string): string {
  const { id, key } = currentKey();
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${PREFIX}${id}:${iv.toString('base64url')}:${body.toString('base64url')}:${cipher.getAuthTag().toString('base64url')}`;
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

/**
 * Opens what sealText stored. Null when it was sealed under another key (AUTH_SECRET has changed
 * since) or was tampered with. A text from before sealing existed is returned as it is: the
 * migration that introduced sealing removed the links from those.
 */
export function openText(stored: string): string | null {
  if (!isSealed(stored)) return stored;
  const [id, iv, body, tag] = stored.slice(PREFIX.length).split(':');
  const key = currentKey();
  if (!iv || !body || !tag || id !== key.id) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
