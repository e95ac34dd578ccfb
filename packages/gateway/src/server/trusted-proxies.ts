import { BlockList, isIP } from 'node:net';

/** Which peers may tell the server who the client is; see {@link parseTrustedProxies}. */
export interface TrustedProxies {
  /** True when `address` (an IP, IPv4-mapped IPv6 included) is trusted. */
  trusts(address: string | null | undefined): boolean;
}

/**
 * Reads a `--forwarded-allow-ips` list: IP addresses and CIDR ranges (`10.0.0.0/8`, `fd00::/8`),
 * separated by commas, or `*` to trust every peer (only when nothing but the proxy can reach the
 * server, e.g. a unix socket). Throws a `RangeError` naming an entry it cannot read.
 *
 * @example
 * ```ts
 * const trusted = parseTrustedProxies('127.0.0.1, ::1, 10.0.0.0/8');
 * trusted.trusts('10.1.2.3'); // true
 * trusted.trusts('::ffff:127.0.0.1'); // true: IPv4 seen through an IPv6 socket
 * trusted.trusts('203.0.113.9'); // false
 * ```
 */
export function parseTrustedProxies(list: string | readonly string[]): TrustedProxies {
  const entries = (typeof list === 'string' ? list.split(',') : list)
    .map((entry) => entry.trim())
    .filter(Boolean);
  // `*` trusts every peer, a unix socket's too (it has no address): there only the proxy can connect.
  if (entries.includes('*')) return { trusts: () => true };
  const blocks = new BlockList();
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address ?? '');
    const prefix = bits === undefined ? null : Number(bits);
    const max = family === 4 ? 32 : 128;
    if (
      family === 0 ||
      extra !== undefined ||
      (prefix !== null && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= max))
    ) {
      throw new RangeError(`forwarded-allow-ips: "${entry}" is not an IP address, a CIDR range or *`);
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === null) blocks.addAddress(address!, type);
    else blocks.addSubnet(address!, prefix, type);
  }
  return {
    trusts(address) {
      if (address === null || address === undefined) return false;
      const plain = unmapped(address);
      const family = isIP(plain);
      return family !== 0 && blocks.check(plain, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

/** `::ffff:127.0.0.1` (an IPv4 peer on a dual-stack socket) as `127.0.0.1`. */
export function unmapped(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}
