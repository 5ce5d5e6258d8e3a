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

async function addAccountWithContact(page: Page, orgSlug: string, account: string, contact: string, email: string) {
  await page.goto(`/${orgSlug}/accounts`);
  await page
    .getByRole('button', { name: /^Add (an )?account$/ })
    .first()
    .click();
  const accountDialog = page.getByRole('dialog', { name: 'Add an account' });
  await accountDialog.getByLabel('Name', { exact: true }).fill(account);
  await accountDialog.getByRole('button', { name: 'Add account' }).click();
  await page.waitForURL(/\/accounts\/[0-9a-f-]{36}$/);
  await page.getByRole('button', { name: 'Add contact' }).click();
  const contactDialog = page.getByRole('dialog');
  await contactDialog.getByLabel('Name', { exact: true }).fill(contact);
  await contactDialog.getByLabel('Email').fill(email);
  await contactDialog.getByRole('button', { name: /Add contact|Save/ }).click();
  await expect(page.getByText(contact).first()).toBeVisible();
}

test('a member starts a campaign from the filtered accounts list, the worker emails the link, the customer answers, the campaign page shows it', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const owner = await newPerson(browser);
  await signUpWithNewOrganization(owner, 'Olga Owner', uniqueEmail('owner'), `Campaign Co ${Date.now().toString(36)}`);
  const orgSlug = new URL(owner.url()).pathname.split('/')[1]!;
  await addAccountWithContact(owner, orgSlug, 'Nordhamn Logistik AB', 'Klara Kund', 'klara@nordhamn.example');
  await addAccountWithContact(owner, orgSlug, 'Söderfors Bygg AB', 'Bo Bygg', 'bo@soderfors.example');

  const member = await newPerson(browser);
  await member.setViewportSize({ width: 1280, height: 900 });
  await acceptAsNewUser(member, await invite(owner, orgSlug, uniqueEmail('member'), 'Member'), 'Maja Member');

  // Before the first campaign: the page says what campaigns are for.
  await member.getByRole('link', { name: 'Campaigns' }).first().click();
  await expect(member.getByRole('heading', { name: 'No campaigns yet' })).toBeVisible();
  await expectNoAxeViolations(member);

  // The member narrows the list to one account and starts a campaign for it.
  await member.goto(`/${orgSlug}/accounts`);
  await member.getByLabel('Search accounts').fill('Nordhamn');
  await expect(member).toHaveURL(/q=Nordhamn/);
  await expect(member.getByText('Söderfors Bygg AB')).toHaveCount(0);
  await member.getByRole('button', { name: 'Start campaign' }).click();
  const dialog = member.getByRole('dialog', { name: 'Start a confirmation campaign' });
  await expect(dialog.getByTestId('campaign-preview-asked')).toHaveText('1 contact will be asked');
  await expect(dialog.getByText('From 1 account.')).toBeVisible();
  // Only economic buyers: nobody (Klara is "Other"); back to everyone.
  await dialog.getByRole('checkbox', { name: 'Economic buyer' }).check();
  await expect(dialog.getByTestId('campaign-preview-asked')).toHaveText('Nobody will be asked');
  await dialog.getByRole('checkbox', { name: 'Economic buyer' }).uncheck();
  await expect(dialog.getByTestId('campaign-preview-asked')).toHaveText('1 contact will be asked');
  await dialog.getByLabel('Personal message').fill('Thank you for a good year. How do you see us?');
  await expectNoAxeViolations(member);
  await saveScreenshot(member, `campaign-dialog-en-1280`, { fullPage: true });
  await member.setViewportSize({ width: 375, height: 800 });
  await saveScreenshot(member, `campaign-dialog-en-375`);
  await member.setViewportSize({ width: 1280, height: 900 });
  await dialog.getByRole('button', { name: 'Ask 1 contact' }).click();

  // The campaign page: the server's worker sends the email within a few seconds.
  await member.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
  const campaignUrl = member.url();
  await expect(member.getByTestId('campaign-contact-row')).toHaveCount(1);
  await expect(member.getByTestId('campaign-stat-asked')).toHaveText('1');
  await expect(member.getByTestId('campaign-stat-sent')).toHaveText('1', { timeout: 30_000 });
  await expectNoAxeViolations(member);

  // The email, as the owner reads it in the outbox (no mail server here): only Klara was asked.
  await owner.goto(`/${orgSlug}/settings/outbox`);
  const email = owner.getByRole('listitem').filter({ hasText: 'klara@nordhamn.example' });
  await expect(email).toHaveCount(1);
  await expect(owner.getByText('bo@soderfors.example')).toHaveCount(0);
  await email.locator('summary').click();
  const body = await email.locator('pre').innerText();
  expect(body).toContain('Thank you for a good year.');
  const path = /\/c\/[A-Za-z0-9_-]{43}/.exec(body)?.[0];
  expect(path).toBeTruthy();

  // The customer: another browser, no login.
  const customer = await newPerson(browser);
  await customer.goto(path!);
  await expect(customer.getByText('Hi Klara Kund,')).toBeVisible();
  await customer.getByRole('radio', { name: /^Helps our business/ }).check();
  await customer.getByRole('button', { name: 'Send my answer' }).click();
  await expect(customer.getByRole('heading', { name: 'Thank you!' })).toBeVisible();

  // The member's campaign page, still open, shows the answer without a reload.
  await expect(member.getByTestId('campaign-stat-answered')).toHaveText('1', { timeout: 15_000 });
  await expect(member.getByTestId('campaign-contact-row').getByText('Answered', { exact: true })).toBeVisible();
  await expect(member.getByTestId('campaign-stat-rate')).toHaveText('100%');
  expect(member.url()).toBe(campaignUrl);
  await expectNoAxeViolations(member);
  await saveScreenshot(member, `campaign-page-en-1280`, { fullPage: true });
  await member.setViewportSize({ width: 375, height: 800 });
  await saveScreenshot(member, `campaign-page-en-375`, { fullPage: true });

  // The account's answers say the answer came through the campaign.
  await member.getByTestId('campaign-contact-row').getByRole('link', { name: 'Nordhamn Logistik AB' }).click();
  const marker = member.getByRole('link', { name: /^via Campaign of/ });
  await expect(marker).toBeVisible();
  await marker.scrollIntoViewIfNeeded();
  await saveScreenshot(member, `campaign-marker-en-375`);

  // The answer is now the customer level on every page: the account, the list and the dashboard,
  // whose response rate counts the campaign's link.
  await member.setViewportSize({ width: 1280, height: 900 });
  const customerLevel = member.locator('dl > div').filter({ has: member.locator('dt', { hasText: /^Customer level$/ }) });
  await expect(customerLevel).toContainText('Business issues');
  await member.goto(`/${orgSlug}/accounts?customer=4`);
  await expect(member.getByRole('link', { name: 'Nordhamn Logistik AB', exact: true })).toBeVisible();
  await expect(member.getByRole('link', { name: 'Söderfors Bygg AB', exact: true })).toHaveCount(0);
  await member.goto(`/${orgSlug}/dashboard`);
  await expect(member.getByText('1 of 1 link sent in the period was answered.')).toBeVisible();
  await member.getByRole('button', { name: /^Customer, level .*Business issues.*Show these accounts$/ }).click();
  await expect(member.getByRole('dialog').getByRole('link', { name: 'Nordhamn Logistik AB' })).toBeVisible();
  await expectNoAxeViolations(member);
  await member.keyboard.press('Escape');

  // In Swedish: the campaign page and the dialog.
  await member.context().addCookies([{ name: 'NEXT_LOCALE', value: 'sv', url: new URL(campaignUrl).origin }]);
  await member.goto(campaignUrl);
  await expect(member.getByTestId('campaign-stat-answered')).toHaveText('1');
  await expect(member.getByText('Svarsfrekvens').first()).toBeVisible();
  await expectNoAxeViolations(member);
  await saveScreenshot(member, `campaign-page-sv-375`, { fullPage: true });
  await member.setViewportSize({ width: 1280, height: 900 });
  await saveScreenshot(member, `campaign-page-sv-1280`, { fullPage: true });
  await member.goto(`/${orgSlug}/campaigns`);
  await expect(member.getByRole('link', { name: /^Campaign of / })).toBeVisible();
  await saveScreenshot(member, `campaign-list-sv-1280`, { fullPage: true });

  await member.goto(`/${orgSlug}/accounts`);
  await member.getByRole('button', { name: 'Starta kampanj' }).click();
  const svDialog = member.getByRole('dialog', { name: 'Starta en bekräftelsekampanj' });
  // Both contacts were asked or filtered: Klara within the quiet period, Bo can be asked.
  await expect(svDialog.getByTestId('campaign-preview-asked')).toHaveText('1 kontakt tillfrågas');
  await expect(svDialog.getByText('1 tillfrågad under de senaste 30 dagarna')).toBeVisible();
  await expectNoAxeViolations(member);
  await saveScreenshot(member, `campaign-dialog-sv-1280`, { fullPage: true });
  await member.setViewportSize({ width: 375, height: 800 });
  await saveScreenshot(member, `campaign-dialog-sv-375`);
  // The dialog fits the phone: nothing scrolls sideways.
  expect(await member.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await member.keyboard.press('Escape');
  await expect(svDialog).toHaveCount(0);

  // Or exactly the accounts ticked in the list.
  await member.getByRole('checkbox', { name: 'Välj Söderfors Bygg AB' }).check();
  await expect(member.getByText('1 kund vald')).toBeVisible();
  await saveScreenshot(member, `campaign-selection-sv-375`);
  await member.getByRole('button', { name: 'Starta kampanj för den' }).click();
  const chosenDialog = member.getByRole('dialog', { name: 'Starta en bekräftelsekampanj' });
  await expect(chosenDialog.getByText('Den valda kunden.')).toBeVisible();
  await expect(chosenDialog.getByTestId('campaign-preview-asked')).toHaveText('1 kontakt tillfrågas');
  await expect(chosenDialog.getByText('Ingen utelämnas.')).toBeVisible();
  await expectNoAxeViolations(member);

  // Started, then stopped: the reminder still waiting (and the first email, if the worker has not
  // sent it yet) will not go out; the page and the list say the campaign was stopped, and by whom.
  await member.setViewportSize({ width: 1280, height: 900 });
  await chosenDialog.getByRole('button', { name: 'Fråga 1 kontakt' }).click();
  await member.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
  // Named for what it is, not for its date.
  await member.getByRole('button', { name: 'Byt namn' }).click();
  const renameDialog = member.getByRole('dialog', { name: 'Byt namn på kampanjen' });
  await renameDialog.getByLabel('Namn').fill('Söderfors, uppföljning');
  await renameDialog.getByRole('button', { name: 'Spara' }).click();
  await expect(member.getByRole('heading', { level: 1, name: 'Söderfors, uppföljning' })).toBeVisible();
  // On a phone: the buttons and the dialog fit the screen.
  await member.setViewportSize({ width: 375, height: 812 });
  await member.getByRole('button', { name: 'Sluta skicka' }).click();
  const stopDialog = member.getByRole('dialog', { name: 'Stoppa kampanjen?' });
  await expect(stopDialog).toContainText('Länkarna som redan har skickats fungerar fortfarande');
  await expectNoAxeViolations(member);
  await saveScreenshot(member, `campaign-stop-dialog-sv-375`);
  expect(await member.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await stopDialog.getByRole('button', { name: 'Stoppa kampanjen' }).click();
  await expect(stopDialog).toHaveCount(0);
  await expect(member.getByRole('status').filter({ hasText: /^Stoppad .* av Maja Member/ })).toBeVisible();
  await expect(member.getByRole('button', { name: 'Sluta skicka' })).toHaveCount(0);
  await expectNoAxeViolations(member);
  await saveScreenshot(member, `campaign-stopped-sv-375`, { fullPage: true });
  await member.setViewportSize({ width: 1280, height: 900 });
  await saveScreenshot(member, `campaign-stopped-sv-1280`);
  await member.getByRole('link', { name: 'Alla kampanjer' }).click();
  await expect(member.getByRole('row').filter({ hasText: 'Stoppad' })).toHaveCount(1);
  await expect(member.getByRole('row').filter({ hasText: 'Stoppad' })).toContainText('Söderfors, uppföljning');

  // An admin shortens the quiet period in Settings, next to the freshness window.
  await owner.setViewportSize({ width: 1280, height: 900 });
  await owner.goto(`/${orgSlug}/settings`);
  const quiet = owner.getByLabel('Days before a contact is asked again');
  await expect(quiet).toHaveValue('30');
  await quiet.fill('14');
  await owner.locator('form').filter({ has: quiet }).getByRole('button', { name: 'Save' }).click();
  await expect(owner.getByText('Saved.')).toBeVisible();
  await owner.reload();
  await expect(owner.getByLabel('Days before a contact is asked again')).toHaveValue('14');
  // The freshness window next to it saves on its own and leaves the quiet period as it is.
  const freshness = owner.getByLabel('Answers count for (months)');
  await expect(freshness).toHaveValue('12');
  await freshness.fill('6');
  await owner.locator('form').filter({ has: freshness }).getByRole('button', { name: 'Save' }).click();
  await expect(owner.getByText('Saved. Customer levels were recalculated.')).toBeVisible();
  await expect(owner.getByLabel('Days before a contact is asked again')).toHaveValue('14');
  await owner.reload();
  await expect(owner.getByLabel('Answers count for (months)')).toHaveValue('6');
  await expect(owner.getByLabel('Days before a contact is asked again')).toHaveValue('14');
  await expectNoAxeViolations(owner);
  await owner.getByLabel('Days before a contact is asked again').scrollIntoViewIfNeeded();
  await saveScreenshot(owner, `campaign-quiet-setting-en-1280`);
});
