import { expect, test } from './fixtures';
import {
  acceptAsNewUser,
  expectNoAxeViolations,
  invite,
  newPerson,
  PASSWORD,
  saveScreenshot,
  signUpWithNewOrganization,
  uniqueEmail,
} from './helpers';

test('a sales lead signs up, invites a colleague, and both work in the same organization', async ({ browser }) => {
  const lead = await newPerson(browser);
  const orgName = `Nordic Tools ${Date.now().toString(36)}`;

  await lead.goto('/sign-up');
  await expectNoAxeViolations(lead);

  // A weak password is refused with a clear message, and nothing typed is lost.
  await lead.getByLabel('Your name').fill('Lena Lead');
  await lead.getByLabel('Work email').fill(uniqueEmail('lead'));
  await lead.getByLabel('Password').fill('short');
  await lead.getByLabel('Organization name').fill(orgName);
  await lead.getByRole('button', { name: 'Create account' }).click();
  await expect(lead.getByText('Use at least 10 characters.')).toBeVisible();
  await expect(lead.getByLabel('Organization name')).toHaveValue(orgName);

  await lead.getByLabel('Password').fill(PASSWORD);
  await lead.getByRole('button', { name: 'Create account' }).click();
  await lead.waitForURL(/\/accounts$/);
  const orgSlug = new URL(lead.url()).pathname.split('/')[1]!;
  await expect(lead.getByRole('button', { name: 'Switch organization' }).first()).toContainText(orgName);
  await expect(lead.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
  await expectNoAxeViolations(lead);

  const colleagueEmail = uniqueEmail('colleague');
  const link = await invite(lead, orgSlug, colleagueEmail, 'Member');
  await expect(lead.getByText(colleagueEmail)).toBeVisible();
  await expect(lead.getByText('Pending')).toBeVisible();
  await expectNoAxeViolations(lead);

  // The colleague opens the link in another browser, with no session.
  const colleague = await newPerson(browser);
  await colleague.goto(new URL(link).pathname);
  await expect(colleague.getByRole('heading', { name: `Join ${orgName} on Rung` })).toBeVisible();
  await expect(colleague.getByLabel('Work email')).toHaveValue(colleagueEmail);
  await expectNoAxeViolations(colleague);
  await acceptAsNewUser(colleague, link, 'Carl Colleague');
  expect(new URL(colleague.url()).pathname).toBe(`/${orgSlug}/accounts`);
  await expect(colleague.getByRole('button', { name: 'Switch organization' }).first()).toContainText(orgName);

  // Both see each other as members.
  await colleague.goto(`/${orgSlug}/settings/members`);
  await expect(colleague.getByText('Lena Lead')).toBeVisible();
  await lead.goto(`/${orgSlug}/settings/members`);
  await expect(lead.getByText('Carl Colleague')).toBeVisible();
  await expect(lead.getByText('Accepted')).toBeVisible();

  // The link works once.
  const stranger = await newPerson(browser);
  await stranger.goto(new URL(link).pathname);
  await expect(stranger.getByRole('heading', { name: "This invitation can't be used" })).toBeVisible();
});

test('a viewer reads the organization but is offered no edit action, and the server refuses one', async ({ browser }) => {
  const owner = await newPerson(browser);
  await signUpWithNewOrganization(owner, 'Olle Owner', uniqueEmail('owner'), `Viewer Check ${Date.now().toString(36)}`);
  const orgSlug = new URL(owner.url()).pathname.split('/')[1]!;
  const link = await invite(owner, orgSlug, uniqueEmail('exec'), 'Viewer');

  const exec = await newPerson(browser);
  await acceptAsNewUser(exec, link, 'Eva Executive');
  // An executive's front page is the portfolio dashboard.
  await expect(exec).toHaveURL(new RegExp(`/${orgSlug}/dashboard$`));
  await expect(exec.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();

  await exec.goto(`/${orgSlug}/settings/members`);
  await expect(exec.getByText('Olle Owner')).toBeVisible();
  await expect(exec.getByRole('button', { name: 'Invite people' })).toHaveCount(0);
  await expect(exec.getByRole('combobox')).toHaveCount(0);
  await expect(exec.getByRole('button', { name: /^Remove/ })).toHaveCount(0);
  await expect(exec.getByRole('link', { name: 'Audit log' })).toHaveCount(0);
  await expectNoAxeViolations(exec);

  await exec.goto(`/${orgSlug}/settings`);
  await expect(exec.getByLabel('Organization name')).toBeDisabled();
  await expect(exec.getByRole('button', { name: 'Save' })).toHaveCount(0);
  await expect(exec.getByRole('button', { name: 'Download everything' })).toHaveCount(0);

  // Admin-only pages are not there for a viewer (the page streams, so the answer is the not-found page, not a status).
  await exec.goto(`/${orgSlug}/settings/audit`);
  await expect(exec.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(exec.getByText('Who changed what')).toHaveCount(0);

  // Even a hand-made request is refused by the server.
  const status = await exec.evaluate(async (slug) => {
    const response = await fetch('/api/trpc/organization.rename', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: { orgSlug: slug, name: 'Taken over' } }),
    });
    return response.status;
  }, orgSlug);
  expect(status).toBe(403);
});

test('sign-in: one message for wrong credentials, Swedish on request, sign out', async ({ browser }) => {
  const person = await newPerson(browser);
  const email = uniqueEmail('returning');
  await signUpWithNewOrganization(person, 'Rita Returning', email, `Return Co ${Date.now().toString(36)}`);
  await person
    .getByRole('button', { name: /Account menu for Rita Returning/ })
    .first()
    .click();
  await person.getByRole('menuitem', { name: 'Sign out' }).click();
  await person.waitForURL(/\/sign-in/);

  await person.getByLabel('Work email').fill(email);
  await person.getByLabel('Password').fill('not the password');
  await person.getByRole('button', { name: 'Sign in' }).click();
  await expect(person.getByRole('alert').filter({ hasText: 'do not match an account' })).toBeVisible();
  await expect(person.getByLabel('Work email')).toHaveValue(email);
  await expectNoAxeViolations(person);

  await person.getByRole('button', { name: 'Svenska' }).click();
  await expect(person.getByRole('heading', { name: 'Logga in på Rung' })).toBeVisible();
  await person.getByLabel('Jobbmejl').fill(email);
  await person.getByLabel('Lösenord').fill(PASSWORD);
  await person.getByRole('button', { name: 'Logga in' }).click();
  await person.waitForURL(/\/accounts$/);
  await expect(person.getByRole('heading', { name: 'Inga kunder än' })).toBeVisible();
  await expectNoAxeViolations(person);
});

test('a new organization opens on its checklist, tries sample accounts in Swedish from the top bar, removes them and puts the checklist away', async ({
  browser,
}) => {
  const lead = await newPerson(browser);
  await lead.setViewportSize({ width: 1440, height: 900 });
  await signUpWithNewOrganization(lead, 'Nora Newcomer', uniqueEmail('newcomer'), `Fresh Start ${Date.now().toString(36)}`);
  const orgSlug = new URL(lead.url()).pathname.split('/')[1]!;

  const checklist = lead.getByRole('region', { name: 'Get started with Rung' });
  await expect(checklist.getByText('0 of 4 done')).toBeVisible();
  await expect(checklist.getByRole('link', { name: 'Import accounts' })).toHaveAttribute('href', `/${orgSlug}/accounts/import`);
  await expect(checklist.getByRole('link', { name: 'Invite people' })).toHaveAttribute('href', `/${orgSlug}/settings/members`);
  await expectNoAxeViolations(lead);
  await saveScreenshot(lead, 'checklist-en-1440', { fullPage: true });

  await checklist.getByRole('button', { name: 'Load sample accounts' }).click();
  await expect(lead.getByRole('link', { name: 'Nordvik Logistik AB' }).first()).toBeVisible();
  await expect(checklist.getByText(/5 sample accounts are in your list/)).toBeVisible();
  // Samples are not the organization's own accounts: the first step is still open.
  await expect(checklist.getByText('0 of 4 done')).toBeVisible();

  // The language switch sits in the top bar, signed in as much as on the sign-in page.
  await lead.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Svenska' }).click();
  const checklistSv = lead.getByRole('region', { name: 'Kom igång med Rung' });
  await expect(checklistSv).toBeVisible();
  await expect(lead.getByRole('group', { name: 'Språk' }).getByRole('button', { name: 'Svenska' })).toHaveAttribute('aria-pressed', 'true');
  await expectNoAxeViolations(lead);
  await saveScreenshot(lead, 'checklist-samples-sv-1440', { fullPage: true });
  await lead.setViewportSize({ width: 375, height: 812 });
  await expect(lead.getByRole('group', { name: 'Språk' })).toBeVisible();
  expect(await lead.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await expectNoAxeViolations(lead);
  await saveScreenshot(lead, 'checklist-samples-sv-375', { fullPage: true });

  // Removing asks first, says what goes with the samples, and is done from the keyboard: Esc keeps them.
  const remove = checklistSv.getByRole('button', { name: 'Ta bort exempelkunder' });
  await remove.focus();
  await lead.keyboard.press('Enter');
  const confirm = lead.getByRole('dialog', { name: 'Ta bort de 5 exempelkunderna?' });
  await expect(confirm).toContainText('Alla 5 exempelkunder raderas tillsammans med allt som hör till dem');
  await expect(confirm).toContainText('Era egna kunder påverkas inte.');
  await expectNoAxeViolations(lead);
  await saveScreenshot(lead, `remove-samples-sv-375`);
  await lead.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(remove).toBeFocused();
  await expect(lead.getByRole('link', { name: 'Nordvik Logistik AB' }).first()).toBeVisible();
  await lead.keyboard.press('Enter');
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Ta bort 5 exempelkunder' }).focus();
  await lead.keyboard.press('Enter');
  await expect(confirm).toHaveCount(0);
  await expect(lead.getByText('5 exempelkunder borttagna')).toBeVisible();
  await expect(lead.getByRole('heading', { name: 'Inga kunder än' })).toBeVisible();
  await expect(lead.getByRole('link', { name: 'Nordvik Logistik AB' })).toHaveCount(0);
  await expect(checklistSv.getByRole('button', { name: 'Ladda in exempelkunder' })).toBeVisible();

  await lead.getByRole('group', { name: 'Språk' }).getByRole('button', { name: 'English' }).click();
  await expect(checklist).toBeVisible();
  await saveScreenshot(lead, 'checklist-en-375', { fullPage: true });
  await checklist.getByRole('button', { name: 'Hide the getting-started checklist' }).click();
  await expect(checklist).toHaveCount(0);
  await lead.reload();
  await expect(lead.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
  await expect(checklist).toHaveCount(0);

  // Signed out, the sign-in page offers the same switch.
  const visitor = await newPerson(browser);
  await visitor.setViewportSize({ width: 375, height: 812 });
  await visitor.goto('/sign-in');
  await visitor.getByRole('button', { name: 'Svenska' }).click();
  await expect(visitor.getByRole('heading', { name: 'Logga in på Rung' })).toBeVisible();
  await saveScreenshot(visitor, 'sign-in-sv-375', { fullPage: true });
});
