import { randomBytes } from 'node:crypto';
import { CLIENT_ADDRESS_HEADER, CLIENT_ADDRESS_SERVER_MARK } from '@/lib/client-address.mjs';

/**
 * For tests that call the app's route handlers in-process: what server.mjs would have done to the
 * request before it reached them. Marks this process as running under server.mjs, so the app
 * believes CLIENT_ADDRESS_HEADER.
 */
export function runAsServerMjs(): void {
  (globalThis as { [CLIENT_ADDRESS_SERVER_MARK]?: boolean })[CLIENT_ADDRESS_SERVER_MARK] = true;
}

/** A client address no other test uses: an IPv6 address in a /64 network of its own (documentation range). */
export function newClientAddress(): string {
  const groups = randomBytes(4).toString('hex').match(/.{4}/g)!;
  return `2001:db8:${groups.join(':')}::1`;
}

/** The header server.mjs writes for a client at `address`. */
export const fromAddress = (address: string) => ({ [CLIENT_ADDRESS_HEADER]: address });
