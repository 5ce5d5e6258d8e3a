// How much JavaScript a page's first load downloads, gzip-compressed: the code that
// scripts/measure-first-load-js.mjs (by hand) and tests/e2e/first-load-budgets.spec.ts (in every
// e2e run) share, so that the budget the test holds is the number the script prints.
// Plain JavaScript, so that the script runs with Node alone; its types are in first-load-js.d.mts.
// Sizes are each file gzipped with node:zlib at its default level, in bytes (the callers print kB of 1000 bytes).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';

/** The signed-in pages with a budget, each with the route the build names it by. */
export const PAGE_ROUTES = {
  dashboard: '/(app)/[orgSlug]/dashboard/page',
  account: '/(app)/[orgSlug]/accounts/[accountId]/page',
};
/** The budgets the product promises: the two signed-in pages, and the public customer page (/c/[token]). */
export const PAGE_BUDGET_KB = 250;
export const CUSTOMER_BUDGET_KB = 60;

export const gzipSize = (buffer) => gzipSync(buffer).length;
export const totalGzip = (rows) => rows.reduce((total, row) => total + row.gzip, 0);
/** Recharts keeps its CSS class names in minified code; no other dependency of the app uses them. */
export const isRecharts = (text) => text.includes('recharts-surface') || text.includes('recharts-wrapper');

/**
 * A route's first-load chunks as the last `next build` in `nextDir` records them: the runtime's root
 * files, the entry chunks of the page and its layouts, and the error and loading boundaries of the
 * segments above it (they render too). Chunks loaded later by dynamic imports are not among them.
 */
export function firstLoadFromManifests(route, nextDir = path.resolve('.next')) {
  if (!existsSync(path.join(nextDir, 'build-manifest.json'))) {
    throw new Error(`No ${path.join(nextDir, 'build-manifest.json')}: run \`npm run build\` first.`);
  }
  const buildManifest = JSON.parse(readFileSync(path.join(nextDir, 'build-manifest.json'), 'utf8'));
  const manifestFile = path.join(nextDir, 'server', 'app', ...route.slice(1).split('/')) + '_client-reference-manifest.js';
  const sandbox = { globalThis: {} };
  vm.runInNewContext(readFileSync(manifestFile, 'utf8'), sandbox);
  const manifest = sandbox.globalThis.__RSC_MANIFEST[route];
  const entries = manifest.entryJSFiles ?? {};
  const routeFiles = entries[`[project]/app${route}`];
  if (!routeFiles) throw new Error(`No entry chunks for ${route} in ${manifestFile}`);
  // The page's list already holds its layouts' chunks; the error and loading boundaries of the segments above it render too.
  const segments = route.split('/').slice(1, -1);
  const boundaries = segments
    .map(
      (_, i) =>
        `[project]/app${segments
          .slice(0, i)
          .map((s) => `/${s}`)
          .join('')}`,
    )
    .concat(`[project]/app/${segments.join('/')}`)
    .flatMap((dir) => ['layout', 'error', 'loading'].map((kind) => entries[`${dir}/${kind}`] ?? []));
  const files = [...new Set([...buildManifest.rootMainFiles, ...boundaries.flat(), ...routeFiles])];
  return files.map((file) => {
    const buffer = readFileSync(path.join(nextDir, file));
    return { file: `/_next/${file}`, raw: buffer.length, gzip: gzipSize(buffer), recharts: isRecharts(buffer.toString('utf8')) };
  });
}

/**
 * Opens a confirmation link in `page` (a Playwright page of a context without cookies, as a customer
 * opens it from an email) and counts every script the browser fetches and every inline script in the
 * HTML, and the HTML itself (which carries whatever copy and data the page embeds).
 */
export async function customerPageScripts(page, url) {
  const pending = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    pending.push(
      response.body().then(
        (body) => ({ file: new URL(response.url()).pathname, body }),
        () => null,
      ),
    );
  });
  const documentResponse = await page.goto(url, { waitUntil: 'networkidle' });
  if (documentResponse?.status() !== 200) throw new Error(`${url} answered ${documentResponse?.status()}: is the link alive?`);
  const html = await documentResponse.body();
  const inline = await page.locator('script:not([src])').evaluateAll((scripts) => scripts.map((s) => s.textContent ?? ''));
  const scripts = (await Promise.all(pending)).filter(Boolean);
  const rows = [
    ...scripts.map((s) => ({ file: s.file, raw: s.body.length, gzip: gzipSize(s.body) })),
    ...inline
      .filter((text) => text.length > 0)
      .map((text, i) => ({ file: `(inline script ${i + 1})`, raw: Buffer.byteLength(text), gzip: gzipSize(Buffer.from(text)) })),
  ];
  return { rows, html: { raw: html.length, gzip: gzipSize(html) } };
}

/**
 * A fresh confirmation link of the organization's first account, made the way a member makes one:
 * signed in as `login` (email:password) in a context of its own, which is closed afterwards. The path only.
 */
export async function newCustomerLink(browser, url, org, login) {
  const { signIn, page } = await signedIn(browser, url, login);
  try {
    await page.goto(`${url}/${org}/accounts`);
    // The list arrives after the page: wait for the first link to an account.
    const first = await page.waitForFunction(() =>
      [...document.querySelectorAll('a[href]')]
        .map((a) => a.getAttribute('href'))
        .find((href) => /\/accounts\/[0-9a-f-]{36}$/.test(href ?? '')),
    );
    await page.goto(`${url}${await first.jsonValue()}`);
    await page.getByRole('button', { name: 'Ask for a confirmation' }).click();
    const ask = page.getByRole('dialog', { name: 'Ask the customer' });
    await ask.getByRole('button', { name: 'Create link' }).click();
    return new URL(await ask.getByLabel('Confirmation link').inputValue()).pathname;
  } finally {
    await signIn.close();
  }
}

/** Signs in in a context of its own and hands it back with its page, so a page to measure can open with an empty HTTP cache. */
export async function signedIn(browser, url, login) {
  const [email, password] = login.split(':');
  const signIn = await browser.newContext({ locale: 'en-US' });
  const page = await signIn.newPage();
  await page.goto(`${url}/sign-in`);
  await page.getByLabel('Work email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  return { signIn, page };
}
