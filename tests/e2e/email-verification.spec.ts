import { expect, test, type Page } from './fixtures';
import { expectNoAxeViolations, invite, newPerson, PASSWORD, signUpWithNewOrganization, uniqueEmail } from './helpers';

/** Opens the newest verification email in the organization's outbox (no SMTP here) and returns its link. */
async function verificationLinkFromOutbox(page: Page, orgSlug: string, email: string): Promise<string> {
  await page.goto(`/${orgSlug}/settings/outbox`);
  const message = page.getByRole('listitem').filter({ hasText: 'Confirm your email address for Rung' }).filter({ hasText: email }).first();
  await message.getByText('Confirm your email address for Rung').click();
  const body = await message.locator('pre').innerText();
  const link = body.match(/https?:\/\/\S+\/verify-email\/[\w-]{43}/)?.[0];
  expect(link, body).toBeTruthy();
  return link!;
}

async function confirmAddress(page: Page, link: string): Promise<void> {
  await page.goto(new URL(link).pathname);
  await expect(page.getByRole('heading', { name: 'Confirm your email address' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Confirm my address' }).click();
  await expect(page.getByText('Your address is confirmed')).toBeVisible();
}

test('sign-up refuses weak passwords, then a banner asks to confirm the address until the emailed link is opened', async ({ browser }) => {
  const person = await newPerson(browser);
  const email = uniqueEmail('nora.new');
  const orgName = `Verify Co ${Date.now().toString(36)}`;
  await person.goto('/sign-up');
  await person.getByLabel('Your name').fill('Nora New');
  await person.getByLabel('Work email').fill(email);
  await person.getByLabel('Organization name').fill(orgName);
  const password = person.getByLabel('Password');
  const create = person.getByRole('button', { name: 'Create account' });

  for (const [weak, message] of [
    ['nine char', 'Use at least 10 characters.'],
    ['qwertyuiop', 'This is one of the most used passwords'],
    [email.split('@')[0]!, 'Don’t use your email address as your password.'],
  ] as const) {
    await password.fill(weak);
    await create.click();
    await expect(person.getByText(message)).toBeVisible();
    await expect(password).toHaveAttribute('aria-invalid', 'true');
  }
  await expectNoAxeViolations(person);

  await password.fill(PASSWORD);
  await create.click();
  await person.waitForURL(/\/accounts$/);
  const orgSlug = new URL(person.url()).pathname.split('/')[1]!;
  const banner = person.getByRole('region', { name: `Confirm your email address ${email}: open the link we sent you.` });
  await expect(banner).toBeVisible();
  await expectNoAxeViolations(person);

  // Asking again replaces the link; without a mail server it lands in the outbox.
  await banner.getByRole('button', { name: 'Send the link again' }).click();
  await expect(banner.getByRole('status')).toContainText('Settings → Outbox');

  const link = await verificationLinkFromOutbox(person, orgSlug, email);
  await confirmAddress(person, link);
  await person.getByRole('link', { name: 'Go to Rung' }).click();
  await person.waitForURL(/\/accounts$/);
  await expect(person.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
  await expect(person.getByRole('region', { name: /Confirm your email address/ })).toHaveCount(0);

  // The link worked once.
  await person.goto(new URL(link).pathname);
  await person.getByRole('button', { name: 'Confirm my address' }).click();
  await expect(person.getByText('This link can’t be used')).toBeVisible();
});

test('an account made before the invitation joins only after confirming its address', async ({ browser }) => {
  const owner = await newPerson(browser);
  await signUpWithNewOrganization(owner, 'Olga Owner', uniqueEmail('olga'), `Inviting Co ${Date.now().toString(36)}`);
  const ownerSlug = new URL(owner.url()).pathname.split('/')[1]!;

  const guestEmail = uniqueEmail('gus');
  const guest = await newPerson(browser);
  await signUpWithNewOrganization(guest, 'Gus Guest', guestEmail, `Own Co ${Date.now().toString(36)}`);
  const guestSlug = new URL(guest.url()).pathname.split('/')[1]!;
  const link = await invite(owner, ownerSlug, guestEmail, 'Member');

  await guest.goto(new URL(link).pathname);
  await expect(guest.getByText(`Before you join, confirm that ${guestEmail} is yours`)).toBeVisible();
  await expect(guest.getByRole('button', { name: /^Join / })).toHaveCount(0);
  await expectNoAxeViolations(guest);

  await confirmAddress(guest, await verificationLinkFromOutbox(guest, guestSlug, guestEmail));
  await guest.goto(new URL(link).pathname);
  await guest.getByRole('button', { name: /^Join Inviting Co/ }).click();
  await guest.waitForURL(new RegExp(`/${ownerSlug}/accounts$`));
  await expect(guest.getByRole('button', { name: 'Switch organization' }).first()).toContainText('Inviting Co');
});
