// The OpenAPI document through the public API: what a client reading /openapi.json sees, in memory and
// over a real socket, and that it is a valid OpenAPI 3.1 document.
import { Blueprint, Flagon } from '@flagon/framework';
import type { OpenAPIDocument } from '@flagon/framework/openapi';
import { openapi } from '@flagon/framework/openapi';
import { createTestClient } from '@flagon/framework/testing';
import { toNodeHandler } from '@flagon/gateway';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { expectValidOpenAPI } from './valid-document.js';

const Tag = z.object({ label: z.string() }).meta({ id: 'Tag' });
const Pet = z.object({ id: z.number().int(), name: z.string(), tags: z.array(Tag) });
const NewPet = z.object({ name: z.string().min(1), tags: z.array(Tag).default([]) });

/** An app with one route of each kind the document describes. */
function petsApp(options: Parameters<typeof openapi>[0] = { docsPath: false }): Flagon {
  const app = new Flagon().use(openapi(options));
  app.get(
    '/pets',
    {
      name: 'list_pets',
      query: z.object({ limit: z.coerce.number().int().default(10), tag: z.array(z.string()).optional() }),
      headers: z.object({ 'x-tenant': z.string().describe('The tenant'), accept: z.string().optional() }),
      response: z.array(Pet),
    },
    () => [],
  );
  app.post('/pets', { name: 'create_pet', body: NewPet, response: Pet, status: 201 }, (c) => ({
    id: 1,
    ...c.body,
  }));
  app.get(
    '/pets/:id',
    { name: 'get_pet', params: z.object({ id: z.coerce.number().int() }), response: Pet },
    (c) => ({ id: c.params.id, name: 'rex', tags: [] }),
  );
  app.route('/pets/:id', { methods: ['PUT', 'PATCH'], name: 'update_pet', body: NewPet }, () => ({}));
  app.get('/files/*path', { name: 'file' }, () => '');
  app.get('/{:lang/}about', { name: 'about' }, () => '');
  const admin = new Blueprint('admin', { prefix: '/admin' });
  admin.get('/stats', function stats() {
    return {};
  });
  app.register(admin);
  return app;
}

async function documentOf(app: Flagon): Promise<OpenAPIDocument> {
  const response = await createTestClient(app).get('/openapi.json');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/json');
  return (await response.json()) as OpenAPIDocument;
}

describe('openapi(): the document', () => {
  it('is a valid OpenAPI 3.1 document with the info given', async () => {
    const document = await documentOf(
      petsApp({ docsPath: false, info: { title: 'Pets', version: '2.1.0' } }),
    );
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toEqual({ title: 'Pets', version: '2.1.0' });
    expect(document.servers).toBeUndefined();
    await expectValidOpenAPI(document);
  });

  it('defaults its info, and writes the servers given', async () => {
    const servers = [{ url: 'https://api.example.test/v1', description: 'production' }];
    const document = await documentOf(petsApp({ docsPath: false, servers }));
    expect(document.info).toEqual({ title: 'API', version: '1.0.0' });
    expect(document.servers).toEqual(servers);
  });

  it('writes path params in OpenAPI syntax, one path per form of an optional group', async () => {
    const document = await documentOf(petsApp());
    expect(Object.keys(document.paths)).toEqual([
      '/pets',
      '/pets/{id}',
      '/files/{path}',
      '/{lang}/about',
      '/about',
      '/admin/stats',
    ]);
    expect(document.paths['/files/{path}']?.get?.parameters).toEqual([
      { name: 'path', in: 'path', required: true, schema: { type: 'string' } },
    ]);
    expect(document.paths['/about']?.get?.parameters).toBeUndefined();
  });

  it('types path params from the params schema, and answers their mismatch with a 404', async () => {
    const operation = (await documentOf(petsApp())).paths['/pets/{id}']?.get;
    expect(operation?.parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: expect.objectContaining({ type: 'integer' }) },
    ]);
    expect(operation?.responses['404']).toEqual({ $ref: '#/components/responses/Error' });
  });

  it('lists query and header fields as parameters, required unless optional or defaulted', async () => {
    const operation = (await documentOf(petsApp())).paths['/pets']?.get;
    expect(operation?.parameters).toEqual([
      { name: 'limit', in: 'query', required: false, schema: expect.objectContaining({ default: 10 }) },
      {
        name: 'tag',
        in: 'query',
        required: false,
        schema: { type: 'array', items: { type: 'string' } },
      },
      // `accept` is left out: OpenAPI describes it through the responses' media types.
      {
        name: 'x-tenant',
        in: 'header',
        required: true,
        description: 'The tenant',
        schema: expect.any(Object),
      },
    ]);
    expect(operation?.responses['422']).toEqual({ $ref: '#/components/responses/ValidationFailed' });
  });

  it('describes the JSON body, the route status and response schema, and the body errors', async () => {
    const operation = (await documentOf(petsApp())).paths['/pets']?.post;
    const body = operation?.requestBody;
    expect(body?.required).toBe(true);
    // Input form: `tags` has a default, so a client may leave it out.
    expect(body?.content['application/json']?.schema).toMatchObject({ required: ['name'] });
    expect(Object.keys(operation?.responses ?? {})).toEqual(['201', '400', '413', '415', '422', 'default']);
    expect(operation?.responses['201']).toMatchObject({
      description: 'Created',
      // Output form: every field is there.
      content: { 'application/json': { schema: { required: ['id', 'name', 'tags'] } } },
    });
  });

  it('gathers schemas with an id into components, referenced from where they are used', async () => {
    const document = await documentOf(petsApp());
    expect(document.components.schemas.Tag).toEqual({
      type: 'object',
      properties: { label: { type: 'string' } },
      required: ['label'],
      additionalProperties: false,
    });
    // The id names the form the API answers with; what a client may send is the looser input form.
    const tagsOfPet = {
      properties: { tags: { type: 'array', items: { $ref: '#/components/schemas/Tag' } } },
    };
    expect(document.paths['/pets']?.post?.responses['201']).toMatchObject({
      content: { 'application/json': { schema: tagsOfPet } },
    });
    expect(document.components.schemas.Tag_input).toEqual({
      type: 'object',
      properties: { label: { type: 'string' } },
      required: ['label'],
    });
    const sent = document.paths['/pets']?.post?.requestBody?.content['application/json']?.schema;
    expect(sent).toMatchObject({
      properties: { tags: { type: 'array', items: { $ref: '#/components/schemas/Tag_input' } } },
    });
    expect(JSON.stringify(document)).not.toContain('$defs');
  });

  it('has the error and 422 shapes as components, the error one the default response', async () => {
    const document = await documentOf(petsApp());
    expect(document.components.schemas.Error).toMatchObject({
      required: ['error'],
      properties: { error: { type: 'string' } },
    });
    expect(document.components.schemas.ValidationError).toMatchObject({ required: ['error', 'issues'] });
    expect(document.paths['/about']?.get?.responses).toEqual({
      200: { description: 'OK' },
      default: { $ref: '#/components/responses/Error' },
    });
  });

  it('describes the 422 the app really sends', async () => {
    const client = createTestClient(petsApp());
    const reply = await client.post('/pets', { json: { name: '' } });
    expect(reply.status).toBe(422);
    const sent = (await reply.json()) as { error: string; issues: { path: unknown[]; message: string }[] };
    expect(sent.error).toBe('Validation failed');
    expect(sent.issues[0]).toEqual({ path: ['body', 'name'], message: expect.any(String) });
  });

  it('names operations by endpoint, with the method for a route of several, and tags blueprints', async () => {
    const document = await documentOf(petsApp());
    const ids = Object.values(document.paths).flatMap((item) =>
      Object.entries(item).map(([method, operation]) => `${method} ${operation.operationId}`),
    );
    expect(ids).toEqual([
      'get list_pets',
      'post create_pet',
      'get get_pet',
      'put update_pet_put',
      'patch update_pet_patch',
      'get file',
      'get about',
      'get about_2',
      'get admin.stats',
    ]);
    expect(document.paths['/admin/stats']?.get?.tags).toEqual(['admin']);
    expect(document.paths['/pets']?.get?.tags).toBeUndefined();
    expect(document.tags).toEqual([{ name: 'admin' }]);
  });

  it('is built at the first request, so routes added after use() are in it, and then kept', async () => {
    const app = new Flagon().use(openapi({ docsPath: false }));
    app.get('/later', { name: 'later' }, () => 'x');
    const client = createTestClient(app);
    const first = await (await client.get('/openapi.json')).text();
    expect(JSON.parse(first).paths['/later'].get.operationId).toBe('later');
    expect(await (await client.get('/openapi.json')).text()).toBe(first);
  });

  it("leaves out its own routes and the static folder's", async () => {
    const app = new Flagon({ root: import.meta.dirname, staticFolder: '.' }).use(openapi());
    app.get('/', { name: 'home' }, () => 'home');
    const document = await documentOf(app);
    expect(Object.keys(document.paths)).toEqual(['/']);
  });

  it('is served at the path given', async () => {
    const app = new Flagon().use(openapi({ path: '/api/spec.json/', docsPath: false }));
    const client = createTestClient(app);
    expect((await client.get('/api/spec.json')).status).toBe(200);
    expect((await client.get('/openapi.json')).status).toBe(404);
  });

  it('refuses a path that is not below "/", and a second use', () => {
    expect(() => openapi({ path: 'spec.json' })).toThrow(/path must be a path below "\/"/);
    expect(() => openapi({ docsPath: '/' })).toThrow(/docsPath must be a path below "\/"/);
    const app = new Flagon().use(openapi({ docsPath: false }));
    expect(() => app.use(openapi({ docsPath: false }))).toThrow(/already used/);
    expect(() => new Blueprint('api').use(openapi())).toThrow(/use it on the app, not on blueprint "api"/);
  });

  it('is served over a real socket, with the root path as its server when mounted below one', async () => {
    const app = petsApp();
    const plain = await request(toNodeHandler(app)).get('/openapi.json');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toBe('application/json');
    expect((plain.body as OpenAPIDocument).paths['/pets/{id}']?.get?.operationId).toBe('get_pet');
    const mounted = await request(toNodeHandler(app, { rootPath: '/v1' })).get('/v1/openapi.json');
    expect(mounted.status).toBe(200);
    expect((mounted.body as OpenAPIDocument).servers).toEqual([{ url: '/v1' }]);
    await expectValidOpenAPI(mounted.body);
  });
});
