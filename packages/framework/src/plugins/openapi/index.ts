// `@flagon/framework/openapi`: the OpenAPI 3.1 document of an app's routes, and a page to try the API.
export type {
  JsonSchema,
  OpenAPIDocument,
  OpenAPIInfo,
  OpenAPIServer,
  OperationObject,
  ParameterObject,
  ResponseObject,
} from './document-types.js';
export type { OpenAPIOptions } from './openapi-plugin.js';
export { openapi } from './openapi-plugin.js';
