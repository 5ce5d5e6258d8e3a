/** Next.js calls this once per server start; the work itself lives in server/runtime/startup.ts. */
export async function register() {
  // Never during `next build`: the build must not open (or lock) the embedded database.
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startServer } = await import('./server/runtime/startup');
  await startServer();
}
