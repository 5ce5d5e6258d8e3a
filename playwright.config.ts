import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3100);
const DEMO_ORGANIZATION_JOURNEYS = [
  'account-levels.spec.ts',
  'content-security-policy.spec.ts',
  'drill-down-campaign.spec.ts',
  'executive-dashboard.spec.ts',
  'first-load-budgets.spec.ts',
];

/**
 * End-to-end journeys against a production build (`next build`, served by server.mjs as `npm start` does) on a fresh
 * embedded database, in Debian's Chromium (Playwright cannot download its own browser here).
 */
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // Two journeys at a time: one of them waits on the server while the other runs in the browser.
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    {
      // The journeys that read or change the seeded demo organization run one after another, so
      // one never sees what another is halfway through changing.
      name: 'demo organization',
      testMatch: DEMO_ORGANIZATION_JOURNEYS,
      workers: 1,
    },
    // Every other journey signs up organizations of its own.
    { name: 'own organizations', testIgnore: DEMO_ORGANIZATION_JOURNEYS },
  ],
  webServer: {
    command: `bash scripts/e2e-server.sh ${PORT}`,
    url: `http://127.0.0.1:${PORT}/sign-in`,
    // `next build` alone can take more than four minutes on a busy two-core machine.
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: 'pipe',
  },
});
