import { expect, test, type Page } from './fixtures';
import {
  acceptAsNewUser,
  expectNoAxeViolations,
  invite,
  newPerson,
  saveScreenshot,
  signUpWithNewOrganization,
  uniqueEmail,
} from './helpers';

/** Owner and a colleague (member) in a fresh organization, each in their own browser. */
async function teamOfTwo(browser: Parameters<typeof newPerson>[0]) {
  const lead = await newPerson(browser);
  await signUpWithNewOrganization(lead, 'Lena Lead', uniqueEmail('lead'), `Assess Co ${Date.now().toString(36)}`);
  const orgSlug = new URL(lead.url()).pathname.split('/')[1]!;
  const link = await invite(lead, orgSlug, uniqueEmail('colleague'), 'Member');
  const colleague = await newPerson(browser);
  await acceptAsNewUser(colleague, link, 'Carl Colleague');
  return { lead, colleague, orgSlug };
}

async function addAccount(page: Page, orgSlug: string, name: string): Promise<string> {
  await page.goto(`/${orgSlug}/accounts`);
  await page.getByRole('button', { name: 'Add an account' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add an account' });
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByLabel('Website or domain').fill(`${name.toLowerCase().replace(/\W+/g, '')}.example`);
  await dialog.getByRole('button', { name: 'Add account' }).click();
  // A new account opens straight away, ready for its first assessment.
  await page.waitForURL(/\/accounts\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name })).toBeVisible();
  return page.url();
}

test('two members vote blind on an account, see each other live, reveal and close into the level history', async ({ browser }) => {
  const { lead, colleague, orgSlug } = await teamOfTwo(browser);
  const accountUrl = await addAccount(lead, orgSlug, 'Fjord Freight AB');
  await expectNoAxeViolations(lead);

  // Both have the account page open: everything from here on arrives without a reload. The lead
  // starts while the colleague's live stream is still on its way (held back here): the stream
  // opens with a catch-up, so the colleague's page, loaded before the start, shows it all the same.
  let releaseStream = () => {};
  const streamHeld = new Promise<void>((resolve) => (releaseStream = resolve));
  const liveStream = '**/api/trpc/assessment.onAccountEvent**';
  await colleague.route(liveStream, async (route) => {
    await streamHeld;
    await route.continue();
  });
  await colleague.goto(accountUrl);
  await expect(colleague.getByRole('heading', { name: 'Fjord Freight AB' })).toBeVisible();

  await lead.getByRole('button', { name: 'Start an assessment' }).click();
  await lead.getByRole('checkbox', { name: /Carl Colleague/ }).check();
  await lead.getByRole('button', { name: /Start with 2 voters/ }).click();
  await expect(lead.getByText('0 of 2 voted')).toBeVisible();
  await expect(colleague.getByText('No assessment in progress')).toBeVisible();
  releaseStream();
  await expect(colleague.getByText('0 of 2 voted')).toBeVisible();
  await colleague.unroute(liveStream);

  // The lead votes 3; the colleague sees that a vote came in, but not which level.
  const leadVote = lead.getByRole('form', { name: 'Your vote' });
  await leadVote.getByRole('radio', { name: /^Service and support/ }).click();
  await leadVote.getByLabel('Why this level?').fill('Our service team sits in their weekly planning.');
  await leadVote.getByRole('button', { name: 'Cast vote' }).click();
  await expect(colleague.getByText('1 of 2 voted')).toBeVisible();
  await expect(colleague.getByText('Our service team sits in their weekly planning.')).toHaveCount(0);
  await expectNoAxeViolations(colleague);

  // The colleague votes 4; everyone asked has voted, so the votes reveal themselves for both.
  const colleagueVote = colleague.getByRole('form', { name: 'Your vote' });
  await colleagueVote.getByRole('radio', { name: /^Business issues/ }).click();
  await colleagueVote.getByLabel('Why this level?').fill('Their COO credits us for the lower downtime.');
  await colleagueVote.getByRole('button', { name: 'Cast vote' }).click();
  await expect(lead.getByText('Their COO credits us for the lower downtime.')).toBeVisible();
  await expect(colleague.getByText('Our service team sits in their weekly planning.')).toBeVisible();

  // Close at the suggested level (the median 3.5, rounded down to 3).
  await expect(lead.getByRole('button', { name: 'Close at level 3' })).toBeVisible();
  await lead.getByRole('button', { name: 'Close at level 3' }).click();
  await expect(lead.getByText('Assessment closed. The team level is now 3.')).toBeVisible();

  // The colleague's page follows: no open round any more, and the history has its first level.
  await expect(colleague.getByText('No assessment in progress')).toBeVisible();
  for (const page of [lead, colleague]) {
    await page.getByText('Show as table').click();
    await expect(
      page
        .getByRole('table', { name: /level history/i })
        .getByRole('cell', { name: /Service and support/ })
        .first(),
    ).toBeVisible();
  }
  await expectNoAxeViolations(lead);
});

test('a CSV of 200 accounts: one bad row is reported by its line number and nothing is imported until it is fixed', async ({ browser }) => {
  const lead = await newPerson(browser);
  await signUpWithNewOrganization(lead, 'Ivan Importer', uniqueEmail('importer'), `Import Co ${Date.now().toString(36)}`);
  const orgSlug = new URL(lead.url()).pathname.split('/')[1]!;

  const header = 'Account Name;Website;Industry;Annual Revenue;Currency';
  const rows = Array.from({ length: 200 }, (_, i) => `Customer ${i + 1} AB;customer${i + 1}.example;Retail;${(i + 1) * 1000};SEK`);
  const broken = [...rows];
  broken[56] = 'Customer 57 AB;customer57.example;Retail;lots;SEK'; // line 58 of the file (after the header)
  const file = (lines: string[]) => ({
    name: 'accounts.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from([header, ...lines].join('\r\n'), 'utf8'),
  });

  await lead.goto(`/${orgSlug}/accounts`);
  await lead.getByRole('link', { name: 'Import a CSV' }).first().click();
  await lead.getByLabel('CSV file').setInputFiles(file(broken));
  await expect(lead.getByRole('heading', { name: 'Match columns to fields' })).toBeVisible();
  await expectNoAxeViolations(lead);
  await lead.getByRole('button', { name: 'Check 200 rows' }).click();

  await expect(lead.getByText('1 row needs fixing first')).toBeVisible();
  const issues = lead.getByRole('table', { name: /Rows with problems/ });
  await expect(issues.getByRole('row', { name: /58/ })).toContainText('“lots” is not an amount');
  await expectNoAxeViolations(lead);

  await lead.goto(`/${orgSlug}/accounts`);
  await expect(lead.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();

  // Fixed file: all 200 arrive.
  await lead.getByRole('link', { name: 'Import a CSV' }).first().click();
  await lead.getByLabel('CSV file').setInputFiles(file(rows));
  await lead.getByRole('button', { name: 'Check 200 rows' }).click();
  await lead.getByRole('button', { name: 'Import 200 accounts' }).click();
  await expect(lead.getByText('Import finished')).toBeVisible();
  await expect(lead.getByText('200', { exact: true })).toBeVisible();
  await lead.getByRole('link', { name: 'View accounts' }).click();
  await expect(lead.getByText('200 accounts')).toBeVisible();
});

test('a Salesforce report: the preview reads its units, skips the totals and footer, maps an unknown owner, and imports the good rows', async ({
  browser,
}) => {
  const lead = await newPerson(browser);
  await lead.setViewportSize({ width: 1440, height: 900 });
  await signUpWithNewOrganization(lead, 'Anna Lindqvist', uniqueEmail('sf-report'), `Report Co ${Date.now().toString(36)}`);
  const orgSlug = new URL(lead.url()).pathname.split('/')[1]!;
  const report = [
    '"Account Name","Account Owner","Annual Revenue (in thousands)","Annual Revenue Currency","Billing Country"',
    '"Fjällräven Outdoor AB","Lindqvist, Anna","120,000","SEK","Sweden"',
    '"Nordic Freight Oy","anna lindqvist","48,500","EUR","Finland"',
    '"Brightline Analytics Ltd","Peter Okonkwo","9,800","GBP","United Kingdom"',
    '"Broken Revenue AB","Anna Lindqvist","lots","SEK","Sweden"',
    '"Total","","178,300","",""',
    '""',
    '"Grand Totals (4 records)"',
    '""',
    '"Confidential Information - Do Not Distribute"',
    '"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."',
  ].join('\r\n');

  await lead.goto(`/${orgSlug}/accounts/import`);
  await lead.getByLabel('CSV file').setInputFiles({ name: 'report.csv', mimeType: 'text/csv', buffer: Buffer.from(report, 'utf8') });
  await expect(lead.getByText('Revenue in “Annual Revenue (in thousands)” is given in thousands: values × 1,000')).toBeVisible();
  const preview = lead.getByRole('region', { name: 'Preview' });
  await expect(preview.getByRole('row', { name: /Fjällräven/ })).toContainText('read as SEK 120,000,000');
  await saveScreenshot(lead, 'import-mapping-1440', { fullPage: true });
  await lead.setViewportSize({ width: 375, height: 812 });
  await saveScreenshot(lead, 'import-mapping-375', { fullPage: true });
  await lead.setViewportSize({ width: 1440, height: 900 });
  await expectNoAxeViolations(lead);

  await lead.getByRole('button', { name: 'Check 8 rows' }).click();
  await expect(lead.getByText('1 row needs fixing first')).toBeVisible();
  const issues = lead.getByRole('table', { name: /Rows with problems/ });
  await expect(issues.getByRole('row', { name: /^6 Total/ })).toContainText('A totals row, not an account: skipped');
  await expect(issues.getByRole('row', { name: /Grand Totals/ })).toContainText('footer line');
  await expect(issues.getByRole('row', { name: /Copyright/ })).toContainText('footer line');

  // The owner nobody matches is listed once, and mapped to a member.
  await lead.getByRole('combobox', { name: 'Member for Peter Okonkwo' }).click();
  await lead.getByRole('option', { name: /Anna Lindqvist/ }).click();
  await expect(issues.getByRole('row', { name: /Brightline/ })).toHaveCount(0);
  await lead.getByRole('checkbox', { name: /Skip the row that needs fixing/ }).check();
  await saveScreenshot(lead, 'import-check-1440', { fullPage: true });
  await lead.setViewportSize({ width: 375, height: 812 });
  await saveScreenshot(lead, 'import-check-375', { fullPage: true });
  await lead.setViewportSize({ width: 1440, height: 900 });
  await expectNoAxeViolations(lead);

  await lead.getByRole('button', { name: 'Import 3 accounts, skip 1 row' }).click();
  await expect(lead.getByText('Import finished')).toBeVisible();
  await expect(lead.getByText('1 row was left out')).toBeVisible();
  await lead.getByRole('link', { name: 'View accounts' }).click();
  await expect(lead.getByText('3 accounts')).toBeVisible();
});

test('when live updates cannot get through, the account page says so and still shows a teammate’s comment within seconds', async ({
  browser,
}) => {
  const { lead, colleague, orgSlug } = await teamOfTwo(browser);
  const accountUrl = await addAccount(lead, orgSlug, 'Skär Shipping AB');
  // A proxy that drops server-sent events, for the colleague only.
  await colleague.route('**/api/trpc/assessment.onAccountEvent**', (route) => route.abort());
  await colleague.goto(accountUrl);
  await expect(colleague.getByText('Live updates paused: refreshing every 5 seconds')).toBeVisible();

  await lead.getByLabel('Add a comment').fill('Their new buyer starts on Monday.');
  await lead.getByRole('button', { name: 'Post comment' }).click();
  await expect(lead.getByRole('list', { name: 'Comments' }).getByText('Their new buyer starts on Monday.')).toBeVisible();
  await expect(colleague.getByRole('list', { name: 'Comments' }).getByText('Their new buyer starts on Monday.')).toBeVisible({
    timeout: 15_000,
  });
  await expectNoAxeViolations(colleague);
});

test('a mention lights up the colleague’s bell within seconds, without a reload, and the panel lists it', async ({ browser }) => {
  // Two people signing up, an invitation and an account before the part that matters: more than a minute on a busy machine.
  test.slow();
  const { lead, colleague, orgSlug } = await teamOfTwo(browser);
  await addAccount(lead, orgSlug, 'Kompass Kran AB');
  // The colleague is elsewhere in the app, with nothing unread.
  await expect(colleague).toHaveURL(new RegExp(`/${orgSlug}/accounts$`));
  const bell = colleague.getByRole('button', { name: /^Notifications/ }).first();
  await expect(bell).toHaveAccessibleName('Notifications');

  const comment = lead.getByLabel('Add a comment');
  await comment.pressSequentially('@Carl');
  await lead.getByRole('option', { name: /Carl Colleague/ }).click();
  await comment.pressSequentially('can you call their COO?');
  await lead.getByRole('button', { name: 'Post comment' }).click();
  await expect(lead.getByRole('list', { name: 'Comments' }).getByText(/can you call their COO/)).toBeVisible();

  // Pushed to the colleague's open page: the default expect timeout is far below the old minute of polling.
  await expect(bell).toHaveAccessibleName('Notifications, 1 unread');
  await bell.click();
  const panel = colleague.getByRole('dialog', { name: 'Notifications' });
  await expect(panel.getByRole('link', { name: /Lena Lead mentioned you on Kompass Kran AB/ })).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Mark all read' })).toBeVisible();
  await expectNoAxeViolations(colleague);
  await colleague.setViewportSize({ width: 1440, height: 900 });
  await saveScreenshot(colleague, 'notifications-en-1440', { fullPage: true });

  await panel.getByRole('button', { name: 'Mark all read' }).click();
  await expect(panel.getByRole('button', { name: 'Mark all read' })).toHaveCount(0);
  await expect(bell).toHaveAccessibleName('Notifications');

  // A phone: the bell sits in the top bar and the panel fits the screen.
  await colleague.keyboard.press('Escape');
  await colleague.setViewportSize({ width: 375, height: 812 });
  await colleague
    .getByRole('button', { name: /^Notifications/ })
    .last()
    .click();
  await expect(colleague.getByRole('dialog', { name: 'Notifications' }).getByRole('link', { name: /mentioned you/ })).toBeVisible();
  await saveScreenshot(colleague, 'notifications-en-375', { fullPage: true });
});
