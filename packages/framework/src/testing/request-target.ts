import { utf8Encoder } from '../http/utf8.js';
import type { TestRequestInit } from './request-init.js';
import { toQuery } from './request-init.js';

// The URL Standard's percent-encode sets, which browsers apply (url.spec.whatwg.org#percent-encoded-bytes).
// Path: C0 controls, space, `"`, `#`, `<`, `>`, `?`, `^`, backtick, `{`, `}` and everything past `~` (`^`
// joined in 2025: browsers encode it, Node 20's parser not yet). Query of an http(s) URL: C0 controls,
// space, `"`, `#`, `'`, `<`, `>` and everything past `~`. The rest (`[ ] | :`…) goes raw, as does `%`, so
// escapes a test wrote stay as written.
const ENCODED_IN_PATH = /[\0-\x20"#<>?^`{}\x7f-\u{10ffff}]/gu;
const ENCODED_IN_QUERY = /[\0-\x20"#'<>\x7f-\u{10ffff}]/gu;
const ABSOLUTE_URL = /^[a-z][a-z\d+.-]*:\/\//i;

/**
 * The request target (path and query) a test request sends to `origin`. A path is kept as written (no
 * `..` folding, so a test can send what an attacker would), with `/` put first and the fragment dropped;
 * an absolute URL is read as `fetch` reads it, and must be on `origin` (throws a `TypeError` otherwise:
 * the app cannot answer for another site). The `query` option goes after the query in the path. Only
 * what the URL parser would escape is percent-encoded, so the app sees what a browser would send.
 *
 * @example
 * ```ts
 * requestTarget('/a b/[1]?q=é^', { page: 2 }, 'http://testserver'); // '/a%20b/[1]?q=%C3%A9^&page=2'
 * requestTarget('http://testserver:80/x#top', undefined, 'http://testserver'); // '/x'
 * ```
 */
export function requestTarget(path: string, query: TestRequestInit['query'], origin: string): string {
  const written = ABSOLUTE_URL.test(path) ? onOrigin(new URL(path), origin) : path;
  const hash = written.indexOf('#');
  const target = hash < 0 ? written : written.slice(0, hash);
  const question = target.indexOf('?');
  const rawPath = question < 0 ? target : target.slice(0, question);
  const ownQuery = question < 0 ? '' : target.slice(question + 1);
  const extra = toQuery(query)?.toString().replace(/^\?/, '') ?? '';
  const fullQuery = [ownQuery, extra].filter((part) => part !== '').join('&');
  const encodedPath = percentEncode(rawPath.startsWith('/') ? rawPath : `/${rawPath}`, ENCODED_IN_PATH);
  // An empty query is dropped, `?` included, as `fetch` drops it.
  return fullQuery === '' ? encodedPath : `${encodedPath}?${percentEncode(fullQuery, ENCODED_IN_QUERY)}`;
}

/** The path and query of an absolute `url`, once it is on `origin`. */
function onOrigin(url: URL, origin: string): string {
  if (url.origin !== origin) {
    throw new TypeError(
      `test client: ${url.href} is not on the client's origin ${origin}; set baseUrl to test another origin`,
    );
  }
  return url.pathname + url.search;
}

function percentEncode(text: string, encoded: RegExp): string {
  // UTF-8 bytes, uppercase hex; a lone surrogate becomes U+FFFD first, as in the URL parser.
  return text.replace(encoded, (char) =>
    Array.from(
      utf8Encoder.encode(char),
      (byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    ).join(''),
  );
}
