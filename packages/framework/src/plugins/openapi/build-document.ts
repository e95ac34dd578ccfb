import type { Endpoint } from '../../endpoint.js';
import type { OpenAPIDocument, OpenAPIInfo, OpenAPIServer, OperationObject } from './document-types.js';
import { errorComponents } from './error-components.js';
import { openAPIPaths } from './openapi-paths.js';
import { operationOf } from './operation.js';
import { SchemaComponents } from './schema-components.js';

// The methods an OpenAPI 3.1 path item can hold; a route's other methods (WebDAV's...) are left out.
const OPENAPI_METHODS = new Set(['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE']);

/** What the document says about the API besides its routes. */
export interface DocumentHeader {
  readonly info: OpenAPIInfo;
  readonly servers: readonly OpenAPIServer[] | undefined;
}

/**
 * The OpenAPI 3.1 document of `endpoints` (in the order they were added): one operation per route,
 * path and method (HEAD only for a route that declares it without GET, as GET answers HEAD anyway), the
 * operationId the endpoint's name (with the method when a route has several, and a number if still
 * taken), the route's blueprint its tag.
 *
 * @example
 * ```ts
 * const document = buildDocument(app.router.entries().map((entry) => entry.value), { info, servers: undefined });
 * ```
 */
export function buildDocument(endpoints: readonly Endpoint[], header: DocumentHeader): OpenAPIDocument {
  const errors = errorComponents();
  const components = new SchemaComponents(errors.schemas);
  // Responses first: a component shared by a response and a request keeps its id in the form the API
  // answers with (the stricter one), the request's form being `<id>_input`.
  for (const endpoint of endpoints) {
    if (endpoint.response !== undefined) components.convert(endpoint.response, 'output');
  }
  const paths: OpenAPIDocument['paths'] = {};
  const takenIds = new Set<string>();
  const tags: string[] = [];
  for (const endpoint of endpoints) {
    const methods = documentedMethods(endpoint.methods);
    if (endpoint.blueprint !== '' && !tags.includes(endpoint.blueprint)) tags.push(endpoint.blueprint);
    for (const { path, params } of openAPIPaths(endpoint.path)) {
      const item: Record<string, OperationObject> = paths[path] ?? {};
      paths[path] = item;
      for (const method of methods) {
        const key = method.toLowerCase();
        // Two routes on one path and method: the router serves the first, so the document shows it.
        if (item[key] !== undefined) continue;
        const base = methods.length > 1 ? `${endpoint.name}_${key}` : endpoint.name;
        item[key] = operationOf(endpoint, params, freeId(base, takenIds), components);
      }
    }
  }
  const document: OpenAPIDocument = {
    openapi: '3.1.0',
    info: header.info,
    paths,
    components: { schemas: components.schemas, responses: errors.responses },
  };
  if (header.servers !== undefined) document.servers = [...header.servers];
  if (tags.length > 0) document.tags = tags.map((name) => ({ name }));
  return document;
}

function documentedMethods(methods: readonly string[]): string[] {
  const documented = methods.filter((method) => OPENAPI_METHODS.has(method));
  return documented.includes('GET') ? documented.filter((method) => method !== 'HEAD') : documented;
}

function freeId(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
  taken.add(id);
  return id;
}
