import { expect, test, type Browser, type Page } from './fixtures';
import { expectNoAxeViolations, newPerson, saveScreenshot } from './helpers';

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
  // The longest journey here (filters, a drill-down, an account and back, axe on each): more than the default minute on a busy machine.
  test.setTimeout(120_000);
  const exec = await signInAsExecutive(browser);
  await expect(exec.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();

  // The headline: the period's movement and where it ends, each against the period before, and a sentence.
  const headline = exec.getByRole('region', { name: /at a glance$/ });
  for (const tile of ['Net moved up', 'At level 4 or higher', 'Average perception gap', 'Confirmation coverage']) {
    await expect(headline.getByRole('term').filter({ hasText: tile })).toBeVisible();
  }
  await expect(headline.getByTestId('headline-sentence')).toHaveText(
    /^(No account|\d+ accounts?) moved up, (none|\d+) down; the team rates (no account|\d+ accounts?) higher than (its customer does|their customers do)\.$/,
  );
  // A change says its direction in words, beside the arrow.
  await expect(headline.getByText(/^(Up .+|Down .+|No change) on the previous period$/).first()).toBeVisible();

  // The KPIs: where the portfolio stands today.
  await expect(exec.getByRole('heading', { name: /^Where the portfolio stands on / })).toBeVisible({ timeout: 30_000 });
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
  // The period preset sits in the bar; the other filters in the sheet the Filters button opens.
  await exec.getByRole('combobox', { name: 'Period' }).selectOption({ label: 'Last 24 months' });
  await exec.getByRole('button', { name: 'Filters' }).click();
  const sheet = exec.getByRole('dialog', { name: 'Filters' });
  await expect(sheet).toBeVisible();
  await expect(sheet.getByText(/^Effective: the customer level where there is one, otherwise the team's level\.$/)).toBeVisible();
  await sheet.getByRole('combobox', { name: 'Group by' }).selectOption({ label: 'Quarter' });
  await expect(exec).toHaveURL(new RegExp(`[?&]from=${from24}&to=${today}&by=quarter(?:&|$)`));
  await expect(sheet.getByLabel('From', { exact: true })).toHaveValue(from24);
  await expect(sheet.getByLabel('To (as of)')).toHaveValue(today);

  const from9 = firstOfMonthsBack(9);
  await sheet.getByLabel('From', { exact: true }).fill(from9);
  await expect(exec).toHaveURL(new RegExp(`[?&]from=${from9}&to=${today}(?:&|$)`));
  await expect(sheet.getByRole('combobox', { name: 'Period' })).toHaveValue('custom');
  await expect(sheet.getByRole('combobox', { name: 'Period' }).locator('option:checked')).toHaveText('Custom dates');
  await expectNoAxeViolations(exec);
  await sheet.getByRole('button', { name: 'Show results' }).click();
  await expect(sheet).toBeHidden();
  await expect(exec.getByRole('combobox', { name: 'Period' })).toHaveValue('custom');
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
  // The open list is part of the address, on top of the view's own.
  await expect(exec).toHaveURL(/[?&]drill=transition-\d-\d(?:&|$)/);
  const drillUrl = exec.url();
  expect(drillUrl.startsWith(`${periodUrl}&`)).toBe(true);
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

  // Back returns to the same list, open.
  await exec.goBack();
  await expect(exec).toHaveURL(drillUrl);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText(new RegExp(`^${chosen.count} accounts?, largest revenue first\\.$`))).toBeVisible();
  await expect(accounts.first()).toHaveText(name);
  // Closing it takes the list out of the address again.
  await exec.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(exec).toHaveURL(periodUrl);
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
  // The filter is in the sheet: keyboard only, Escape closes it, and the button counts the filter.
  const filters = exec.getByRole('button', { name: /^Filters/ });
  await filters.focus();
  await exec.keyboard.press('Enter');
  const sheet = exec.getByRole('dialog', { name: 'Filters' });
  await expect(sheet).toBeVisible();
  await expect(sheet.getByRole('button', { name: 'Close' })).toBeFocused();
  await sheet.getByRole('combobox', { name: 'Economic buyer' }).selectOption({ label: 'Has not answered' });
  await expect(exec).toHaveURL(/[?&]eb=unanswered(?:&|$)/);
  // Focus stays inside the sheet.
  for (let i = 0; i < 15; i++) await exec.keyboard.press('Tab');
  expect(await sheet.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  await exec.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await expect(filters).toBeFocused();
  await expect(filters).toHaveAccessibleName('Filters, 1 active');
  await expect(exec.getByText(new RegExp(`^${count} accounts? as of `))).toBeVisible();
  await expectNoAxeViolations(exec);

  // Levels per lens: an account whose effective level comes from the team says so in the list.
  await exec.getByRole('button', { name: 'Clear filters' }).click();
  await expect(filters).toHaveAccessibleName('Filters');
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
  await exec.setViewportSize({ width: 375, height: 812 });
  // The first screen shows numbers: the first headline number is in view without scrolling, the filters behind one button.
  const first = exec.getByTestId('headline-value').first();
  await expect(first).toBeVisible();
  const box = (await first.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(812);
  expect(box.x + box.width).toBeLessThanOrEqual(375);
  await expect(exec.getByRole('combobox', { name: 'Owner' })).toBeHidden();
  await expect(exec.getByTestId('filters-summary')).toHaveText('Last 12 months · effective level · by accounts');
  for (const query of ['', '?weight=revenue&source=customer', '?weight=revenue&source=team&eb=unanswered']) {
    await exec.goto(`/${ORG}/dashboard${query}`);
    await expect(exec.locator('.recharts-surface').first()).toBeVisible();
    await expect(exec.getByRole('heading', { name: 'Average gap over time' })).toBeVisible();
    // Wide tables scroll inside their own box; the page itself never scrolls sideways.
    expect(await exec.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  }
  await expectNoAxeViolations(exec);

  // A period of one month: the charts say there is no trend yet, instead of drawing a lone dot.
  await exec.goto(`/${ORG}/dashboard?from=${firstOfMonthsBack(0)}&to=${isoDay(new Date())}`);
  await expect(exec.getByText(/^One month of data so far/).first()).toBeVisible();
});

for (const locale of ['en-US', 'sv-SE']) {
  test(`the dashboard looks finished at 1440 and 375 px (${locale})`, async ({ browser }) => {
    const exec = await signInAsExecutive(browser, locale);
    const lang = locale.slice(0, 2);
    for (const [width, height] of [
      [1440, 900],
      [375, 812],
    ] as const) {
      await exec.setViewportSize({ width, height });
      await exec.goto(`/${ORG}/dashboard`);
      await expect(exec.locator('.recharts-surface').first()).toBeVisible({ timeout: 30_000 });
      await exec.waitForLoadState('networkidle');
      expect(await exec.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await saveScreenshot(exec, `dashboard-${lang}-${width}`, { fullPage: true });
      await saveScreenshot(exec.locator('section[aria-labelledby="now-title"]'), `dashboard-kpis-${lang}-${width}`);
      await saveScreenshot(exec.locator('section[aria-labelledby="movers-title"]'), `dashboard-movers-${lang}-${width}`);
      await saveScreenshot(exec.getByRole('search'), `dashboard-filters-${lang}-${width}`);
      await saveScreenshot(exec, `dashboard-first-screen-${lang}-${width}`);
      await exec.getByRole('button', { name: lang === 'sv' ? /^Filter/ : /^Filters/ }).click();
      await expect(exec.getByRole('dialog')).toBeVisible();
      await saveScreenshot(exec, `dashboard-sheet-${lang}-${width}`);
      await expectNoAxeViolations(exec);
      await exec.keyboard.press('Escape');
      await expect(exec.getByRole('dialog')).toBeHidden();
      // The accounts without a customer level: their effective level is the team's, and the list says so.
      await exec
        .getByRole('button', { name: lang === 'sv' ? /som saknar kundsvar från 12 månader$/ : /without a customer answer in 12 months$/ })
        .click();
      await expect(exec.getByRole('dialog').getByRole('listitem').first()).toBeVisible();
      await saveScreenshot(exec.getByRole('dialog'), `dashboard-drill-${lang}-${width}`);
      await exec.keyboard.press('Escape');
    }
  });
}
