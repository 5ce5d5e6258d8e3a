import { expect, test, type Browser, type Page } from './fixtures';
import { expectNoAxeViolations, newPerson, saveScreenshot, signUpWithNewOrganization, uniqueEmail } from './helpers';

// The demo organization the server seeds at start (server/demo/seed.ts), with customer answers on half its accounts.
const ORG = 'polar-supply-demo';
const OWNER_EMAIL = 'demo@rung.example';
const PASSWORD = 'rung-demo-2026';

async function signIn(browser: Browser, locale = 'en-US'): Promise<Page> {
  const page = await newPerson(browser, locale);
  await page.goto('/sign-in');
  await page.locator('input[type="email"]').fill(OWNER_EMAIL);
  await page.locator('input[type="password"]').fill(PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL(new RegExp(`/${ORG}/accounts$`));
  return page;
}

/** The account page's block for one level ("Team level", "Customer level", "Effective level"). */
function levelBlock(page: Page, label: string) {
  return page.locator('dl > div').filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) });
}

test('the dashboard, the accounts list and the account page show the same customer level', async ({ browser }) => {
  const page = await signIn(browser);

  // The dashboard: the accounts the customers place at level 3 today.
  await page.goto(`/${ORG}/dashboard`);
  await page.getByRole('button', { name: /^Customer, level .*Service and support.*Show these accounts$/ }).click();
  const dialog = page.getByRole('dialog');
  const first = dialog.getByRole('listitem').first();
  await expect(first).toBeVisible();
  const name = (await first.getByRole('link').textContent())!.trim();
  await expect(first.getByTitle('3 · Service and support').last()).toBeVisible();
  await expectNoAxeViolations(page);

  // The list: the same account under the customer level 3 filter, with its effective level.
  await page.goto(`/${ORG}/accounts?customer=3&q=${encodeURIComponent(name)}`);
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
  await expect(row).toBeVisible();
  await expect(row.getByText('Customer', { exact: true })).toBeVisible();
  // Confirmed by the customer: the effective level is the customer's, not marked as the team's view.
  await expect(row.getByText("Team's view")).toHaveCount(0);
  await expectNoAxeViolations(page);
  // And not under any other customer level.
  await page.goto(`/${ORG}/accounts?customer=4&q=${encodeURIComponent(name)}`);
  await expect(page.getByRole('heading', { name: 'No accounts match' })).toBeVisible();

  // The account page: customer level 3, which is also the effective level.
  await page.goto(`/${ORG}/accounts?customer=3&q=${encodeURIComponent(name)}`);
  await row.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(levelBlock(page, 'Customer level')).toContainText('Service and support');
  await expect(levelBlock(page, 'Customer level')).toContainText(/stakeholders? counts?/);
  await expect(levelBlock(page, 'Effective level')).toContainText('Service and support');
  await expect(levelBlock(page, 'Effective level')).toContainText("The customer's level");

  // Who has spoken, and the history with the customer's answers as markers that name the stakeholder.
  await expect(page.getByRole('heading', { name: 'Who has spoken' })).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Buying roles at this account' }).getByRole('rowheader', { name: 'Economic buyer' }),
  ).toBeVisible();
  const answer = page.getByRole('img', { name: /\(Economic buyer\) answered/ }).first();
  await answer.focus();
  await expect(page.getByText(/^One customer answer: /).first()).toBeVisible();
  await page.getByText('Show as table').click();
  await expect(
    page.getByRole('table', { name: 'Level history, newest first' }).getByRole('cell', { name: 'Answer', exact: true }).first(),
  ).toBeVisible();
  await expectNoAxeViolations(page);
});

/** A fresh organization with one account, its page open, for a member. */
async function freshAccount(browser: Browser, name: string): Promise<Page> {
  const member = await newPerson(browser);
  await signUpWithNewOrganization(member, 'Rut Restore', uniqueEmail('levels'), `Levels Co ${Date.now().toString(36)}`);
  await member.getByRole('button', { name: 'Add an account' }).first().click();
  const accountDialog = member.getByRole('dialog', { name: 'Add an account' });
  await accountDialog.getByLabel('Name', { exact: true }).fill(name);
  await accountDialog.getByRole('button', { name: 'Add account' }).click();
  await member.waitForURL(/\/accounts\/[0-9a-f-]{36}$/);
  return member;
}

async function addContact(member: Page, name: string, role?: string): Promise<void> {
  await member.getByRole('button', { name: 'Add contact' }).click();
  const dialog = member.getByRole('dialog');
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  if (role) {
    await dialog.getByRole('combobox', { name: 'Role in the buying decision' }).click();
    await member.getByRole('option', { name: new RegExp(`^${role}`) }).click();
  }
  await dialog.getByRole('button', { name: /Add contact|Save/ }).click();
  // Saved (not only shown optimistically) once it can be edited.
  await expect(member.getByRole('button', { name: `Edit ${name}` })).toBeVisible();
}

/** The member asks the contact; the contact answers in their own browser with the description `level` names. */
async function answerAs(browser: Browser, member: Page, name: string, level: RegExp): Promise<void> {
  await member.getByRole('button', { name: 'Ask for a confirmation' }).click();
  const ask = member.getByRole('dialog', { name: 'Ask the customer' });
  await ask.getByRole('combobox', { name: 'Who should answer?' }).click();
  await member.getByRole('option', { name: new RegExp(name) }).click();
  await ask.getByRole('button', { name: 'Create link' }).click();
  const link = await ask.getByLabel('Confirmation link').inputValue();
  await ask.getByRole('button', { name: 'Done' }).click();
  const customer = await newPerson(browser);
  await customer.goto(new URL(link).pathname);
  await customer.getByRole('radio', { name: level }).check();
  await customer.getByRole('button', { name: 'Send my answer' }).click();
  await expect(customer.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
  await customer.context().close();
}

test('a removed contact stops counting towards the customer level, and counts again once restored', async ({ browser }) => {
  const member = await freshAccount(browser, 'Kustfrakt AB');
  await addContact(member, 'Stina Ström');
  await answerAs(browser, member, 'Stina Ström', /^A good product/);

  // Nobody has assessed the account: the effective level is the customer's 2.
  await expect(levelBlock(member, 'Customer level')).toContainText('Quality products');
  await expect(levelBlock(member, 'Effective level')).toContainText('Quality products');

  // Removed from the contacts, Stina's answer no longer counts.
  await member.getByRole('button', { name: 'Remove Stina Ström' }).click();
  await member.getByRole('dialog').getByRole('button', { name: 'Remove contact' }).click();
  await expect(levelBlock(member, 'Customer level')).toContainText('Not confirmed');
  await expect(levelBlock(member, 'Customer level')).toContainText('everyone who answered has been removed');
  await expect(levelBlock(member, 'Effective level')).toContainText('Not assessed');
  await expectNoAxeViolations(member);

  // Restored, it counts again.
  await member.getByText('1 removed contact').click();
  await member.getByRole('button', { name: 'Restore Stina Ström' }).click();
  await expect(levelBlock(member, 'Customer level')).toContainText('Quality products');
  await expect(member.getByText('1 removed contact')).toHaveCount(0);
});

test('an economic buyer two levels below the other stakeholders is flagged on the account and in the list', async ({ browser }) => {
  const member = await freshAccount(browser, 'Granfors AB');
  await addContact(member, 'Elsa Ekonomi', 'Economic buyer');
  await addContact(member, 'Ulf Användare', 'User');
  await addContact(member, 'Tora Teknik', 'Technical buyer');
  await answerAs(browser, member, 'Ulf Användare', /^Helps our business/);
  await answerAs(browser, member, 'Tora Teknik', /^Helps our business/);
  await answerAs(browser, member, 'Elsa Ekonomi', /^A good product/);

  // Median of 4, 4 and 2 is 4; the economic buyer is two levels below it.
  const customer = levelBlock(member, 'Customer level');
  await expect(customer).toContainText('Business issues');
  await expect(customer).toContainText('Economic buyer differs');
  await expect(member.getByText('The economic buyer answered 2, 2 levels from the combined customer level 4.')).toBeVisible();
  const coverage = member.getByRole('table', { name: 'Buying roles at this account' });
  await expect(coverage.getByRole('row', { name: /^Economic buyer 1 1 1/ })).toBeVisible();
  await expectNoAxeViolations(member);
  await saveScreenshot(member.locator('section').filter({ has: member.getByRole('heading', { level: 1 }) }), `levels-header-eb-en-1280`);
  await saveScreenshot(member.locator('section[aria-labelledby$="-coverage"]'), `levels-coverage-eb-en-1280`);

  const orgSlug = new URL(member.url()).pathname.split('/')[1]!;
  await member.goto(`/${orgSlug}/accounts`);
  await expect(member.getByRole('row').filter({ hasText: 'Granfors AB' }).getByText('Economic buyer differs')).toBeVisible();
});

for (const locale of ['en-US', 'sv-SE']) {
  test(`account page and list look finished at 1280 and 375 px (${locale})`, async ({ browser }) => {
    const page = await signIn(browser, locale);
    const lang = locale.slice(0, 2);
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`/${ORG}/accounts?sort=effectiveLevel&dir=desc`);
      await expect(page.getByRole('link').filter({ hasText: /\S/ }).first()).toBeVisible();
      await page.waitForLoadState('networkidle');
      await saveScreenshot(page, `levels-list-${lang}-${width}`);
      if (width === 1280) {
        // The list is many screens long; the sidebar's account menu stays on screen at its foot, wherever the page is scrolled.
        const accountMenu = page.getByRole('button', { name: /^(Account menu|Kontomeny)/ }).first();
        await expect(accountMenu).toBeInViewport();
        await page.mouse.wheel(0, 5000);
        await expect(accountMenu).toBeInViewport();
      }
      // The account with the widest gap between the team and the customer: the header has the most to say.
      await page.goto(`/${ORG}/accounts?overrated=1&sort=revenue&dir=desc`);
      const link = width === 375 ? page.locator('ul[aria-label] li a').first() : page.locator('table tbody tr a').first();
      await link.click();
      await page.waitForURL(/\/accounts\/[0-9a-f-]{36}$/);
      await page.waitForLoadState('networkidle');
      await page.getByText(lang === 'sv' ? 'Visa som tabell' : 'Show as table').click();
      await saveScreenshot(page, `levels-account-${lang}-${width}`, { fullPage: true });
      // Close-ups of the header, the coverage grid and the history, for reading the details.
      const card = (heading: RegExp) =>
        page
          .locator('section')
          .filter({ has: page.getByRole('heading', { name: heading }) })
          .last();
      await saveScreenshot(
        page.locator('section').filter({ has: page.getByRole('heading', { level: 1 }) }),
        `levels-header-${lang}-${width}`,
      );
      await saveScreenshot(page.locator('section[aria-labelledby$="-coverage"]'), `levels-coverage-${lang}-${width}`);
      await saveScreenshot(card(lang === 'sv' ? /^Nivåhistorik$/ : /^Level history$/), `levels-history-${lang}-${width}`);
      if (width === 1280) await expectNoAxeViolations(page);
      // A marker's label, shown on focus, never pushes the page sideways on a phone.
      const markers = page.getByRole('group', { name: lang === 'sv' ? /^Nivåer över tid/ : /^Levels over time/ }).getByRole('img');
      await markers.last().focus();
      await expect(markers.last()).toBeFocused();
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    }
  });
}

/** An account of the demo organization whose team and customer disagree: its summary has the most to say. */
async function overratedAccount(page: Page): Promise<{ name: string; path: string }> {
  await page.goto(`/${ORG}/accounts?overrated=1&sort=revenue&dir=desc`);
  const link = page.locator('table tbody tr a').first();
  return { name: (await link.textContent())!.trim(), path: (await link.getAttribute('href'))! };
}

test('the account page opens on its summary without a round of requests, and plans an action titled for the account', async ({
  browser,
}) => {
  test.slow();
  const page = await signIn(browser);
  await page.setViewportSize({ width: 1440, height: 900 });
  const { name, path } = await overratedAccount(page);

  // Every batch of queries sent to the API while the page loads (the live streams of the account and of
  // the bell aside): the data comes with the page.
  const liveStreams = ['assessment.onAccountEvent', 'activity.onNotification'];
  const calls: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/trpc') && !liveStreams.some((stream) => url.pathname.includes(stream))) calls.push(url.pathname);
  });
  const live = page.waitForRequest((request) => request.url().includes('/api/trpc/assessment.onAccountEvent'));
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  // The sections below the summary and the chart load after it; once they show, everything on the page has mounted.
  await live;
  for (const heading of ['Team assessment', 'Customer confirmation', 'Actions', 'Comments', 'Contacts', 'Activity']) {
    await expect(page.getByRole('heading', { level: 2, name: heading, exact: true })).toBeVisible();
  }
  await expect(page.getByText('Show as table')).toBeVisible();
  // At most one batch: on a busy machine the bell's unread count (fresh for 15 s) may have aged past that while the page loaded.
  expect(calls.length, `API requests while the page loaded: ${calls.join(', ')}`).toBeLessThanOrEqual(1);

  // The summary comes first: the three levels, the next step up with its methods, open actions, the latest answers.
  await expect(levelBlock(page, 'Effective level')).toBeInViewport();
  await expect(levelBlock(page, 'Team level')).toBeVisible();
  await expect(levelBlock(page, 'Customer level')).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Next step up/ })).toBeInViewport();
  await expect(page.getByRole('heading', { name: /^Open actions/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Latest customer answers' })).toBeVisible();
  await saveScreenshot(page, 'account-summary-en-1440', { fullPage: true });
  await saveScreenshot(page, 'account-summary-en-1440-first-screen');
  await expectNoAxeViolations(page);

  // The section nav works from the keyboard: Tab to "History", Enter, and the history is on screen.
  const nav = page.getByRole('navigation', { name: 'Sections of this account' });
  await nav.getByRole('link', { name: 'History' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#history$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Level history' })).toBeInViewport();

  // A method becomes an action whose title says what to do on this account, from the method's action phrase.
  const method = page.getByRole('button', { name: /^Plan this: / }).first();
  const methodName = (await method.getAttribute('aria-label'))!.replace(/^Plan this: /, '');
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // The default playbook comes with a phrase; an admin rewrites it in the playbook settings.
  await page.goto(`/${ORG}/settings/playbook`);
  await page.getByRole('button', { name: `Edit ${methodName}`, exact: true }).click();
  const methodDialog = page.getByRole('dialog', { name: 'Edit method' });
  const phraseField = methodDialog.getByLabel('Action phrase in English');
  await expect(phraseField).not.toHaveValue('');
  expect(await phraseField.inputValue()).not.toBe(methodName);
  await saveScreenshot(methodDialog, `method-dialog-en-1440`);
  const phrase = `Walk the shop floor ${Date.now().toString(36)}`;
  await phraseField.fill(phrase);
  await methodDialog.getByRole('button', { name: 'Save' }).click();
  await expect(methodDialog).toHaveCount(0);
  await page.goto(path);
  await page.getByRole('button', { name: `Plan this: ${methodName}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Plan an action' });
  const title = dialog.getByLabel('What will be done');
  await expect(title).toHaveValue(new RegExp(`^${escape(phrase)} (with .+ at|for) ${escape(name)}$`));
  await saveScreenshot(dialog, `plan-action-en-1440`);
  // The title can be changed before saving.
  const planned = `${await title.inputValue()}, before the budget round`;
  await title.fill(planned);
  await dialog.getByRole('button', { name: 'Plan action' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('region', { name: /^Open actions/ }).getByText(planned)).toBeVisible();
  await page.context().close();
});

for (const locale of ['en-US', 'sv-SE']) {
  test(`the account page's summary and history on a phone (${locale})`, async ({ browser }) => {
    test.slow();
    const page = await signIn(browser, locale);
    const lang = locale.slice(0, 2);
    await page.setViewportSize({ width: 1440, height: 900 });
    const { name, path } = await overratedAccount(page);
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    const history = page.getByRole('heading', { level: 2, name: lang === 'sv' ? 'Nivåhistorik' : 'Level history' });
    await expect(page.getByText(lang === 'sv' ? 'Visa som tabell' : 'Show as table')).toBeVisible();
    // The history follows the summary directly, nothing in between, and starts within the first screen.
    await page.evaluate(() => window.scrollTo(0, 0));
    const summary = (await page.locator('#summary').boundingBox())!;
    const historyTop = (await page.locator('#history').boundingBox())!.y;
    expect(historyTop - (summary.y + summary.height)).toBeLessThanOrEqual(32);
    expect(historyTop).toBeLessThan(812);
    await expect(history).toBeInViewport();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await saveScreenshot(page, `account-summary-${lang}-375`, { fullPage: true });
    await saveScreenshot(page, `account-summary-${lang}-375-first-screen`);
    // What the phone leaves out opens in place: the facts, what the levels rest on, the other methods.
    await page.getByRole('button', { name: lang === 'sv' ? 'Mål, ägare med mera' : 'Target, owner and more' }).click();
    await expect(page.getByText(lang === 'sv' ? 'Mål' : 'Target', { exact: true })).toBeVisible();
    const levelDetails = page.getByRole('button', { name: lang === 'sv' ? 'Vad nivåerna bygger på' : 'What the levels rest on' });
    await levelDetails.click();
    await expect(levelDetails).toHaveAttribute('aria-expanded', 'true');
    await expect(
      levelBlock(page, lang === 'sv' ? 'Effektiv nivå' : 'Effective level')
        .locator('dd')
        .last(),
    ).toBeVisible();
    const planButtons = page.getByRole('button', { name: lang === 'sv' ? /^Planera: / : /^Plan this: / });
    const shownBefore = await planButtons.filter({ visible: true }).count();
    const allMethods = page.getByRole('button', { name: lang === 'sv' ? /^Visa (alla|den andra)/ : /^Show (all|the other)/ });
    if (await allMethods.count()) {
      await allMethods.click();
      expect(await planButtons.filter({ visible: true }).count()).toBeGreaterThan(shownBefore);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await saveScreenshot(page, `account-summary-${lang}-375-open`, { fullPage: true });
    // And one tap on the section nav brings it on screen, below the sticky bars.
    await page
      .getByRole('navigation', { name: lang === 'sv' ? 'Avsnitt för den här kunden' : 'Sections of this account' })
      .getByRole('link', { name: lang === 'sv' ? 'Historik' : 'History' })
      .click();
    await expect(history).toBeInViewport();
    console.log(
      `${lang} 375 px: the history starts ${Math.round(historyTop)} px from the top of the page, ${Math.round(historyTop - summary.y)} px below the summary's`,
    );
    if (lang === 'sv') {
      await page.setViewportSize({ width: 1440, height: 900 });
      await saveScreenshot(page, 'account-summary-sv-1440', { fullPage: true });
    }
    await expectNoAxeViolations(page);
    await page.context().close();
  });
}
