import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3100);

/**
 * End-to-end journeys against a production build (`next build`, served by server.mjs as `npm start` does) on a fresh
 * embedded database, in Debian's Chromium (Playwright cannot download its own browser here).
 */
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // One journey at a time: Chromium is what keeps the two cores busy, and two at once only made each
  // journey twice as slow and pushed some past their time limit. Many journeys also share the demo organization.
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    // A trace films every page of every journey as it runs, and the two cores are already busy with
    // Chromium: only a retry (CI retries once) records one. Locally, `--trace on` asks for it.
    trace: 'on-first-retry',
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
  webServer: {
    command: `bash scripts/e2e-server.sh ${PORT}`,
    url: `http://127.0.0.1:${PORT}/sign-in`,
    // `next build` alone can take more than four minutes on a busy two-core machine.
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: 'pipe',
  },
});
