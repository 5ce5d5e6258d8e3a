'use server';

import 'server-only';

/*
 * React server functions (Next.js "use server"): what forms and client components call directly,
 * outside tRPC. Sign-in, sign-out and the language cookie; "action" elsewhere in Rung always
 * means a planned step on an account.
 */

import { AuthError } from 'next-auth';
import { getLocale } from 'next-intl/server';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { ZodError } from 'zod';
import { getDb } from '@/db/client';
import { isLocale, LOCALE_COOKIE } from '@/i18n/config';
import { formText } from '@/lib/form-data';
import { safeReturnPath } from '../domain/return-path';
import { changePasswordInput, passwordResemblesEmail, passwordResetInput, passwordResetRequestInput } from '../inputs/auth';
import { clientAddress } from '../adapters/rate-limit';
import { appUrl } from '@/lib/app-url';
import { changePassword, completePasswordReset, endAllSessions, requestPasswordReset } from '../services/sessions';
import { signedInUser, signIn, signOut } from './config';

export type SignInState = { error: 'invalidCredentials' | 'tooManyAttempts' | 'databaseUnavailable' | null; email: string };

const SIGN_IN_ERRORS: Record<string, SignInState['error']> = {
  rate_limited: 'tooManyAttempts',
  database_unavailable: 'databaseUnavailable',
};

export async function signInWithPassword(_previous: SignInState, form: FormData): Promise<SignInState> {
  const email = formText(form, 'email');
  try {
    await signIn('credentials', {
      email,
      password: formText(form, 'password'),
      redirectTo: safeReturnPath(form.get('callbackUrl')),
    });
  } catch (error) {
    // One message for every wrong email or password, so nobody learns which emails have accounts.
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code;
      return { error: (code && SIGN_IN_ERRORS[code]) || 'invalidCredentials', email };
    }
    throw error; // the redirect after a successful sign-in travels as an error
  }
  return { error: null, email };
}

export async function signInWithProvider(form: FormData): Promise<void> {
  await signIn(formText(form, 'provider'), { redirectTo: safeReturnPath(form.get('callbackUrl')) });
}

/**
 * Signing out ends every session of the person, not only this browser's cookie: a copy of the
 * cookie (another device, or someone who took it) stops working at the same moment.
 */
export async function signOutFromForm(form?: FormData): Promise<void> {
  const user = await signedInUser();
  if (user) await endAllSessions(await getDb(), user.id);
  await signOut({ redirectTo: form?.get('redirectTo') ? safeReturnPath(form.get('redirectTo')) : '/sign-in' });
}

/** The profile's "sign out everywhere": the same as signing out, and the sign-in page says what happened. */
export async function signOutEverywhere(): Promise<void> {
  const user = await signedInUser();
  if (user) await endAllSessions(await getDb(), user.id);
  await signOut({ redirectTo: '/sign-in?notice=signedOutEverywhere' });
}

/** Field → message key (validation.*), for the form to translate. */
function fieldErrorKeys(error: ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[String(issue.path[0] ?? '_')] ??= issue.message;
  return fields;
}

export type ChangePasswordState = {
  error: 'wrongPassword' | 'passwordsDiffer' | 'tooManyAttempts' | 'noPassword' | 'invalid' | null;
  fieldErrors: Record<string, string>;
};

/**
 * Changes the password and ends every session, then signs this browser in again with the new
 * password: the person keeps working here, and every other device needs the new password.
 */
export async function changePasswordFromForm(_previous: ChangePasswordState, form: FormData): Promise<ChangePasswordState> {
  const user = await signedInUser();
  if (!user) redirect('/sign-in');
  const parsed = changePasswordInput.safeParse({
    currentPassword: formText(form, 'currentPassword'),
    newPassword: formText(form, 'newPassword'),
    confirmPassword: formText(form, 'confirmPassword'),
  });
  if (!parsed.success) return { error: 'invalid', fieldErrors: fieldErrorKeys(parsed.error) };
  if (passwordResemblesEmail(parsed.data.newPassword, user.email)) {
    return { error: 'invalid', fieldErrors: { newPassword: 'validation.passwordIsEmail' } };
  }
  if (parsed.data.newPassword !== parsed.data.confirmPassword) return { error: 'passwordsDiffer', fieldErrors: {} };
  const outcome = await changePassword(await getDb(), user.id, parsed.data);
  if (outcome !== 'changed') return { error: outcome, fieldErrors: {} };
  try {
    await signIn('credentials', {
      email: user.email,
      password: parsed.data.newPassword,
      redirectTo: `${safeReturnPath(form.get('returnTo'))}?passwordChanged=1`,
    });
  } catch (error) {
    // The password is changed either way; if signing in again is refused (too many sign-ins
    // lately), the person signs in by hand with the new one.
    if (error instanceof AuthError) redirect(`/sign-in?notice=passwordReset&email=${encodeURIComponent(user.email)}`);
    throw error; // the redirect after a successful sign-in travels as an error
  }
  return { error: null, fieldErrors: {} };
}

export type PasswordResetRequestState = { outcome: 'sent' | 'tooManyAttempts' | 'invalid' | null; fieldErrors: Record<string, string> };

export async function requestPasswordResetFromForm(
  _previous: PasswordResetRequestState,
  form: FormData,
): Promise<PasswordResetRequestState> {
  const parsed = passwordResetRequestInput.safeParse({ email: formText(form, 'email') });
  if (!parsed.success) return { outcome: 'invalid', fieldErrors: fieldErrorKeys(parsed.error) };
  const requestHeaders = await headers();
  const locale = await getLocale();
  const outcome = await requestPasswordReset(await getDb(), {
    email: parsed.data.email,
    clientAddress: clientAddress(requestHeaders),
    appUrl: appUrl(),
    locale: isLocale(locale) ? locale : 'en',
  });
  return { outcome, fieldErrors: {} };
}

export type PasswordResetState = { error: 'unusable' | 'passwordsDiffer' | 'invalid' | null; fieldErrors: Record<string, string> };

/** Sets the new password through a reset link; every session ends, and the person signs in with it. */
export async function resetPasswordFromForm(_previous: PasswordResetState, form: FormData): Promise<PasswordResetState> {
  const parsed = passwordResetInput.safeParse({
    token: formText(form, 'token'),
    newPassword: formText(form, 'newPassword'),
    confirmPassword: formText(form, 'confirmPassword'),
  });
  if (!parsed.success) {
    const fieldErrors = fieldErrorKeys(parsed.error);
    return { error: fieldErrors.token ? 'unusable' : 'invalid', fieldErrors };
  }
  if (parsed.data.newPassword !== parsed.data.confirmPassword) return { error: 'passwordsDiffer', fieldErrors: {} };
  const result = await completePasswordReset(await getDb(), parsed.data.token, parsed.data.newPassword);
  if (!result.ok) {
    return result.passwordIsEmail
      ? { error: 'invalid', fieldErrors: { newPassword: 'validation.passwordIsEmail' } }
      : { error: 'unusable', fieldErrors: {} };
  }
  redirect(`/sign-in?notice=passwordReset&email=${encodeURIComponent(result.email)}`);
}

export async function rememberLocale(locale: string): Promise<void> {
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'lax' });
}

/** Straight after sign-up: start the session and go to the new (or joined) organization. */
export async function signInAfterSignUp(email: string, password: string, redirectTo: string): Promise<void> {
  await signIn('credentials', { email, password, redirectTo: safeReturnPath(redirectTo) });
}
