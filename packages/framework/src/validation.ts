import type { ZodType } from 'zod';
import { core } from 'zod';
import { HTTPException } from './errors.js';
import { isJsonMediaType } from './http/media-type.js';
import { entriesToObject, queryObject } from './query-object.js';
import type { Request } from './request.js';
import type { RouteSchema } from './route-schema.js';

export { entriesToObject } from './query-object.js';

/** The zod schemas a route may declare; each validated part replaces its raw view on the context. */
export interface RouteSchemas {
  /** Path parameters (strings from the URL). A mismatch is a 404: the URL names no resource. */
  params?: RouteSchema;
  /** The query as an object: one value → string, repeated → string[] (always an array for array fields). */
  query?: RouteSchema;
  /** The headers as an object with lowercase names (repeated ones joined with `, `). */
  headers?: RouteSchema;
  /** The JSON (`application/json`, `+json`) or form (url-encoded, multipart) body. */
  body?: RouteSchema;
}

/** One validation problem as sent in a 422: `path` starts with the part (`query`, `headers`, `body`). */
export interface ValidationIssue {
  readonly path: (string | number)[];
  readonly message: string;
}

/** A route's schemas, with what is worked out once at registration. */
export interface CompiledSchemas {
  readonly params: ZodType | undefined;
  readonly query: ZodType | undefined;
  readonly headers: ZodType | undefined;
  readonly body: ZodType | undefined;
  /** Query and body fields declared as arrays: collected as arrays even when sent once. */
  readonly arrayFields: ReadonlySet<string>;
}

/** The validated parts of a request; only the parts with a schema are set. */
export interface ValidatedInput {
  params?: unknown;
  query?: unknown;
  headers?: unknown;
  body?: unknown;
}

/**
 * The route's schemas ready for requests, or `undefined` when it declares none (the common, fast case).
 *
 * @example
 * ```ts
 * const compiled = compileSchemas({ query: z.object({ tag: z.array(z.string()) }) });
 * compiled?.arrayFields; // Set { 'tag' }
 * ```
 */
export function compileSchemas(schemas: RouteSchemas): CompiledSchemas | undefined {
  const { params, query, headers, body } = schemas as Record<keyof RouteSchemas, ZodType | undefined>;
  if (!params && !query && !headers && !body) return undefined;
  // The types only ask for zod's `_zod` (see RouteSchema): say at once when something else came through.
  for (const [part, schema] of Object.entries({ params, query, headers, body })) {
    if (schema !== undefined && typeof schema.safeParse !== 'function')
      throw new TypeError(`the route's ${part} option must be a zod schema (it has no safeParse)`);
  }
  const arrayFields = new Set([...arrayFieldsOf(query), ...arrayFieldsOf(body)]);
  return { params, query, headers, body, arrayFields };
}

/**
 * Runs the route's schemas against a request: params first (a mismatch throws a 404 `HTTPException`), then
 * query, headers and body, whose issues are gathered into one 422 `HTTPException`
 * `{"error":"Validation failed","issues":[{"path":["body","name"],"message":"..."}]}`. A body schema
 * needs a JSON or form content type (else 415); malformed JSON is a 400. Synchronous (the value itself,
 * or a throw) unless a body is read or a schema is async: a promise there would cost its microtasks on
 * every validated request.
 *
 * @example
 * ```ts
 * const input = await validateRequest(compiled, c.request, match.params);
 * ```
 */
export function validateRequest(
  schemas: CompiledSchemas,
  request: Request,
  params: Readonly<Record<string, string | undefined>>,
): ValidatedInput | Promise<ValidatedInput> {
  const input: ValidatedInput = {};
  if (schemas.params) {
    const parsed = safeParse(schemas.params, params);
    if (parsed instanceof Promise) {
      return parsed.then((result) => validateParts(schemas, request, paramsOutcome(result, input)));
    }
    paramsOutcome(parsed, input);
  }
  return validateParts(schemas, request, input);
}

function paramsOutcome(result: ReturnType<ZodType['safeParse']>, input: ValidatedInput): ValidatedInput {
  if (!result.success) throw new HTTPException(404);
  input.params = result.data;
  return input;
}

/**
 * Query, headers and body into `input`, in that order, their issues gathered; synchronous unless there
 * is a body to read or a schema turns out to be async, from which point on the rest is awaited in order.
 */
function validateParts(
  schemas: CompiledSchemas,
  request: Request,
  input: ValidatedInput,
): ValidatedInput | Promise<ValidatedInput> {
  const issues: ValidationIssue[] = [];
  if (schemas.query) {
    // Read from the scope's query string: `request.query` would build a URLSearchParams to copy from.
    const query = queryObject(request.scope.queryString, schemas.arrayFields);
    const checked = check(schemas.query, query, 'query', issues);
    if (checked instanceof Promise) return validateRest(schemas, request, input, issues, 'query', checked);
    input.query = checked;
  }
  if (schemas.headers) {
    const checked = check(schemas.headers, request.headers.toJSON(), 'headers', issues);
    if (checked instanceof Promise) return validateRest(schemas, request, input, issues, 'headers', checked);
    input.headers = checked;
  }
  if (schemas.body) return validateRest(schemas, request, input, issues, undefined, undefined);
  return finish(input, issues);
}

/** The rest of `validateParts` once something is async: `pending` is the check of `part` under way. */
async function validateRest(
  schemas: CompiledSchemas,
  request: Request,
  input: ValidatedInput,
  issues: ValidationIssue[],
  part: 'query' | 'headers' | undefined,
  pending: Promise<unknown> | undefined,
): Promise<ValidatedInput> {
  if (part !== undefined) input[part] = await pending;
  if (part === 'query' && schemas.headers) {
    const checked = check(schemas.headers, request.headers.toJSON(), 'headers', issues);
    input.headers = checked instanceof Promise ? await checked : checked;
  }
  if (schemas.body) {
    const checked = check(schemas.body, await readBody(request, schemas), 'body', issues);
    input.body = checked instanceof Promise ? await checked : checked;
  }
  return finish(input, issues);
}

function finish(input: ValidatedInput, issues: readonly ValidationIssue[]): ValidatedInput {
  if (issues.length > 0) throw new HTTPException(422, 'Validation failed', { details: { issues } });
  return input;
}

/** The schema's output, or `undefined` with its issues (paths prefixed with `part`) added to `issues`. */
function check(
  schema: ZodType,
  value: unknown,
  part: string,
  issues: ValidationIssue[],
): unknown | Promise<unknown> {
  const parsed = safeParse(schema, value);
  if (parsed instanceof Promise) return parsed.then((result) => outcome(result, part, issues));
  return outcome(parsed, part, issues);
}

function outcome(result: ReturnType<ZodType['safeParse']>, part: string, issues: ValidationIssue[]): unknown {
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    issues.push({
      path: [part, ...issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key))],
      message: issue.message,
    });
  }
  return undefined;
}

// Schemas found to need an async parse (an async refinement or transform): parsed async from then on.
const asyncSchemas = new WeakSet<ZodType>();

// A sync parse costs far less than an async one; zod throws `$ZodAsyncError` when a schema needs the latter.
function safeParse(
  schema: ZodType,
  value: unknown,
): ReturnType<ZodType['safeParse']> | ReturnType<ZodType['safeParseAsync']> {
  if (!asyncSchemas.has(schema)) {
    try {
      return schema.safeParse(value);
    } catch (error) {
      if (!(error instanceof core.$ZodAsyncError)) throw error;
      asyncSchemas.add(schema);
    }
  }
  return schema.safeParseAsync(value);
}

function readBody(request: Request, schemas: CompiledSchemas): Promise<unknown> {
  const type = request.mediaType;
  if (isJsonMediaType(type)) return request.json();
  if (type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data') {
    return request.form().then((form) => entriesToObject(form, schemas.arrayFields));
  }
  throw new HTTPException(
    415,
    `Unsupported Media Type: expected application/json or a form, got ${type || 'none'}`,
  );
}

interface SchemaDef {
  readonly type?: string;
  readonly shape?: Readonly<Record<string, { readonly def?: SchemaDef }>>;
  readonly innerType?: { readonly def?: SchemaDef };
  readonly in?: { readonly def?: SchemaDef };
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

/**
 * The fields of an object schema whose (unwrapped) type is an array, read from zod's public `def`.
 *
 * @example
 * ```ts
 * arrayFieldsOf(z.object({ tag: z.array(z.string()).optional() })); // ['tag']
 * ```
 */
export function arrayFieldsOf(schema: ZodType | undefined): string[] {
  const def = (schema as { def?: SchemaDef } | undefined)?.def;
  if (def?.type !== 'object' || !def.shape) return [];
  return Object.entries(def.shape)
    .filter(([, field]) => unwrap(field.def)?.type === 'array')
    .map(([key]) => key);
}

function unwrap(def: SchemaDef | undefined): SchemaDef | undefined {
  let current = def;
  for (let depth = 0; current && depth < 10; depth++) {
    if (current.type === 'pipe') current = current.in?.def;
    else if (current.type && WRAPPERS.has(current.type)) current = current.innerType?.def;
    else return current;
  }
  return current;
}
