import type { IncomingMessage, ServerResponse } from 'node:http';

// Types for client-address.mjs, which stays plain JavaScript so that server.mjs can run it with Node alone.
export declare const CLIENT_ADDRESS_HEADER: 'x-rung-client-address';
export declare const CLIENT_ADDRESS_SERVER_MARK: unique symbol;
export declare function trustedProxyHops(value: string | undefined): number;
export declare function clientAddressOf(request: {
  remoteAddress: string | undefined;
  forwardedFor: string | string[] | undefined;
  trustedHops: number;
}): string;
export declare function normalizeAddress(value: unknown): string | null;
export declare function rateLimitBucket(address: string): string;
export declare function withClientAddress(
  trustedHops: number,
  listener: (request: IncomingMessage, response: ServerResponse) => void,
): (request: IncomingMessage, response: ServerResponse) => void;
