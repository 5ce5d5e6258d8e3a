import 'server-only';
import NextAuth, { CredentialsSignin, type NextAuthConfig, type Profile, type Session } from 'next-auth';
import type { Provider } from 'next-auth/providers';
import Credentials from 'next-auth/providers/credentials';
import Google from 'next-auth/providers/google';
import MicrosoftEntraID from 'next-auth/providers/microsoft-entra-id';
import { getDb } from '@/db/client';
import { databaseTrouble } from '@/db/failures';
import type { Db } from '@/db/client';
import { currentSessionVersion, hasPassword, resetLinkUsable, userForSession, type SignedInUser } from '../services/sessions';
import { accountForSso } from '../services/sso-accounts';
import { providerVouchesForEmail, type SsoRefusal } from '../domain/sso';
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

/** What the sign-in page's address says when single sign-on was refused. */
const SSO_REFUSAL_CODES: Record<SsoRefusal, string> = {
  unverifiedClaim: 'sso-email-unverified',
  unverifiedAccount: 'sso-account-unverified',
};

declare module 'next-auth' {
  interface Session {
    user: { id: string; name: string; email: string };
    /** The person's session version when this token was issued; see server/services/sessions.ts. */
    sessionVersion?: number;
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

/**
 * The account a single sign-on person signs in as, or why not. Only an address the provider vouches
 * for is matched to an account, and only to an account whose address Rung has verified too.
 */
async function ssoAccount(provider: string, profile: Profile | undefined) {
  const email = typeof profile?.email === 'string' ? profile.email : '';
  return accountForSso(await getDb(), {
    email,
    name: String(profile?.name ?? ''),
    emailVerified: providerVouchesForEmail(provider, profile),
  });
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
    async signIn({ account, profile }) {
      if (!account || account.provider === 'credentials') return true;
      const outcome = await ssoAccount(account.provider, profile);
      // The sign-in page explains each refusal by its code.
      return 'refused' in outcome ? `/sign-in?error=${SSO_REFUSAL_CODES[outcome.refused]}` : true;
    },
    async jwt({ token, user, account, profile }) {
      let signedIn: string | undefined;
      if (account && account.provider !== 'credentials') {
        const outcome = await ssoAccount(account.provider, profile);
        if ('userId' in outcome) signedIn = outcome.userId;
      } else if (user?.id) {
        signedIn = user.id;
      }
      // Only at sign-in: the version is never refreshed from the database later, or a token
      // that was signed out would come back to life.
      if (signedIn) {
        token.uid = signedIn;
        token.sv = await currentSessionVersion(await getDb(), signedIn);
      }
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === 'string') session.user.id = token.uid;
      if (typeof token.sv === 'number') session.sessionVersion = token.sv;
      return session;
    },
  },
};

const { handlers, auth, signIn, signOut } = NextAuth(config);
export { handlers, signIn, signOut };

/**
 * The signed-in person, or null: the session token must be valid and carry the person's current
 * session version (one lookup by primary key), so a token from before a sign-out, a password
 * change or a reset is refused. Whether they may do anything is decided per request from the
 * database.
 */
export async function signedInUser(): Promise<SignedInUser | null> {
  const session = await auth();
  return session ? userForSession(await getDb(), { userId: session.user?.id, sessionVersion: session.sessionVersion }) : null;
}

/** The signed-in person's id, or null; see signedInUser. */
export async function currentUserId(): Promise<string | null> {
  return (await signedInUser())?.id ?? null;
}

/** signedInUser for a request's own headers (route handlers, the tRPC context), on the given database. */
export async function signedInUserFromHeaders(db: Db, headers: Headers): Promise<SignedInUser | null> {
  // Auth.js's form for API routes: it reads the session cookie from these headers. Like auth()
  // without arguments, it drops the refreshed cookie it would set (here into a response nobody sends).
  const readSession = auth as unknown as (req: { headers: Headers }, res: { headers: Headers }) => Promise<Session | null>;
  const session = await readSession({ headers }, { headers: new Headers() });
  return session ? userForSession(db, { userId: session.user?.id, sessionVersion: session.sessionVersion }) : null;
}

/** For the profile page: the signed-in person and whether they have a password to change. */
export async function signedInProfile(): Promise<(SignedInUser & { hasPassword: boolean }) | null> {
  const user = await signedInUser();
  return user ? { ...user, hasPassword: await hasPassword(await getDb(), user.id) } : null;
}

/** For the reset page: whether the link in its address can still set a password. */
export async function passwordResetLinkUsable(token: string): Promise<boolean> {
  return resetLinkUsable(await getDb(), token);
}
