// Property-based fuzzing of the header handling of every transport: the memory transport, toFetchHandler
// and the Node bridge behind the reference server (raw bytes on a socket). Random names and values never
// crash a transport: they are refused (a TypeError for the caller, a 400 for a client) or handed to the
// app exactly as sent, and the app's echo of them is sent or refused as a 500, never thrown at the host.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeaderList } from '../../src/index.js';
import { createLogger, createMemoryTransport, toFetchHandler } from '../../src/index.js';
import type { HttpApp } from '../node/helpers.js';
import { asApp } from '../node/helpers.js';
import { fuzzRuns } from './fuzz-runs.js';
import type { HostileServer } from './hostile-server.js';
import { sendRaw, startHostileServer } from './hostile-server.js';

/** Answers 200 with the headers it got as JSON, and echoes each `x-` header back as a response header. */
const headerEcho: HttpApp = async (scope, _receive, send) => {
  const echoed: HeaderList = scope.headers.filter(([name]) => name.startsWith('x-'));
  const body = JSON.stringify(scope.headers);
  await send({
    type: 'http.response.start',
    status: 200,
    headers: [...echoed, ['content-type', 'application/json']],
  });
  await send({ type: 'http.response.body', body });
};

const TOKEN_CHARS = [..."!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"];
const tokenName = fc
  .array(fc.constantFrom(...TOKEN_CHARS), { minLength: 1, maxLength: 10 })
  .map((c) => `x-${c.join('')}`);
/** Any Latin-1 text (one byte per character on the wire), controls included. */
const latin1 = fc.string({
  unit: fc.integer({ min: 0, max: 0xff }).map((code) => String.fromCharCode(code)),
  maxLength: 16,
});
/** Any name at all: lone surrogates, controls, spaces, uppercase. */
const anyName = fc.string({ unit: 'binary', minLength: 1, maxLength: 10 });
const headerSet = (name: fc.Arbitrary<string>, value: fc.Arbitrary<string>) =>
  fc.uniqueArray(fc.tuple(name, value), { maxLength: 6, selector: ([n]) => n.toLowerCase() });

describe('memory transport: random headers', () => {
  const transport = createMemoryTransport(asApp(headerEcho), { logger: createLogger('silent') });
  beforeAll(() => transport.open());
  afterAll(() => transport.close());

  it('refuses with a TypeError or hands the app every header as given; the echo is sent or a 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        headerSet(fc.oneof(tokenName, anyName), fc.oneof(latin1, anyName)),
        async (headers) => {
          let res: Awaited<ReturnType<typeof transport.request>>;
          try {
            res = await transport.request({ path: '/', headers });
          } catch (error) {
            expect(error).toBeInstanceOf(TypeError);
            return;
          }
          expect([200, 500]).toContain(res.status);
          if (res.status !== 200) return;
          const seen = new Map(await res.json<HeaderList>());
          for (const [name, value] of headers) expect(seen.get(name.toLowerCase())).toBe(value);
        },
      ),
      { numRuns: fuzzRuns(100) },
    );
  });
});

describe('toFetchHandler: random headers', () => {
  const handler = toFetchHandler(asApp(headerEcho), { logger: createLogger('silent') });

  it('answers every Request Fetch lets a caller build, 200 or 500, never a rejection', async () => {
    await fc.assert(
      fc.asyncProperty(
        headerSet(fc.oneof(tokenName, anyName), fc.oneof(latin1, anyName)),
        async (headers) => {
          let request: Request;
          try {
            request = new Request('http://example.test/', { headers });
          } catch (error) {
            expect(error).toBeInstanceOf(TypeError); // Fetch's own refusal, before any transport code
            return;
          }
          const res = await handler(request);
          expect([200, 500]).toContain(res.status);
          await res.arrayBuffer();
        },
      ),
      { numRuns: fuzzRuns(100) },
    );
  });
});

describe('Node bridge behind the reference server: random header bytes on a socket', () => {
  let target: HostileServer;
  beforeAll(async () => {
    target = await startHostileServer(headerEcho);
  });
  afterAll(() => target.stop());

  const requestWith = (headers: [string, string][]) =>
    Buffer.from(
      `GET / HTTP/1.1\r\nHost: x\r\n${headers.map(([n, v]) => `${n}: ${v}\r\n`).join('')}Connection: close\r\n\r\n`,
      'latin1',
    );

  it('refuses a head it cannot take with 400, or hands the app each value as sent (trimmed)', async () => {
    await fc.assert(
      fc.asyncProperty(headerSet(tokenName, latin1), async (headers) => {
        const reply = await sendRaw(target.port, requestWith(headers));
        expect([200, 400, 500]).toContain(reply.status);
        if (reply.status !== 200) return;
        const body = Buffer.from(reply.text.slice(reply.text.indexOf('\r\n\r\n') + 4), 'latin1').toString(
          'utf8',
        );
        const seen = new Map(JSON.parse(body) as HeaderList);
        for (const [name, value] of headers)
          expect(seen.get(name.toLowerCase())).toBe(value.replace(/^[ \t]+|[ \t]+$/g, ''));
      }),
      { numRuns: fuzzRuns(60) },
    );
  });

  it('survives header names of any bytes, and serves the next client', async () => {
    const byteName = latin1.filter((name) => name.length > 0);
    await fc.assert(
      fc.asyncProperty(headerSet(byteName, latin1), async (headers) => {
        const reply = await sendRaw(target.port, requestWith(headers));
        expect([200, 400, 431, 500]).toContain(reply.status);
      }),
      { numRuns: fuzzRuns(60) },
    );
    const fresh = await sendRaw(target.port, requestWith([['x-ok', 'yes']]));
    expect(fresh.status).toBe(200);
    expect(target.logger.text()).not.toMatch(/ERROR (?!app failed)/);
  });
});
