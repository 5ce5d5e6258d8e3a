import 'server-only';

/**
 * The most a request may send, per kind of endpoint. Without a limit, a public form takes
 * whatever arrives (tens of megabytes) into memory before anything looks at it.
 */
export const BODY_LIMITS = {
  /** A public form: the customer's answer, sign-in. The longest answer the form allows is about 40 kB encoded. */
  form: 64 * 1024,
  /** Any tRPC call; the import of a spreadsheet has its own. */
  rpc: 1024 * 1024,
  /** The account import: a 10 MB file, escaped into JSON. */
  import: 24 * 1024 * 1024,
} as const;

/**
 * The request's body, or null when it is larger than `limit` bytes. A declared Content-Length over
 * the limit is refused before anything is read; a body sent without one (chunked) is read only up
 * to the limit, then the rest is cancelled.
 */
export async function readBoundedBody(request: Request, limit: number): Promise<Uint8Array | null> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await request.body?.cancel().catch(() => undefined);
    return null;
  }
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** The same request with its body read into memory (within `limit`), for a handler that reads it again; null when too large. */
export async function boundedRequest(request: Request, limit: number): Promise<Request | null> {
  if (request.method === 'GET' || request.method === 'HEAD') return request;
  const body = await readBoundedBody(request, limit);
  if (body === null) return null;
  const headers = new Headers(request.headers);
  headers.delete('content-length');
  return new Request(request.url, { method: request.method, headers, body: body as BodyInit, signal: request.signal });
}

/** A posted form from a body already read: URL-encoded or multipart, as the Content-Type says. */
export function formFromBody(body: Uint8Array, contentType: string | null): Promise<FormData> {
  return new Response(body as BodyInit, { headers: { 'content-type': contentType ?? 'application/x-www-form-urlencoded' } }).formData();
}
