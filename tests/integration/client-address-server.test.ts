/**
 * What server.mjs puts in front of Next.js, over real HTTP: the listener it wraps the app's
 * handler in. The app's side here only echoes the header it was given. Connections come from
 * 127.0.0.2 and 127.0.0.3 (all of 127/8 is loopback on Linux), so they have different addresses.
 */
import { createServer, request as httpRequest, type OutgoingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_ADDRESS_HEADER, withClientAddress } from '@/lib/client-address.mjs';

const servers: Server[] = [];

async function serve(trustedHops: number): Promise<number> {
  const server = createServer(
    withClientAddress(trustedHops, (request, response) => {
      response.setHeader('content-type', 'application/json');
      const raw = request.rawHeaders.filter((_, i) => i % 2 === 0 && request.rawHeaders[i]!.toLowerCase() === CLIENT_ADDRESS_HEADER);
      response.end(JSON.stringify({ seen: request.headers[CLIENT_ADDRESS_HEADER], rawCopies: raw.length }));
    }),
  );
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  return (server.address() as AddressInfo).port;
}

function ask(port: number, localAddress: string, headers: OutgoingHttpHeaders = {}): Promise<{ seen: string; rawCopies: number }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, localAddress, headers }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve(JSON.parse(body) as { seen: string; rawCopies: number }));
    });
    req.on('error', reject);
    req.end();
  });
}

let direct: number;
let behindOneProxy: number;
beforeAll(async () => {
  direct = await serve(0);
  behindOneProxy = await serve(1);
});
afterAll(() => Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))));

describe('the client address header server.mjs writes', () => {
  it('is the address of the connection, one per client', async () => {
    expect(await ask(direct, '127.0.0.2')).toEqual({ seen: '127.0.0.2', rawCopies: 1 });
    expect(await ask(direct, '127.0.0.3')).toEqual({ seen: '127.0.0.3', rawCopies: 1 });
  });

  it('ignores a forged X-Forwarded-For when no proxy is trusted', async () => {
    expect(await ask(direct, '127.0.0.2', { 'x-forwarded-for': '198.51.100.1' })).toEqual({ seen: '127.0.0.2', rawCopies: 1 });
  });

  it('replaces every copy of the header the client sent itself', async () => {
    const forged = { [CLIENT_ADDRESS_HEADER]: ['198.51.100.1', '198.51.100.2'], 'X-Rung-Client-Address': '198.51.100.3' };
    expect(await ask(direct, '127.0.0.2', forged)).toEqual({ seen: '127.0.0.2', rawCopies: 1 });
    expect(await ask(behindOneProxy, '127.0.0.2', { ...forged, 'x-forwarded-for': '203.0.113.7' })).toEqual({
      seen: '203.0.113.7',
      rawCopies: 1,
    });
  });

  it('behind one trusted proxy, believes only the entry that proxy appended', async () => {
    const header = { 'x-forwarded-for': '198.51.100.1, 203.0.113.7' };
    expect(await ask(behindOneProxy, '127.0.0.2', header)).toEqual({ seen: '203.0.113.7', rawCopies: 1 });
    expect((await ask(behindOneProxy, '127.0.0.2')).seen).toBe('127.0.0.2');
  });
});
