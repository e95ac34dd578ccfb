// The items API's OpenAPI document: valid OpenAPI 3.1 by the OpenAPI Initiative's schema
// (@seriousme/openapi-schema-validator), and true to the API: what the app answers fits what it says.
import { createTestClient } from '@flagon/framework/testing';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApp } from '../app.js';

type Operation = {
  operationId: string;
  parameters?: { name: string; in: string; required: boolean }[];
  requestBody?: { content: Record<string, { schema: object }> };
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
};
type Document = { paths: Record<string, Record<string, Operation>> };

/** The app's document with every `$ref` resolved, after checking it validates. */
async function validatedDocument(client: ReturnType<typeof createTestClient>): Promise<Document> {
  const reply = await client.get('/openapi.json');
  expect(reply.status).toBe(200);
  const validator = new Validator();
  const result = await validator.validate((await reply.json()) as Record<string, unknown>);
  expect(result.errors ?? []).toEqual([]);
  expect(result.valid).toBe(true);
  return validator.resolveRefs() as Document;
}

/** The zod schema of an operation's JSON answer for `status`, rebuilt from the document. */
function answerSchema(operation: Operation | undefined, status: string): z.ZodType {
  const schema = operation?.responses[status]?.content?.['application/json']?.schema;
  expect(schema, `${operation?.operationId} ${status}`).toBeDefined();
  return z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
}

describe('examples/json-api: the OpenAPI document', () => {
  it('validates as OpenAPI 3.1 and lists each route by its endpoint name', async () => {
    const document = await validatedDocument(createTestClient(createApp()));
    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(
        ([method, operation]) => `${method.toUpperCase()} ${path} ${operation.operationId}`,
      ),
    );
    expect(operations).toEqual([
      'GET /items list_items',
      'POST /items create_item',
      'GET /items/{id} get_item',
      'PUT /items/{id} replace_item',
      'DELETE /items/{id} delete_item',
    ]);
    expect(document.paths['/items']?.get?.parameters).toEqual([
      expect.objectContaining({ name: 'limit', in: 'query', required: false }),
    ]);
    expect(Object.keys(document.paths['/items/{id}']?.delete?.responses ?? {})).toEqual(['204', 'default']);
  });

  it("says what the API answers: items, a 201 on create, and the 422's shape", async () => {
    const client = createTestClient(createApp());
    const document = await validatedDocument(client);
    const created = await client.post('/items', { json: { name: 'cup', price: 3 } });
    expect(created.status).toBe(201);
    const create = document.paths['/items']?.post;
    expect(answerSchema(create, '201').safeParse(await created.json()).success).toBe(true);
    const list = await client.get('/items');
    expect(answerSchema(document.paths['/items']?.get, '200').safeParse(await list.json()).success).toBe(
      true,
    );
    const invalid = await client.post('/items', { json: { name: '', price: -1 } });
    expect(invalid.status).toBe(422);
    const problem = await invalid.json();
    expect(answerSchema(create, '422').safeParse(problem).success).toBe(true);
    // And the rebuilt schemas are not so loose that anything fits.
    expect(answerSchema(create, '201').safeParse(problem).success).toBe(false);
    const missing = await client.get('/items/404');
    expect(missing.status).toBe(404);
    expect(
      answerSchema(document.paths['/items/{id}']?.get, 'default').safeParse(await missing.json()).success,
    ).toBe(true);
  });
});
