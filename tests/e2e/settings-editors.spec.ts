import { readFileSync } from 'node:fs';
import { expect, test, type Locator } from './fixtures';
import { expectNoAxeViolations, newPerson, signUpWithNewOrganization, uniqueEmail } from './helpers';

/** The labels of a list's active rows in the order shown, read from their "retire" buttons. */
function activeLabels(list: Locator, retirePrefix: RegExp) {
  return () =>
    list
      .getByRole('button', { name: retirePrefix })
      .evaluateAll(
        (buttons, prefix) => buttons.map((b) => b.getAttribute('aria-label')!.replace(new RegExp(prefix), '')),
        retirePrefix.source,
      );
}

test('an admin reorders, retires and restores evidence signals; a refused change is put back', async ({ browser }) => {
  const owner = await newPerson(browser);
  await signUpWithNewOrganization(owner, 'Alma Admin', uniqueEmail('admin'), `Editors ${Date.now().toString(36)}`);
  const orgSlug = new URL(owner.url()).pathname.split('/')[1]!;
  await owner.goto(`/${orgSlug}/settings/evidence`);
  const levelOne = owner.locator('section[aria-labelledby="signals-level-1"]');
  const labels = activeLabels(levelOne, /^Retire: /);
  await expect.poll(async () => (await labels()).length).toBeGreaterThan(2);
  const before = await labels();
  await expectNoAxeViolations(owner);

  // Move the first one down: shown at once, and still so after a reload.
  const moved = [before[1]!, before[0]!, ...before.slice(2)];
  await levelOne.getByRole('button', { name: `Move down: ${before[0]}` }).click();
  await expect.poll(labels).toEqual(moved);
  await owner.reload();
  await expect.poll(labels).toEqual(moved);

  // The server refuses the next move: the list goes back to what it was, and says so.
  await owner.route('**/api/trpc/signal.reorder**', (route) => route.fulfill({ status: 500, contentType: 'application/json', body: '[]' }));
  await levelOne.getByRole('button', { name: `Move down: ${moved[0]}` }).click();
  await expect(owner.getByText("We couldn't reach Rung. Check your connection and try again.")).toBeVisible();
  await expect.poll(labels).toEqual(moved);
  await owner.unroute('**/api/trpc/signal.reorder**');

  // Retire one, then restore it: it comes back at the end.
  await levelOne.getByRole('button', { name: `Retire: ${moved[0]}` }).click();
  await expect.poll(labels).toEqual(moved.slice(1));
  await levelOne.getByText('1 retired signal').click();
  await levelOne.getByRole('button', { name: `Restore: ${moved[0]}` }).click();
  await expect.poll(labels).toEqual([...moved.slice(1), moved[0]]);
  await owner.reload();
  await expect.poll(labels).toEqual([...moved.slice(1), moved[0]]);
});

test('an admin moves a playbook method, and it stays moved', async ({ browser }) => {
  const owner = await newPerson(browser);
  await signUpWithNewOrganization(owner, 'Pia Playbook', uniqueEmail('playbook'), `Playbook ${Date.now().toString(36)}`);
  const orgSlug = new URL(owner.url()).pathname.split('/')[1]!;
  await owner.goto(`/${orgSlug}/settings/playbook`);
  const firstStep = owner.locator('section[aria-labelledby="transition-1"]');
  const labels = activeLabels(firstStep, /^Retire /);
  await expect.poll(async () => (await labels()).length).toBeGreaterThan(1);
  const before = await labels();
  await firstStep.getByRole('button', { name: `Move ${before[1]} up` }).click();
  const moved = [before[1]!, before[0]!, ...before.slice(2)];
  await expect.poll(labels).toEqual(moved);
  await owner.reload();
  await expect.poll(labels).toEqual(moved);
  await expectNoAxeViolations(owner);
});

test('an owner downloads the whole organization as one file', async ({ browser }) => {
  const owner = await newPerson(browser);
  await signUpWithNewOrganization(owner, 'Olga Owner', uniqueEmail('archive'), `Archive ${Date.now().toString(36)}`);
  const orgSlug = new URL(owner.url()).pathname.split('/')[1]!;
  await owner.goto(`/${orgSlug}/settings`);
  const [download] = await Promise.all([
    owner.waitForEvent('download'),
    owner.getByRole('button', { name: 'Download everything' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${orgSlug}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
  const archive = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
    organization: { slug: string };
    tables: Record<string, unknown[]>;
  };
  expect(archive.organization.slug).toBe(orgSlug);
  expect(archive.tables.memberships).toHaveLength(1);
  await expect(owner.getByText('Download started')).toBeVisible();
});
