import type { QueryInit, RequestBody } from '@flagon/gateway/core';
import type { HeadersInit } from '../http/response-headers.js';

/** A single query or form value; numbers and booleans are written with `String()`. */
export type TestParamValue = string | number | boolean;

/** Parameters as a record: an array repeats the key, `undefined` leaves it out. */
export type TestParams = Readonly<Record<string, TestParamValue | readonly TestParamValue[] | undefined>>;

/** What a test request may carry besides its method and path. At most one of `json`, `form`, `body`. */
export interface TestRequestInit {
  /** Query parameters, appended after any query string already in the path (a string is taken as encoded). */
  query?: QueryInit | TestParams;
  /** Request headers: a record (an array repeats the header) or a `[name, value]` list. */
  headers?: HeadersInit;
  /** Sent as JSON, with `content-type: application/json`. */
  json?: unknown;
  /**
   * A form: a record or `URLSearchParams` is sent URL-encoded, a `FormData` (which may hold files) as
   * `multipart/form-data`.
   */
  form?: TestParams | URLSearchParams | FormData;
  /**
   * A raw body, sent as is (set `content-type` yourself): whole, or in chunks from an (async) iterable or
   * stream. A followed `307`/`308` sends it again, which a one-shot source (a generator, an async
   * iterable, a stream) cannot do: the request then rejects, as `fetch` does; an array of chunks can.
   */
  body?: RequestBody;
  /** Follow redirects for this request (overrides the client's `follow` option). */
  follow?: boolean;
}

/** A test request's body with the content type it implies, if any. */
export interface EncodedBody {
  readonly body: RequestBody | undefined;
  readonly contentType: string | undefined;
}

/**
 * Encodes the body of `init` (`json`, `form` or `body`); throws a `TypeError` when it has more than one.
 *
 * @example
 * ```ts
 * await encodeBody({ form: { q: 'a b', tag: ['x', 'y'] } });
 * // { body: 'q=a+b&tag=x&tag=y', contentType: 'application/x-www-form-urlencoded' }
 * ```
 */
export async function encodeBody(init: TestRequestInit): Promise<EncodedBody> {
  const given = (['json', 'form', 'body'] as const).filter((key) => init[key] !== undefined);
  if (given.length > 1) {
    throw new TypeError(`a test request takes one of json, form or body, not ${given.join(' and ')}`);
  }
  if (init.json !== undefined) return { body: JSON.stringify(init.json), contentType: 'application/json' };
  if (init.form instanceof FormData) {
    // The Fetch Request encodes multipart (boundary, file parts) exactly as a browser would.
    const request = new Request('http://form.invalid/', { method: 'POST', body: init.form });
    return {
      body: new Uint8Array(await request.arrayBuffer()),
      contentType: request.headers.get('content-type') ?? undefined,
    };
  }
  if (init.form !== undefined) {
    return { body: toSearchParams(init.form).toString(), contentType: 'application/x-www-form-urlencoded' };
  }
  return { body: init.body, contentType: undefined };
}

/**
 * Query parameters in a shape the memory transport takes: records get their values written as strings.
 *
 * @example
 * ```ts
 * toQuery({ limit: 5, tag: ['a', 'b'], skip: undefined }); // URLSearchParams 'limit=5&tag=a&tag=b'
 * ```
 */
export function toQuery(query: QueryInit | TestParams | undefined): string | URLSearchParams | undefined {
  return query === undefined || typeof query === 'string' ? query : toSearchParams(query);
}

function toSearchParams(params: URLSearchParams | TestParams): URLSearchParams {
  if (params instanceof URLSearchParams) return params;
  const result = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    const values: readonly TestParamValue[] = Array.isArray(value) ? value : [value as TestParamValue];
    for (const one of values) result.append(key, String(one));
  }
  return result;
}
