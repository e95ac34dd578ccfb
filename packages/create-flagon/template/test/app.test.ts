// The app, called in memory by the test client: no port, no server to start. `npm test` runs this.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { createTestClient } from '@flagon/framework/testing';
import app from '../src/app.js';

const client = createTestClient(app);
after(() => client.close());

test('the home page is HTML', async () => {
  const res = await client.get('/');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.match(await res.text(), /Hello from Flagon/);
});

test('the greeting API answers JSON, and refuses a request without a name', async () => {
  const res = await client.get('/api/greeting', { query: { name: 'Ada' } });
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { message: 'Hello, Ada!' });
  assert.equal((await client.get('/api/greeting')).status, 422);
});

test('an item is created from a valid JSON body only', async () => {
  const created = await client.post('/api/items', { json: { name: 'cup', price: 3 } });
  assert.deepEqual(await created.json(), { created: 'cup', price: 3 });
  const invalid = await client.post('/api/items', { json: { name: '', price: -1 } });
  assert.equal(invalid.status, 422);
});
