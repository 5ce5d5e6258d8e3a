/**
 * Single sign-on through a real OpenID Connect provider (oidc-provider) on loopback: every sign-in
 * goes through its authorization, token and discovery endpoints. Rung only offers a provider that
 * is configured at start, so this file starts a second app server (the same production build) with
 * AUTH_OIDC_* pointing at the provider, on a database of its own; the usual e2e server, which has
 * no provider configured, shows that a disabled provider is not offered.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type Page } from './fixtures';
import Provider from 'oidc-provider';
import { expectNoAxeViolations, newPerson, PASSWORD, uniqueEmail } from './helpers';

const CLIENT_ID = 'rung-e2e';
const CLIENT_SECRET = 'rung-e2e-client-secret-0000000000000000';
const PROVIDER_NAME = 'Loopback IdP';

/** What the provider says about each login name; tests add people before they sign in. */
const directory = new Map<string, { email: string; email_verified: boolean; name: string }>();

let identityProvider: Server;
let app: ChildProcess;
let appUrl: string;
let dataDir: string;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function startIdentityProvider(appOrigin: string): Promise<string> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [`${appOrigin}/api/auth/callback/oidc`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // Auth.js reads the person from the ID token: put the scope's claims there, not only in userinfo.
    conformIdTokenClaims: false,
    cookies: { keys: ['rung-e2e-cookie-key-0000000000000000'] },
    findAccount(_ctx, sub) {
      const person = directory.get(sub);
      if (!person) return undefined;
      return { accountId: sub, claims: () => ({ sub, ...person }) };
    },
  });
  // The provider's own reason for a refusal ("grant request is invalid" alone says nothing).
  const explain = (event: string) => (_ctx: unknown, error: Error & { error_detail?: string }) =>
    console.error(`[identity provider] ${event}: ${error.error_detail ?? error.message}`, error.cause ?? '');
  provider.on('grant.error', explain('grant.error'));
  provider.on('server_error', explain('server_error'));
  provider.on('authorization.error', explain('authorization.error'));
  const handle = provider.callback();
  identityProvider = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => identityProvider.listen(port, '127.0.0.1', resolve));
  return issuer;
}

async function waitForApp(url: string, deadline: number): Promise<void> {
  for (;;) {
    try {
      if ((await fetch(`${url}/sign-in`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the SSO app server did not answer at ${url}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

test.describe.configure({ mode: 'serial', timeout: 120_000 });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const port = await freePort();
  // The app listens on 127.0.0.1 but is opened as localhost: Next.js names every request to a loopback
  // address "localhost", so Auth.js would give the provider a different redirect_uri at the callback
  // than at sign-in (127.0.0.1), and the provider rightly refuses the code. A real address is kept as is.
  appUrl = `http://localhost:${port}`;
  const issuer = await startIdentityProvider(appUrl);
  dataDir = await mkdtemp(path.join(tmpdir(), 'rung-sso-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PGLITE_DATA_DIR: path.join(dataDir, 'pglite'),
    AUTH_SECRET: 'e2e-only-secret-not-for-production-000000',
    AUTH_TRUST_HOST: 'true',
    APP_URL: appUrl,
    NEXT_TELEMETRY_DISABLED: '1',
    SEED_DEMO: 'false',
    AUTH_OIDC_ISSUER: issuer,
    AUTH_OIDC_ID: CLIENT_ID,
    AUTH_OIDC_SECRET: CLIENT_SECRET,
    AUTH_OIDC_NAME: PROVIDER_NAME,
  };
  delete env.DATABASE_URL;
  delete env.SMTP_URL;
  // The build is the one the usual e2e server made moments ago (playwright.config.ts webServer).
  // Served by server.mjs, as `npm start` serves it.
  app = spawn('node', ['server.mjs', '-p', String(port), '-H', '127.0.0.1'], { env, stdio: 'pipe', detached: true });
  app.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[sso app] ${chunk.toString()}`));
  await waitForApp(`http://127.0.0.1:${port}`, Date.now() + 150_000);
});

test.afterAll(async () => {
  // The app runs as a process group of its own: end all of it.
  if (app?.pid) process.kill(-app.pid, 'SIGTERM');
  await new Promise((resolve) => identityProvider?.close(resolve));
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** A fresh browser, so the provider asks who you are again. Signs in at the provider as `login`. */
async function signInThroughProvider(browser: Browser, login: string): Promise<Page> {
  const page = await newPerson(browser);
  await page.goto(`${appUrl}/sign-in`);
  await page.getByRole('button', { name: `Continue with ${PROVIDER_NAME}` }).click();
  // The provider's own pages: its sign-in form, then its consent.
  await page.waitForURL((url) => url.origin !== appUrl);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('anything');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL((url) => url.origin === appUrl);
  return page;
}

test('a provider without its environment variables is not offered', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { name: 'Sign in to Rung' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Continue with/ })).toHaveCount(0);
});

test('the first sign-in creates a verified account, and the next one finds the same account', async ({ browser }) => {
  const email = uniqueEmail('ada.sso');
  directory.set('ada', { email, email_verified: true, name: 'Ada Sso' });

  const first = await signInThroughProvider(browser, 'ada');
  await first.waitForURL(/\/orgs\/new$/);
  await expect(first.getByRole('heading', { name: "You're not in any organization yet" })).toBeVisible();
  const orgName = `Ada Works ${Date.now().toString(36)}`;
  await first.getByLabel('Organization name').fill(orgName);
  await first.getByRole('button', { name: 'Create organization' }).click();
  await first.waitForURL(/\/accounts$/);
  // The provider vouched for the address: no banner asking to confirm it.
  await expect(first.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
  await expect(first.getByRole('region', { name: /Confirm your email address/ })).toHaveCount(0);

  const again = await signInThroughProvider(browser, 'ada');
  await again.waitForURL(/\/accounts$/);
  await expect(again.getByRole('button', { name: 'Switch organization' }).first()).toContainText(orgName);
});

test('an email the provider has not verified is refused, with the reason on the sign-in page', async ({ browser }) => {
  directory.set('mallory', { email: uniqueEmail('mallory'), email_verified: false, name: 'Mallory' });
  const page = await signInThroughProvider(browser, 'mallory');
  await page.waitForURL(/\/sign-in\?error=sso-email-unverified/);
  // Next.js's route announcer is an (empty) alert too: look for the one with the reason.
  await expect(page.getByRole('alert').filter({ hasText: 'did not confirm that the email address is yours' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto(`${appUrl}/`);
  await page.waitForURL(/\/sign-in/);
});

test('a password account is linked only once its own address is verified', async ({ browser }) => {
  const email = uniqueEmail('pia.password');
  const orgName = `Pia Co ${Date.now().toString(36)}`;
  const owner = await newPerson(browser);
  await owner.goto(`${appUrl}/sign-up`);
  await owner.getByLabel('Your name').fill('Pia Password');
  await owner.getByLabel('Work email').fill(email);
  await owner.getByLabel('Password').fill(PASSWORD);
  await owner.getByLabel('Organization name').fill(orgName);
  await owner.getByRole('button', { name: 'Create account' }).click();
  await owner.waitForURL(/\/accounts$/);
  const orgSlug = new URL(owner.url()).pathname.split('/')[1]!;

  // The provider vouches for the address, but Rung has not seen it proven for this account: refused.
  directory.set('pia', { email, email_verified: true, name: 'Pia at the provider' });
  const refused = await signInThroughProvider(browser, 'pia');
  await refused.waitForURL(/\/sign-in\?error=sso-account-unverified/);
  await expect(refused.getByRole('alert').filter({ hasText: 'its address has not been confirmed' })).toBeVisible();

  // Pia opens the link from her verification email (in the outbox: no mail server here).
  await owner.goto(`${appUrl}/${orgSlug}/settings/outbox`);
  const message = owner.getByRole('listitem').filter({ hasText: 'Confirm your email address for Rung' }).first();
  await message.getByText('Confirm your email address for Rung').click();
  const link = (await message.locator('pre').innerText()).match(/\/verify-email\/[\w-]{43}/)?.[0];
  expect(link).toBeTruthy();
  await owner.goto(`${appUrl}${link}`);
  await owner.getByRole('button', { name: 'Confirm my address' }).click();
  await expect(owner.getByText('Your address is confirmed')).toBeVisible();

  // Now both sides have verified it: single sign-on opens Pia's own account and organization.
  const linked = await signInThroughProvider(browser, 'pia');
  await linked.waitForURL(new RegExp(`/${orgSlug}/accounts$`));
  await expect(linked.getByRole('button', { name: 'Switch organization' }).first()).toContainText(orgName);
  await expect(linked.getByRole('button', { name: /Account menu for Pia Password/ }).first()).toBeVisible();
});

test('the sign-in page of the server with single sign-on offers it', async ({ browser }) => {
  const page = await newPerson(browser);
  await page.goto(`${appUrl}/sign-in`);
  await expect(page.getByRole('button', { name: `Continue with ${PROVIDER_NAME}` })).toBeVisible();
  await expectNoAxeViolations(page);
});
