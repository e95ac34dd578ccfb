/**
 * The media type of a `Content-Type` value without its parameters, lowercased; `''` when absent.
 *
 * @example
 * ```ts
 * mediaTypeOf('Application/JSON; charset=utf-8'); // 'application/json'
 * ```
 */
export function mediaTypeOf(contentType: string | null): string {
  if (!contentType) return '';
  const semicolon = contentType.indexOf(';');
  return (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
}

/**
 * The `charset` parameter of a `Content-Type` value, lowercased and unquoted; `undefined` when absent.
 *
 * @example
 * ```ts
 * charsetOf('text/plain; charset="ISO-8859-1"'); // 'iso-8859-1'
 * charsetOf('application/json'); // undefined
 * ```
 */
export function charsetOf(contentType: string | null): string | undefined {
  // Most content types carry no parameter: one indexOf answers them.
  if (contentType === null || contentType.indexOf(';') === -1) return undefined;
  const params = contentType.split(';');
  for (let i = 1; i < params.length; i++) {
    const param = params[i]!;
    const eq = param.indexOf('=');
    if (eq === -1 || param.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    const value = param.slice(eq + 1).trim();
    const unquoted =
      value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
    return unquoted.trim().toLowerCase() || undefined;
  }
  return undefined;
}

/**
 * True for `application/json` and every `+json` structured syntax (`application/problem+json`, ...).
 *
 * @example
 * ```ts
 * isJsonMediaType('application/vnd.api+json'); // true
 * ```
 */
export function isJsonMediaType(mediaType: string): boolean {
  return (
    mediaType === 'application/json' || (mediaType.startsWith('application/') && mediaType.endsWith('+json'))
  );
}

/**
 * True when an `Accept` header ranks `text/html` above `application/json`: browsers get an HTML error
 * page, API clients (and `curl`'s `*` / `*`) get JSON.
 *
 * @example
 * ```ts
 * prefersHtml('text/html,application/xhtml+xml,*' + '/*;q=0.8'); // true
 * prefersHtml('*' + '/*'); // false
 * ```
 */
export function prefersHtml(accept: string | null): boolean {
  // Only a range naming html or text/* can rank HTML first: skip parsing the common `*/*` or JSON.
  if (accept === null || (!accept.includes('html') && !accept.includes('text/*'))) return false;
  return qualityOf(accept, 'text/html') > qualityOf(accept, 'application/json');
}

// The q-value the most specific matching range in `accept` gives `type` (RFC 9110 §12.5.1).
function qualityOf(accept: string, type: string): number {
  const slash = type.indexOf('/');
  const family = `${type.slice(0, slash)}/*`;
  let best = -1;
  let quality = 0;
  for (const part of accept.split(',')) {
    const [range = '', ...params] = part.split(';');
    const name = range.trim().toLowerCase();
    const specificity = name === type ? 3 : name === family ? 2 : name === '*/*' ? 1 : 0;
    if (specificity === 0 || specificity <= best) continue;
    best = specificity;
    quality = 1;
    for (const param of params) {
      const [key, value] = param.split('=');
      if (key?.trim() === 'q') quality = Number(value) || 0;
    }
  }
  return quality;
}
