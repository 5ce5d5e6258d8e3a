/**
 * Where links in emails point. It comes from configuration only, never from a request: a forged
 * `Host` or `X-Forwarded-Host` header must not be able to send an invitation or a customer link
 * to somebody else's site. Production refuses to start without APP_URL (server/runtime/startup.ts);
 * development falls back to the local server.
 */
export function appUrl(env: Record<string, string | undefined> = process.env): string {
  const configured = env.APP_URL?.trim();
  if (configured) return configured.replace(/\/+$/, '');
  if (env.NODE_ENV === 'production') throw new Error('APP_URL is not set');
  return `http://localhost:${env.PORT || 3000}`;
}

/** Why APP_URL cannot be used, in one line, or null when it can (or may be left out, outside production). */
export function appUrlProblem(env: Record<string, string | undefined> = process.env): string | null {
  const configured = env.APP_URL?.trim();
  if (!configured) {
    return env.NODE_ENV === 'production'
      ? 'APP_URL is not set. Links in emails point there: set it to the address people open, e.g. https://rung.example.com.'
      : null;
  }
  let url: URL;
  try {
    url = new URL(configured);
  } catch {
    return `APP_URL is not an address: ${configured}`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `APP_URL must start with https:// or http://, not ${url.protocol}`;
  return null;
}
