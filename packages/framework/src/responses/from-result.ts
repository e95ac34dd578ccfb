import type { ZodType } from 'zod';
import type { ResponseInit } from '../response.js';
import { NOT_JSON, Response } from '../response.js';
import { JSON_CONTENT_TYPE } from './json.js';
import type { SchemaSerializer } from './schema-serializer.js';
import { compileSerializer } from './schema-serializer.js';
import { HTML_CONTENT_TYPE } from './text.js';
import { fromWebResponse, isWebResponse } from './web-response.js';

/**
 * How a route answers the plain values its handler returns: with which status, and through which
 * serializer (the route's `response` schema). Worked out once, when the route is declared.
 */
export interface RouteOutput {
  readonly html: ResponseInit;
  readonly json: ResponseInit;
  readonly bytes: ResponseInit;
  /** Writes every non-`Response` value as JSON, when the route has a `response` schema. */
  readonly serialize: SchemaSerializer | undefined;
}

const DEFAULT_OUTPUT: RouteOutput = outputWith(200, undefined);

function outputWith(status: number, serialize: SchemaSerializer | undefined): RouteOutput {
  return {
    html: { status, contentType: HTML_CONTENT_TYPE },
    json: { status, contentType: JSON_CONTENT_TYPE },
    bytes: { status },
    serialize,
  };
}

/**
 * A route's {@link RouteOutput} from its `response` schema and `status`, or `undefined` when it has
 * neither (plain values answer 200, as {@link toResponse} does by default).
 *
 * @example
 * ```ts
 * routeOutput({ response: z.object({ id: z.number() }), status: 201 })?.json; // { status: 201, ... }
 * ```
 */
export function routeOutput(options: { response?: ZodType; status?: number }): RouteOutput | undefined {
  const { response, status } = options;
  if (response === undefined && status === undefined) return undefined;
  if (status !== undefined && (!Number.isInteger(status) || status < 200 || status > 599)) {
    throw new RangeError(`route status must be an integer from 200 to 599, got ${status}`);
  }
  return outputWith(status ?? 200, response === undefined ? undefined : compileSerializer(response));
}

/**
 * The response for what a handler, hook or error handler returned: a `Response` as is (a Fetch one
 * converted, its body streamed), a string as HTML,
 * bytes as `application/octet-stream`, anything else as JSON. `undefined` is a mistake (a handler that
 * forgot to return) and throws a `TypeError` naming `source`. A route's `output` sets the status of
 * plain values and, with a `response` schema, writes them all as JSON through it.
 *
 * @example
 * ```ts
 * toResponse({ ok: true }, 'handler "health"'); // 200 application/json {"ok":true}
 * ```
 */
export function toResponse(result: unknown, source: string, output: RouteOutput = DEFAULT_OUTPUT): Response {
  if (result instanceof Response) return throughSchema(result, output.serialize);
  if (isWebResponse(result)) return fromWebResponse(result);
  if (output.serialize !== undefined) return new Response(output.serialize(result), output.json);
  if (typeof result === 'string') return new Response(result, output.html);
  if (result instanceof Uint8Array) return new Response(result, output.bytes);
  if (result === undefined) {
    throw new TypeError(`${source} returned undefined; return a string, an object, or a Response`);
  }
  const body = JSON.stringify(result);
  if (body === undefined) throw new TypeError(`${source} returned a ${typeof result}, which is not JSON`);
  return new Response(body, output.json);
}

/**
 * `response` with a `json()` value of a 2xx status rewritten through the route's schema: the status and
 * headers (a `Location`) stay, the body keeps only the schema's fields. Other responses (errors, text,
 * streams, a Fetch `Response`) go out as built.
 */
function throughSchema(response: Response, serialize: SchemaSerializer | undefined): Response {
  if (serialize === undefined || response.jsonValue === NOT_JSON) return response;
  if (response.status < 200 || response.status > 299) return response;
  response.body = serialize(response.jsonValue);
  return response;
}
