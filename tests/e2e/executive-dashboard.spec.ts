import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations, newPerson } from './helpers';

const SHOTS = process.env.SCREENSHOT_DIR ?? '/tmp';

// The demo organization the server seeds at start (server/demo/seed.ts): 18 months of history, an executive as viewer.
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

async function signInAsExecutive(browser: Browser, locale = 'en-US'): Promise<Page> {
  const exec = await newPerson(browser, locale);
  await exec.goto('/sign-in');
  await exec.locator('input[type="email"]').fill(EXEC_EMAIL);
  await exec.locator('input[type="password"]').fill(EXEC_PASSWORD);
  await exec.locator('button[type="submit"]').click();
  // A viewer's front page is the dashboard.
  await exec.waitForURL(new RegExp(`/${ORG}/dashboard$`));
  return exec;
}

test('an executive reads the portfolio, narrows the period and drills from a transition to an account', async ({ browser }) => {
  const exec = await signInAsExecutive(browser);
  await expect(exec.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();

  // The KPIs: where the portfolio stands today.
  await expect(exec.getByRole('heading', { name: /^Where the portfolio stands on / })).toBeVisible();
  for (const kpi of [
    'Accounts per level',
    'At level 4 or higher',
    'Average perception gap',
    'Confirmed by the customer',
    'Economic buyer confirmed',
    'Stale accounts',
    'Response rate',
    'Against target',
  ]) {
    await expect(exec.getByRole('heading', { name: kpi, exact: true })).toBeVisible();
  }
  await expect(exec.getByText(/^\d+ accounts as of /)).toBeVisible();
  // The page leads with the effective level, and says what the customer level is.
  await expect(exec.getByRole('radio', { name: 'Effective' })).toBeChecked();
  await expect(exec.getByText(/^Effective: the customer level where there is one, otherwise the team's level\.$/)).toBeVisible();
  await expect(
    exec.getByText(/^The customer level is the median of each stakeholder's latest answer within the last 12 months\.$/),
  ).toBeVisible();
  await expect(exec.getByRole('columnheader', { name: 'Effective' })).toBeVisible();

  // The charts (Recharts, loaded after the numbers) draw, each with a text alternative.
  for (const section of ['Levels over time', 'Net movement', 'Transition matrix', 'Perception gap']) {
    await expect(exec.getByRole('heading', { name: section, exact: true })).toBeVisible();
  }
  const levelsChart = exec.getByRole('img', { name: /^Stacked columns of \d+ periods/ });
  await expect(levelsChart).toBeVisible();
  await expect(levelsChart.locator('svg.recharts-surface')).toBeVisible();
  await expect(
    exec.getByRole('img', { name: /^Over \d+ periods: .* moved up and .* moved down in total\.$/ }).locator('svg.recharts-surface'),
  ).toBeVisible();
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
  await expect(
    exec.getByRole('button', { name: /^(Edit|Archive|Start an assessment|Ask for a confirmation|Plan an action)$/ }),
  ).toHaveCount(0);
  await expectNoAxeViolations(exec);
});

test('the lens and the economic-buyer filter live in the URL, and the drill-down marks levels that are the team’s', async ({ browser }) => {
  const exec = await signInAsExecutive(browser);
  await expect(exec.getByRole('heading', { name: 'Economic buyer confirmed', exact: true })).toBeVisible();
  // Team, one click away; back to the default, which the URL leaves out.
  await exec.getByText('Team', { exact: true }).first().click();
  await expect(exec).toHaveURL(/[?&]source=team(?:&|$)/);
  await expect(exec.getByRole('radio', { name: 'Team' })).toBeChecked();
  await exec.getByText('Effective', { exact: true }).first().click();
  await expect(exec).toHaveURL(new RegExp(`/${ORG}/dashboard$`));

  // The accounts where no economic buyer has answered lately: the filter and the KPI's drill-down agree.
  const missing = exec.getByRole('button', { name: /^Show the (\d+) accounts? without a fresh answer from an economic buyer$/ });
  const count = Number(/(\d+)/.exec((await missing.getAttribute('aria-label'))!)![1]);
  expect(count, 'the demo has accounts without an economic buyer’s answer').toBeGreaterThan(0);
  await exec.getByRole('combobox', { name: 'Economic buyer' }).selectOption({ label: 'Has not answered' });
  await expect(exec).toHaveURL(/[?&]eb=unanswered(?:&|$)/);
  await expect(exec.getByText(new RegExp(`^${count} accounts? as of `))).toBeVisible();
  await expectNoAxeViolations(exec);

  // Levels per lens: an account whose effective level comes from the team says so in the list.
  await exec.getByRole('combobox', { name: 'Economic buyer' }).selectOption({ label: 'Any' });
  await exec.getByRole('button', { name: /^Show the \d+ accounts? without a customer answer in 12 months$/ }).click();
  const dialog = exec.getByRole('dialog');
  await expect(dialog.getByRole('list', { name: 'Accounts' }).getByRole('listitem').first()).toBeVisible();
  await expect(dialog.getByText("Team's view").first()).toBeVisible();
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
  for (const query of ['', '?weight=revenue&source=customer', '?weight=revenue&source=team&eb=unanswered']) {
    await exec.goto(`/${ORG}/dashboard${query}`);
    await expect(exec.locator('.recharts-surface').first()).toBeVisible();
    await expect(exec.getByRole('heading', { name: 'Average gap over time' })).toBeVisible();
    // Wide tables scroll inside their own box; the page itself never scrolls sideways.
    expect(await exec.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  }
  await expectNoAxeViolations(exec);
});

for (const locale of ['en-US', 'sv-SE']) {
  test(`the dashboard looks finished at 1280 and 375 px (${locale})`, async ({ browser }) => {
    const exec = await signInAsExecutive(browser, locale);
    const lang = locale.slice(0, 2);
    for (const width of [1280, 375]) {
      await exec.setViewportSize({ width, height: 900 });
      await exec.goto(`/${ORG}/dashboard`);
      await expect(exec.locator('.recharts-surface').first()).toBeVisible();
      await exec.waitForLoadState('networkidle');
      expect(await exec.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await exec.screenshot({ path: `${SHOTS}/dashboard-${lang}-${width}.png`, fullPage: true });
      await exec.locator('section[aria-labelledby="now-title"]').screenshot({ path: `${SHOTS}/dashboard-kpis-${lang}-${width}.png` });
      await exec.locator('section[aria-labelledby="movers-title"]').screenshot({ path: `${SHOTS}/dashboard-movers-${lang}-${width}.png` });
      await exec.getByRole('search').screenshot({ path: `${SHOTS}/dashboard-filters-${lang}-${width}.png` });
      // The accounts without a customer level: their effective level is the team's, and the list says so.
      await exec
        .getByRole('button', { name: lang === 'sv' ? /som saknar kundsvar från 12 månader$/ : /without a customer answer in 12 months$/ })
        .click();
      await expect(exec.getByRole('dialog').getByRole('listitem').first()).toBeVisible();
      await exec.getByRole('dialog').screenshot({ path: `${SHOTS}/dashboard-drill-${lang}-${width}.png` });
      await exec.keyboard.press('Escape');
    }
  });
}
