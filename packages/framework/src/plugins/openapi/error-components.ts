import type { JsonSchema, ResponseObject } from './document-types.js';

/** The body of every error answer: `{"error": message}`, with the fields of the exception's `details`. */
const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'An error answer: the message, plus any details the error carries.',
  properties: { error: { type: 'string' } },
  required: ['error'],
};

/** The body of a 422: where each problem is (its first key is `query`, `headers` or `body`) and what it is. */
const VALIDATION_ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  description: "The request did not fit the route's schemas: every problem found, with where it is.",
  properties: {
    error: { type: 'string', const: 'Validation failed' },
    issues: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          path: { type: 'array', items: { type: ['string', 'integer'] } },
          message: { type: 'string' },
        },
        required: ['path', 'message'],
      },
    },
  },
  required: ['error', 'issues'],
};

/** Names of the error components, referenced from each operation's responses. */
export const ERROR_RESPONSE = { $ref: '#/components/responses/Error' } as const;
export const VALIDATION_FAILED_RESPONSE = { $ref: '#/components/responses/ValidationFailed' } as const;

/**
 * The `components` every document has: the error body's schema and the 422's, and the responses
 * operations point at.
 *
 * @example
 * ```ts
 * const { schemas, responses } = errorComponents();
 * ```
 */
export function errorComponents(): {
  schemas: Record<string, JsonSchema>;
  responses: Record<string, ResponseObject>;
} {
  return {
    schemas: { Error: ERROR_SCHEMA, ValidationError: VALIDATION_ERROR_SCHEMA },
    responses: {
      Error: {
        description: 'An error, as JSON (a browser asking for HTML gets a small page instead).',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
      ValidationFailed: {
        description: "Validation failed: the query, headers or body did not fit the route's schemas.",
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ValidationError' } } },
      },
    },
  };
}
