// The app is a function with a function's methods, and handed to Node as a request listener (an Express
// habit: `supertest(app)`) it answers at once saying how to wrap it, rather than leaving the request hang.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeHandler } from '@flagon/gateway';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { Flagon } from '../../src/index.js';
import { recordingLogger } from './helpers.js';

describe('the app as a function', () => {
  it('has apply, call and bind, which run it as a gateway app', async () => {
    const app = new Flagon();
    app.get('/', () => 'hi');
    expect([typeof app.apply, typeof app.call, typeof app.bind]).toEqual([
      'function',
      'function',
      'function',
    ]);
    const handler = toNodeHandler(app.bind(undefined));
    await request(handler).get('/').expect(200, 'hi');
    await request(toNodeHandler((...args: Parameters<typeof app>) => app.apply(undefined, args)))
      .get('/')
      .expect(200, 'hi');
  });

  it('answers supertest(app) at once with a 500 that points at toNodeHandler, and logs it', async () => {
    const logger = recordingLogger();
    const app = new Flagon({ logger });
    app.get('/', () => 'hi');
    // @ts-expect-error: a Flagon app is not a Node request listener, which the types say too.
    const res = await request(app).get('/');
    expect(res.status).toBe(500);
    expect(res.text).toMatch(/toNodeHandler\(app\)/);
    expect(logger.lines).toEqual([
      expect.stringMatching(/^ERROR A Flagon app is a gateway app.*toNodeHandler\(app\)/),
    ]);
  });

  it('answers http.createServer(app) the same way', async () => {
    const app = new Flagon({ logger: recordingLogger() });
    // @ts-expect-error: see above.
    const server = createServer(app).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      expect([res.status, res.headers.get('content-type')]).toEqual([500, 'text/plain; charset=utf-8']);
      expect(await res.text()).toMatch(/^A Flagon app is a gateway app/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
