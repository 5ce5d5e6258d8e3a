import { readFileSync } from 'node:fs';
import { expect, test, type Page } from './fixtures';
import { expectNoAxeViolations, newPerson, saveScreenshot, signUpWithNewOrganization, uniqueEmail } from './helpers';

const SIZES = [
  { width: 1440, height: 900 },
  { width: 375, height: 812 },
] as const;

async function shoot(page: Page, name: string) {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await saveScreenshot(page, `${name}-${size.width}`);
  }
  await page.setViewportSize(SIZES[0]);
}

test('an owner schedules a new organization for deletion after being offered the export, and restores it', async ({ browser }) => {
  // A long journey: sign-up, a download, two dialogs' steps, two pages and four screenshots.
  test.setTimeout(180_000);
  const owner = await newPerson(browser);
  const orgName = `Short Lived ${Date.now().toString(36)}`;
  await signUpWithNewOrganization(owner, 'Olga Owner', uniqueEmail('deleter'), orgName);
  const orgSlug = new URL(owner.url()).pathname.split('/')[1]!;

  await owner.goto(`/${orgSlug}/settings`);
  await owner.getByRole('button', { name: 'Delete organization…' }).click();
  const dialog = owner.getByRole('dialog', { name: `Delete ${orgName}?` });
  await expect(dialog.getByText('Owners can restore it, untouched, until')).toBeVisible();

  // Step 1 offers the archive first.
  const [download] = await Promise.all([
    owner.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Download everything first' }).click(),
  ]);
  const archive = JSON.parse(readFileSync(await download.path(), 'utf8')) as { organization: { slug: string } };
  expect(archive.organization.slug).toBe(orgSlug);
  await expectNoAxeViolations(owner);
  await shoot(owner, 'org-deletion-dialog-export');

  // Step 2 wants the exact name.
  await dialog.getByRole('button', { name: 'Continue' }).click();
  const confirm = dialog.getByLabel(`Type ${orgName} to confirm`);
  const submit = dialog.getByRole('button', { name: 'Delete organization', exact: true });
  await confirm.fill(orgName.toLowerCase());
  await expect(submit).toBeDisabled();
  await confirm.fill(orgName);
  await expect(submit).toBeEnabled();
  await expectNoAxeViolations(owner);
  await shoot(owner, 'org-deletion-dialog-confirm');
  await submit.click();

  // The organization list shows it as scheduled, with the day it goes.
  await owner.waitForURL(/\/orgs$/);
  await expect(owner.getByRole('heading', { name: 'Scheduled for deletion' })).toBeVisible();
  await expect(owner.getByText(orgName, { exact: true })).toBeVisible();
  await expect(owner.getByText(/^Scheduled for deletion on /)).toBeVisible();
  await expectNoAxeViolations(owner);
  await shoot(owner, 'org-deletion-orgs-scheduled');

  // Nobody can use it meanwhile, its owner included.
  await owner.goto(`/${orgSlug}/accounts`);
  await expect(owner.getByRole('heading', { name: 'Page not found' })).toBeVisible();

  await owner.goto('/');
  await owner.waitForURL(/\/orgs$/);
  await owner.getByRole('button', { name: `Restore ${orgName}` }).click();
  await expect(owner.getByText(`${orgName} is restored`)).toBeVisible();
  await expect(owner.getByRole('heading', { name: 'Scheduled for deletion' })).toHaveCount(0);
  await shoot(owner, 'org-deletion-orgs-restored');
  await owner.getByRole('link', { name: `Open ${orgName}` }).click();
  await owner.waitForURL(new RegExp(`/${orgSlug}`));
  await owner.goto(`/${orgSlug}/accounts`);
  await expect(owner.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
});
