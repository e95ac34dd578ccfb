/**
 * The parts of an origin-form request target (`/path?query`) a scope carries.
 *
 * A class, not an object literal, as is every object the bridge makes per request: V8 may decide to
 * allocate a literal's objects straight in the old generation (allocation-site pretenuring) after a
 * warm-up in which most survived, and the young objects they point to then survive their collections
 * too. Objects made by `new` never are.
 */
export class RequestTarget {
  constructor(
    /** Percent-decoded as UTF-8. */
    readonly path: string,
    /** As sent, without the query string. */
    readonly rawPath: string,
    /** As sent, without the leading `?`; `""` when there is none. */
    readonly queryString: string,
  ) {}
}

const SLASH = 47;

/**
 * Splits and decodes a request target. Returns `null` when the target is not origin-form (absolute-form,
 * `*`, authority-form) or its percent-encoding is not valid UTF-8: the bridge answers those with 400.
 *
 * @example
 * ```ts
 * parseRequestTarget('/caf%C3%A9?x=1'); // { path: '/café', rawPath: '/caf%C3%A9', queryString: 'x=1' }
 * parseRequestTarget('*'); // null
 * ```
 */
export function parseRequestTarget(target: string): RequestTarget | null {
  if (target.charCodeAt(0) !== SLASH) return null;
  const mark = target.indexOf('?');
  const rawPath = mark === -1 ? target : target.slice(0, mark);
  const queryString = mark === -1 ? '' : target.slice(mark + 1);
  // Most paths carry no escape at all; skip the decoder (and its try/catch) for them.
  if (!rawPath.includes('%')) return new RequestTarget(rawPath, rawPath, queryString);
  try {
    return new RequestTarget(decodeURIComponent(rawPath), rawPath, queryString);
  } catch {
    return null;
  }
}
