// The parts of an OpenAPI 3.1 document the plugin writes: enough structure to build it checked, not a
// full model of the specification.

/** A JSON Schema (2020-12, as OpenAPI 3.1 uses), as `z.toJSONSchema` writes it. */
export type JsonSchema = Record<string, unknown>;

/** The document's `info`: its title and version are required by OpenAPI. */
export interface OpenAPIInfo {
  title: string;
  version: string;
  summary?: string;
  description?: string;
  termsOfService?: string;
  contact?: { name?: string; url?: string; email?: string };
  license?: { name: string; identifier?: string; url?: string };
}

/** One entry of `servers`: where the API is served (a URL, relative to the document's or absolute). */
export interface OpenAPIServer {
  url: string;
  description?: string;
}

/** A parameter in the path, the query or a header. */
export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: JsonSchema;
  description?: string;
}

/** A response of an operation, or a reference to one of `components.responses`. */
export type ResponseObject =
  | { description: string; content?: Record<string, { schema: JsonSchema }> }
  | { $ref: string };

/** One method of one path. */
export interface OperationObject {
  operationId: string;
  tags?: string[];
  parameters?: ParameterObject[];
  requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, ResponseObject>;
}

/** The document `openapi()` serves. */
export interface OpenAPIDocument {
  openapi: '3.1.0';
  info: OpenAPIInfo;
  servers?: OpenAPIServer[];
  tags?: { name: string }[];
  paths: Record<string, Record<string, OperationObject>>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, ResponseObject>;
  };
}
