import type { ResponseRecord } from '../node/options.js';
import type { HeaderList } from '../types.js';

/** The common log format: `127.0.0.1 - - [26/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 13`. */
export const DEFAULT_ACCESS_LOG_FORMAT = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s';

/** Turns one response record into a line; `date` is the CLF date, `end` `performance.now()` at the end. */
export type AccessLogFormatter = (entry: ResponseRecord, date: string, end: number) => string;

/** A format string `compileAccessLogFormat` cannot compile; the message says what is wrong where. */
export class AccessLogFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccessLogFormatError';
  }
}

type Atom = AccessLogFormatter;

const micros = (entry: ResponseRecord, end: number): number =>
  Math.max(0, Math.round((end - entry.startedAt) * 1000));

/** gunicorn's atoms, the subset a gateway server knows (no WSGI environ); headers below. */
const ATOMS: Readonly<Record<string, Atom>> = {
  h: (entry) => clean(entry.remoteAddress),
  l: () => '-',
  u: () => '-',
  t: (_entry, date) => `[${date}]`,
  r: ({ request }) => `${request.method} ${escapeForLog(request.url ?? '')} HTTP/${request.httpVersion}`,
  m: ({ request }) => String(request.method),
  U: ({ request }) => escapeForLog(pathOf(request.url ?? '')),
  q: ({ request }) => clean(queryOf(request.url ?? '')),
  H: ({ request }) => `HTTP/${request.httpVersion}`,
  s: (entry) => (entry.status === null ? '-' : String(entry.status)),
  B: (entry) => String(entry.bytes),
  b: (entry) => (entry.bytes > 0 ? String(entry.bytes) : '-'),
  f: ({ request }) => header(request.headers.referer),
  a: ({ request }) => header(request.headers['user-agent']),
  T: (entry, _date, end) => String(Math.floor(micros(entry, end) / 1_000_000)),
  M: (entry, _date, end) => String(Math.floor(micros(entry, end) / 1_000)),
  D: (entry, _date, end) => String(micros(entry, end)),
  L: (entry, _date, end) => (micros(entry, end) / 1_000_000).toFixed(6),
  p: () => `<${process.pid}>`,
};

/** The atom names, for messages and the docs. */
export const ACCESS_LOG_ATOMS: readonly string[] = [...Object.keys(ATOMS), '{header}i', '{header}o'];

/**
 * Compiles a gunicorn-style access log format once, at startup: `%(h)s` remote address (the real client
 * behind trusted proxy headers), `%(l)s` and `%(u)s` `-`, `%(t)s` `[date]`, `%(r)s` request line,
 * `%(m)s` method, `%(U)s` path, `%(q)s` query, `%(H)s` protocol, `%(s)s` status, `%(B)s` body bytes,
 * `%(b)s` body bytes or `-`, `%(f)s` referer, `%(a)s` user agent, `%(T)s` / `%(M)s` / `%(D)s` duration
 * in s / ms / µs, `%(L)s` duration in decimal seconds, `%(p)s` `<pid>`, `%({name}i)s` a request header,
 * `%({name}o)s` a response header the app sent,
 * `%%` a percent sign. A value the request lacks is `-`. What the client sent is escaped (a quote, a
 * backslash or a control character becomes `\"`, `\\`, `\u0001`), so no client can forge a field or a
 * line. Throws {@link AccessLogFormatError} for an unknown atom or a stray `%`.
 *
 * @example
 * ```ts
 * const format = compileAccessLogFormat('%(h)s "%(r)s" %(s)s %(D)sus "%({x-request-id}i)s"');
 * format(entry, '26/Nov/2026:10:00:00 +0000', performance.now());
 * ```
 */
export function compileAccessLogFormat(format: string): AccessLogFormatter {
  const parts: Array<string | Atom> = [];
  const token = /%(?:\(([^)]*)\)s|%)?/g;
  let last = 0;
  for (let match = token.exec(format); match !== null; match = token.exec(format)) {
    const literal = format.slice(last, match.index);
    last = token.lastIndex;
    if (match[0] === '%%') {
      parts.push(`${literal}%`);
      continue;
    }
    if (literal !== '') parts.push(literal);
    const name = match[1];
    if (name === undefined) {
      throw new AccessLogFormatError(
        `the % at character ${match.index + 1} starts no atom: ` +
          'write atoms as %(h)s, and a percent sign as %%',
      );
    }
    parts.push(atomFor(name));
  }
  if (last < format.length) parts.push(format.slice(last));
  const merged = mergeLiterals(parts);
  return (entry, date, end) => {
    let line = '';
    for (const part of merged) line += typeof part === 'string' ? part : part(entry, date, end);
    return line;
  };
}

function atomFor(name: string): Atom {
  const [, headerName, side] = /^\{([!#$%&'*+.^_`|~0-9A-Za-z-]+)\}([io])$/.exec(name) ?? [];
  if (headerName !== undefined) {
    const key = headerName.toLowerCase();
    if (side === 'o') return ({ responseHeaders }) => header(responseHeaderValues(responseHeaders, key));
    return ({ request }) => header(request.headers[key]);
  }
  const atom = ATOMS[name];
  if (atom === undefined || !Object.hasOwn(ATOMS, name)) {
    throw new AccessLogFormatError(
      `unknown atom %(${name})s; the known ones are ${ACCESS_LOG_ATOMS.join(', ')}`,
    );
  }
  return atom;
}

function mergeLiterals(parts: ReadonlyArray<string | Atom>): Array<string | Atom> {
  const merged: Array<string | Atom> = [];
  for (const part of parts) {
    const previous = merged.length - 1;
    if (typeof part === 'string' && typeof merged[previous] === 'string') merged[previous] += part;
    else merged.push(part);
  }
  return merged;
}

/** The values of response header `key` (lowercase), `undefined` when it is absent. */
function responseHeaderValues(headers: HeaderList | null, key: string): string[] | undefined {
  if (headers === null) return undefined;
  const values: string[] = [];
  for (const [name, value] of headers) if (name.toLowerCase() === key) values.push(value);
  return values.length === 0 ? undefined : values;
}

function header(value: string | string[] | undefined): string {
  return clean(Array.isArray(value) ? value.join(', ') : value);
}

function clean(value: string | undefined): string {
  return value === undefined || value === '' ? '-' : escapeForLog(value);
}

function pathOf(target: string): string {
  const query = target.indexOf('?');
  return query === -1 ? target : target.slice(0, query);
}

function queryOf(target: string): string {
  const query = target.indexOf('?');
  return query === -1 ? '' : target.slice(query + 1);
}

/** A raw quote, backslash or control byte from a client would let it forge log fields or lines. */
function escapeForLog(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f || code === 0x22 /* " */ || code === 0x5c /* \ */) {
      return JSON.stringify(text).slice(1, -1);
    }
  }
  return text;
}
