/*
 * Rung's HTTP server: Next.js behind a thin layer that works out who the client is.
 *
 *   node server.mjs --dev            what `npm run dev` runs (Turbopack, hot reload)
 *   node server.mjs [-p 3000] [-H host]   what `npm start` runs, after `npm run build`
 *
 * Route handlers and server functions only see headers, never the connection, and Next.js fills
 * in X-Forwarded-For only when the client did not send one. So this server, which does see the
 * connection, writes the client's address (lib/client-address.mjs, TRUST_PROXY_HOPS) into a
 * header of its own after deleting any copy the client sent. Rate limits key on that header.
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { CLIENT_ADDRESS_SERVER_MARK, trustedProxyHops, withClientAddress } from './lib/client-address.mjs';

const { values: options } = parseArgs({
  options: {
    dev: { type: 'boolean', default: false },
    port: { type: 'string', short: 'p' },
    hostname: { type: 'string', short: 'H' },
  },
});
const dev = options.dev;
// As the `next` command does, and before Next.js (and React) load: they pick their builds by it.
process.env.NODE_ENV ||= dev ? 'development' : 'production';
const port = Number(options.port ?? process.env.PORT ?? 3000);
// The app's own idea of its address (links in development, the start-up banner) follows the flag.
process.env.PORT = String(port);
const hostname = options.hostname;

const { default: next } = await import('next');
const httpServer = createServer();
const app = next({ dev, turbopack: dev ? true : undefined, hostname: hostname ?? 'localhost', port, httpServer });

try {
  // Next.js reads .env files while it prepares, so TRUST_PROXY_HOPS is read after.
  await app.prepare();
} catch (error) {
  console.error(error);
  process.exit(1);
}
// Unless AUTH_URL is set, Auth.js builds the addresses it hands a single sign-on provider (the
// redirect_uri) and sends people to after signing in from each request's Host header: a forged
// header must not choose them. APP_URL is the one address people open (read after .env files).
if (!process.env.AUTH_URL && process.env.APP_URL?.trim()) process.env.AUTH_URL = process.env.APP_URL.trim().replace(/\/+$/, '');
let trustedHops;
try {
  trustedHops = trustedProxyHops(process.env.TRUST_PROXY_HOPS);
} catch (error) {
  console.error(`Rung cannot start: ${error.message}`);
  process.exit(1);
}
globalThis[CLIENT_ADDRESS_SERVER_MARK] = true;

const handle = app.getRequestHandler();
httpServer.on(
  'request',
  withClientAddress(trustedHops, (request, response) =>
    handle(request, response).catch((error) => {
      console.error('request failed', error);
      if (!response.headersSent) response.statusCode = 500;
      response.end();
    }),
  ),
);

httpServer.listen(port, hostname, () => {
  const shown = hostname && hostname !== '0.0.0.0' && hostname !== '::' ? hostname : 'localhost';
  console.log(`> Rung ready on http://${shown}:${port} (${dev ? 'development' : 'production'}, trusted proxy hops: ${trustedHops})`);
});
