import { expect, test, type Page } from './fixtures';
import { readFileSync } from 'node:fs';
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

/** The last reset link the server logged for this email (scripts/e2e-server.sh keeps its log in a file). */
function resetPathFor(email: string): string | undefined {
  const lines = readFileSync('.data-e2e/server.log', 'utf8')
    .split('\n')
    .filter((line) => line.includes(email));
  return lines.map((line) => /\/reset-password\/[A-Za-z0-9_-]{43}/.exec(line)?.[0]).findLast(Boolean);
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Work email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/(accounts|dashboard)$/);
}

/** The page at a laptop's and a phone's size, saved with the test's results for a person to look at. */
async function screenshots(page: Page, name: string): Promise<void> {
  for (const [width, height] of [
    [1440, 900],
    [375, 812],
  ] as const) {
    await page.setViewportSize({ width, height });
    await saveScreenshot(page, `${name}-${width}`, { fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

test('changing the password keeps this browser signed in and signs the other out; "sign out everywhere" ends both', async ({ browser }) => {
  const email = uniqueEmail('sessions');
  const laptop = await newPerson(browser);
  await signUpWithNewOrganization(laptop, 'Siri Sessions', email, `Session Check ${Date.now().toString(36)}`);
  const orgSlug = new URL(laptop.url()).pathname.split('/')[1]!;
  const phone = await newPerson(browser);
  await signIn(phone, email, PASSWORD);

  // The profile is one click away in the account menu, keyboard included.
  await laptop.getByRole('button', { name: 'Account menu for Siri Sessions' }).first().focus();
  await laptop.keyboard.press('Enter');
  await laptop.getByRole('menuitem', { name: 'Profile and security' }).click();
  await laptop.waitForURL(`/${orgSlug}/profile`);
  await expect(laptop.getByRole('heading', { name: 'Your profile' })).toBeVisible();
  await expectNoAxeViolations(laptop);
  await screenshots(laptop, 'profile');

  // A wrong current password is refused, and nothing changes.
  await laptop.getByLabel('Current password').fill('not the password');
  await laptop.getByLabel('New password', { exact: true }).fill('a new password 456');
  await laptop.getByLabel('New password again').fill('a new password 456');
  await laptop.getByRole('button', { name: 'Change password' }).click();
  await expect(laptop.getByText('That is not your current password.')).toBeVisible();
  await expectNoAxeViolations(laptop);

  await laptop.getByLabel('Current password').fill(PASSWORD);
  await laptop.getByRole('button', { name: 'Change password' }).click();
  await expect(laptop.getByText('Your password is changed. You were signed out on your other devices.')).toBeVisible();
  // This browser still works; the phone's session ended.
  await laptop.goto(`/${orgSlug}/accounts`);
  await expect(laptop.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
  await phone.goto(`/${orgSlug}/accounts`);
  await phone.waitForURL(/\/sign-in/);

  // The phone signs in again with the new password; then the laptop signs out everywhere.
  await signIn(phone, email, 'a new password 456');
  await laptop.goto(`/${orgSlug}/profile`);
  await laptop.getByRole('button', { name: 'Sign out everywhere' }).click();
  await laptop.waitForURL(/\/sign-in\?notice=signedOutEverywhere/);
  await expect(laptop.getByText('You are signed out on all your devices. Sign in again to continue.')).toBeVisible();
  await expectNoAxeViolations(laptop);

  // The phone is sent to sign-in on its next navigation.
  await phone.goto(`/${orgSlug}/accounts`);
  await phone.waitForURL(/\/sign-in/);
  await expect(phone.getByRole('heading', { name: 'Sign in to Rung' })).toBeVisible();
});

test('someone who forgot their password gets a link (in the server log without SMTP, never in an outbox), sets a new one and signs in with it', async ({
  browser,
}) => {
  const owner = await newPerson(browser);
  await signUpWithNewOrganization(owner, 'Olle Owner', uniqueEmail('owner'), `Reset Check ${Date.now().toString(36)}`);
  const orgSlug = new URL(owner.url()).pathname.split('/')[1]!;
  const colleagueEmail = uniqueEmail('forgetful');
  const link = await invite(owner, orgSlug, colleagueEmail, 'Member');
  const joined = await newPerson(browser);
  await acceptAsNewUser(joined, link, 'Frida Forgetful');

  // Another browser, signed out: "Forgot password?" from the sign-in page.
  const colleague = await newPerson(browser);
  await colleague.goto('/sign-in');
  await colleague.getByRole('link', { name: 'Forgot password?' }).click();
  await colleague.waitForURL('/forgot-password');
  await expect(colleague.getByRole('heading', { name: 'Reset your password' })).toBeVisible();
  await expectNoAxeViolations(colleague);
  await colleague.getByLabel('Work email').fill(colleagueEmail);
  await colleague.getByRole('button', { name: 'Send reset link' }).click();
  const answer = 'If an account exists for that email, we sent a link to it.';
  await expect(colleague.getByText(answer)).toBeVisible();
  await screenshots(colleague, 'forgot-password');

  // An unknown email gets exactly the same answer.
  const stranger = await newPerson(browser);
  await stranger.goto('/forgot-password');
  await stranger.getByLabel('Work email').fill(uniqueEmail('nobody'));
  await stranger.getByRole('button', { name: 'Send reset link' }).click();
  await expect(stranger.getByText(answer)).toBeVisible();

  // No mail server here: the link is in the server's log, and never in the organization's outbox,
  // whose owners would otherwise read a link that makes them their colleague.
  await expect.poll(() => resetPathFor(colleagueEmail), { timeout: 10_000 }).toMatch(/^\/reset-password\//);
  const path = resetPathFor(colleagueEmail);
  await owner.goto(`/${orgSlug}/settings/outbox`);
  await expect(owner.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(owner.getByText('Reset your Rung password')).toHaveCount(0);

  await colleague.goto(path!);
  await expect(colleague.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await expectNoAxeViolations(colleague);
  await screenshots(colleague, 'reset-password');
  await colleague.getByLabel('New password', { exact: true }).fill('chosen after reset 789');
  await colleague.getByLabel('New password again').fill('something else entirely');
  await colleague.getByRole('button', { name: 'Save new password' }).click();
  await expect(colleague.getByText('The two new passwords are not the same.')).toBeVisible();
  await colleague.getByLabel('New password again').fill('chosen after reset 789');
  await colleague.getByRole('button', { name: 'Save new password' }).click();
  await colleague.waitForURL(/\/sign-in\?notice=passwordReset/);
  await expect(colleague.getByText('Your password is changed. Sign in with the new one.')).toBeVisible();
  await expect(colleague.getByLabel('Work email')).toHaveValue(colleagueEmail);
  await colleague.getByLabel('Password').fill('chosen after reset 789');
  await colleague.getByRole('button', { name: 'Sign in' }).click();
  await colleague.waitForURL(`/${orgSlug}/accounts`);

  // The browser that was signed in before the reset is signed out.
  await joined.goto(`/${orgSlug}/accounts`);
  await joined.waitForURL(/\/sign-in/);

  // The link worked once.
  await stranger.goto(path!);
  await expect(stranger.getByRole('heading', { name: "This reset link can't be used" })).toBeVisible();
  await expectNoAxeViolations(stranger);
});
