import { expect, test, type Browser, type Page } from './fixtures';
import { expectNoAxeViolations, newPerson, saveScreenshot } from './helpers';

// The demo organization the server seeds at start (server/demo/seed.ts).
const ORG = 'polar-supply-demo';
const DEMO_PASSWORD = 'rung-demo-2026';

/**
 * The dashboard as of 16 months ago, early in the demo's history: most of its 40 accounts had no
 * customer answer yet, so that list runs over more than one page.
 */
function earlyDay(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 16, 1)).toISOString().slice(0, 10);
}

async function signIn(browser: Browser, email: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const page = await newPerson(browser);
  await page.setViewportSize(viewport);
  await page.goto('/sign-in');
  await page.locator('input[type="email"]').fill(email);
  await page.locator('input[type="password"]').fill(DEMO_PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname.startsWith(`/${ORG}/`));
  await page.goto(`/${ORG}/dashboard?to=${earlyDay()}`);
  return page;
}

/**
 * Opens the longest of the KPI lists (accounts without a customer answer, without an economic
 * buyer's answer, stale), and returns the dialog and how many accounts it lists.
 */
async function openLongestList(page: Page) {
  const buttons = page.getByRole('button', { name: /^Show the \d+ (stale )?accounts? / });
  await expect(buttons.first()).toBeVisible({ timeout: 30_000 });
  const names = await buttons.evaluateAll((all) => all.map((b) => b.getAttribute('aria-label') ?? b.textContent ?? ''));
  const longest = names
    .map((name) => ({ name, count: Number(/^Show the (\d+)/.exec(name)?.[1] ?? 0) }))
    .sort((a, b) => b.count - a.count)[0]!;
  await page.getByRole('button', { name: longest.name, exact: true }).click();
  const dialog = page.getByRole('dialog').filter({ has: page.getByRole('list', { name: 'Accounts' }) });
  await expect(dialog).toBeVisible();
  const count = dialog.getByText(/^\d+ accounts?, largest revenue first\.$/);
  await expect(count).toBeVisible();
  const total = Number(/^(\d+)/.exec((await count.textContent())!)![1]);
  expect(total).toBe(longest.count);
  return { dialog, total };
}

test('a member asks every customer behind a dashboard number, not just the page in view', async ({ browser }) => {
  const sara = await signIn(browser, 'sara.member@rung.example');
  const { dialog, total } = await openLongestList(sara);
  // More than one page: the campaign must take them all.
  expect(total).toBeGreaterThan(25);
  await expect(dialog.getByRole('list', { name: 'Accounts' }).getByRole('link')).toHaveCount(25);
  const ask = dialog.getByRole('button', { name: 'Ask these customers' });
  await expect(ask).toBeVisible();
  await expectNoAxeViolations(sara);
  await saveScreenshot(sara, `drill-campaign-1280`);

  await ask.click();
  const start = sara.getByRole('dialog', { name: 'Start a confirmation campaign' });
  await expect(start).toBeVisible();
  await expect(start.getByText(`The ${total} chosen accounts.`, { exact: false })).toBeVisible();
  // The preview counts over every account behind the number, and the demo's contacts have
  // addresses: some will be asked (those asked in the last 30 days are skipped).
  await expect(start.getByTestId('campaign-preview-asked')).toHaveText(/^\d+ contacts? will be asked$/);
  await expect(start.getByText(`From ${total} accounts.`, { exact: true })).toBeVisible();
  await expectNoAxeViolations(sara);
  await saveScreenshot(sara, `drill-campaign-start-1280`);

  // Closing the start dialog leaves the list open where it was.
  await start.getByRole('button', { name: 'Cancel' }).click();
  await expect(start).toBeHidden();
  await expect(dialog).toBeVisible();

  // The same list: a team assessment on every account behind the number that has none open.
  await dialog.getByRole('button', { name: 'Start assessments' }).click();
  const confirm = sara.getByRole('dialog', { name: 'Start team assessments' });
  await expect(confirm).toBeVisible();
  await expectNoAxeViolations(sara);
  await confirm.getByRole('button', { name: `Start on ${total} accounts` }).click();
  await expect(confirm).toBeHidden();
  const report = dialog.getByRole('status');
  await expect(report).toHaveText(/^(\d+) assessments? started; (none skipped|\d+ accounts? skipped .*)\.$/);
  const [started, skipped] = (await report.textContent())!.match(/\d+|none/g)!.map((n) => (n === 'none' ? 0 : Number(n)));
  expect(started! + skipped!).toBe(total);
  expect(started).toBeGreaterThan(0);
  await saveScreenshot(sara, `drill-assessments-1280`);
});

test('the button fits a phone', async ({ browser }) => {
  const sara = await signIn(browser, 'sara.member@rung.example', { width: 375, height: 812 });
  const { dialog } = await openLongestList(sara);
  const ask = dialog.getByRole('button', { name: 'Ask these customers' });
  await expect(ask).toBeVisible();
  const box = (await ask.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(375);
  await expectNoAxeViolations(sara);
  await saveScreenshot(sara, `drill-campaign-375`);
});

test('an executive (viewer) reads the same list without the button', async ({ browser }) => {
  const exec = await signIn(browser, 'exec@rung.example');
  const { dialog } = await openLongestList(exec);
  await expect(dialog.getByRole('list', { name: 'Accounts' }).getByRole('link').first()).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Ask these customers' })).toHaveCount(0);
});
