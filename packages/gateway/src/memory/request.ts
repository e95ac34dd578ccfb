import { targetUnderRoot } from '../root-path.js';
import type { Address, HeaderList } from '../types.js';
import type { BodySource, RequestBody } from './core/body-source.js';
import { bodySource, toBytes } from './core/body-source.js';
import type { RequestInfo } from './core/exchange.js';
import type { HeaderInput } from './core/header-list.js';
import { toHeaderList } from './core/header-list.js';
import type { QueryInit } from './core/request-target.js';
import { encodeQuery, joinQuery, splitTarget } from './core/request-target.js';

/** One request for {@link MemoryTransport.request}: only `path` is required. */
export interface MemoryRequest {
  /** Default `GET`; uppercased. */
  readonly method?: string;
  /**
   * The request target, `/` first; a `?query` in it becomes the query string. Sent as written (encode
   * what needs it): a target a server could not decode is answered 400 without calling the app.
   */
  readonly path: string;
  /** More query parameters, appended after any in `path`. A string is taken as already encoded. */
  readonly query?: QueryInit;
  /** Names are lowercased; a `host` header is added when absent. */
  readonly headers?: HeaderInput;
  /**
   * Whole (`content-length` is added) or in chunks (`transfer-encoding: chunked` is added on HTTP/1.1);
   * chunks are pulled only as the app calls `receive`.
   */
  readonly body?: RequestBody;
  /** Default from the transport, else `1.1`. */
  readonly httpVersion?: string;
  readonly scheme?: 'http' | 'https';
  readonly rootPath?: string;
  readonly client?: Address | null;
  /** Aborting it is the client going away, before or during the response. */
  readonly signal?: AbortSignal;
}

/** The transport-wide defaults a request falls back on. */
export interface RequestDefaults {
  readonly scheme?: 'http' | 'https' | undefined;
  readonly rootPath?: string | undefined;
  readonly client?: Address | null | undefined;
  readonly server?: Address | null | undefined;
}

const FORBIDDEN_IN_HEADERS = /[\r\n\0]/;

/** The peer address a memory request comes from unless told otherwise. */
export const DEFAULT_CLIENT: Address = { host: '127.0.0.1', port: 50000 };

/**
 * Turns a {@link MemoryRequest} into the scope fields and body source a real server would have made
 * of the same request on the wire (the host decodes the path). Throws a `TypeError` for a header
 * value no client could send (CR, LF or NUL in it).
 *
 * @example
 * ```ts
 * const { request } = describeRequest({ path: '/a%20b?x=1' }, {});
 * request.rawPath; // '/a%20b'
 * request.queryString; // 'x=1'
 * ```
 */
export function describeRequest(
  input: MemoryRequest,
  defaults: RequestDefaults,
): { request: RequestInfo; body: BodySource } {
  if (typeof input.path !== 'string') throw new TypeError('a memory request needs a path');
  const scheme = input.scheme ?? defaults.scheme ?? 'http';
  const server = defaults.server === undefined ? defaultServer(scheme) : defaults.server;
  const httpVersion = input.httpVersion ?? '1.1';
  const rootPath = input.rootPath ?? defaults.rootPath ?? '';
  const { rawPath, queryString } = splitTarget(targetUnderRoot(input.path, rootPath));
  const whole =
    typeof input.body === 'string' || input.body instanceof Uint8Array ? toBytes(input.body) : null;
  const given = toHeaderList(input.headers);
  const forged = given.find(([name, value]) => FORBIDDEN_IN_HEADERS.test(name + value));
  if (forged)
    throw new TypeError(`header ${JSON.stringify(forged[0])} holds CR, LF or NUL, which no client can send`);
  const headers = withImpliedHeaders(given, {
    host: hostHeader(server, scheme),
    length: whole?.byteLength ?? null,
    chunked: input.body !== undefined && whole === null && httpVersion === '1.1',
  });
  return {
    request: {
      httpVersion,
      method: (input.method ?? 'GET').toUpperCase(),
      scheme,
      rawPath,
      queryString: joinQuery(queryString, encodeQuery(input.query)),
      rootPath,
      headers,
      client: input.client === undefined ? (defaults.client ?? DEFAULT_CLIENT) : input.client,
      server,
    },
    body: bodySource(whole ?? input.body),
  };
}

function defaultServer(scheme: string): Address {
  return { host: 'localhost', port: scheme === 'https' ? 443 : 80 };
}

function hostHeader(server: Address | null, scheme: string): string {
  if (!server) return 'localhost';
  const defaultPort = scheme === 'https' ? 443 : 80;
  return server.port === null || server.port === defaultPort ? server.host : `${server.host}:${server.port}`;
}

/** Adds the headers a real client would have sent, unless the caller set them already. */
function withImpliedHeaders(
  headers: HeaderList,
  implied: { host: string; length: number | null; chunked: boolean },
): HeaderList {
  const has = (name: string) => headers.some(([key]) => key === name);
  const framed = has('content-length') || has('transfer-encoding');
  return [
    ...(has('host') ? [] : [['host', implied.host] as const]),
    ...headers,
    ...(!framed && implied.length !== null ? [['content-length', String(implied.length)] as const] : []),
    ...(!framed && implied.chunked ? [['transfer-encoding', 'chunked'] as const] : []),
  ];
}
