import { describe, expect, it } from 'vitest';
import { clientAddressOf, normalizeAddress, rateLimitBucket, trustedProxyHops } from '@/lib/client-address.mjs';

const from = (remoteAddress: string | undefined, forwardedFor: string | string[] | undefined, trustedHops: number) =>
  clientAddressOf({ remoteAddress, forwardedFor, trustedHops });

describe('the client address', () => {
  it('with no trusted proxy is the connection, whatever X-Forwarded-For says', () => {
    expect(from('203.0.113.7', undefined, 0)).toBe('203.0.113.7');
    expect(from('203.0.113.7', '198.51.100.1', 0)).toBe('203.0.113.7');
    expect(from('203.0.113.7', '198.51.100.1, 192.0.2.9', 0)).toBe('203.0.113.7');
  });

  it('behind one proxy is the last entry, the one that proxy appended', () => {
    // The client wrote the first entry itself; only the proxy's own is believed.
    expect(from('10.0.0.2', '198.51.100.1, 203.0.113.7', 1)).toBe('203.0.113.7');
    expect(from('10.0.0.2', '203.0.113.7', 1)).toBe('203.0.113.7');
  });

  it('behind two proxies is the second entry from the right, the one the outer proxy saw', () => {
    expect(from('10.0.0.2', '1.1.1.1, 2.2.2.2, 203.0.113.7, 10.0.0.1', 2)).toBe('203.0.113.7');
    expect(from('10.0.0.2', '203.0.113.7, 10.0.0.1', 2)).toBe('203.0.113.7');
  });

  it('takes the leftmost entry when there are fewer than the trusted hops: every one of them came from a proxy', () => {
    expect(from('10.0.0.2', '10.0.0.1', 2)).toBe('10.0.0.1');
    expect(from('10.0.0.2', '203.0.113.7', 3)).toBe('203.0.113.7');
  });

  it('falls back to the connection when a trusted proxy sent no header, an empty one, or no address', () => {
    expect(from('10.0.0.2', undefined, 1)).toBe('10.0.0.2');
    expect(from('10.0.0.2', '', 1)).toBe('10.0.0.2');
    expect(from('10.0.0.2', ' , ', 2)).toBe('10.0.0.2');
    expect(from('10.0.0.2', 'evil, unknown', 1)).toBe('10.0.0.2');
  });

  it('reads repeated X-Forwarded-For headers as one list, in order', () => {
    expect(from('10.0.0.2', ['198.51.100.1', '203.0.113.7'], 1)).toBe('203.0.113.7');
    expect(from('10.0.0.2', ['198.51.100.1', '203.0.113.7, 10.0.0.1'], 2)).toBe('203.0.113.7');
  });

  it('never believes a forged entry, however the client writes it', () => {
    const forged = ['192.0.2.66', '192.0.2.66, 192.0.2.67', 'x'.repeat(5000), '::1', '127.0.0.1'];
    for (const header of forged) {
      expect(from('203.0.113.7', header, 0)).toBe('203.0.113.7');
      // Behind one proxy, the proxy appends the real address after whatever the client sent.
      expect(from('10.0.0.2', `${header}, 203.0.113.7`, 1)).toBe('203.0.113.7');
    }
  });

  it('spells each address one way: IPv4-mapped IPv6 is IPv4, IPv6 in full lowercase, ports and zones dropped', () => {
    expect(from('::ffff:127.0.0.1', undefined, 0)).toBe('127.0.0.1');
    expect(from('::FFFF:7f00:2', undefined, 0)).toBe('127.0.0.2');
    expect(from('2001:DB8::1', undefined, 0)).toBe('2001:db8:0:0:0:0:0:1');
    expect(from('::1', undefined, 0)).toBe('0:0:0:0:0:0:0:1');
    expect(from('10.0.0.2', '[2001:db8::7]:4711', 1)).toBe('2001:db8:0:0:0:0:0:7');
    expect(from('10.0.0.2', '203.0.113.7:4711', 1)).toBe('203.0.113.7');
    expect(from('10.0.0.2', '::ffff:203.0.113.7', 1)).toBe('203.0.113.7');
    expect(normalizeAddress('fe80::1%eth0')).toBe('fe80:0:0:0:0:0:0:1');
    expect(normalizeAddress('64:ff9b::192.0.2.33')).toBe('64:ff9b:0:0:0:0:c000:221');
  });

  it('is unknown only when the connection has no address (it closed) and nothing trusted says otherwise', () => {
    expect(from(undefined, undefined, 0)).toBe('unknown');
    expect(from(undefined, '203.0.113.7', 0)).toBe('unknown');
  });
});

describe('rate limit buckets', () => {
  it('count IPv4 per address and IPv6 per /64 network', () => {
    expect(rateLimitBucket('203.0.113.7')).toBe('203.0.113.7');
    const a = normalizeAddress('2001:db8:1:2::1')!;
    const b = normalizeAddress('2001:db8:1:2:ffff:ffff:ffff:ffff')!;
    const c = normalizeAddress('2001:db8:1:3::1')!;
    expect(rateLimitBucket(a)).toBe('2001:db8:1:2::/64');
    expect(rateLimitBucket(b)).toBe(rateLimitBucket(a));
    expect(rateLimitBucket(c)).not.toBe(rateLimitBucket(a));
  });
});

describe('TRUST_PROXY_HOPS', () => {
  it('defaults to none and takes a whole number', () => {
    expect(trustedProxyHops(undefined)).toBe(0);
    expect(trustedProxyHops('')).toBe(0);
    expect(trustedProxyHops('2')).toBe(2);
    expect(trustedProxyHops(' 1 ')).toBe(1);
  });

  it('refuses anything else, so a typo stops the server instead of trusting the wrong entry', () => {
    for (const bad of ['-1', '1.5', 'true', 'one', '11']) expect(() => trustedProxyHops(bad)).toThrow(/TRUST_PROXY_HOPS/);
  });
});
