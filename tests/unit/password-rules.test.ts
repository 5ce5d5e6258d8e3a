import { describe, expect, it } from 'vitest';
import commonPasswordList from '@/server/inputs/common-passwords.json';
import { isCommonPassword, newPasswordSchema, passwordResemblesEmail, signUpInput } from '@/server/inputs/auth';

const errorsOf = (password: string) => {
  const parsed = newPasswordSchema.safeParse(password);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
};

const signUp = (email: string, password: string) =>
  signUpInput.safeParse({ name: 'Anna Berg', email, password, organizationName: 'Polar Supply' });

describe('a new password', () => {
  it('needs at least 10 characters and at most 200', () => {
    expect(errorsOf('nine char')).toEqual(['validation.passwordTooShort']);
    expect(errorsOf('ten chars!')).toEqual([]);
    expect(errorsOf('x'.repeat(200))).toEqual([]);
    expect(errorsOf('x'.repeat(201))).toEqual(['validation.passwordTooLong']);
  });

  it('is not one of the common passwords, whatever its capitals', () => {
    expect(errorsOf('qwertyuiop')).toEqual(['validation.passwordTooCommon']);
    expect(errorsOf('Password123')).toEqual(['validation.passwordTooCommon']);
    expect(errorsOf('1234567890')).toEqual(['validation.passwordTooCommon']);
    expect(errorsOf('lantern orbit cobalt')).toEqual([]);
  });

  it('ships a list that holds only passwords the length rule would let through, lowercased, each once', () => {
    expect(commonPasswordList.length).toBeGreaterThan(1000);
    expect(commonPasswordList.every((p) => p.length >= 10 && p === p.toLowerCase())).toBe(true);
    expect(new Set(commonPasswordList).size).toBe(commonPasswordList.length);
    expect(isCommonPassword('BASKETBALL')).toBe(true);
  });
});

describe('the address as its own password', () => {
  it('refuses the address, its part before the @, and that part with digits or punctuation around it', () => {
    for (const password of [
      'anna.berg@polar.example',
      'ANNA.BERG@POLAR.EXAMPLE',
      'anna.berg',
      'Anna.Berg2026!',
      '!!annaberg1234',
      'anna-berg-2026',
    ]) {
      expect(passwordResemblesEmail(password, 'anna.berg@polar.example'), password).toBe(true);
    }
  });

  it('lets through a password that merely contains the name among other words', () => {
    expect(passwordResemblesEmail('anna berg rides the 7:15 ferry', 'anna.berg@polar.example')).toBe(false);
    expect(passwordResemblesEmail('correct horse battery', 'anna.berg@polar.example')).toBe(false);
  });

  it('is reported on the password field of sign-up, alongside any other problem', () => {
    const parsed = signUp('anna.berg@polar.example', 'anna.berg2026');
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toEqual([expect.objectContaining({ path: ['password'], message: 'validation.passwordIsEmail' })]);
    expect(signUp('anna.berg@polar.example', 'lantern orbit cobalt').success).toBe(true);
  });
});
