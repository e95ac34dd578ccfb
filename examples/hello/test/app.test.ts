// The hello app through the test client and through supertest on a Node handler, each bare and under
// validate(): the same answers whatever carries the request.

import { createTestClient } from '@flagon/framework/testing';
import type { App } from '@flagon/gateway';
import { toNodeHandler, validate } from '@flagon/gateway';
import supertest from 'supertest';
import { describe, expect, it } from 'vitest';
import app from '../app.js';

describe.each([
  ['the app', app],
  ['the app under validate()', validate(app)],
] as [string, App][])('%s, through the test client', (_label, subject) => {
  const client = createTestClient(subject);

  it('greets the world in plain text at /', async () => {
    const res = await client.get('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await res.text()).toBe('Hello, World!');
    await res.completed;
    expect(res.error).toBeUndefined();
  });

  it('answers JSON at /health', async () => {
    const res = await client.get('/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('greets by the name in the path, decoded', async () => {
    expect(await (await client.get('/hello/Ada')).text()).toBe('Hello, Ada!');
    expect(await (await client.get('/hello/Zo%C3%AB')).text()).toBe('Hello, Zoë!');
  });

  it('answers HEAD like GET, without the body', async () => {
    const res = await client.head('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('13');
    expect(await res.text()).toBe('');
  });

  it('answers 404 for an unknown path and 405 with Allow for a wrong method', async () => {
    expect((await client.get('/nope')).status).toBe(404);
    const wrong = await client.post('/');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toContain('GET');
  });
});

describe.each([
  ['the app', app],
  ['the app under validate()', validate(app)],
] as [string, App][])('%s, through supertest(toNodeHandler(app))', (_label, subject) => {
  const agent = supertest(toNodeHandler(subject));

  it('greets the world in plain text at /', async () => {
    const res = await agent.get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.text).toBe('Hello, World!');
  });

  it('answers JSON at /health', async () => {
    const res = await agent.get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('greets by the name in the path', async () => {
    expect((await agent.get('/hello/Zo%C3%AB')).text).toBe('Hello, Zoë!');
  });

  it('answers 404 for an unknown path', async () => {
    expect((await agent.get('/nope')).status).toBe(404);
  });
});
