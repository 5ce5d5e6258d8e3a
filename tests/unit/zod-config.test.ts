// The browser's first script (instrumentation-client.ts) configures Zod without importing it. Imported
// here before Zod, as in the browser, it must leave Zod parsing without its `new Function` probe.
import '@/instrumentation-client';
import { config, util } from 'zod/v4/core';
import { z } from 'zod';
import { describe, expect, test, vi } from 'vitest';

describe('Zod configured by instrumentation-client.ts before it loads', () => {
  test('Zod reads the setting as its own config', () => {
    expect(config().jitless).toBe(true);
  });

  test('Zod never tries `new Function`, which the Content-Security-Policy would report', () => {
    const probe = vi.spyOn(globalThis, 'Function');
    expect(util.allowsEval.value).toBe(false);
    expect(z.object({ name: z.string(), size: z.number() }).parse({ name: 'a', size: 1 })).toEqual({ name: 'a', size: 1 });
    expect(probe).not.toHaveBeenCalled();
  });
});
