import { BlockList, isIP, isIPv4 } from 'node:net';

/**
 * Addresses a webhook may not reach unless WEBHOOK_ALLOW_PRIVATE_NETWORKS=true: this
 * host, the private networks it may sit in, link-local (cloud metadata at
 * 169.254.169.254), and what is not a unicast host at all.
 */
const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network", 0.0.0.0 reaches this host
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated, still routable inside sites)
  ['ff00::', 8], // multicast
  ['2001:db8::', 32], // documentation
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

/** True for an address in a loopback, private, link-local or otherwise non-public range, IPv4 or IPv6. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return NOT_PUBLIC.check(bare, 'ipv4');
  if (family !== 6) return true;
  const embedded = embeddedIPv4(bare);
  if (embedded) return NOT_PUBLIC.check(embedded, 'ipv4');
  return NOT_PUBLIC.check(bare, 'ipv6');
}

/**
 * The IPv4 address an IPv6 one carries where the network stack may route to it: mapped
 * (::ffff:127.0.0.1, also written ::ffff:7f00:1), compatible (::127.0.0.1) and NAT64
 * (64:ff9b::127.0.0.1).
 */
function embeddedIPv4(address: string): string | undefined {
  const words = ipv6Words(address);
  if (!words) return undefined;
  const high = words.slice(0, 6);
  const zero = (list: number[]) => list.every((word) => word === 0);
  const mapped = zero(high.slice(0, 5)) && high[5] === 0xffff;
  const compatible = zero(high);
  const nat64 = words[0] === 0x64 && words[1] === 0xff9b && zero(high.slice(2));
  if (!mapped && !compatible && !nat64) return undefined;
  if (compatible && words[6] === 0 && words[7] <= 1) return undefined; // :: and ::1 are IPv6's own
  return [words[6] >> 8, words[6] & 0xff, words[7] >> 8, words[7] & 0xff].join('.');
}

/** The eight 16-bit words of a valid IPv6 address (a dotted IPv4 tail allowed). */
function ipv6Words(address: string): number[] | undefined {
  let text = address.toLowerCase();
  const dotted = text.match(/^(.*:)(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted) {
    if (!isIPv4(dotted[2])) return undefined;
    const [a, b, c, d] = dotted[2].split('.').map(Number);
    text = `${dotted[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const parse = (part: string | undefined) => (part ? part.split(':').map((word) => parseInt(word, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  const words = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
  return words.length === 8 && words.every((word) => Number.isInteger(word) && word >= 0 && word <= 0xffff)
    ? words
    : undefined;
}
