import { test as base } from '@playwright/test';

export { expect } from '@playwright/test';
export type { Browser, Locator, Page, Response } from '@playwright/test';

/**
 * Playwright's `test`, plus one rule: every browser context a journey opens (each person it plays) is
 * closed when the journey ends. Left open, their pages keep their live streams and refresh timers
 * running against the server for the rest of the run, and every later journey gets slower.
 */
export const test = base.extend<{ closeOpenedContexts: void }>({
  closeOpenedContexts: [
    async ({ browser }, use) => {
      const before = new Set(browser.contexts());
      await use();
      await Promise.all(
        browser
          .contexts()
          .filter((context) => !before.has(context))
          .map((context) => context.close()),
      );
    },
    { auto: true },
  ],
});
