// One small HTTP interface over the ways the contract suite reaches the app, so the same tests run
// through the test client, through supertest on a Node handler, and (with `validate`) under the spec lint.

import { createTestClient } from '@flagon/framework/testing';
import type { App } from '@flagon/gateway';
import { toNodeHandler } from '@flagon/gateway';
import supertest from 'supertest';

/** What the contract tests look at in a response. */
export interface Reply {
  readonly status: number;
  /** A response header (case-insensitive name), `undefined` when absent. */
  header(name: string): string | undefined;
  readonly text: string;
}

/** A request body: a value sent as JSON, or raw text sent with `content-type: application/json`. */
export type CallBody = { json: unknown } | { rawJson: string };

/** Sends one request to the app under test. */
export type Call = (method: string, path: string, body?: CallBody) => Promise<Reply>;

/**
 * Calls `app` through the framework's test client (in memory).
 *
 * @example
 * ```ts
 * const call = viaTestClient(createApp());
 * const reply = await call('POST', '/items', { json: { name: 'cup', price: 3 } });
 * ```
 */
export function viaTestClient(app: App): Call {
  const client = createTestClient(app);
  return async (method, path, body) => {
    const res = await client.request(method, path, {
      ...(body && 'json' in body ? { json: body.json } : {}),
      ...(body && 'rawJson' in body
        ? { body: body.rawJson, headers: { 'content-type': 'application/json' } }
        : {}),
    });
    const text = await res.text();
    await res.completed;
    // An app error behind a response (a spec violation under `validate`) must not pass unnoticed.
    if (res.error !== undefined) throw res.error;
    return { status: res.status, header: (name) => res.headers.get(name) ?? undefined, text };
  };
}

/**
 * Calls `app` through supertest on `toNodeHandler(app)`: a real `node:http` server on a free port.
 *
 * @example
 * ```ts
 * const reply = await viaSupertest(createApp())('GET', '/items');
 * ```
 */
export function viaSupertest(app: App): Call {
  const agent = supertest(toNodeHandler(app));
  return async (method, path, body) => {
    let test = agent[method.toLowerCase() as 'get'](path);
    if (body && 'json' in body) test = test.send(body.json as object);
    if (body && 'rawJson' in body) test = test.set('content-type', 'application/json').send(body.rawJson);
    const res = await test;
    return {
      status: res.status,
      header: (name) => {
        const value = res.headers[name.toLowerCase()];
        return Array.isArray(value) ? value.join(', ') : value;
      },
      text: res.text ?? '',
    };
  };
}
