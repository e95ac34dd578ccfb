// Prototype-pollution keys (`__proto__`, `constructor`, `prototype`) in every part of a request a client
// controls: Object.prototype stays as it was, and the handler sees the client's keys as plain data.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeHandler } from '@flagon/gateway';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Flagon } from '../../src/index.js';
import { createTestClient } from '../../src/testing/index.js';

// A computed key: the literal `x.__proto__` would read the prototype (and biome rightly flags it).
const PROTO = '__proto__';

const POLLUTING_JSON = [
  '{"__proto__":{"polluted":"yes"},"name":"a"}',
  '{"constructor":{"prototype":{"polluted":"yes"}},"name":"a"}',
  '{"nested":{"__proto__":{"polluted":"yes"}},"list":[{"__proto__":{"polluted":"yes"}}],"name":"a"}',
  '{"prototype":{"polluted":"yes"},"name":"a"}',
];

const POLLUTING_PAIRS = [
  '__proto__[polluted]=yes',
  '__proto__.polluted=yes',
  '__proto__=yes',
  'constructor[prototype][polluted]=yes',
  'constructor.prototype.polluted=yes',
  'constructor=yes',
  'prototype=yes',
  'toString=yes',
  'a[__proto__][polluted]=yes',
].join('&');

// What Object.prototype holds before any test: a test fails if a request added, removed or replaced any.
const PRISTINE = Object.getOwnPropertyNames(Object.prototype).map(
  (name) => [name, Object.getOwnPropertyDescriptor(Object.prototype, name)?.value] as const,
);
function expectPrototypeUntouched(): void {
  const now = Object.getOwnPropertyNames(Object.prototype).map(
    (name) => [name, Object.getOwnPropertyDescriptor(Object.prototype, name)?.value] as const,
  );
  expect(now).toEqual(PRISTINE);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}
beforeEach(expectPrototypeUntouched);
afterEach(expectPrototypeUntouched);

/** What the handler saw of an object the framework made from client input. */
function describeObject(value: unknown) {
  const object = value as Record<string, unknown>;
  return {
    keys: Object.keys(object),
    inherits: Object.getPrototypeOf(object) === Object.prototype ? 'Object.prototype' : 'other',
    polluted: ({} as Record<string, unknown>).polluted ?? null,
  };
}

function pollutionApp(): Flagon {
  const app = new Flagon();
  app.post('/json/raw', async (c) => {
    const data = await c.request.json<Record<string, unknown>>();
    return { seen: describeObject(data), echo: JSON.stringify(data) };
  });
  app.post('/json/strict', { body: z.object({ name: z.string() }) }, (c) => describeObject(c.body));
  app.post('/json/loose', { body: z.looseObject({ name: z.string() }) }, (c) => describeObject(c.body));
  app.post('/json/record', { body: z.record(z.string(), z.unknown()) }, (c) => describeObject(c.body));
  app.get('/query/raw', (c) => ({
    proto: c.request.query.getAll('__proto__'),
    constructor: c.request.query.get('constructor'),
    keys: [...new Set(c.request.query.keys())],
  }));
  app.get('/query/record', { query: z.record(z.string(), z.unknown()) }, (c) => describeObject(c.query));
  app.get(
    '/query/named',
    { query: z.object({ constructor: z.string(), toString: z.string(), prototype: z.string() }) },
    (c) => c.query,
  );
  app.get('/cookies', (c) => ({
    cookies: { ...c.request.cookies },
    proto: c.request.cookies[PROTO] ?? null,
    toString: c.request.cookies.toString ?? null,
  }));
  app.post('/form/raw', async (c) => {
    const form = await c.request.form();
    return { keys: [...new Set(form.keys())], proto: form.getAll('__proto__') };
  });
  app.post('/form/loose', { body: z.looseObject({}) }, (c) => describeObject(c.body));
  app.get('/headers', { headers: z.looseObject({}) }, (c) => describeObject(c.headers));
  return app;
}

describe('prototype-pollution keys in JSON bodies', () => {
  const client = createTestClient(pollutionApp());

  it.each(POLLUTING_JSON)('c.request.json() keeps %s as plain data', async (body) => {
    const res = await client.post('/json/raw', { body, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(200);
    const { seen, echo } = await res.json<{ seen: ReturnType<typeof describeObject>; echo: string }>();
    expect(seen.inherits).toBe('Object.prototype');
    expect(seen.polluted).toBeNull();
    expect(JSON.parse(echo)).toEqual(JSON.parse(body)); // the own `__proto__` key is data, not a prototype
  });

  it.each(['strict', 'loose', 'record'])(
    'a validated %s body inherits nothing from the client',
    async (kind) => {
      for (const body of POLLUTING_JSON) {
        const res = await client.post(`/json/${kind}`, {
          body,
          headers: { 'content-type': 'application/json' },
        });
        expect(res.status).toBe(200);
        const seen = await res.json<ReturnType<typeof describeObject>>();
        expect(seen.inherits).toBe('Object.prototype');
        expect(seen.polluted).toBeNull();
        expect(seen.keys).not.toContain('__proto__');
      }
    },
  );
});

describe('prototype-pollution keys in query strings, cookies, forms and headers', () => {
  const client = createTestClient(pollutionApp());

  it('c.request.query keeps every key as a string', async () => {
    const res = await client.get(`/query/raw?${POLLUTING_PAIRS}`);
    expect(await res.json()).toEqual({
      proto: ['yes'],
      constructor: 'yes',
      keys: POLLUTING_PAIRS.split('&').map((pair) => pair.split('=')[0]),
    });
  });

  it('a validated query object gets the client values for keys Object.prototype also has', async () => {
    const res = await client.get('/query/named?constructor=c&toString=t&prototype=p');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ constructor: 'c', toString: 't', prototype: 'p' });
    const missing = await client.get('/query/named?toString=t&prototype=p');
    expect(missing.status).toBe(422); // an inherited `constructor` never stands in for a missing field
  });

  it('a validated query record inherits nothing from the client', async () => {
    const res = await client.get(`/query/record?${POLLUTING_PAIRS}`);
    const seen = await res.json<ReturnType<typeof describeObject>>();
    expect(seen.inherits).toBe('Object.prototype');
    expect(seen.keys).not.toContain('__proto__');
    expect(seen.keys).toContain('constructor');
  });

  it('cookies named __proto__ or toString are ordinary cookies', async () => {
    const res = await client.get('/cookies', {
      headers: { cookie: '__proto__=x; constructor=y; toString=z; prototype=p' },
    });
    expect(await res.json()).toEqual({
      cookies: { ['__proto__']: 'x', constructor: 'y', toString: 'z', prototype: 'p' },
      proto: 'x',
      toString: 'z',
    });
  });

  it('a form keeps every key as a string; a validated form inherits nothing', async () => {
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    const raw = await client.post('/form/raw', { body: POLLUTING_PAIRS, headers });
    expect(await raw.json()).toMatchObject({ proto: ['yes'] });
    const loose = await client.post('/form/loose', { body: POLLUTING_PAIRS, headers });
    const seen = await loose.json<ReturnType<typeof describeObject>>();
    expect(seen.inherits).toBe('Object.prototype');
    expect(seen.keys).toContain('constructor');
  });

  it('headers named __proto__ or constructor are ordinary headers', async () => {
    const res = await client.get('/headers', { headers: { ['__proto__']: 'x', constructor: 'y' } });
    const seen = await res.json<ReturnType<typeof describeObject>>();
    expect(seen.inherits).toBe('Object.prototype');
    expect(seen.keys).toContain('constructor');
    expect(seen.keys).not.toContain('__proto__');
  });
});

describe('prototype-pollution keys over a real socket', () => {
  it('leaves Object.prototype alone for JSON, query, cookie and form attacks sent by a Node client', async () => {
    const server = createServer(toNodeHandler(pollutionApp()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const body of POLLUTING_JSON) {
        const res = await fetch(`${base}/json/loose`, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json' },
        });
        expect((await res.json()).polluted).toBeNull();
      }
      const query = await fetch(`${base}/query/record?${POLLUTING_PAIRS}`);
      expect((await query.json()).inherits).toBe('Object.prototype');
      const cookies = await fetch(`${base}/cookies`, { headers: { cookie: '__proto__=x' } });
      expect((await cookies.json()).proto).toBe('x');
      const form = await fetch(`${base}/form/loose`, {
        method: 'POST',
        body: POLLUTING_PAIRS,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect((await form.json()).polluted).toBeNull();
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
