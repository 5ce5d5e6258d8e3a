// How much JavaScript a first load of a page downloads, gzip-compressed: the dashboard (/[orgSlug]/dashboard) by default,
// the account page with PAGE=account; and, against a running server, the public customer page (/c/[token]).
// Next 16's `next build` no longer prints "First Load JS", so this measures it. Run after `next build`.
//
//   node scripts/measure-first-load-js.mjs                          the dashboard from the build manifests in .next (no server)
//   node scripts/measure-first-load-js.mjs http://127.0.0.1:3200    also in Chromium against a running `next start`:
//                                                                   signs in, opens the page, and counts every
//                                                                   script response before any interaction; then
//                                                                   creates a confirmation link as a demo member and
//                                                                   opens it without cookies, counting its scripts
//                                                                   (inline ones too) and the size of its HTML
//
// Env: ORG (default polar-supply-demo), LOGIN=email:password (default the demo viewer),
// MEMBER_LOGIN=email:password (default the demo member, who creates the link), CUSTOMER_LINK (a link to measure
// instead of creating one), CHROMIUM_PATH (default /usr/bin/chromium), BUDGET_KB (default 250) and
// CUSTOMER_BUDGET_KB (default 60); exit code 1 when a first load is over its budget.
// Sizes are each file gzipped with node:zlib at its default level, in kB of 1000 bytes.
// The measuring itself is in first-load-js.mjs, which tests/e2e/first-load-budgets.spec.ts runs in every e2e run.
import {
  CUSTOMER_BUDGET_KB as CUSTOMER_BUDGET_DEFAULT,
  PAGE_BUDGET_KB,
  PAGE_ROUTES,
  customerPageScripts,
  firstLoadFromManifests,
  gzipSize,
  isRecharts,
  newCustomerLink,
  signedIn,
  totalGzip as sum,
} from './first-load-js.mjs';

const PAGE = process.env.PAGE ?? 'dashboard';
const ROUTE = PAGE_ROUTES[PAGE];
if (!ROUTE) {
  console.error(`PAGE must be one of ${Object.keys(PAGE_ROUTES).join(', ')}`);
  process.exit(2);
}
const BUDGET_KB = Number(process.env.BUDGET_KB ?? PAGE_BUDGET_KB);
const CUSTOMER_BUDGET_KB = Number(process.env.CUSTOMER_BUDGET_KB ?? CUSTOMER_BUDGET_DEFAULT);
const base = process.argv.slice(2).find((arg) => /^https?:\/\//.test(arg));

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

function table(rows, limit = 10) {
  const sorted = [...rows].sort((a, b) => b.gzip - a.gzip);
  for (const row of sorted.slice(0, limit)) {
    console.log(`  ${kB(row.gzip).padStart(9)}  ${kB(row.raw).padStart(9)} raw  ${row.file}${row.recharts ? '  [recharts]' : ''}`);
  }
  if (sorted.length > limit) console.log(`  … and ${sorted.length - limit} smaller`);
}

async function launchChromium() {
  const { chromium } = await import('@playwright/test');
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Every script the browser fetches while the page loads (until the network is idle and the charts have drawn). */
async function inBrowser(url) {
  const org = process.env.ORG ?? 'polar-supply-demo';
  const browser = await launchChromium();
  try {
    const { signIn, page } = await signedIn(browser, url, process.env.LOGIN ?? 'exec@rung.example:rung-demo-2026');
    // The account page: the demo organization's first account in the list.
    let pagePath = `/${org}/dashboard`;
    if (PAGE === 'account') {
      await page.goto(`${url}/${org}/accounts`);
      pagePath = await page.locator('table tbody tr a').first().getAttribute('href');
    }
    const storageState = await signIn.storageState();
    await signIn.close();

    const context = await browser.newContext({ locale: 'en-US', storageState, viewport: { width: 1280, height: 900 } });
    const opened = await context.newPage();
    const pending = [];
    opened.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      pending.push(
        response.body().then(
          (body) => ({ url: new URL(response.url()).pathname, body }),
          () => null,
        ),
      );
    });
    // The account page keeps a live stream open, so the network never goes idle there: wait for what it draws last.
    const documentResponse = await opened.goto(`${url}${pagePath}`, { waitUntil: PAGE === 'account' ? 'load' : 'networkidle' });
    if (new URL(opened.url()).pathname !== pagePath) throw new Error(`Landed on ${opened.url()}: check LOGIN and ORG`);
    const html = await documentResponse.text();
    await opened
      .locator('.recharts-surface')
      .first()
      .waitFor({ timeout: 20_000 })
      .catch(() => console.warn('(no chart drew within 20 s)'));
    if (PAGE === 'account') {
      await opened.getByRole('heading', { name: 'Activity', exact: true }).waitFor({ timeout: 20_000 });
      await opened.waitForTimeout(1_000);
    } else {
      await opened.waitForLoadState('networkidle');
    }
    const scripts = (await Promise.all(pending)).filter(Boolean);
    await context.close();
    const seen = new Set();
    return scripts
      .filter((s) => !seen.has(s.url) && seen.add(s.url))
      .map((s) => ({
        file: s.url,
        raw: s.body.length,
        gzip: gzipSize(s.body),
        recharts: isRecharts(s.body.toString('utf8')),
        // In the HTML (script tags, preloads, the inline RSC payload): needed to hydrate. Otherwise fetched later by a dynamic import.
        initial: html.includes(s.url),
      }));
  } finally {
    await browser.close();
  }
}

/** The customer page as a customer opens it from an email: no cookies, an empty cache. */
async function customerPageInBrowser(url) {
  const browser = await launchChromium();
  try {
    const link = process.env.CUSTOMER_LINK
      ? new URL(process.env.CUSTOMER_LINK, url).pathname
      : await newCustomerLink(
          browser,
          url,
          process.env.ORG ?? 'polar-supply-demo',
          process.env.MEMBER_LOGIN ?? 'sara.member@rung.example:rung-demo-2026',
        );
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 375, height: 812 } });
    try {
      return await customerPageScripts(await context.newPage(), `${url}${link}`);
    } finally {
      await context.close();
    }
  } finally {
    await browser.close();
  }
}

function fromManifests() {
  try {
    return firstLoadFromManifests(ROUTE);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }
}

const manifestRows = fromManifests();
const manifestTotal = sum(manifestRows);
console.log(`First-load JS of ${ROUTE}, from the build manifests: ${kB(manifestTotal)} gzip in ${manifestRows.length} files`);
table(manifestRows);
console.log(`  Recharts in the first load: ${manifestRows.some((r) => r.recharts) ? 'YES' : 'no'}`);
let firstLoad = manifestTotal;

if (base) {
  const rows = await inBrowser(base.replace(/\/$/, ''));
  const initial = rows.filter((r) => r.initial);
  const lazy = rows.filter((r) => !r.initial);
  console.log(`\nIn Chromium against ${base}, before any interaction: ${kB(sum(rows))} gzip in ${rows.length} scripts`);
  console.log(`  referenced by the HTML (first load): ${kB(sum(initial))} in ${initial.length} files`);
  table(initial);
  console.log(`  loaded afterwards by dynamic imports: ${kB(sum(lazy))} in ${lazy.length} files`);
  table(lazy, 5);
  console.log(
    `  Recharts: ${initial.some((r) => r.recharts) ? 'IN THE FIRST LOAD' : lazy.some((r) => r.recharts) ? 'loaded lazily, after the first load' : 'not loaded'}`,
  );
  const missing = manifestRows.filter((r) => !initial.some((i) => i.file === r.file));
  if (missing.length > 0) console.log(`  (in the manifests but not fetched: ${missing.map((r) => r.file).join(', ')})`);
  const extra = initial.filter((i) => !manifestRows.some((r) => r.file === i.file));
  if (extra.length > 0)
    console.log(`  (fetched but not in the route's manifests: ${extra.map((r) => `${r.file} ${kB(r.gzip)}`).join(', ')})`);
  firstLoad = Math.max(firstLoad, sum(initial));
}

const over = firstLoad > BUDGET_KB * 1000;
console.log(`\nFirst load ${kB(firstLoad)} against a budget of ${BUDGET_KB} kB: ${over ? 'OVER' : 'within'}`);
let customerOver = false;

if (base) {
  const customer = await customerPageInBrowser(base.replace(/\/$/, ''));
  const total = sum(customer.rows);
  console.log(
    `\nThe customer page (/c/[token]) in Chromium without cookies: ${kB(total)} gzip of JavaScript in ${customer.rows.length} scripts`,
  );
  table(customer.rows);
  const inline = customer.rows.filter((row) => row.file.startsWith('(inline'));
  console.log(`  files: ${kB(total - sum(inline))}; inline in the HTML: ${kB(sum(inline))}`);
  console.log(`  its HTML: ${kB(customer.html.gzip)} gzip, ${kB(customer.html.raw)} raw`);
  customerOver = total > CUSTOMER_BUDGET_KB * 1000;
  console.log(`First load ${kB(total)} against a budget of ${CUSTOMER_BUDGET_KB} kB: ${customerOver ? 'OVER' : 'within'}`);
}
process.exitCode = over || customerOver ? 1 : 0;
