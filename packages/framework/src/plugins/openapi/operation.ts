import type { ZodType } from 'zod';
import type { Endpoint } from '../../endpoint.js';
import { statusPhrase } from '../../http/status.js';
import type { JsonSchema, OperationObject, ParameterObject, ResponseObject } from './document-types.js';
import { ERROR_RESPONSE, VALIDATION_FAILED_RESPONSE } from './error-components.js';
import type { SchemaComponents } from './schema-components.js';

// OpenAPI ignores these as header parameters: they are described by the request body and security.
const IMPLIED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

/**
 * The OpenAPI operation of `endpoint` at one of its paths (whose params are `pathParams`): its
 * parameters from the `params`, `query` and `headers` schemas, its JSON request body, its success
 * response from `response` and `status`, and the error answers the framework gives it (422 for a
 * query/headers/body that does not fit, 404 for params that do not, 400/413/415 for a bad body, and the
 * error shape for any other).
 *
 * @example
 * ```ts
 * const operation = operationOf(endpoint, ['id'], 'get_item', components);
 * ```
 */
export function operationOf(
  endpoint: Endpoint,
  pathParams: readonly string[],
  operationId: string,
  components: SchemaComponents,
): OperationObject {
  const schemas = endpoint.schemas;
  const operation: Omit<OperationObject, 'responses'> = { operationId };
  if (endpoint.blueprint !== '') operation.tags = [endpoint.blueprint];
  const parameters = [
    ...pathParameters(pathParams, schemas?.params, components),
    ...fieldParameters('query', schemas?.query, components),
    ...fieldParameters('header', schemas?.headers, components).filter(
      (parameter) => !IMPLIED_HEADERS.has(parameter.name.toLowerCase()),
    ),
  ];
  if (parameters.length > 0) operation.parameters = parameters;
  if (schemas?.body) {
    const schema = components.convert(schemas.body, 'input');
    operation.requestBody = { required: true, content: { 'application/json': { schema } } };
  }
  const status = endpoint.output?.json.status ?? 200;
  const responses: OperationObject['responses'] = {
    [status]: successResponse(status, endpoint.response, components),
  };
  if (schemas?.body) {
    responses['400'] = ERROR_RESPONSE;
    responses['413'] = ERROR_RESPONSE;
    responses['415'] = ERROR_RESPONSE;
  }
  if (schemas?.params) responses['404'] = ERROR_RESPONSE;
  if (schemas?.query || schemas?.headers || schemas?.body) responses['422'] = VALIDATION_FAILED_RESPONSE;
  responses.default = ERROR_RESPONSE;
  return { ...operation, responses };
}

function successResponse(
  status: number,
  schema: ZodType | undefined,
  components: SchemaComponents,
): ResponseObject {
  const description = statusPhrase(status);
  if (schema === undefined) return { description };
  return { description, content: { 'application/json': { schema: components.convert(schema, 'output') } } };
}

/** The path's params, typed by the `params` schema's fields where it has them, else as strings. */
function pathParameters(
  names: readonly string[],
  schema: ZodType | undefined,
  components: SchemaComponents,
): ParameterObject[] {
  const properties = schema === undefined ? {} : propertiesOf(components.convert(schema, 'input'));
  return names.map((name) => ({
    name,
    in: 'path',
    required: true,
    schema: properties[name] ?? { type: 'string' },
  }));
}

/**
 * One parameter per field of an object schema for the query or headers. A schema that is not an object
 * (a record, a union) names no fields, so it gives none.
 */
function fieldParameters(
  where: 'query' | 'header',
  schema: ZodType | undefined,
  components: SchemaComponents,
): ParameterObject[] {
  if (schema === undefined) return [];
  const json = components.convert(schema, 'input');
  const required = new Set(Array.isArray(json.required) ? (json.required as string[]) : []);
  return Object.entries(propertiesOf(json)).map(([name, field]) => {
    const parameter: ParameterObject = { name, in: where, required: required.has(name), schema: field };
    if (typeof field.description === 'string') parameter.description = field.description;
    return parameter;
  });
}

function propertiesOf(json: JsonSchema): Record<string, JsonSchema> {
  const properties = json.properties;
  return typeof properties === 'object' && properties !== null
    ? (properties as Record<string, JsonSchema>)
    : {};
}
