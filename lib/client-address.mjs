/*
 * Who is on the other end of a request, in a form no client can choose. Plain JavaScript because
 * server.mjs (the HTTP server in front of Next.js) runs it with Node alone, before anything is
 * compiled; the types are in client-address.d.mts. No I/O of its own: it is tested as it stands.
 */
import { isIPv4, isIPv6 } from 'node:net';

/**
 * The request header that carries the client's address from server.mjs to the app. server.mjs
 * deletes whatever a client sent under this name before it writes its own.
 */
export const CLIENT_ADDRESS_HEADER = 'x-rung-client-address';

/**
 * server.mjs sets this on globalThis, in the process the app runs in. Without it (the app started
 * some other way, e.g. `next start`) nothing removed a client's own copy of the header, so the app
 * must not believe it.
 */
export const CLIENT_ADDRESS_SERVER_MARK = Symbol.for('rung.clientAddressHeaderIsTrusted');

/**
 * How many proxies in front of the app are trusted to append to X-Forwarded-For, from
 * TRUST_PROXY_HOPS. Unset or empty means none. Anything but a whole number from 0 to 10 throws,
 * so a typo stops the server at start instead of quietly trusting the wrong entry.
 */
export function trustedProxyHops(value) {
  if (value === undefined || value.trim() === '') return 0;
  if (!/^\d+$/.test(value.trim()) || Number(value) > 10) {
    throw new Error(`TRUST_PROXY_HOPS must be a whole number from 0 to 10 (the proxies in front of Rung), not "${value}".`);
  }
  return Number(value);
}

/**
 * The client's address. With no trusted proxies, the address of the TCP connection. With N, the
 * Nth entry of X-Forwarded-For counted from the right: each trusted proxy appends the address it
 * was connected from, so that entry is the one the outermost trusted proxy saw, and everything
 * left of it is whatever the client wrote. When the header has fewer entries than N, the leftmost
 * one: all of them were appended by trusted proxies (the request skipped the outer ones). Without
 * the header, or when the chosen entry is not an address, the connection's own address.
 *
 * @param {{ remoteAddress: string | undefined, forwardedFor: string | string[] | undefined, trustedHops: number }} request
 * @returns {string} an IPv4 address, an IPv6 address in full lowercase form, or 'unknown'
 */
export function clientAddressOf({ remoteAddress, forwardedFor, trustedHops }) {
  const connection = normalizeAddress(remoteAddress) ?? 'unknown';
  if (trustedHops <= 0 || forwardedFor === undefined) return connection;
  const entries = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return connection;
  const chosen = entries[Math.max(0, entries.length - trustedHops)];
  return normalizeAddress(chosen) ?? connection;
}

/**
 * A Node request listener that hands `listener` each request with CLIENT_ADDRESS_HEADER set to
 * the client's address (clientAddressOf) and no trace of any copy the client sent.
 *
 * @param {number} trustedHops
 * @param {(request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse) => void} listener
 */
export function withClientAddress(trustedHops, listener) {
  return (request, response) => {
    const address = clientAddressOf({
      remoteAddress: request.socket.remoteAddress,
      forwardedFor: request.headers['x-forwarded-for'],
      trustedHops,
    });
    // Node keeps the headers twice, parsed and raw: the client's copy goes from both.
    delete request.headers[CLIENT_ADDRESS_HEADER];
    for (let i = request.rawHeaders.length - 2; i >= 0; i -= 2) {
      if (request.rawHeaders[i].toLowerCase() === CLIENT_ADDRESS_HEADER) request.rawHeaders.splice(i, 2);
    }
    request.headers[CLIENT_ADDRESS_HEADER] = address;
    request.rawHeaders.push(CLIENT_ADDRESS_HEADER, address);
    listener(request, response);
  };
}

/**
 * One spelling per address: `::ffff:192.0.2.1` (an IPv4 client on a dual-stack socket) becomes
 * `192.0.2.1`, an IPv6 address is written out in full and lowercase, a port or brackets a proxy
 * added are dropped. Anything that is not an IP address gives null.
 */
export function normalizeAddress(value) {
  if (typeof value !== 'string') return null;
  let address = value.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(':'));
  address = address.replace(/%.*$/, '');
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return null;
  const groups = ipv6Groups(address);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].join('.');
  }
  return groups.map((g) => g.toString(16)).join(':');
}

/**
 * The bucket a rate limit counts an address in. One person commonly holds a whole IPv6 /64 (and
 * can pick any address in it), so IPv6 is counted per /64 network; IPv4 per address.
 */
export function rateLimitBucket(address) {
  if (!address.includes(':')) return address;
  return `${address.split(':').slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address, with `::` and a dotted IPv4 tail expanded. */
function ipv6Groups(address) {
  let text = address.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const middle = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((group) => parseInt(group, 16));
}
