// The consumer's files. app and check are valid as JavaScript and as TypeScript, so one text serves both.

export const APP = `import { Flagon, text } from '@flagon/framework';
import { z } from 'zod';

const app = new Flagon();
app.get('/', () => text('Hello from a consumer'));
const Item = z.object({ name: z.string().min(1), price: z.number().min(0).default(0) });
app.post('/items', { body: Item, response: z.object({ created: z.string(), price: z.number() }) }, (c) => {
  // @ts-expect-error: the body's type comes from the schema (this line fails to type-check if it is any).
  void c.body.colour;
  return { created: c.body.name, price: c.body.price };
});

export default app;
`;

export const CHECK = `import assert from 'node:assert/strict';
import { createTestClient } from '@flagon/framework/testing';
import app from './app.js';

const client = createTestClient(app);
assert.equal(await (await client.get('/')).text(), 'Hello from a consumer');
assert.deepEqual(await (await client.post('/items', { json: { name: 'cup' } })).json(), { created: 'cup', price: 0 });
assert.equal((await client.post('/items', { json: { name: '' } })).status, 422);
await client.close();
console.log('consumer check passed');
`;

/** Uses every public subpath, so each resolves and type-checks. */
export const SUBPATHS = `import type { App } from '@flagon/gateway';
import { validate } from '@flagon/gateway';
import { runConformance } from '@flagon/gateway/conformance';
import { loadApp } from '@flagon/gateway/loader';
import { serve } from '@flagon/gateway/server';
import app from './app.js';

const gatewayApp: App = app;
export const used = [gatewayApp, validate, runConformance, loadApp, serve];
`;

/** A tsconfig for the consumer: strict, checking the packages' declarations too (no skipLibCheck). */
export function tsconfig(resolution: 'nodenext' | 'bundler', outDir?: string): string {
  const module = resolution === 'nodenext' ? 'nodenext' : 'esnext';
  const compilerOptions = {
    target: 'ES2022',
    lib: ['ES2023'],
    module,
    moduleResolution: resolution,
    strict: true,
    skipLibCheck: false,
    types: ['node'],
    ...(outDir === undefined ? { noEmit: true } : { outDir }),
  };
  return JSON.stringify({ compilerOptions, include: ['app.ts', 'check.ts', 'subpaths.ts'] }, null, 2);
}
