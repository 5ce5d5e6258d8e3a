import { expect, test } from './fixtures';
import {
  CUSTOMER_BUDGET_KB,
  PAGE_BUDGET_KB,
  PAGE_ROUTES,
  customerPageScripts,
  firstLoadFromManifests,
  newCustomerLink,
  totalGzip,
  type ScriptSize,
} from '../../scripts/first-load-js.mjs';

// The first-load JavaScript budgets, measured as `npm run measure-js` measures them, on the build
// this e2e run serves: the signed-in pages from the build manifests, the customer page in Chromium.

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const largest = (rows: ScriptSize[]) =>
  [...rows]
    .sort((a, b) => b.gzip - a.gzip)
    .slice(0, 5)
    .map((row) => `${row.file} ${kB(row.gzip)}`)
    .join(', ');

for (const [page, route] of Object.entries(PAGE_ROUTES)) {
  test(`the ${page} page's first load is within ${PAGE_BUDGET_KB} kB of JavaScript`, () => {
    const rows = firstLoadFromManifests(route);
    const total = totalGzip(rows);
    console.log(`${page}: ${kB(total)} gzip in ${rows.length} files`);
    expect(total, `${page} at ${kB(total)}; largest: ${largest(rows)}`).toBeLessThanOrEqual(PAGE_BUDGET_KB * 1000);
    // Recharts is loaded after the first paint on both pages.
    expect(rows.filter((row) => row.recharts).map((row) => row.file)).toEqual([]);
  });
}

test(`the customer page runs on less than ${CUSTOMER_BUDGET_KB} kB of JavaScript`, async ({ browser, baseURL }) => {
  const link = await newCustomerLink(browser, baseURL!, 'polar-supply-demo', 'sara.member@rung.example:rung-demo-2026');
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 375, height: 812 } });
  const { rows } = await customerPageScripts(await context.newPage(), `${baseURL}${link}`);
  await context.close();
  const total = totalGzip(rows);
  console.log(`customer page: ${kB(total)} gzip in ${rows.length} scripts`);
  // Its one inline script, and nothing from /_next/: the page is not a React page.
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.filter((row) => row.file.startsWith('/_next/'))).toEqual([]);
  expect(total, `customer page at ${kB(total)}; largest: ${largest(rows)}`).toBeLessThanOrEqual(CUSTOMER_BUDGET_KB * 1000);
});
