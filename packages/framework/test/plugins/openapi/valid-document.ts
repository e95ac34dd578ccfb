// Checks a served document with @seriousme/openapi-schema-validator: the OpenAPI Initiative's own 3.1
// JSON Schema (with its schema dialect), so a document it accepts is one any 3.1 tool reads.
import { Validator } from '@seriousme/openapi-schema-validator';
import { expect } from 'vitest';

/**
 * Asserts `document` is a valid OpenAPI 3.1 document whose every `$ref` resolves.
 *
 * @example
 * ```ts
 * await expectValidOpenAPI(await (await client.get('/openapi.json')).json());
 * ```
 */
export async function expectValidOpenAPI(document: unknown): Promise<void> {
  const validator = new Validator();
  const result = await validator.validate(document as Record<string, unknown>);
  expect(result.errors ?? []).toEqual([]);
  expect(result.valid).toBe(true);
  expect(validator.version).toBe('3.1');
  // Resolving throws on a `$ref` that points nowhere (a `#/$defs/...` left in a schema, say).
  expect(() => validator.resolveRefs()).not.toThrow();
}
