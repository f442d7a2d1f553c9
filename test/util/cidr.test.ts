import { describe, expect, it } from 'vitest';
import { broadInternetRange, cidrContains, cidrOverlaps, holdsAllGlobalUnicast, isTrustedCidr, parseCidr, type Cidr } from '../../src/util/cidr.js';

describe('CIDR helpers', () => {
  it('parses IPv4 and IPv6 ranges and rejects malformed ones', () => {
    expect(parseCidr('10.1.2.3/8')).toEqual({ version: 4, network: 10n << 24n, prefix: 8 });
    expect(parseCidr('::/0')).toEqual({ version: 6, network: 0n, prefix: 0 });
    expect(parseCidr('2001:db8::/32')?.prefix).toBe(32);
    expect(parseCidr('::ffff:192.0.2.1')?.prefix).toBe(128);
    for (const bad of ['10.0.0.0/33', '1.2.3/8', '256.0.0.0/8', '1::2::3', 'fe80::1%eth0', 'x']) expect(parseCidr(bad)).toBeUndefined();
  });
  it('tells containment and overlap', () => {
    const c = (text: string) => parseCidr(text)!;
    expect(cidrContains(c('10.0.0.0/8'), c('10.2.0.0/16'))).toBe(true);
    expect(cidrContains(c('10.2.0.0/16'), c('10.0.0.0/8'))).toBe(false);
    expect(cidrContains(c('0.0.0.0/0'), c('::/0'))).toBe(false);
    expect(cidrOverlaps(c('10.2.0.0/16'), c('10.0.0.0/8'))).toBe(true);
    expect(cidrOverlaps(c('169.254.169.254/32'), c('10.0.0.0/8'))).toBe(false);
  });
  it('trusts a range inside a trusted one (trustedCidrs)', () => {
    expect(isTrustedCidr('10.1.0.0/16', ['10.0.0.0/8'])).toBe(true);
    expect(isTrustedCidr(' 10.0.0.0/8', ['10.0.0.0/8'])).toBe(true);
    expect(isTrustedCidr('10.0.0.0/7', ['10.0.0.0/8'])).toBe(false);
    expect(isTrustedCidr('0.0.0.0/0', ['10.0.0.0/8'])).toBe(false);
    expect(isTrustedCidr('0.0.0.0/0', ['0.0.0.0/0'])).toBe(true);
    expect(isTrustedCidr('office', ['0.0.0.0/0'])).toBe(false);
  });
  it('tells IPv6 ranges holding every routable address (all of global unicast)', () => {
    const holds = (text: string): boolean => holdsAllGlobalUnicast(parseCidr(text) as Cidr);
    expect(['2000::/3', '::/1', '::/0'].map(holds)).toEqual([true, true, true]);
    expect(['2000::/4', '2a00::/12', '4000::/2', '0.0.0.0/0'].map(holds)).toEqual([false, false, false, false]);
  });
  it('tells ranges that hold a large part of the internet', () => {
    const broad = (text: string): number | undefined => broadInternetRange(text)?.prefix;
    for (const text of ['0.0.0.0/1', '128.0.0.0/1', '3.0.0.0/8', '100.0.0.0/8', '2000::/4', '2a00::/12']) expect(broad(text), text).toBeDefined();
    // The whole internet (/0, and IPv6 ranges holding all of global unicast) is told apart elsewhere; private, CGNAT,
    // loopback, multicast, ULA and narrow ranges are not broad.
    for (const text of ['0.0.0.0/0', '::/0', '2000::/3', '::/1', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '224.0.0.0/4', '224.0.0.0/3', '3.0.0.0/9', '52.95.0.0/16', 'fd00::/8', '::/8', '2001:db8::/32', '3.0.0.0', 'x/8']) {
      expect(broad(text), text).toBeUndefined();
    }
  });
});
