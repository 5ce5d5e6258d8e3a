import 'server-only';
import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import type { Provider } from 'next-auth/providers';
import Credentials from 'next-auth/providers/credentials';
import Google from 'next-auth/providers/google';
import MicrosoftEntraID from 'next-auth/providers/microsoft-entra-id';
import { getDb } from '@/db/client';
import { databaseTrouble } from '@/db/failures';
import { users } from '@/db/schema';
import { findUserByEmail } from '../services/identity';
import { clientAddress } from '../adapters/rate-limit';
import { safeReturnPath } from '../domain/return-path';
import { checkPasswordSignIn } from './password-sign-in';

/** Too many failed attempts for this email or from this address: the sign-in form says to wait. */
class TooManySignInAttempts extends CredentialsSignin {
  code = 'rate_limited';
}

/** The database can't be reached or is too busy: the sign-in form says so, rather than that the password is wrong. */
class SignInDatabaseTrouble extends CredentialsSignin {
  code = 'database_unavailable';
}

declare module 'next-auth' {
  interface Session {
    user: { id: string; name: string; email: string };
  }
}

/**
 * Single sign-on providers, each switched on by its environment variables (see README):
 * a company's own OIDC issuer, Microsoft Entra ID, Google Workspace.
 */
export function ssoProviders(): Array<{ id: string; name: string }> {
  const env = process.env;
  const list: Array<{ id: string; name: string }> = [];
  if (env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_ID && env.AUTH_OIDC_SECRET) list.push({ id: 'oidc', name: env.AUTH_OIDC_NAME ?? 'SSO' });
  if (env.AUTH_MICROSOFT_ENTRA_ID_ID && env.AUTH_MICROSOFT_ENTRA_ID_SECRET) list.push({ id: 'microsoft-entra-id', name: 'Microsoft' });
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) list.push({ id: 'google', name: 'Google' });
  return list;
}

function providers(): Provider[] {
  const env = process.env;
  const enabled = new Set(ssoProviders().map((p) => p.id));
  const list: Provider[] = [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        try {
          const outcome = await checkPasswordSignIn(await getDb(), raw, clientAddress(request.headers));
          if (outcome.kind === 'tooManyAttempts') throw new TooManySignInAttempts();
          return outcome.kind === 'signedIn' ? outcome.user : null;
        } catch (error) {
          if (databaseTrouble(error)) throw new SignInDatabaseTrouble();
          throw error;
        }
      },
    }),
  ];
  if (enabled.has('oidc')) {
    list.push({
      id: 'oidc',
      name: env.AUTH_OIDC_NAME ?? 'SSO',
      type: 'oidc',
      issuer: env.AUTH_OIDC_ISSUER,
      clientId: env.AUTH_OIDC_ID,
      clientSecret: env.AUTH_OIDC_SECRET,
    });
  }
  if (enabled.has('microsoft-entra-id')) list.push(MicrosoftEntraID);
  if (enabled.has('google')) list.push(Google);
  return list;
}

/** A person who arrives through single sign-on becomes a Rung user, matched by email. */
async function userForSso(email: string, name: string): Promise<string> {
  const db = await getDb();
  const existing = await findUserByEmail(db, email);
  if (existing) return existing.id;
  const [created] = await db
    .insert(users)
    .values({ email: email.toLowerCase(), name: name || email.split('@')[0]! })
    .onConflictDoNothing()
    .returning({ id: users.id });
  return created?.id ?? (await findUserByEmail(db, email))!.id;
}

const config: NextAuthConfig = {
  // Credentials sign-in requires JWT sessions; the token only says who you are, never your role.
  session: { strategy: 'jwt' },
  pages: { signIn: '/sign-in' },
  providers: providers(),
  logger: {
    // A wrong password is an everyday event, not a server error: keep it out of the error log.
    error(error) {
      if (error.name === 'CredentialsSignin' || (error as { type?: string }).type === 'CredentialsSignin') return;
      console.error('[auth]', error);
    },
  },
  callbacks: {
    // After signing in or out, Auth.js follows this: only ever a path of this app.
    redirect({ url, baseUrl }) {
      return `${baseUrl}${safeReturnPath(url, baseUrl)}`;
    },
    signIn({ account, profile }) {
      if (!account || account.provider === 'credentials') return true;
      // Only a verified address from the identity provider may claim a Rung account.
      return Boolean(profile?.email) && profile?.email_verified !== false;
    },
    async jwt({ token, user, account, profile }) {
      if (account && account.provider !== 'credentials' && profile?.email) {
        token.uid = await userForSso(profile.email, String(profile.name ?? ''));
      } else if (user?.id) {
        token.uid = user.id;
      }
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === 'string') session.user.id = token.uid;
      return session;
    },
  },
};

const { handlers, auth, signIn, signOut } = NextAuth(config);
export { handlers, signIn, signOut };

/** The signed-in user's id, or null. Whether they may do anything is decided per request from the database. */
export async function currentUserId(): Promise<string | null> {
  const session = await auth();
  return session?.user?.id ?? null;
}
