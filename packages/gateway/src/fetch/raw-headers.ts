import type { HeaderList } from '../types.js';

/**
 * A request's headers from Node's `rawHeaders` (`[name, value, name, value, ...]`), as the Node bridge
 * reads them: names lowercased, repeated headers kept apart, HTTP/2 pseudo-headers (`:path`) left out.
 *
 * @example
 * ```ts
 * headerListOfRaw(['Host', 'a.test', 'Cookie', 'x=1', 'Cookie', 'y=2']);
 * // [['host', 'a.test'], ['cookie', 'x=1'], ['cookie', 'y=2']]
 * ```
 */
export function headerListOfRaw(raw: readonly string[]): HeaderList {
  const list: Array<readonly [string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string;
    if (name.charCodeAt(0) !== COLON) list.push([name.toLowerCase(), raw[i + 1] as string]);
  }
  return list;
}

const COLON = 58;
