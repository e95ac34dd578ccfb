// A JSON body nested past MAX_JSON_DEPTH is refused before JSON.parse sees it: a megabyte of `[` must not
// hold the event loop while V8 builds a million arrays, nor reach code that recurses over the result.
import { toNodeHandler } from '@flagon/gateway';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jsonTooDeep } from '../../src/http/json-depth.js';
import { DEFAULT_MAX_JSON_DEPTH, Flagon } from '../../src/index.js';
import { createTestClient } from '../../src/testing/index.js';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** An app whose /echo route answers with the parsed JSON body's nesting depth. */
function depthApp(options: { maxJsonDepth?: number } = {}): Flagon {
  const app = new Flagon({ logger: silent, maxBodySize: 2 * 1024 * 1024 });
  if (options.maxJsonDepth !== undefined) app.config.MAX_JSON_DEPTH = options.maxJsonDepth;
  app.post('/echo', async (c) => ({ depth: depthOf(await c.request.json()) }));
  app.post('/item', { body: z.object({ tags: z.array(z.unknown()) }) }, (c) => ({
    tags: c.body.tags.length,
  }));
  return app;
}

function depthOf(value: unknown): number {
  let depth = 0;
  let current = value;
  while (typeof current === 'object' && current !== null) {
    depth++;
    current = Array.isArray(current) ? current[0] : Object.values(current)[0];
  }
  return depth;
}

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('MAX_JSON_DEPTH', () => {
  it(`is ${DEFAULT_MAX_JSON_DEPTH} by default: that deep is parsed, one level more is a 400 naming the limit`, async () => {
    const client = createTestClient(depthApp());
    const atLimit = await client.post('/echo', {
      body: nested(128),
      headers: { 'content-type': 'application/json' },
    });
    expect(atLimit.status).toBe(200);
    expect(await atLimit.json()).toEqual({ depth: 128 });
    const over = await client.post('/echo', {
      body: nested(129),
      headers: { 'content-type': 'application/json' },
    });
    expect(over.status).toBe(400);
    expect(await over.json()).toEqual({
      error: 'JSON body nested deeper than 128 levels (MAX_JSON_DEPTH)',
      maxJsonDepth: 128,
    });
  });

  it('refuses a megabyte of `[` over a real socket with a 400', async () => {
    const handler = toNodeHandler(depthApp());
    const agent = request.agent(handler);
    const response = await agent
      .post('/echo')
      .set('content-type', 'application/json')
      .send('['.repeat(1024 * 1024));
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: 'JSON body nested deeper than 128 levels (MAX_JSON_DEPTH)',
      maxJsonDepth: 128,
    });
  });

  it('counts objects and arrays alike, and not brackets inside strings, escaped quotes included', async () => {
    const client = createTestClient(depthApp({ maxJsonDepth: 3 }));
    const post = (body: string) =>
      client.post('/echo', { body, headers: { 'content-type': 'application/json' } });
    expect((await post('{"a":[{"b":1}]}')).status).toBe(200);
    expect((await post('{"a":[{"b":[1]}]}')).status).toBe(400);
    // 3 levels, with brackets and an escaped quote inside strings that a naive count would take.
    const tricky = '[{"k\\"[[[":"]]]\\\\"},["[{[{\\"",{"x":"\\u005b"}]]';
    const answer = await post(tricky);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ depth: 2 });
    expect((await post('[[["\\\\"],[[1]]]]')).status).toBe(400);
  });

  it('guards the validated body of a route too (422 would mean it was parsed)', async () => {
    const client = createTestClient(depthApp({ maxJsonDepth: 4 }));
    const shallow = await client.post('/item', { json: { tags: [[1], [2]] } });
    expect(shallow.status).toBe(200);
    const deep = await client.post('/item', { json: { tags: [[[[[1]]]]] } });
    expect(deep.status).toBe(400);
    expect(await deep.json()).toMatchObject({ maxJsonDepth: 4 });
  });

  it('is switched off by Infinity or 0', async () => {
    for (const off of [Number.POSITIVE_INFINITY, 0]) {
      const client = createTestClient(depthApp({ maxJsonDepth: off }));
      const response = await client.post('/echo', {
        body: nested(5000),
        headers: { 'content-type': 'application/json' },
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ depth: 5000 });
    }
  });

  it('leaves malformed JSON to the parser: the usual 400, not a depth error', async () => {
    const client = createTestClient(depthApp({ maxJsonDepth: 2 }));
    for (const body of [']]][[[[[', '"unterminated [[[[[[', '[1,]']) {
      const response = await client.post('/echo', { body, headers: { 'content-type': 'application/json' } });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(/^Malformed JSON body: /);
    }
  });

  it('is checked config: from the env as digits, anything else a TypeError naming it', () => {
    const app = new Flagon();
    expect(app.config.MAX_JSON_DEPTH).toBe(DEFAULT_MAX_JSON_DEPTH);
    app.config.fromEnv('FLAGON_', { FLAGON_MAX_JSON_DEPTH: '32' });
    expect(app.config.MAX_JSON_DEPTH).toBe(32);
    for (const value of ['deep', '-1', '1.5', Number.NaN, -1, null]) {
      expect(() => app.config.update({ MAX_JSON_DEPTH: value })).toThrow(
        /^MAX_JSON_DEPTH must be a nesting depth \(a non-negative integer, or Infinity or 0 for no limit\), got /,
      );
    }
    expect(app.config.MAX_JSON_DEPTH).toBe(32);
  });
});

describe('jsonTooDeep', () => {
  it('stops at the first level too deep, whatever follows', () => {
    // Not valid JSON after the excess: the scan must not need the rest.
    expect(jsonTooDeep(`[[[${'x'.repeat(100)}`, 2)).toBe(true);
    expect(jsonTooDeep('[[1],[2],[3]]', 2)).toBe(false);
  });

  it('reads non-ASCII characters and brackets inside strings without miscounting', () => {
    expect(jsonTooDeep('["日本[語]", {"é": "ü]["}]', 2)).toBe(false);
    expect(jsonTooDeep('["日本", [["é"]]]', 2)).toBe(true);
    // More brackets than the limit, all in strings or side by side: counted, then scanned, not refused.
    expect(jsonTooDeep(`["${'['.repeat(50)}", ${'[1],'.repeat(50)} {"\\"": "{{{"}]`, 3)).toBe(false);
    expect(jsonTooDeep(`["\\"[[[[", [[[1]]]]`, 3)).toBe(true);
  });
});
