import { randomUUID } from 'node:crypto';
import { expect, test, type Page, type Response } from './fixtures';
import { expectNoAxeViolations, newPerson, saveScreenshot, signUpWithNewOrganization, uniqueEmail } from './helpers';

/** Set SCREENSHOT_DIR to also save the member's page at phone and desktop width in both languages. */
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR;

/** The public page's headers: no referrer, not indexed, not cached, and it never sets a cookie. */
function expectPublicPageHeaders(response: Response | null) {
  const headers = response?.headers() ?? {};
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-robots-tag']).toBe('noindex, nofollow');
  expect(headers['cache-control']).toContain('no-store');
  expect(headers['set-cookie']).toBeUndefined();
}

async function screenshots(page: Page, path: string, name: string) {
  if (!SCREENSHOT_DIR) return;
  for (const lang of ['en', 'sv'] as const) {
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${path}?lang=${lang}`);
      await saveScreenshot(page, `${name}-${lang}-${width}`, { fullPage: true });
    }
    await page.setViewportSize({ width: 375, height: 900 });
    await page.goto(`${path}?lang=${lang}&refused=1`);
    await saveScreenshot(page, `${name}-refused-${lang}-375`);
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

test('a signed-in team member cannot answer for the customer; the customer, without cookies, can', async ({ browser }) => {
  const member = await newPerson(browser);
  const orgName = `Guard Co ${Date.now().toString(36)}`;
  await signUpWithNewOrganization(member, 'Tove Team', uniqueEmail('guard'), orgName);
  await member.getByRole('button', { name: 'Add an account' }).first().click();
  const accountDialog = member.getByRole('dialog', { name: 'Add an account' });
  await accountDialog.getByLabel('Name', { exact: true }).fill('Fjällkraft AB');
  await accountDialog.getByRole('button', { name: 'Add account' }).click();
  await member.waitForURL(/\/accounts\/[0-9a-f-]{36}$/);
  const accountPath = new URL(member.url()).pathname;

  await member.getByRole('button', { name: 'Ask for a confirmation' }).click();
  const ask = member.getByRole('dialog', { name: 'Ask the customer' });
  await ask.getByRole('combobox', { name: 'Language of the page' }).click();
  await member.getByRole('option', { name: 'Svenska' }).click();
  await ask.getByRole('button', { name: 'Create link' }).click();
  const link = new URL(await ask.getByLabel('Confirmation link').inputValue()).pathname;
  await ask.getByRole('button', { name: 'Done' }).click();

  // The member opens the link: an explanation in the link's language, no form, nothing set.
  const cookiesBefore = await member.context().cookies();
  const opened = await member.goto(link);
  expectPublicPageHeaders(opened);
  await expect(member.getByRole('heading', { level: 1 })).toHaveText(`Du är inloggad i ${orgName}`);
  await expect(member.getByText('Teammedlemmar kan inte svara för kundens räkning')).toBeVisible();
  await expect(member.getByText('En bra produkt')).toBeVisible(); // the level descriptions, read only
  await expect(member.getByRole('radio')).toHaveCount(0);
  await expect(member.getByRole('button', { name: 'Skicka mitt svar' })).toHaveCount(0);
  await expect(member.getByRole('link', { name: 'Tillbaka till Fjällkraft AB' })).toHaveAttribute('href', accountPath);
  await expectNoAxeViolations(member);

  await member.getByRole('link', { name: 'Show this page in English' }).click();
  await expect(member.getByRole('heading', { level: 1 })).toHaveText(`You are signed in to ${orgName}`);
  await expect(member.getByText('Team members cannot answer on behalf of their customer')).toBeVisible();
  await expectNoAxeViolations(member);
  expect(await member.context().cookies()).toEqual(cookiesBefore);

  // Posting the form anyway, with the member's session, records nothing.
  const post = await member.request.post(`${link}/answer`, {
    form: { lang: 'en', level: '5', comment: 'Sent by the team', submissionKey: randomUUID() },
    maxRedirects: 0,
  });
  expect(post.status()).toBe(303);
  expect(post.headers()['set-cookie']).toBeUndefined();
  const location = post.headers()['location']!;
  expect(location).toBe(`${link}?lang=en&refused=1`);
  expectPublicPageHeaders(await member.goto(location));
  await expect(member.getByRole('status').filter({ hasText: 'Nothing was recorded' })).toBeVisible();
  await expectNoAxeViolations(member);

  await member.getByRole('link', { name: 'Back to Fjällkraft AB' }).click();
  await member.waitForURL((url) => url.pathname === accountPath);
  await expect(member.getByText('No answers yet.')).toBeVisible();

  // The customer: a fresh browser with no cookies gets the form, and the answer counts.
  const customer = await newPerson(browser, 'sv-SE');
  expectPublicPageHeaders(await customer.goto(link));
  await expect(customer.getByRole('heading', { level: 1 })).toContainText('Hur skulle du beskriva relationen mellan Fjällkraft AB');
  await customer.getByRole('radio', { name: /^Service vi förlitar oss på/ }).check();
  await customer.getByRole('button', { name: 'Skicka mitt svar' }).click();
  await expect(customer.getByRole('heading', { name: 'Tack!' })).toBeVisible();
  expect(await customer.context().cookies()).toEqual([]);
  await expect(member.getByText('Answered').first()).toBeVisible();

  await screenshots(member, link, 'guard-member');
});
