// A 204 or 304 made with a helper goes out with neither a body nor a Content-Type that would describe one.
import { toNodeHandler } from '@flagon/gateway';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { Flagon, html, json, text } from '../../src/index.js';
import { serve } from './helpers.js';

function bodilessApp(): Flagon {
  const app = new Flagon();
  app.delete('/json', () => json(null, { status: 204 }));
  app.get('/text', () => text('', { status: 304, headers: { etag: '"v1"' } }));
  app.get('/html', () => html('<p>gone</p>', { status: 204 }));
  app.delete('/plain', { status: 204 }, () => null);
  return app;
}

describe('bodiless statuses', () => {
  it.each([
    ['DELETE', '/json', 204],
    ['GET', '/text', 304],
    ['GET', '/html', 204],
    ['DELETE', '/plain', 204],
  ])('%s %s answers %i with no content-type and no body, in memory', async (method, path, status) => {
    const t = await serve(bodilessApp());
    const res = await t.request({ method, path });
    expect([res.status, res.header('content-type'), res.header('content-length'), await res.text()]).toEqual([
      status,
      undefined,
      undefined,
      '',
    ]);
  });

  it('keeps the other headers of a 304 and sends no content-type over a real socket', async () => {
    const handler = toNodeHandler(bodilessApp());
    const notModified = await request(handler).get('/text').expect(304);
    expect([notModified.headers['content-type'], notModified.headers.etag]).toEqual([undefined, '"v1"']);
    const noContent = await request(handler).delete('/json').expect(204);
    expect([noContent.headers['content-type'], noContent.text]).toEqual([undefined, '']);
  });
});
