import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations, newPerson } from './helpers';

// The demo organization the server seeds at start (db/seed.ts): 18 months of history, an executive as viewer.
const ORG = 'polar-supply-demo';
const EXEC_EMAIL = 'exec@rung.example';
const EXEC_PASSWORD = 'rung-demo-2026';

/** Today and the first of a month n months back, as the dashboard computes them (UTC days). */
function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
function firstOfMonthsBack(n: number): string {
  const now = new Date();
  return isoDay(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, 1)));
}

const CELL = /^(\d+): from (.+) on (.+) to (.+) on (.+)\. Show these accounts$/;

async function signInAsExecutive(browser: Browser): Promise<Page> {
  const exec = await newPerson(browser);
  await exec.goto('/sign-in');
  await exec.getByLabel('Work email').fill(EXEC_EMAIL);
  await exec.getByLabel('Password').fill(EXEC_PASSWORD);
  await exec.getByRole('button', { name: 'Sign in' }).click();
  // A viewer's front page is the dashboard.
  await exec.waitForURL(new RegExp(`/${ORG}/dashboard$`));
  return exec;
}

test('an executive reads the portfolio, narrows the period and drills from a transition to an account', async ({ browser }) => {
  const exec = await signInAsExecutive(browser);
  await expect(exec.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();

  // The KPIs: where the portfolio stands today.
  await expect(exec.getByRole('heading', { name: /^Where the portfolio stands on / })).toBeVisible();
  for (const kpi of ['Accounts per level', 'At level 4 or higher', 'Average perception gap', 'Confirmed by the customer', 'Stale accounts', 'Against target']) {
    await expect(exec.getByRole('heading', { name: kpi, exact: true })).toBeVisible();
  }
  await expect(exec.getByText(/^\d+ accounts as of /)).toBeVisible();

  // The charts (Recharts, loaded after the numbers) draw, each with a text alternative.
  for (const section of ['Levels over time', 'Net movement', 'Transition matrix', 'Perception gap']) {
    await expect(exec.getByRole('heading', { name: section, exact: true })).toBeVisible();
  }
  const levelsChart = exec.getByRole('img', { name: /^Stacked columns of \d+ periods/ });
  await expect(levelsChart).toBeVisible();
  await expect(levelsChart.locator('svg.recharts-surface')).toBeVisible();
  await expect(exec.getByRole('img', { name: /^Over \d+ periods: .* moved up and .* moved down in total\.$/ }).locator('svg.recharts-surface')).toBeVisible();
  await expect(exec.locator('.recharts-sankey-link, .recharts-sankey-links path').first()).toBeAttached();

  // A viewer is offered nothing to change here.
  await expect(exec.getByRole('button', { name: /^(Edit|Archive|Start an assessment|Add an account)$/ })).toHaveCount(0);
  await expectNoAxeViolations(exec);

  // The period: a preset, then a custom start; both land in the URL so the view can be shared.
  const today = isoDay(new Date());
  const from24 = firstOfMonthsBack(23);
  // Two filters set one after the other: both land in the URL.
  await exec.getByRole('combobox', { name: 'Period' }).selectOption({ label: 'Last 24 months' });
  await exec.getByRole('combobox', { name: 'Group by' }).selectOption({ label: 'Quarter' });
  await expect(exec).toHaveURL(new RegExp(`[?&]from=${from24}&to=${today}&by=quarter(?:&|$)`));
  await expect(exec.getByLabel('From', { exact: true })).toHaveValue(from24);
  await expect(exec.getByLabel('To (as of)')).toHaveValue(today);

  const from9 = firstOfMonthsBack(9);
  await exec.getByLabel('From', { exact: true }).fill(from9);
  await expect(exec).toHaveURL(new RegExp(`[?&]from=${from9}&to=${today}(?:&|$)`));
  await expect(exec.getByRole('combobox', { name: 'Period' })).toHaveValue('custom');
  await expect(exec.getByRole('combobox', { name: 'Period' }).locator('option:checked')).toHaveText('Custom dates');
  const periodUrl = exec.url();

  // The transition matrix now compares the day before the period with its last day. Pick the busiest move up.
  const matrix = exec.getByRole('region', { name: 'Transition matrix' });
  const cells = matrix.getByRole('button', { name: CELL });
  await expect(cells.first()).toBeVisible();
  const labels = await cells.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')!));
  const parsed = labels.map((label) => {
    const [, value, from, dateA, to, dateB] = CELL.exec(label)!;
    return { label, count: Number(value), from: from!, to: to!, dateA: dateA!, dateB: dateB! };
  });
  const levelOf = (name: string) => Number(/^(\d) /.exec(name)?.[1] ?? 0);
  const ups = parsed.filter((c) => levelOf(c.from) > 0 && levelOf(c.to) > levelOf(c.from));
  expect(ups.length, 'the demo has accounts that moved up in the last 9 months').toBeGreaterThan(0);
  const chosen = ups.sort((x, y) => y.count - x.count)[0]!;
  expect(chosen.count).toBeGreaterThan(0);

  await matrix.getByRole('button', { name: chosen.label, exact: true }).click();
  const dialog = exec.getByRole('dialog', { name: `${chosen.from} → ${chosen.to}, ${chosen.dateA} to ${chosen.dateB}` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText(new RegExp(`^${chosen.count} accounts?, largest revenue first\\.$`))).toBeVisible();
  const accounts = dialog.getByRole('list', { name: 'Accounts' }).getByRole('link');
  await expect(accounts).toHaveCount(Math.min(chosen.count, 25));
  // Opening the list changes nothing in the URL's view.
  expect(exec.url()).toBe(periodUrl);
  await expectNoAxeViolations(exec);

  const first = accounts.first();
  const name = (await first.textContent())!.trim();
  const href = (await first.getAttribute('href'))!;
  expect(href).toMatch(new RegExp(`^/${ORG}/accounts/[0-9a-f-]{36}$`));
  await first.click();
  await exec.waitForURL((url) => url.pathname === href);
  await expect(exec.getByRole('heading', { level: 1, name, exact: true })).toBeVisible();

  // The account page shows the level history that moved it, and offers a viewer no edit action.
  await expect(exec.getByRole('heading', { name: 'Level history', exact: true })).toBeVisible();
  await expect(exec.getByRole('button', { name: /^(Edit|Archive|Start an assessment|Ask for a confirmation|Plan an action)$/ })).toHaveCount(0);
  await expectNoAxeViolations(exec);
});

test('filters that leave no account say so, and clearing them brings the portfolio back', async ({ browser }) => {
  const exec = await signInAsExecutive(browser);
  // A shared link with a segment nobody has (any more).
  await exec.goto(`/${ORG}/dashboard?segment=${encodeURIComponent('Segment nobody has')}`);
  await expect(exec.getByRole('heading', { name: 'No accounts match these filters' })).toBeVisible();
  await expect(exec.getByRole('heading', { name: 'Accounts per level' })).toHaveCount(0);
  await expectNoAxeViolations(exec);
  await exec.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(exec).toHaveURL(new RegExp(`/${ORG}/dashboard$`));
  await expect(exec.getByRole('heading', { name: 'Accounts per level', exact: true })).toBeVisible();
});

test('on a phone the dashboard fits the screen, counted by accounts and by revenue', async ({ browser }) => {
  const exec = await signInAsExecutive(browser);
  await exec.setViewportSize({ width: 375, height: 800 });
  for (const query of ['', '?weight=revenue&source=customer']) {
    await exec.goto(`/${ORG}/dashboard${query}`);
    await expect(exec.locator('.recharts-surface').first()).toBeVisible();
    await expect(exec.getByRole('heading', { name: 'Average gap over time' })).toBeVisible();
    // Wide tables scroll inside their own box; the page itself never scrolls sideways.
    expect(await exec.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  }
  await expectNoAxeViolations(exec);
});
