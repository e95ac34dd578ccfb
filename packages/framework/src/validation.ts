import type { ZodType } from 'zod';
import { core } from 'zod';
import { HTTPException } from './errors.js';
import { isJsonMediaType } from './http/media-type.js';
import type { Request } from './request.js';
import type { RouteSchema } from './route-schema.js';

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
 * needs a JSON or form content type (else 415); malformed JSON is a 400.
 *
 * @example
 * ```ts
 * const input = await validateRequest(compiled, c.request, match.params);
 * ```
 */
export async function validateRequest(
  schemas: CompiledSchemas,
  request: Request,
  params: Readonly<Record<string, string | undefined>>,
): Promise<ValidatedInput> {
  // Awaits only what is asynchronous (the body, an async schema): each await on a plain value would
  // still cost a microtask hop, on every validated request.
  const input: ValidatedInput = {};
  if (schemas.params) {
    const parsed = safeParse(schemas.params, params);
    const result = parsed instanceof Promise ? await parsed : parsed;
    if (!result.success) throw new HTTPException(404);
    input.params = result.data;
  }
  const issues: ValidationIssue[] = [];
  if (schemas.query) {
    const checked = check(
      schemas.query,
      entriesToObject(request.query, schemas.arrayFields),
      'query',
      issues,
    );
    input.query = checked instanceof Promise ? await checked : checked;
  }
  if (schemas.headers) {
    const checked = check(schemas.headers, request.headers.toJSON(), 'headers', issues);
    input.headers = checked instanceof Promise ? await checked : checked;
  }
  if (schemas.body) {
    const checked = check(schemas.body, await readBody(request, schemas), 'body', issues);
    input.body = checked instanceof Promise ? await checked : checked;
  }
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

/**
 * Multi-valued entries as an object: one value → the value, repeated (or an array field) → an array.
 *
 * @example
 * ```ts
 * entriesToObject(new URLSearchParams('a=1&b=2&b=3'), new Set()); // { a: '1', b: ['2', '3'] }
 * ```
 */
export function entriesToObject<V>(
  entries: { forEach(fn: (value: V, key: string) => void): void },
  arrayFields: ReadonlySet<string>,
): Record<string, V | V[]> {
  // No prototype: the keys are the client's, so `?toString=x` must not find an inherited function and
  // `?__proto__=x` must be an ordinary key, not a write to the object's prototype.
  const out: Record<string, V | V[]> = Object.create(null);
  entries.forEach((value, key) => {
    const existing = out[key];
    if (existing === undefined) out[key] = arrayFields.has(key) ? [value] : value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[key] = [existing, value];
  });
  return out;
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
