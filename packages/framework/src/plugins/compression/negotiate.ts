/** The content codings the compression plugin can produce. */
export type Encoding = 'br' | 'gzip' | 'deflate';

/**
 * The coding to answer with, from the request's `Accept-Encoding` (RFC 9110 §12.5.3) and `offered` in the
 * server's order of preference: the highest q-value wins, the server's order breaks a tie, `q=0` refuses a
 * coding, `*` stands for every coding not named, and `identity` (kept when named with a higher q) means
 * none. `null` for no header or nothing acceptable: the body goes out as it is.
 *
 * @example
 * ```ts
 * chooseEncoding('gzip;q=0.8, br', ['br', 'gzip']); // 'br'
 * chooseEncoding('gzip;q=0, *', ['gzip', 'deflate']); // 'deflate'
 * chooseEncoding('identity, gzip;q=0.5', ['gzip']); // null
 * ```
 */
export function chooseEncoding(header: string | null, offered: readonly Encoding[]): Encoding | null {
  if (header === null) return null;
  const weights = parseAcceptEncoding(header);
  const star = weights.get('*');
  // Not named: identity is acceptable but least preferred, so a coding the client accepts wins over it.
  const identity = weights.get('identity') ?? (star === 0 ? 0 : 0.0001);
  let best: Encoding | null = null;
  let bestWeight = identity;
  for (const coding of offered) {
    const weight = weights.get(coding) ?? star ?? 0;
    if (weight > bestWeight || (best === null && weight > 0 && weight === bestWeight)) {
      best = coding;
      bestWeight = weight;
    }
  }
  return best;
}

/** Each coding of an `Accept-Encoding` value with its q-value (1 when not given; malformed ones dropped). */
function parseAcceptEncoding(header: string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const member of header.split(',')) {
    const [rawName, ...params] = member.split(';');
    const name = rawName!.trim().toLowerCase();
    if (name === '') continue;
    let weight = 1;
    for (const param of params) {
      const match = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(param);
      if (match) weight = Math.min(1, Number(match[1]));
    }
    // `x-gzip` is gzip (RFC 9110 §8.4.1.3); a coding named twice keeps its best weight.
    const key = name === 'x-gzip' ? 'gzip' : name;
    weights.set(key, Math.max(weights.get(key) ?? 0, weight));
  }
  return weights;
}
