import AxeBuilder from '@axe-core/playwright';
import path from 'node:path';
import { expect, type Browser, type Locator, type Page } from './fixtures';

/**
 * Fails the test on any axe violation on the page as it is now, once it has settled: axe reads a
 * single instant, so a page still showing its loading skeleton (no h1 yet), still waiting for its
 * title, or with a button midway through its colour transition would be reported for what the
 * user never reads.
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  await expect(page.locator('h1').first(), 'the page shows its main heading').toBeAttached();
  // Next.js streams a dynamic page's <title> in after its content.
  await expect(page, 'the page has its title').toHaveTitle(/\S/);
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getTiming().iterations !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, 'axe violations').toEqual([]);
}

export function uniqueEmail(label: string): string {
  return `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.test`;
}

export const PASSWORD = 'e2e password 123';

/** A fresh browser context: no cookies, as a different person on a different machine. */
export async function newPerson(browser: Browser, locale = 'en-US'): Promise<Page> {
  const context = await browser.newContext({ locale });
  return context.newPage();
}

export async function signUpWithNewOrganization(page: Page, name: string, email: string, orgName: string): Promise<void> {
  await page.goto('/sign-up');
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Work email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Organization name').fill(orgName);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(/\/accounts$/);
}

/** Creates an invitation from the members page and returns the one-time link shown after it. */
export async function invite(page: Page, orgSlug: string, email: string, role: 'Admin' | 'Member' | 'Viewer'): Promise<string> {
  await page.goto(`/${orgSlug}/settings/members`);
  await page.getByRole('button', { name: 'Invite people' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite a colleague' });
  await dialog.getByLabel('Email').fill(email);
  await dialog.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: new RegExp(`^${role}`) }).click();
  await dialog.getByRole('button', { name: 'Create invitation' }).click();
  const link = await dialog.getByLabel('Invitation link').inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await dialog.getByRole('button', { name: 'Done' }).click();
  return link;
}

export async function acceptAsNewUser(page: Page, link: string, name: string): Promise<void> {
  await page.goto(new URL(link).pathname);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  // Viewers start on the dashboard, everyone else on the accounts.
  await page.waitForURL(/\/(accounts|dashboard)$/);
}

/**
 * Saves what a page, or one part of it, looks like, for a person to look at: as `<name>.png` in
 * SCREENSHOT_DIR when that is set, and not at all otherwise. No assertion reads these pictures, and a
 * full-page capture costs a second or more on a busy machine. A part is still waited for, as its
 * capture would.
 */
export async function saveScreenshot(target: Page | Locator, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR;
  const file = dir ? path.join(dir, `${name}.png`) : null;
  if ('goto' in target) {
    if (file) await target.screenshot({ path: file, ...options });
  } else if (file) {
    await target.screenshot({ path: file });
  } else {
    await target.waitFor();
  }
}
