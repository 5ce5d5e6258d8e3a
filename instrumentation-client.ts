// Runs in the browser before the app's own code (Next.js loads this file first), and is part of every
// page's first load: it imports nothing.
//
// Zod builds its fastest parsers with `new Function` when the page allows it. Under the
// Content-Security-Policy (proxy.ts) the probe for that is refused, and the browser reports it
// as a violation even though Zod then parses without it: parse that way from the start.
// Zod keeps its global config on `globalThis.__zod_globalConfig` (one object, shared by every copy of
// Zod on the page) and adopts an object already there, so filling it in before any Zod code runs is
// `config({ jitless: true })` without the 5 kB of zod/v4/core that importing `config` costs.
// tests/unit/zod-config.test.ts checks that Zod still reads it there.
const zodHolder = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
zodHolder.__zod_globalConfig ??= {};
zodHolder.__zod_globalConfig.jitless = true;
