/** CIDR ranges: parsing (IPv4 and IPv6) and containment. */

export interface Cidr {
  version: 4 | 6;
  /** Network address as an unsigned integer (host bits cleared). */
  network: bigint;
  prefix: number;
}

/** Parses `a.b.c.d/n` or an IPv6 `x:y::z/n` (a bare address is a host route). Undefined when malformed. */
export function parseCidr(text: string): Cidr | undefined {
  const [address, prefixText, extra] = text.trim().split('/');
  if (address === undefined || extra !== undefined) return undefined;
  const version = address.includes(':') ? 6 : 4;
  const bits = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits) return undefined;
  const value = version === 4 ? parseIpv4(address) : parseIpv6(address);
  if (value === undefined) return undefined;
  const hostBits = BigInt(bits - prefix);
  return { version, network: (value >> hostBits) << hostBits, prefix };
}

function parseIpv4(address: string): bigint | undefined {
  const parts = address.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(Number(part));
  }
  return value;
}

function parseIpv6(address: string): bigint | undefined {
  let text = address;
  const tail: bigint[] = [];
  // An embedded IPv4 suffix (::ffff:192.0.2.1).
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  if (last.includes('.')) {
    const v4 = parseIpv4(last);
    if (v4 === undefined) return undefined;
    tail.push(v4 >> 16n, v4 & 0xffffn);
    text = text.slice(0, lastColon + 1);
    if (!text.endsWith('::')) text = text.slice(0, -1);
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string | undefined): bigint[] | undefined => {
    if (part === undefined || part === '') return [];
    const groups = part.split(':');
    if (groups.some((group) => !/^[0-9a-fA-F]{1,4}$/.test(group))) return undefined;
    return groups.map((group) => BigInt(parseInt(group, 16)));
  };
  const head = parse(halves[0]);
  const rest = halves.length === 2 ? parse(halves[1]) : [];
  if (!head || !rest) return undefined;
  const known = [...head, ...rest, ...tail];
  let groups: bigint[];
  if (halves.length === 2) {
    if (known.length > 7) return undefined;
    groups = [...head, ...Array<bigint>(8 - known.length).fill(0n), ...rest, ...tail];
  } else {
    if (known.length !== 8) return undefined;
    groups = known;
  }
  return groups.reduce((value, group) => (value << 16n) | group, 0n);
}

/** True when `inner` lies entirely inside `outer`. */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  if (outer.version !== inner.version || inner.prefix < outer.prefix) return false;
  const bits = BigInt((outer.version === 4 ? 32 : 128) - outer.prefix);
  return inner.network >> bits === outer.network >> bits;
}

/** True when the two ranges share at least one address. */
export function cidrOverlaps(a: Cidr, b: Cidr): boolean {
  return cidrContains(a, b) || cidrContains(b, a);
}

/** Is `text` inside one of the trusted ranges (`trustedCidrs` of the configuration)? */
export function isTrustedCidr(text: string, trusted: readonly string[]): boolean {
  const range = parseCidr(text);
  if (!range) return false;
  return trusted.some((entry) => {
    const outer = parseCidr(entry);
    return outer !== undefined && cidrContains(outer, range);
  });
}

/**
 * IPv4 blocks without internet addresses: "this network", private (RFC 1918), shared address space (CGNAT), loopback,
 * link-local, multicast and reserved.
 */
const NON_INTERNET_V4: readonly Cidr[] = ['0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16', '224.0.0.0/4', '240.0.0.0/4']
  .map((text) => parseCidr(text))
  .filter((cidr): cidr is Cidr => cidr !== undefined);
/** The IPv6 internet: global unicast. */
const GLOBAL_UNICAST_V6 = parseCidr('2000::/3') as Cidr;

/** An IPv6 range holding all of global unicast (`2000::/3`, `::/1`): every routable IPv6 address, as open as `::/0`. */
export function holdsAllGlobalUnicast(cidr: Cidr): boolean {
  return cidr.version === 6 && cidrContains(cidr, GLOBAL_UNICAST_V6);
}

/** The longest prefixes still taken as a large part of the internet: an IPv4 /8 is 16.7 million addresses; an IPv6 /16 is 1/8192 of the global unicast space (2000::/3). */
const BROAD_PREFIX = { 4: 8, 6: 16 } as const;

/**
 * A range other than the whole internet (prefix /0) that still holds a large part of it: an IPv4 /1 to /8 with at
 * least one /8 outside the blocks without internet addresses (`3.0.0.0/8`, `0.0.0.0/1`; not `10.0.0.0/8` nor
 * `224.0.0.0/3`), an IPv6 /4 to /16 overlapping global unicast (`2a00::/12`; not `fd00::/8`, nor `2000::/3`, which holds all of it: the whole IPv6 internet).
 */
export function broadInternetRange(text: string): Cidr | undefined {
  const cidr = parseCidr(text);
  if (!cidr || cidr.prefix === 0 || cidr.prefix > BROAD_PREFIX[cidr.version] || !text.includes('/')) return undefined;
  if (cidr.version === 6) return cidrOverlaps(cidr, GLOBAL_UNICAST_V6) && !holdsAllGlobalUnicast(cidr) ? cidr : undefined;
  // An IPv4 /1 to /8 is a whole number of /8 blocks: public when one of them is.
  const blocks = 1 << (8 - cidr.prefix);
  const first = Number(cidr.network >> 24n);
  for (let block = first; block < first + blocks; block++) {
    const slash8: Cidr = { version: 4, network: BigInt(block) << 24n, prefix: 8 };
    if (!NON_INTERNET_V4.some((reserved) => cidrContains(reserved, slash8))) return cidr;
  }
  return undefined;
}
