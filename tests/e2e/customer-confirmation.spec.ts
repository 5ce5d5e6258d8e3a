import { expect, test, type Page } from './fixtures';
import { expectNoAxeViolations, newPerson, saveScreenshot, signUpWithNewOrganization, uniqueEmail } from './helpers';

/** The customer page at desktop and phone width, in the page's two languages. */
async function screenshotsOf(page: Page, link: string, name: string) {
  for (const lang of ['en', 'sv'] as const) {
    for (const [width, height] of [
      [1440, 900],
      [375, 812],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.goto(`${link}?lang=${lang}`);
      await saveScreenshot(page, `${name}-${lang}-${width}`, { fullPage: true });
    }
  }
}

/** A small logo drawn in the member's browser, as a PNG file to upload. */
async function drawnLogo(page: Page) {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 120;
    canvas.height = 40;
    const draw = canvas.getContext('2d')!;
    draw.fillStyle = '#0b5fff';
    draw.beginPath();
    draw.arc(20, 20, 18, 0, Math.PI * 2);
    draw.fill();
    draw.fillStyle = '#0f172a';
    draw.font = 'bold 22px sans-serif';
    draw.fillText('CONF', 44, 29);
    return canvas.toDataURL('image/png');
  });
  return { name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from(dataUrl.split(',')[1]!, 'base64') };
}

test('a customer confirms in Swedish through a link, and the team sees the answer and the gap without reloading', async ({ browser }) => {
  const member = await newPerson(browser);
  await signUpWithNewOrganization(member, 'Maja Member', uniqueEmail('member'), `Confirm Co ${Date.now().toString(36)}`);
  const orgSlug = new URL(member.url()).pathname.split('/')[1]!;

  // The admin gives the customer page a logo and a colour; one too light for white text is refused on the spot.
  await member.goto(`/${orgSlug}/settings`);
  const branding = member.locator('section').filter({ has: member.getByRole('heading', { name: 'Customer page' }) });
  await branding.getByLabel('Choose a logo').setInputFiles(await drawnLogo(member));
  await branding.getByLabel('Colour', { exact: true }).fill('#ffee00');
  await expect(branding.getByText('White text is hard to read on this colour')).toBeVisible();
  await expect(branding.getByRole('button', { name: 'Save' })).toBeDisabled();
  await branding.getByLabel('Colour', { exact: true }).fill('#0b5fff');
  await branding.getByRole('button', { name: 'Save' }).click();
  await expect(member.getByText('Saved. Customers see it the next time they open a link.')).toBeVisible();
  await expectNoAxeViolations(member);
  await saveScreenshot(member, 'branding-settings-1440', { fullPage: true });

  // An account with a closed team assessment at level 4 and a contact to ask.
  await member.goto(`/${orgSlug}/accounts`);
  await member.getByRole('button', { name: 'Add an account' }).first().click();
  const accountDialog = member.getByRole('dialog', { name: 'Add an account' });
  await accountDialog.getByLabel('Name', { exact: true }).fill('Sjöfart Nord AB');
  await accountDialog.getByRole('button', { name: 'Add account' }).click();
  await member.waitForURL(/\/accounts\/[0-9a-f-]{36}$/);
  const accountUrl = member.url();
  await member.getByRole('button', { name: 'Start an assessment' }).click();
  await member.getByRole('button', { name: /Start with 1 voter/ }).click();
  const vote = member.getByRole('form', { name: 'Your vote' });
  await vote.getByRole('radio', { name: /^Business issues/ }).click();
  await vote.getByLabel('Why this level?').fill('We run their quarterly capacity planning with them.');
  await vote.getByRole('button', { name: 'Cast vote' }).click();
  await member.getByRole('button', { name: 'Close at level 4' }).click();
  await expect(member.getByText('Assessment closed. The team level is now 4.')).toBeVisible();

  await member.getByRole('button', { name: 'Add contact' }).click();
  const contactDialog = member.getByRole('dialog');
  await contactDialog.getByLabel('Name', { exact: true }).fill('Sven Svensson');
  await contactDialog.getByRole('button', { name: /Add contact|Save/ }).click();
  await expect(member.getByText('Sven Svensson').first()).toBeVisible();

  await member.getByRole('button', { name: 'Ask for a confirmation' }).click();
  const ask = member.getByRole('dialog', { name: 'Ask the customer' });
  await ask.getByRole('combobox', { name: 'Who should answer?' }).click();
  await member.getByRole('option', { name: /Sven Svensson/ }).click();
  await ask.getByRole('combobox', { name: 'Language of the page' }).click();
  await member.getByRole('option', { name: 'Svenska' }).click();
  await ask.getByRole('button', { name: 'Create link' }).click();
  const link = await ask.getByLabel('Confirmation link').inputValue();
  expect(link).toMatch(/\/c\/[A-Za-z0-9_-]{43}$/);
  await ask.getByRole('button', { name: 'Done' }).click();
  await expect(member.getByText('Created').first()).toBeVisible();

  // The customer: another browser, no cookies, no login, the supplier's logo at the top.
  const customer = await newPerson(browser, 'sv-SE');
  const path = new URL(link).pathname;
  await customer.goto(path);
  await expect(customer.getByRole('heading', { level: 1 })).toContainText('Hur skulle du beskriva relationen mellan Sjöfart Nord AB');
  await expect(customer.getByText('Hej Sven Svensson!')).toBeVisible();
  await expect(customer.locator('img.logo')).toBeVisible();
  // One question first: the optional part waits for the tap, and the link knows who answers.
  const moveUp = customer.getByLabel(/kunna göra för att bli mer värdefulla för er/);
  await expect(moveUp).toBeHidden();
  await expect(customer.getByLabel('Ditt namn')).toHaveCount(0);
  // Sent without a level: the message stands by the levels, in Swedish, without a trip to the server.
  await customer.getByRole('button', { name: 'Skicka mitt svar' }).click();
  await expect(customer.getByText('Välj den beskrivning som passar bäst i dag.')).toBeVisible();
  await expect(customer.getByRole('radio').first()).toBeFocused();
  expect(customer.url()).not.toContain('error=');
  await expectNoAxeViolations(customer);
  await customer.getByRole('radio', { name: 'En bra produkt' }).check();
  await expect(customer.getByText('Välj den beskrivning som passar bäst i dag.')).toBeHidden();
  await expect(moveUp).toBeVisible();
  await expectNoAxeViolations(customer);
  await customer.setViewportSize({ width: 375, height: 812 });
  await saveScreenshot(customer, 'customer-js-tapped-sv-375', { fullPage: true });
  await screenshotsOf(customer, path, 'customer-js');
  await customer.goto(path);
  await customer.getByRole('radio', { name: 'En bra produkt' }).check();
  await moveUp.fill('Att ni förstår våra egna kunders krav.');
  await customer.getByRole('button', { name: 'Skicka mitt svar' }).click();
  await expect(customer.getByRole('heading', { name: 'Tack!' })).toBeVisible();
  await expectNoAxeViolations(customer);
  expect(await customer.context().cookies()).toEqual([]);

  // The member's page, still open, shows the answer and the gap (team 4, customer 2).
  await expect(member.getByText('Att ni förstår våra egna kunders krav.')).toBeVisible();
  await expect(member.getByText('Gap +2').first()).toBeVisible();
  await expect(member.getByText('Answered').first()).toBeVisible();
  await expectNoAxeViolations(member);
  expect(member.url()).toBe(accountUrl);
});

test('the customer page works with JavaScript disabled, and dead links all look the same', async ({ browser }) => {
  const member = await newPerson(browser);
  await signUpWithNewOrganization(member, 'Nils NoScript', uniqueEmail('noscript'), `NoJS Co ${Date.now().toString(36)}`);
  const orgSlug = new URL(member.url()).pathname.split('/')[1]!;
  await member.goto(`/${orgSlug}/accounts`);
  await member.getByRole('button', { name: 'Add an account' }).first().click();
  const accountDialog = member.getByRole('dialog', { name: 'Add an account' });
  await accountDialog.getByLabel('Name', { exact: true }).fill('Plain Form AB');
  await accountDialog.getByRole('button', { name: 'Add account' }).click();
  await member.waitForURL(/\/accounts\/[0-9a-f-]{36}$/);
  await member.getByRole('button', { name: 'Ask for a confirmation' }).click();
  const ask = member.getByRole('dialog', { name: 'Ask the customer' });
  await ask.getByRole('button', { name: 'Create link' }).click();
  const link = new URL(await ask.getByLabel('Confirmation link').inputValue()).pathname;
  await ask.getByRole('button', { name: 'Done' }).click();

  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 812 } });
  const customer = await context.newPage();
  const response = await customer.goto(link);
  expect(response?.headers()['referrer-policy']).toBe('no-referrer');
  // Without JavaScript everything shows at once; a link for nobody in particular asks for a name.
  await expect(customer.getByLabel(/become more valuable to you/)).toBeVisible();
  await expect(customer.getByLabel('Your name')).toBeVisible();
  await screenshotsOf(customer, link, 'customer-nojs');
  await customer.setViewportSize({ width: 375, height: 812 });
  // Sent without a level: the server answers with the form again, the message by the levels, and what was typed.
  await customer.goto(link);
  await customer.getByLabel('Anything else you would like to add?').fill('Kept while I choose.');
  await customer.getByRole('button', { name: 'Send my answer' }).click();
  await expect(customer.getByText('Some answers need another look.')).toBeVisible();
  await expect(customer.getByText('Choose the description that fits best today.')).toBeVisible();
  await expect(customer.getByLabel('Anything else you would like to add?')).toHaveValue('Kept while I choose.');
  await saveScreenshot(customer, 'customer-nojs-refused-en-375', { fullPage: true });
  // A refused answer comes back through the address; an edited address shows only messages that exist.
  await customer.goto(`${link}?error=comment:tooLong,moveUp:bogus`);
  await expect(customer.getByText('Some answers need another look.')).toBeVisible();
  await expect(customer.getByText('Please keep this under 2,000 characters.')).toBeVisible();
  await expect(customer.getByText(/bogus|confirm\.errors/)).toHaveCount(0);
  // An answer that could not be saved says so in the page's language.
  await customer.goto(`${link}?lang=sv&error=saveFailed`);
  await expect(customer.getByText('Vi kunde inte spara ditt svar. Allt du skrev finns kvar här: försök igen.')).toBeVisible();
  // What was typed comes back whole however long it is, kept on the server while the address stays
  // short: one text at its 2,000-character limit and one twice over it, in characters from every
  // script (nine bytes each once encoded), close to the form's 64 kB body limit.
  const anyScript = (seed: number) => {
    let state = seed;
    return Array.from({ length: 2000 }, (_, i) => {
      state = (state * 48271) % 2147483647;
      return i % 50 === 49 ? '\n' : String.fromCharCode(0x800 + (state % (0xd800 - 0x800)));
    }).join('');
  };
  const long = { moveUp: anyScript(1), comment: anyScript(2) + anyScript(3) };
  const refused = await context.request.post(`${link}/answer`, {
    form: { lang: 'en', level: '', ...long, submissionKey: '7d1f0c3a-long-answer-key' },
    maxRedirects: 0,
  });
  expect(refused.status()).toBe(303);
  const sentBack = refused.headers()['location']!;
  expect(sentBack.length).toBeLessThan(200);
  expect((await customer.goto(sentBack))?.status()).toBe(200);
  await expect(customer.getByText('Choose the description that fits best today.')).toBeVisible();
  await expect(customer.getByText('Please keep this under 2,000 characters.')).toBeVisible();
  await customer.getByLabel('Anything else you would like to add?').scrollIntoViewIfNeeded();
  await saveScreenshot(customer, 'returned-long-answer-375');
  await expect(customer.getByLabel(/become more valuable to you/)).toHaveValue(long.moveUp);
  await expect(customer.getByLabel('Anything else you would like to add?')).toHaveValue(long.comment);
  await customer.goto(link);
  // Without JavaScript the level they would like is on show too, with the same five names: the first is the question.
  await customer.getByRole('radio', { name: 'Service we rely on' }).first().check();
  await customer.getByLabel('Anything else you would like to add?').fill('Fast answers when something breaks.');
  await customer.getByRole('button', { name: 'Send my answer' }).click();
  await expect(customer.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
  await customer.getByRole('link', { name: 'Change my answer' }).click();
  await expect(customer.getByLabel('Anything else you would like to add?')).toHaveValue('Fast answers when something breaks.');

  // Withdrawn and unknown links get the same neutral page and status.
  await member.getByRole('button', { name: /^Withdraw the link/ }).click();
  await expect(member.getByText('Withdrawn').first()).toBeVisible();
  // The list shows it withdrawn at once; the toast says when the server has done it.
  await expect(member.getByText('Link withdrawn')).toBeVisible();
  const withdrawn = await customer.goto(link);
  const withdrawnPage = await customer.locator('main').innerHTML();
  const unknown = await customer.goto(`/c/${'A'.repeat(43)}`);
  expect(await customer.locator('main').innerHTML()).toBe(withdrawnPage);
  expect(withdrawn?.status()).toBe(404);
  expect(unknown?.status()).toBe(404);
  await expect(customer.getByRole('heading', { name: 'This link is not available' })).toBeVisible();
  await expect(customer.getByText('Plain Form AB')).toHaveCount(0);
});

test('the personal message counts its characters and refuses a web address, on a phone', async ({ browser }) => {
  const member = await newPerson(browser);
  await member.setViewportSize({ width: 375, height: 812 });
  await signUpWithNewOrganization(member, 'Mona Message', uniqueEmail('message'), `Message Co ${Date.now().toString(36)}`);
  const orgSlug = new URL(member.url()).pathname.split('/')[1]!;
  await member.goto(`/${orgSlug}/accounts`);
  await member.getByRole('button', { name: 'Add an account' }).first().click();
  const accountDialog = member.getByRole('dialog', { name: 'Add an account' });
  await accountDialog.getByLabel('Name', { exact: true }).fill('Kylhus Norr AB');
  await accountDialog.getByRole('button', { name: 'Add account' }).click();
  await member.waitForURL(/\/accounts\/[0-9a-f-]{36}$/);
  await member.getByRole('button', { name: 'Add contact' }).click();
  const contactDialog = member.getByRole('dialog');
  await contactDialog.getByLabel('Name', { exact: true }).fill('Klara Kund');
  await contactDialog.getByLabel('Email').fill(uniqueEmail('klara'));
  await contactDialog.getByRole('button', { name: /Add contact|Save/ }).click();
  await expect(member.getByText('Klara Kund').first()).toBeVisible();

  await member.getByRole('button', { name: 'Ask for a confirmation' }).click();
  const ask = member.getByRole('dialog', { name: 'Ask the customer' });
  await ask.getByRole('combobox', { name: 'Who should answer?' }).click();
  await member.getByRole('option', { name: /Klara Kund/ }).click();
  const message = ask.getByLabel('Personal message');
  await expect(ask.getByText('0 of 1,000 characters')).toBeVisible();

  await message.fill('Please log in at https://rung-login.example and confirm.');
  await ask.getByRole('button', { name: 'Create link' }).click();
  await expect(ask.getByText('Leave web addresses out of the message')).toBeVisible();
  await expect(message).toHaveAttribute('aria-invalid', 'true');

  // The field stops at the limit; the counter says how close it is.
  await expect(message).toHaveAttribute('maxlength', '1000');
  await message.fill('Tack för ett bra år tillsammans! '.repeat(28));
  await expect(ask.getByText('924 of 1,000 characters')).toBeVisible();
  await expectNoAxeViolations(member);
  await saveScreenshot(member, `ask-dialog-counter-375`);

  await ask.getByRole('button', { name: 'Create link' }).click();
  await expect(ask.getByLabel('Confirmation link')).toBeVisible();
});
