// Takes screenshots of the running app for a look by eye: node scripts/screenshots.mjs [baseUrl]
// Not part of the tests; the e2e suite covers behaviour.
import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://localhost:3000';
const pages = (process.env.PAGES ?? '/sign-in').split(',');
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
for (const locale of (process.env.LOCALES ?? 'en').split(',')) {
  for (const [label, viewport] of [
    ['desktop', { width: 1440, height: 900 }],
    ['phone', { width: 375, height: 800 }],
  ]) {
    const context = await browser.newContext({ viewport, locale: locale === 'sv' ? 'sv-SE' : 'en-US' });
    const page = await context.newPage();
    if (process.env.LOGIN) {
      const [email, password] = process.env.LOGIN.split(':');
      await page.goto(`${base}/sign-in`);
      await page.getByLabel(/email|mejl/i).fill(email);
      await page.getByLabel(/password|lösenord/i).fill(password);
      await page.getByRole('button', { name: /sign in|logga in/i }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    }
    for (const path of pages) {
      await page.goto(`${base}${path}`);
      await page.waitForLoadState('networkidle');
      const file = `screenshots/${path.replace(/\W+/g, '_') || 'root'}-${label}-${locale}.png`;
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
    }
    await context.close();
  }
}
await browser.close();
