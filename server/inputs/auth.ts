import { z } from 'zod';
import commonPasswordList from './common-passwords.json';
import { emailSchema, organizationNameSchema, personNameSchema, tokenSchema } from './common';

/*
 * The passwords people choose. Length does most of the work; on top, a password that thousands of
 * others use is refused, and so is the person's own address.
 *
 * common-passwords.json holds every password of at least 10 characters (lowercased) from the
 * list of about 49,000 most used passwords that ships with @zxcvbn-ts/language-common 4.1.3
 * (MIT licence, notice in common-passwords-license.txt). Shorter ones are refused by length alone.
 */

const PASSWORD_MIN_LENGTH = 10;
const commonPasswords = new Set<string>(commonPasswordList);

export function isCommonPassword(password: string): boolean {
  return commonPasswords.has(password.toLowerCase());
}

/**
 * True when the password is the address, or its part before the @, perhaps with digits or
 * punctuation around it ("anna.berg", "Anna.Berg2026!"): the first thing anyone guesses.
 */
export function passwordResemblesEmail(password: string, email: string): boolean {
  const address = email.trim().toLowerCase();
  const localPart = address.split('@')[0] ?? '';
  const core = password
    .toLowerCase()
    .replace(/^[\d\W_]+/, '')
    .replace(/[\d\W_]+$/, '');
  const lettersOf = (s: string) => s.replace(/[\W_]+/g, '');
  return (
    password.toLowerCase() === address ||
    password.toLowerCase() === localPart ||
    (localPart.length > 0 && (core === localPart || (core.length > 0 && lettersOf(core) === lettersOf(localPart))))
  );
}

/**
 * Every new password: at sign-up, and wherever a password is changed or reset. The email check
 * needs the address: sign-up adds `refuseEmailAsPassword`; elsewhere check `passwordResemblesEmail`.
 */
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { error: 'validation.passwordTooShort' })
  .max(200, { error: 'validation.passwordTooLong' })
  .refine((password) => !isCommonPassword(password), { error: 'validation.passwordTooCommon' });

/** A superRefine step for an object with `email` and `password`: refuses the address as its own password. */
function refuseEmailAsPassword(value: { email: string; password: string }, context: z.RefinementCtx): void {
  if (passwordResemblesEmail(value.password, value.email)) {
    context.addIssue({ code: 'custom', path: ['password'], message: 'validation.passwordIsEmail' });
  }
}

/** Sign-up either creates the person's first organization or joins the one that invited them. */
export const signUpInput = z
  .object({
    name: personNameSchema,
    email: emailSchema,
    password: newPasswordSchema,
    organizationName: organizationNameSchema.optional(),
    invitationToken: tokenSchema.optional(),
  })
  .refine((v) => v.organizationName || v.invitationToken, {
    path: ['organizationName'],
    error: 'validation.orgNameTooShort',
  })
  .superRefine(refuseEmailAsPassword);

export const signInInput = z.object({
  email: emailSchema,
  password: z.string().min(1).max(200),
});

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: newPasswordSchema,
  confirmPassword: z.string().max(200),
});

export const passwordResetRequestInput = z.object({ email: emailSchema });

export const passwordResetInput = z.object({
  token: tokenSchema,
  newPassword: newPasswordSchema,
  confirmPassword: z.string().max(200),
});
