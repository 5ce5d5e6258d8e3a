// Runs in the browser before the app's own code (Next.js loads this file first).
// Only Zod's config, not the whole library: this file is part of every page's first load.
import { config } from 'zod/v4/core';

// Zod builds its fastest parsers with `new Function` when the page allows it. Under the
// Content-Security-Policy (proxy.ts) the probe for that is refused, and the browser reports it
// as a violation even though Zod then parses without it: parse that way from the start.
config({ jitless: true });
