import 'server-only';
import NextAuth, { CredentialsSignin, type NextAuthConfig, type Profile } from 'next-auth';
import type { Provider } from 'next-auth/providers';
import Credentials from 'next-auth/providers/credentials';
import Google from 'next-auth/providers/google';
import MicrosoftEntraID from 'next-auth/providers/microsoft-entra-id';
import { getDb } from '@/db/client';
import { databaseTrouble } from '@/db/failures';
import { findUserByEmail } from '../services/identity';
import { accountForSso } from '../services/sso-accounts';
import { providerVouchesForEmail, type SsoRefusal } from '../domain/sso';
import { signInInput } from '../inputs/auth';
import { verifyPassword } from '../adapters/passwords';
import { clientAddress, hitRateLimit } from '../adapters/rate-limit';

/** Too many attempts for this email or from this address: the sign-in form says to wait. */
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

const SIGN_IN_WINDOW_SECONDS = 15 * 60;
const SIGN_IN_LIMIT_PER_EMAIL = 10;
const SIGN_IN_LIMIT_PER_ADDRESS = 100;

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
        const parsed = signInInput.safeParse(raw);
        if (!parsed.success) return null;
        try {
          const db = await getDb();
          // Slows password guessing: per account, and per address across accounts.
          const [byEmail, byAddress] = await Promise.all([
            hitRateLimit(db, `sign-in:email:${parsed.data.email}`, SIGN_IN_LIMIT_PER_EMAIL, SIGN_IN_WINDOW_SECONDS),
            hitRateLimit(db, `sign-in:address:${clientAddress(request.headers)}`, SIGN_IN_LIMIT_PER_ADDRESS, SIGN_IN_WINDOW_SECONDS),
          ]);
          if (!byEmail.allowed || !byAddress.allowed) throw new TooManySignInAttempts();
          const user = await findUserByEmail(db, parsed.data.email);
          const ok = await verifyPassword(user?.passwordHash ?? null, parsed.data.password);
          return ok && user ? { id: user.id, name: user.name, email: user.email } : null;
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
    async signIn({ account, profile }) {
      if (!account || account.provider === 'credentials') return true;
      const outcome = await ssoAccount(account.provider, profile);
      // The sign-in page explains each refusal by its code.
      return 'refused' in outcome ? `/sign-in?error=${SSO_REFUSAL_CODES[outcome.refused]}` : true;
    },
    async jwt({ token, user, account, profile }) {
      if (account && account.provider !== 'credentials') {
        const outcome = await ssoAccount(account.provider, profile);
        if ('userId' in outcome) token.uid = outcome.userId;
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
