import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { createRequestContext, requestLocale } from '@/server/api/context';
import { requestTooLarge } from '@/server/api/errors';
import { appRouter } from '@/server/api/root';
import { BODY_LIMITS, boundedRequest } from '@/server/adapters/request-body';

/** The procedures that take a whole spreadsheet; every other call fits in the ordinary limit. */
const IMPORT_PROCEDURES = new Set(['account.importPreview', 'account.importCommit']);

/** The limit for a request to `/api/trpc/<path>[,<path>…]` (a batch names every procedure it calls). */
function bodyLimitFor(url: string): number {
  const paths = new URL(url).pathname.slice('/api/trpc/'.length).split(',');
  return paths.every((path) => IMPORT_PROCEDURES.has(path)) ? BODY_LIMITS.import : BODY_LIMITS.rpc;
}

const handler = async (req: Request) => {
  const bounded = await boundedRequest(req, bodyLimitFor(req.url));
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    // Too large: the body is not read any further, and every call of the batch answers 413 with a
    // sentence in the caller's language, from the context that refuses to be created.
    req: bounded ?? new Request(req.url, { method: req.method, headers: withoutBodyHeaders(req.headers) }),
    router: appRouter,
    createContext: () => {
      if (!bounded) throw requestTooLarge(requestLocale(req.headers));
      return createRequestContext(req.headers);
    },
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`tRPC ${path ?? '?'} failed`, error);
    },
  });
};

function withoutBodyHeaders(headers: Headers): Headers {
  const copy = new Headers(headers);
  copy.delete('content-length');
  copy.delete('transfer-encoding');
  return copy;
}

export { handler as GET, handler as POST };
