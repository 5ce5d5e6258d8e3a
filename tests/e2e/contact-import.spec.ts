import { readFileSync } from 'node:fs';
import { expect, test, type Page } from './fixtures';
import { expectNoAxeViolations, newPerson, saveScreenshot, signUpWithNewOrganization, uniqueEmail } from './helpers';

async function screenshots(page: Page, name: string) {
  await page.setViewportSize({ width: 1440, height: 900 });
  await saveScreenshot(page, `${name}-1440`, { fullPage: true });
  await page.setViewportSize({ width: 375, height: 812 });
  await saveScreenshot(page, `${name}-375`, { fullPage: true });
  // Nothing wider than a phone: the page never scrolls sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.setViewportSize({ width: 1440, height: 900 });
}

test('a Salesforce contacts report: accounts found by CRM id, bad rows explained and skipped, the people show on their account', async ({
  browser,
}) => {
  // Two imports, four pairs of screenshots and four accessibility checks on a shared machine.
  test.setTimeout(180_000);
  const lead = await newPerson(browser);
  await lead.setViewportSize({ width: 1440, height: 900 });
  await signUpWithNewOrganization(lead, 'Ines Importer', uniqueEmail('contacts'), `Contacts Co ${Date.now().toString(36)}`);
  const orgSlug = new URL(lead.url()).pathname.split('/')[1]!;

  // The accounts first, with their Salesforce ids.
  const accountsCsv = [
    'Account ID,Account Name,Website',
    '0015g00000NPK01AAA,Nordpeak Outdoor AB,nordpeak.example',
    '0015g00000TDW02AAA,Tidewater Freight Ltd,tidewater.example',
  ].join('\r\n');
  await lead.goto(`/${orgSlug}/accounts/import`);
  await lead.getByLabel('CSV file').setInputFiles({ name: 'accounts.csv', mimeType: 'text/csv', buffer: Buffer.from(accountsCsv, 'utf8') });
  await lead.getByRole('button', { name: 'Check 2 rows' }).click();
  await lead.getByRole('button', { name: 'Import 2 accounts' }).click();
  await expect(lead.getByText('Import finished')).toBeVisible();

  // Then the people, from the same page's Contacts choice.
  await lead.getByRole('navigation', { name: 'What to import' }).getByRole('link', { name: 'Contacts' }).click();
  await expect(lead.getByRole('heading', { name: 'Import contacts' })).toBeVisible();
  await lead.getByLabel('CSV file').setInputFiles({
    name: 'salesforce-contacts.csv',
    mimeType: 'text/csv',
    buffer: readFileSync('tests/fixtures/crm/salesforce-contacts.csv'),
  });
  await expect(lead.getByRole('heading', { name: 'Match columns to fields' })).toBeVisible();
  await expect(lead.getByRole('combobox', { name: "Account's CRM id" })).toContainText('Account ID');
  await expect(lead.getByRole('region', { name: 'Preview' }).getByRole('row', { name: /Ingrid/ })).toContainText('0015g00000NPK01AAA');
  await screenshots(lead, 'contact-import-mapping');
  await expectNoAxeViolations(lead);

  await lead.getByRole('button', { name: /^Check \d+ rows$/ }).click();
  await expect(lead.getByText('2 rows need fixing first')).toBeVisible();
  const issues = lead.getByRole('table', { name: /Rows with problems/ });
  await expect(issues.getByRole('row', { name: /^5 Olli/ })).toContainText('No account matches');
  await expect(issues.getByRole('row', { name: /^6 Sanna/ })).toContainText('is not an email address');
  // Each row says which account it was matched to, so a wrong match shows before anything is written.
  await expect(issues.getByRole('columnheader', { name: 'Account' })).toBeVisible();
  await expect(issues.getByRole('row', { name: /^6 Sanna/ }).getByRole('cell', { name: 'Tidewater Freight Ltd' })).toBeVisible();
  await expect(issues.getByRole('row', { name: /Grand Totals/ })).toContainText('footer line');
  await lead.getByRole('checkbox', { name: /Skip the 2 rows that need fixing/ }).check();
  await screenshots(lead, 'contact-import-check');
  await expectNoAxeViolations(lead);

  await lead.getByRole('button', { name: 'Import 3 contacts, skip 2 rows' }).click();
  await expect(lead.getByText('Import finished')).toBeVisible();
  await expect(lead.getByText('2 rows were left out')).toBeVisible();
  await screenshots(lead, 'contact-import-done');

  // The people are on their account, and the account's panel leads back to the import.
  await lead.getByRole('link', { name: 'View accounts' }).click();
  await lead.getByRole('link', { name: 'Nordpeak Outdoor AB' }).first().click();
  await expect(lead.getByText('Ingrid Holmqvist', { exact: true })).toBeVisible();
  await expect(lead.getByText('Marcus Lind', { exact: true })).toBeVisible();
  await expect(lead.getByText('Priya Raman', { exact: true })).toHaveCount(0);
  // The account shows the CRM id the account import kept.
  await expect(lead.getByText('CRM id 0015g00000NPK01AAA')).toBeVisible();
  // The activity feed says who added them.
  await expect(lead.getByText('Ines Importer added Ingrid Holmqvist as a contact')).toBeVisible();
  await expect(lead.getByRole('link', { name: 'Import contacts' })).toHaveAttribute('href', `/${orgSlug}/accounts/import?kind=contacts`);
  await screenshots(lead, 'contact-import-account');
  await expectNoAxeViolations(lead);
});
