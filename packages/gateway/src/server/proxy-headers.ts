import type { Address, HeaderList } from '../types.js';
import type { TrustedProxies } from './trusted-proxies.js';
import { unmapped } from './trusted-proxies.js';

/** What a trusted proxy said about the request; a field it did not send is `undefined`. */
export interface ForwardedInfo {
  /** The client, or `null` when the proxy said it does not know (`for=unknown`). */
  readonly client?: Address | null;
  readonly scheme?: 'http' | 'https';
  /** The `Host` the client sent to the proxy. */
  readonly host?: string;
  /** The path prefix the proxy took off (`X-Forwarded-Prefix`), without a trailing slash. */
  readonly prefix?: string;
}

/**
 * Reads the proxy headers of a request that came from `peer`, trusting them only when `peer` is a
 * trusted proxy (`null` otherwise: anyone else could claim any client address). RFC 7239 `Forwarded`
 * is read when present, else `X-Forwarded-For`, `-Proto`, `-Host` and `-Prefix`. The client is found
 * by walking the list of addresses from the right, skipping trusted proxies: the first address that
 * is not one is the client, since a client may put anything at the left of the list, and only what
 * trusted proxies appended can be believed (all trusted: the left-most). Scheme, host and prefix come
 * from the right-most value, the one the nearest proxy set.
 *
 * @example
 * ```ts
 * forwardedInfo([['x-forwarded-for', '203.0.113.9, 10.0.0.2'], ['x-forwarded-proto', 'https']], '127.0.0.1', trusted);
 * // { client: { host: '203.0.113.9', port: null }, scheme: 'https' } (10.0.0.2 trusted too)
 * ```
 */
export function forwardedInfo(
  headers: HeaderList,
  peer: string | null | undefined,
  trusted: TrustedProxies,
): ForwardedInfo | null {
  if (!trusted.trusts(peer)) return null;
  const forwarded = joined(headers, 'forwarded');
  return forwarded === null ? fromXForwarded(headers, trusted) : fromForwarded(forwarded, trusted);
}

function fromXForwarded(headers: HeaderList, trusted: TrustedProxies): ForwardedInfo {
  const info: { -readonly [K in keyof ForwardedInfo]: ForwardedInfo[K] } = {};
  const forwardedFor = joined(headers, 'x-forwarded-for');
  if (forwardedFor !== null) {
    const host = clientOf(list(forwardedFor), trusted);
    if (host !== undefined) info.client = host === null ? null : { host, port: null };
  }
  const scheme = schemeOf(last(joined(headers, 'x-forwarded-proto')));
  if (scheme !== undefined) info.scheme = scheme;
  const host = hostOf(last(joined(headers, 'x-forwarded-host')));
  if (host !== undefined) info.host = host;
  const prefix = prefixOf(last(joined(headers, 'x-forwarded-prefix')));
  if (prefix !== undefined) info.prefix = prefix;
  return info;
}

function fromForwarded(value: string, trusted: TrustedProxies): ForwardedInfo {
  const elements = splitOutsideQuotes(value, ',').map(parseElement);
  const info: { -readonly [K in keyof ForwardedInfo]: ForwardedInfo[K] } = {};
  const nodes = elements.map((element) => element.get('for')).filter((node) => node !== undefined);
  if (nodes.length > 0) {
    const node = clientOf(nodes.map(nodeAddress), trusted);
    if (node !== undefined) info.client = node === null ? null : { host: node, port: null };
  }
  const nearest = elements.at(-1);
  const scheme = schemeOf(nearest?.get('proto'));
  if (scheme !== undefined) info.scheme = scheme;
  const host = hostOf(nearest?.get('host'));
  if (host !== undefined) info.host = host;
  return info;
}

/** The right-most address that is not a trusted proxy (all trusted: the left-most); `null` for `unknown`. */
function clientOf(addresses: readonly string[], trusted: TrustedProxies): string | null | undefined {
  if (addresses.length === 0) return undefined;
  for (let i = addresses.length - 1; i >= 0; i--) {
    const address = addresses[i]!;
    if (!trusted.trusts(address)) return address === 'unknown' || address.startsWith('_') ? null : address;
  }
  return addresses[0]!;
}

/** `for=` node: `192.0.2.60`, `"[2001:db8::17]:4711"`, `192.0.2.60:8080`, `unknown` or `_hidden`. */
function nodeAddress(node: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(node);
  if (bracketed) return bracketed[1]!;
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3})(?::\d+)?$/.exec(node);
  return unmapped(v4 ? v4[1]! : node);
}

function parseElement(element: string): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const pair of splitOutsideQuotes(element, ';')) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    let value = pair.slice(at + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2)
      value = value.slice(1, -1).replace(/\\(.)/g, '$1');
    pairs.set(pair.slice(0, at).trim().toLowerCase(), value);
  }
  return pairs;
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"' && text[i - 1] !== '\\') quoted = !quoted;
    else if (char === separator && !quoted) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((part) => part.trim()).filter(Boolean);
}

/** A header's values, several fields joined with commas as RFC 9110 allows; `null` when absent. */
function joined(headers: HeaderList, name: string): string | null {
  let value: string | null = null;
  for (const [field, text] of headers) if (field === name) value = value === null ? text : `${value},${text}`;
  return value;
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((item) => unmapped(item.trim()))
    .filter(Boolean);
}

function last(value: string | null): string | undefined {
  return value === null ? undefined : list(value).at(-1);
}

function schemeOf(value: string | undefined): 'http' | 'https' | undefined {
  const scheme = value?.toLowerCase();
  return scheme === 'http' || scheme === 'https' ? scheme : undefined;
}

/** A host, with an optional port: letters, digits, `.-_:` and IPv6 brackets, nothing a URL could be bent with. */
function hostOf(value: string | undefined): string | undefined {
  return value !== undefined && /^(?:\[[0-9a-fA-F:.]+\]|[\w.-]+)(?::\d{1,5})?$/.test(value)
    ? value
    : undefined;
}

function prefixOf(value: string | undefined): string | undefined {
  if (value === undefined || !/^\/[\w\-./~%!$&'()*+,;=:@]*$/.test(value) || value.includes('//'))
    return undefined;
  return value.replace(/\/+$/, '');
}

/**
 * The client address to log for a request: the real client when a trusted proxy named one, else the
 * peer. Reads Node's header object, so the access log pays for it only with proxy headers on.
 *
 * @example
 * ```ts
 * loggedClient(req.headers, req.socket.remoteAddress, trusted); // '203.0.113.9'
 * ```
 */
export function loggedClient(
  headers: Record<string, string | string[] | undefined>,
  peer: string | undefined,
  trusted: TrustedProxies,
): string | undefined {
  if (!trusted.trusts(peer)) return peer;
  const pairs: [string, string][] = [];
  for (const name of ['forwarded', 'x-forwarded-for']) {
    const value = headers[name];
    if (value !== undefined) pairs.push([name, Array.isArray(value) ? value.join(',') : value]);
  }
  const client = forwardedInfo(pairs, peer, trusted)?.client;
  return client === undefined ? peer : (client?.host ?? '-');
}
