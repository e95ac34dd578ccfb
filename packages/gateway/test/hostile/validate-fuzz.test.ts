// Property-based fuzzing of validate(): whatever a server hands an app (scope, receive events) and whatever
// the app sends, the lint throws nothing but its own GatewayValidationError: never a TypeError of its own.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { App, Scope } from '../../src/index.js';
import { isGatewayValidationError, validate } from '../../src/index.js';
import { fakeServer, httpScope } from '../validate/fakes.js';
import { fuzzRuns } from './fuzz-runs.js';

const EVENT_TYPES = [
  'http.response.start',
  'http.response.body',
  'http.response.file',
  'http.response.trailers',
  'http.response.early_hints',
  'http.request',
  'http.disconnect',
  'lifespan.startup.complete',
  'lifespan.startup.failed',
  'made.up',
] as const;

/** Values of the wrong shape for any field: what a buggy or hostile caller might put there. */
const wild = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.integer({ min: -1, max: 1000 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.uint8Array({ maxLength: 8 }),
  fc.array(
    fc.tuple(fc.string({ unit: 'binary', maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 6 })),
  ),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, null, undefined, true, Symbol('s'), () => 1),
);

/** An event-shaped object: a known (or unknown) type with fields of any shape. */
const event = fc.record(
  {
    type: fc.oneof(fc.constantFrom(...EVENT_TYPES), wild),
    status: wild,
    headers: wild,
    body: wild,
    more: wild,
    path: wild,
    offset: wild,
    length: wild,
    trailers: wild,
    reason: wild,
    message: wild,
  },
  { requiredKeys: ['type'] },
);

/** A rejection of `run`, or undefined when it resolved. */
async function failureOf(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
    return undefined;
  } catch (error) {
    return error;
  }
}

function expectOwnViolation(error: unknown): void {
  if (error === undefined) return;
  expect(isGatewayValidationError(error), String(error)).toBe(true);
}

describe('validate() fuzzing', () => {
  it('checks any sequence of sent events with its own violations only', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { maxLength: 5 }), async (events) => {
        const server = fakeServer();
        const sendErrors: unknown[] = [];
        const app: App = async (_scope, _receive, send) => {
          for (const sent of events) {
            try {
              await send(sent as never);
            } catch (error) {
              sendErrors.push(error);
            }
          }
        };
        const outcome = await failureOf(() => validate(app)(httpScope(), server.receive, server.send));
        for (const error of sendErrors) expectOwnViolation(error);
        expectOwnViolation(outcome);
      }),
      { numRuns: fuzzRuns(150) },
    );
  });

  it('checks any scope a server may pass with its own violations only', async () => {
    const scopeField = fc.dictionary(
      fc.constantFrom(
        'type',
        'gateway',
        'httpVersion',
        'method',
        'scheme',
        'path',
        'rawPath',
        'queryString',
        'rootPath',
        'headers',
        'client',
        'server',
        'state',
        'extensions',
        'signal',
      ),
      wild,
      { maxKeys: 4 },
    );
    await fc.assert(
      fc.asyncProperty(scopeField, async (overrides) => {
        const server = fakeServer();
        const app: App = async (_scope, _receive, send) => {
          await send({ type: 'http.response.start', status: 204 });
          await send({ type: 'http.response.body' });
        };
        const scope = httpScope(overrides) as Scope;
        expectOwnViolation(await failureOf(() => validate(app)(scope, server.receive, server.send)));
      }),
      { numRuns: fuzzRuns(150) },
    );
  });

  it('checks any receive events a server may hand the app with its own violations only', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 4 }), async (script) => {
        const server = fakeServer(script);
        const receiveErrors: unknown[] = [];
        const app: App = async (_scope, receive, send) => {
          for (let i = 0; i < script.length; i++)
            await receive().catch((error: unknown) => receiveErrors.push(error));
          await send({ type: 'http.response.start', status: 204 });
          await send({ type: 'http.response.body' });
        };
        expectOwnViolation(await failureOf(() => validate(app)(httpScope(), server.receive, server.send)));
        for (const error of receiveErrors) expectOwnViolation(error);
      }),
      { numRuns: fuzzRuns(150) },
    );
  });
});
