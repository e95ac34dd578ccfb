// App faults in every phase, as raw gateway apps on the reference server: the client gets a 500 or a cut
// connection (never a stack), the log says what went wrong, and the next request is served as usual.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpApp } from '../node/helpers.js';
import type { HostileServer } from './hostile-server.js';
import { sendRaw, startHostileServer } from './hostile-server.js';

const SECRET = 'db-password-hunter2';
const start = {
  type: 'http.response.start',
  status: 200,
  headers: [['content-type', 'text/plain']],
} as const;

/** One faulty app per path; `outcome` is what the client must see. */
interface Fault {
  readonly name: string;
  readonly app: HttpApp;
  readonly outcome: '500' | 'cut' | '200';
  /** A piece of the log line that names the fault. */
  readonly log: string;
}

const FAULTS: readonly Fault[] = [
  {
    name: 'throws before the start',
    app: async () => {
      throw new Error(SECRET);
    },
    outcome: '500',
    log: 'ERROR app failed on GET /throws-before-the-start',
  },
  {
    name: 'rejects after the start',
    app: async (_scope, _receive, send) => {
      await send({ ...start });
      await send({ type: 'http.response.body', body: 'partial', more: true });
      throw new Error(SECRET);
    },
    outcome: 'cut',
    log: 'ERROR app failed on GET /rejects-after-the-start',
  },
  {
    name: 'returns without answering',
    app: async () => {},
    outcome: '500',
    log: 'ERROR app returned without completing its response to GET /returns-without-answering',
  },
  {
    name: 'returns with the body still open',
    app: async (_scope, _receive, send) => {
      await send({ ...start });
      await send({ type: 'http.response.body', body: 'partial', more: true });
    },
    outcome: 'cut',
    log: 'ERROR app returned without completing its response to GET /returns-with-the-body-still-open',
  },
  {
    name: 'sends a body before the start',
    app: async (_scope, _receive, send) => {
      await send({ type: 'http.response.body', body: SECRET });
    },
    outcome: '500',
    log: 'out of order',
  },
  {
    name: 'starts twice',
    app: async (_scope, _receive, send) => {
      await send({ ...start });
      await send({ ...start, status: 201 });
    },
    outcome: 'cut',
    log: 'out of order',
  },
  {
    name: 'sends after the response completed',
    app: async (_scope, _receive, send) => {
      await send({ ...start, headers: [['content-length', '4']] });
      await send({ type: 'http.response.body', body: 'done' });
      await send({ type: 'http.response.body', body: SECRET });
    },
    outcome: '200',
    log: 'out of order',
  },
  {
    name: 'throws a non-Error',
    app: async () => {
      throw { secret: SECRET };
    },
    outcome: '500',
    log: 'ERROR app failed on GET /throws-a-non-error',
  },
  {
    name: 'sends a status out of range',
    app: async (_scope, _receive, send) => {
      await send({ type: 'http.response.start', status: 1000 });
    },
    outcome: '500',
    log: 'ERROR app failed on GET /sends-a-status-out-of-range',
  },
  {
    name: 'sends a header value with CRLF',
    app: async (_scope, _receive, send) => {
      await send({
        type: 'http.response.start',
        status: 200,
        headers: [['x-a', `a\r\nSet-Cookie: ${SECRET}`]],
      });
      await send({ type: 'http.response.body', body: 'never sent' });
    },
    outcome: '500',
    log: 'ERROR app failed on GET /sends-a-header-value-with-crlf',
  },
];

const slug = (name: string) => `/${name.replaceAll(' ', '-').toLowerCase()}`;

let target: HostileServer;
beforeAll(async () => {
  const byPath = new Map(FAULTS.map((fault) => [slug(fault.name), fault.app]));
  const dispatch: HttpApp = async (scope, receive, send) => {
    const app = byPath.get(scope.path);
    if (app) return app(scope, receive, send);
    await send({ ...start, headers: [['content-length', '9']] });
    await send({ type: 'http.response.body', body: 'ok:/fresh' });
  };
  target = await startHostileServer(dispatch);
});
afterAll(() => target.stop());

describe('reference server: app faults in every phase', () => {
  it.each(FAULTS)('an app that $name: the client sees $outcome, the log names it', async (fault) => {
    const path = slug(fault.name);
    const reply = await sendRaw(target.port, `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    expect(reply.text).not.toContain(SECRET);
    expect(reply.text).not.toMatch(/\n\s+at /);
    if (fault.outcome === '500') {
      expect(reply.status).toBe(500);
      expect(reply.text.endsWith('\r\n\r\nInternal Server Error')).toBe(true);
    } else if (fault.outcome === 'cut') {
      expect(reply.closed).toBe(true);
      // Cut: a chunked body without its last chunk (the client can tell), or no response at all.
      expect(reply.text).not.toMatch(/\r\n0\r\n\r\n$/);
    } else {
      expect(reply.status).toBe(200);
    }
    await expect.poll(() => target.logger.text()).toContain(fault.log);
    const fresh = await sendRaw(target.port, 'GET /fresh HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(fresh.text.endsWith('ok:/fresh')).toBe(true);
  });
});
