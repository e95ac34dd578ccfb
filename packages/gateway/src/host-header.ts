// RFC 3986 host (IP-literal, IPv4 or reg-name, which may not be empty here) and an optional port.
const HOST =
  /^(?:\[(?:[0-9a-f:.]+|v[0-9a-f]+\.[\w.~!$&'()*+,;=:-]+)\]|(?:[\w.~!$&'()*+,;=-]|%[0-9a-f]{2})+)(?::\d*)?$/i;

let lastValidHost: string | undefined;

/**
 * True for a `Host` header value (or an absolute-form target's authority) RFC 9112 3.2 accepts:
 * `host[:port]`, where the host is not empty. The Node bridge refuses a request whose `Host` fails it.
 *
 * @example
 * ```ts
 * isValidHost('api.example.com:8443'); // true
 * isValidHost('[::1]'); // true
 * isValidHost('a b'); // false
 * ```
 */
export function isValidHost(value: string): boolean {
  // A server sees the same Host on nearly every request: the last one found valid is known to be.
  if (value === lastValidHost) return true;
  if (!HOST.test(value)) return false;
  lastValidHost = value;
  return true;
}
