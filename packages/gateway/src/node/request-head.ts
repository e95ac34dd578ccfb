import type { IncomingMessage } from 'node:http';
import { isValidHost } from '../host-header.js';

/**
 * What the server answers in the app's place when a request head is refused (or is `OPTIONS *`,
 * which is about the server, not a resource). `reason` goes to the rejection log; `null` for an
 * answer that is not a rejection.
 */
export class ServerAnswer {
  constructor(
    readonly status: number,
    readonly reason: string | null,
  ) {}
}

const SLASH = 47;
const OPTIONS_ASTERISK = new ServerAnswer(200, null);
const MORE_THAN_ONE_HOST = new ServerAnswer(400, 'more than one Host header');
const NO_HOST = new ServerAnswer(400, 'no Host header in an HTTP/1.1 request');
const INVALID_HOST = new ServerAnswer(400, 'invalid Host header');
const HOST_NOT_TARGET = new ServerAnswer(400, 'Host header differs from the absolute-form target');
const BAD_TARGET = new ServerAnswer(400, 'invalid request target');
const UNKNOWN_CODING = new ServerAnswer(501, 'transfer coding other than chunked');
const NO_VERSION = new ServerAnswer(400, 'request line without an HTTP version');
const UNSUPPORTED_VERSION = new ServerAnswer(505, 'HTTP version other than 1.x on an HTTP/1 connection');

// http(s)://authority, then the path and query; the authority holds no userinfo (RFC 9110 4.2.4).
const ABSOLUTE_FORM = /^https?:\/\/([^/?#@]*)([^#]*)$/i;

/**
 * Checks the parts of a request head `node:http` lets through and RFC 9112 refuses, and returns the
 * origin-form target the app is called with, or the answer the server gives instead:
 * - a request line claiming HTTP/2.0 (or 3, or any but 1.x) over HTTP/1 text: 505; one without a
 *   version (HTTP/0.9): 400 (RFC 9112 2.3). A request of `node:http2`'s compatibility API is let through;
 * - more header fields than `maxHeaderCount`: 431;
 * - more than one `Host`, an empty or malformed one, none in HTTP/1.1: 400 (RFC 9112 3.2);
 * - a `Transfer-Encoding` other than `chunked` (`gzip, chunked`): 501, as nginx answers, since the app
 *   would get bytes it cannot read (Node itself refuses a coding after `chunked` with 400);
 * - an absolute-form target (`http://host/path`): its path and query, when `Host` names the same
 *   authority (400 otherwise); `OPTIONS *`: answered 200 by the server; another `*` target: 400.
 *
 * @example
 * ```ts
 * checkRequestHead(req, 100); // '/path?q=1', or e.g. ServerAnswer { status: 400, reason: 'more than one Host header' }
 * ```
 */
export function checkRequestHead(req: IncomingMessage, maxHeaderCount: number): string | ServerAnswer {
  // Node's HTTP/1 parser takes "HTTP/2.0" and a bare "GET /path" alike; an http2 request has a stream.
  if (req.httpVersionMajor !== 1 && !('stream' in req)) {
    return req.httpVersionMajor === 0 ? NO_VERSION : UNSUPPORTED_VERSION;
  }
  const raw = req.rawHeaders;
  if (raw.length > maxHeaderCount * 2) {
    return new ServerAnswer(431, `more than ${maxHeaderCount} header fields`);
  }
  let host: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.length !== 4 || name.toLowerCase() !== 'host') continue;
    if (host !== undefined) return MORE_THAN_ONE_HOST;
    host = raw[i + 1]!;
  }
  if (host === undefined) {
    if (req.httpVersionMajor === 1 && req.httpVersionMinor >= 1) return NO_HOST;
  } else if (!isValidHost(host)) {
    return INVALID_HOST;
  }
  const coding = req.headers['transfer-encoding'];
  if (coding !== undefined && coding.toLowerCase() !== 'chunked') return UNKNOWN_CODING;
  const target = req.url ?? '';
  return target.charCodeAt(0) === SLASH ? target : otherForm(req.method, target, host);
}

/** The rare targets that are not origin-form (RFC 9112 3.2.2 to 3.2.4). */
function otherForm(
  method: string | undefined,
  target: string,
  host: string | undefined,
): string | ServerAnswer {
  if (target === '*') return method === 'OPTIONS' ? OPTIONS_ASTERISK : BAD_TARGET;
  const absolute = ABSOLUTE_FORM.exec(target);
  if (absolute === null) return BAD_TARGET;
  const authority = absolute[1]!;
  if (!isValidHost(authority)) return BAD_TARGET;
  // A proxy sends the target's authority as Host too; one that differs would let the app read another.
  if (host !== undefined && !sameAuthority(host, authority, target)) return HOST_NOT_TARGET;
  const rest = absolute[2]!;
  return rest === '' || rest.charCodeAt(0) !== SLASH ? `/${rest}` : rest;
}

function sameAuthority(host: string, authority: string, target: string): boolean {
  const defaultPort = target.charCodeAt(4) === 58 /* ':' */ ? ':80' : ':443';
  const normal = (text: string) => {
    const lower = text.toLowerCase();
    if (lower.endsWith(defaultPort)) return lower.slice(0, -defaultPort.length);
    return lower.endsWith(':') ? lower.slice(0, -1) : lower;
  };
  return normal(host) === normal(authority);
}
