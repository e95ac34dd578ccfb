import type { RequestBody } from '@flagon/gateway/core';
import type { EncodedBody } from './request-init.js';

/** The request a test sent, as far as following a redirect changes it. */
export interface FollowedRequest {
  /** Uppercase. */
  readonly method: string;
  /** The test's own headers for the request (not the client's defaults). */
  readonly headers: [string, string][];
  readonly body: EncodedBody;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// Fetch's request-body-header names, plus the framing a test may have set by hand: they describe a
// body, so they go with it.
const BODY_HEADERS = new Set([
  'content-type',
  'content-encoding',
  'content-language',
  'content-location',
  'content-length',
  'transfer-encoding',
]);
const NO_BODY: EncodedBody = { body: undefined, contentType: undefined };

/**
 * True for the statuses a client follows with the `Location` header.
 *
 * @example
 * ```ts
 * isRedirectStatus(307); // true
 * isRedirectStatus(300); // false: a choice for the user, not a redirect to follow
 * ```
 */
export function isRedirectStatus(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

/**
 * The request to send to `location` after a `status` redirect, as browsers make it: `303` turns
 * anything but `HEAD` into a `GET` without a body (and without the headers describing it), `301`/`302`
 * do so to a `POST`, every other case keeps the method and the body. A body kept is sent again, so a
 * one-shot one (an iterator, an async iterable or a stream, read by the first request) makes this throw
 * a `TypeError`, as Fetch refuses to follow then, rather than be sent again empty.
 *
 * @example
 * ```ts
 * const post = { method: 'POST', headers: [], body: { body: 'a=1', contentType: 'text/plain' } };
 * requestAfterRedirect(303, post, new URL('http://testserver/done')).method; // 'GET', no body
 * requestAfterRedirect(307, post, new URL('http://testserver/again')).body.body; // 'a=1'
 * ```
 */
export function requestAfterRedirect(
  status: number,
  request: FollowedRequest,
  location: URL,
): FollowedRequest {
  const { method, headers, body } = request;
  if (status === 303 || (status <= 302 && method === 'POST')) {
    const next = method === 'HEAD' ? 'HEAD' : 'GET';
    return { method: next, headers: headers.filter(([name]) => !BODY_HEADERS.has(name)), body: NO_BODY };
  }
  if (!canSendAgain(body.body)) {
    throw new TypeError(
      `test client: cannot follow the ${status} redirect to ${location.href}: it needs the request body ` +
        'again, which was a one-shot stream; pass the body whole (a string or bytes) or as an array of ' +
        'chunks, or follow the redirect yourself',
    );
  }
  return request;
}

/** True for a body that can be sent twice: whole, or an array of chunks (each send iterates it afresh). */
function canSendAgain(body: RequestBody | undefined): boolean {
  return body === undefined || typeof body === 'string' || body instanceof Uint8Array || Array.isArray(body);
}
