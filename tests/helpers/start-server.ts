/*
 * The server's start, as Next.js runs it, for the embedded-lock test: instrumentation's
 * startServer, whose failure Next.js only logs before serving on. The process then stays up like
 * a server until startServer ends it or the test kills it.
 */
import { register } from 'node:module';

// Next.js lets server modules import 'server-only'; outside it the marker throws, so it resolves to its empty twin here.
const emptyMarker = new URL('../../node_modules/server-only/empty.js', import.meta.url).href;
const hooks = `export function resolve(specifier, context, next) {
  return specifier === 'server-only' ? { url: ${JSON.stringify(emptyMarker)}, shortCircuit: true } : next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);

setInterval(() => {}, 60_000);
const { startServer } = await import('../../server/runtime/startup');
startServer().then(
  () => console.log('serving'),
  (error: unknown) => console.error('An error occurred while loading instrumentation hook:', error),
);
