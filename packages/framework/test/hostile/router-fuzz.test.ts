// Property-based fuzzing of the router (fast-check): matching any method and path never throws, adding any
// pattern either works or throws a TypeError, and urlFor then match gives back the route and its params.
// Builds on routing/random-routes.test.ts (seeded route sets checked against path-to-regexp).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzRuns } from '../../../gateway/test/hostile/fuzz-runs.js';
import { Router } from '../../src/routing/index.js';
import { isWellFormed } from './well-formed.js';

const ROUTE_KINDS = new Set(['found', 'redirect', 'method-not-allowed', 'not-found']);

// Names that collide with Object.prototype are the interesting ones for a params object.
const PARAM_NAMES = [
  'id',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
  'x_1',
];

/** Any string, lone surrogates and control characters included. */
const anyText = fc.string({ unit: 'binary', maxLength: 40 });
/** What a server may put in scope.path: it starts with `/`. */
const anyPath = anyText.map((text) => `/${text}`);

function fixedRouter(): Router<string> {
  const router = new Router<string>();
  const paths = [
    '/',
    '/users/:id',
    '/users/:id/posts{/:post}',
    '/files/*path',
    '/a/:n.:e',
    '/docs/',
    '/x/:constructor',
  ];
  for (const [index, path] of paths.entries())
    router.add({ methods: ['GET', 'POST'], path, name: `r${index}`, value: path });
  return router;
}

describe('router fuzzing', () => {
  it('match never throws for any method and path, and answers one of its kinds', () => {
    const router = fixedRouter();
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom('GET', 'HEAD', 'OPTIONS', 'POST'), anyText),
        anyPath,
        (method, path) => {
          expect(ROUTE_KINDS.has(router.match(method, path).kind)).toBe(true);
        },
      ),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('add takes any pattern or throws a TypeError; the router still matches afterwards', () => {
    const patternPiece = fc.oneof(
      anyText,
      fc.constantFrom('/', ':', '*', '{', '}', '(', ')', '?', '+', '\\', '/:a', '/*w', '{/:o}', ':"q"', '.'),
    );
    fc.assert(
      fc.property(fc.array(patternPiece, { maxLength: 6 }), anyPath, (pieces, path) => {
        const router = fixedRouter();
        try {
          router.add({ methods: ['GET'], path: pieces.join(''), value: 'fuzzed' });
        } catch (error) {
          expect(error).toBeInstanceOf(TypeError);
        }
        expect(ROUTE_KINDS.has(router.match('GET', path).kind)).toBe(true);
      }),
      { numRuns: fuzzRuns(150) },
    );
  });

  it('urlFor then match gives back the same route and params, for any value and param name', () => {
    // A segment value: any text but `/` (which would split it once decoded); never empty.
    const segmentValue = anyText.filter((text) => text.length > 0 && !text.includes('/'));
    const route = fc.record({
      names: fc.uniqueArray(fc.constantFrom(...PARAM_NAMES), { minLength: 1, maxLength: 3 }),
      wildcard: fc.boolean(),
    });
    fc.assert(
      fc.property(
        route,
        fc.array(segmentValue, { minLength: 4, maxLength: 4 }),
        ({ names, wildcard }, values) => {
          const router = fixedRouter();
          const params = names.map((name, i) =>
            wildcard && i === names.length - 1 ? `*${name}` : `:${name}`,
          );
          const path = `/fuzz/${params.join('/t/')}`;
          router.add({ methods: ['GET'], path, name: 'fuzzed', value: 'fuzzed' });
          const given: Record<string, string> = Object.create(null);
          names.forEach((name, i) => {
            given[name] = wildcard && i === names.length - 1 ? `${values[i]!}/${values[3]!}` : values[i]!;
          });
          let url: string;
          try {
            url = router.urlFor('fuzzed', given);
          } catch (error) {
            // Only text no URL can carry is refused: a lone surrogate has no UTF-8 form.
            expect(error).toBeInstanceOf(TypeError);
            expect(Object.values(given).some((value) => !isWellFormed(value))).toBe(true);
            return;
          }
          const result = router.match('GET', decodeURIComponent(url));
          expect(result.kind).toBe('found');
          if (result.kind !== 'found') return;
          expect(result.value).toBe('fuzzed');
          for (const name of names)
            expect(Object.getOwnPropertyDescriptor(result.params, name)?.value).toBe(given[name]);
        },
      ),
      { numRuns: fuzzRuns(200) },
    );
  });
});
