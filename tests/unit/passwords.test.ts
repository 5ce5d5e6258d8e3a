import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '@/server/adapters/passwords';

describe('password hashing', () => {
  it("uses argon2id with OWASP's parameters outside the integration tests' cheap mode", async () => {
    expect(process.env.RUNG_CHEAP_PASSWORD_HASHING).toBeUndefined();
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(hash, 'wrong horse battery')).toBe(false);
    expect(await verifyPassword(null, 'correct horse battery')).toBe(false);
  });
});
