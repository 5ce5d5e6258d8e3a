'use server';

import 'server-only';

/*
 * React server functions (Next.js "use server"): what forms and client components call directly,
 * outside tRPC. Sign-in, sign-out and the language cookie; "action" elsewhere in Rung always
 * means a planned step on an account.
 */

import { AuthError } from 'next-auth';
import { cookies } from 'next/headers';
import { isLocale, LOCALE_COOKIE } from '@/i18n/config';
import { formText } from '@/lib/form-data';
import { safeReturnPath } from '../domain/return-path';
import { signIn, signOut } from './config';

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

export async function signOutFromForm(form?: FormData): Promise<void> {
  await signOut({ redirectTo: form?.get('redirectTo') ? safeReturnPath(form.get('redirectTo')) : '/sign-in' });
}

export async function rememberLocale(locale: string): Promise<void> {
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'lax' });
}

/** Straight after sign-up: start the session and go to the new (or joined) organization. */
export async function signInAfterSignUp(email: string, password: string, redirectTo: string): Promise<void> {
  await signIn('credentials', { email, password, redirectTo: safeReturnPath(redirectTo) });
}
