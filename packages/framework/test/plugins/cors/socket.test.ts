// The CORS plugin over a real socket: the app under the gateway's Node adapter, asked as a browser would.
import { Flagon } from '@flagon/framework';
import { cors } from '@flagon/framework/cors';
import { toNodeHandler } from '@flagon/gateway';
import request from 'supertest';
import { describe, expect, it } from 'vitest';

const APP = 'https://app.example';

function server() {
  const handled: string[] = [];
  const app = new Flagon().use(cors({ origin: [APP], credentials: true, exposedHeaders: ['X-Total-Count'] }));
  app.post('/notes', (c) => {
    handled.push(c.request.method);
    return { saved: true };
  });
  return { handled, handler: toNodeHandler(app) };
}

describe('cors over a real socket', () => {
  it('answers the preflight for a POST-only route, then the POST itself, readable by the origin', async () => {
    const { handled, handler } = server();
    const pre = await request(handler)
      .options('/notes')
      .set('origin', APP)
      .set('access-control-request-method', 'POST')
      .set('access-control-request-headers', 'content-type')
      .expect(204);
    expect(pre.headers).toMatchObject({
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-allow-headers': 'content-type',
      vary: 'Origin, Access-Control-Request-Headers',
    });
    expect(pre.text).toBe('');
    expect(handled).toEqual([]);
    const post = await request(handler)
      .post('/notes')
      .set('origin', APP)
      .send({})
      .expect(200, { saved: true });
    expect(post.headers).toMatchObject({
      'access-control-allow-origin': APP,
      'access-control-expose-headers': 'X-Total-Count',
      vary: 'Origin',
    });
    expect(handled).toEqual(['POST']);
  });

  it('gives another origin nothing to read', async () => {
    const { handler } = server();
    const pre = await request(handler)
      .options('/notes')
      .set('origin', 'https://evil.example')
      .set('access-control-request-method', 'POST')
      .expect(204);
    expect(Object.keys(pre.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    const post = await request(handler).post('/notes').set('origin', 'https://evil.example').send({});
    expect(post.headers['access-control-allow-origin']).toBeUndefined();
    expect(post.headers.vary).toBe('Origin');
  });
});
