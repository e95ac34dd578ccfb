// Faults in every phase of a framework request, served by the reference server over a real socket: the
// client gets a 500 (or a cut stream), never the secret or a stack; the log names the fault; the next
// request is answered as usual.
import { createLogger } from '@flagon/gateway';
import type { RunningServer } from '@flagon/gateway/server';
import { serve } from '@flagon/gateway/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Blueprint, Flagon, stream } from '../../src/index.js';

const SECRET = 'db-password-hunter2';
const fail = (): never => {
  throw new Error(SECRET);
};

const logLines: string[] = [];
const logger = createLogger('debug', (line) => logLines.push(line));

function faultyApp(): Flagon {
  const app = new Flagon({ logger });
  app.get('/handler-throws', () => fail());
  app.get('/handler-rejects', async () => {
    await Promise.resolve();
    fail();
  });
  app.get('/returns-a-bad-value', () => Symbol('not a response') as never);
  app.get('/bad-response-schema', { response: z.object({ id: z.number() }) }, () => ({ id: 'x' }) as never);
  app.get('/stream-fails-midway', () =>
    stream(
      (async function* () {
        yield 'first chunk;';
        fail();
      })(),
    ),
  );
  app.get('/ok', () => 'fine');
  const hooks = new Blueprint('hooks', { prefix: '/hooks' });
  hooks.get('/before', () => 'unreachable');
  hooks.get('/after', () => 'replaced');
  hooks.before((c) => (c.request.path === '/hooks/before' ? fail() : undefined));
  hooks.after((c, response) => (c.request.path === '/hooks/after' ? fail() : response));
  app.register(hooks);
  // An error handler that itself fails: the framework's own 500 must still go out.
  const handlers = new Blueprint('handlers', { prefix: '/handlers' });
  handlers.get('/fails', () => fail());
  handlers.errorHandler(500, () => fail());
  app.register(handlers);
  return app;
}

let server: RunningServer;
beforeAll(async () => {
  server = await serve(faultyApp(), { port: 0, logger, accessLog: false });
});
afterAll(() => server.drain());

async function get(path: string): Promise<{ status: number; text: string; complete: boolean }> {
  const res = await fetch(`${server.url}${path}`);
  try {
    return { status: res.status, text: await res.text(), complete: true };
  } catch {
    return { status: res.status, text: '', complete: false };
  }
}

describe('framework faults over the reference server', () => {
  it.each([
    '/handler-throws',
    '/handler-rejects',
    '/returns-a-bad-value',
    '/bad-response-schema',
    '/hooks/before',
    '/hooks/after',
    '/handlers/fails',
  ])('%s: a 500 without the secret or a stack, logged, and the next request is served', async (path) => {
    const answer = await get(path);
    expect(answer.status).toBe(500);
    expect(answer.text).not.toContain(SECRET);
    expect(answer.text).not.toMatch(/\bat .*\.ts:\d+/);
    expect(logLines.join('')).toContain(`ERROR GET ${path}`);
    expect(await get('/ok')).toEqual({ status: 200, text: 'fine', complete: true });
  });

  it('cuts a stream that fails midway (the client can tell) and logs it', async () => {
    const answer = await get('/stream-fails-midway');
    expect(answer.status).toBe(200);
    expect(answer.complete).toBe(false);
    expect(answer.text).not.toContain(SECRET);
    await expect.poll(() => logLines.join('')).toContain('/stream-fails-midway');
    expect(await get('/ok')).toEqual({ status: 200, text: 'fine', complete: true });
  });
});
