// Property-style tests over random route sets (seeded, so a failure names a reproducible seed):
// urlFor then match round-trips, and every answer of the tree agrees with path-to-regexp's own matcher.
import { match as referenceMatch } from 'path-to-regexp';
import { describe, expect, it } from 'vitest';
import { Router } from '../../src/routing/index.js';

/** A small seeded PRNG (mulberry32). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)]!;
}

// Values start with `v` so they never equal a static word; no `/` (it would split a segment once decoded)
// and no `.` (it would make `:name.:ext` ambiguous).
const VALUE_CHARS = [...'abcXYZ019 %~_+@!(),;=&$?#:é東🦊'];

function randomValue(next: () => number): string {
  let value = 'v';
  const length = Math.floor(next() * 6);
  for (let i = 0; i < length; i++) value += pick(next, VALUE_CHARS);
  return value;
}

interface GeneratedRoute {
  name: string;
  path: string;
  /** The params urlFor needs, and how to make a value for each. */
  params: { name: string; optional: boolean; wildcard: boolean }[];
}

/**
 * A route whose URLs only it can match: a shared-looking prefix, then a tag segment (`r7`) no other
 * route has and no value can equal, then a random tail. At most one optional group, never with a
 * wildcard, so a URL cannot be read two ways.
 */
function randomRoute(next: () => number, index: number): GeneratedRoute {
  const params: GeneratedRoute['params'] = [];
  const param = (prefix: string, optional = false, wildcard = false) => {
    const name = `${prefix}${params.length}`;
    params.push({ name, optional, wildcard });
    return name;
  };
  let path = '';
  const prefixLength = Math.floor(next() * 3);
  for (let i = 0; i < prefixLength; i++)
    path += pick(next, ['/a', '/b', 'param']) === 'param' ? `/:${param('p')}` : pick(next, ['/a', '/b']);
  path += `/r${index}`;
  let optionalUsed = false;
  const tailLength = Math.floor(next() * 4);
  for (let i = 0; i < tailLength; i++) {
    const kind = pick(next, ['static', 'param', 'mixed', 'optional']);
    if (kind === 'static') path += pick(next, ['/x', '/y']);
    else if (kind === 'param') path += `/:${param('q')}`;
    else if (kind === 'mixed') path += `/:${param('n')}.:${param('e')}`;
    else if (!optionalUsed) {
      optionalUsed = true;
      path += `{/:${param('o', true)}}`;
    }
  }
  const end = pick(next, ['', '', 'slash', 'wildcard']);
  if (end === 'slash') path += '/';
  if (end === 'wildcard' && !optionalUsed) path += `/*${param('w', false, true)}`;
  return { name: `route${index}`, path, params };
}

describe('urlFor then match', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`round-trips to the same route and params (seed ${seed})`, () => {
      const next = random(seed);
      const routes = Array.from({ length: 40 }, (_, i) => randomRoute(next, i));
      const router = new Router<string>();
      // Registration order shuffled, so priority, not order, has to do the work.
      for (const route of [...routes].sort(() => next() - 0.5)) {
        router.add({ methods: ['GET'], path: route.path, name: route.name, value: route.name });
      }
      for (const route of routes) {
        for (let trial = 0; trial < 5; trial++) {
          const params: Record<string, string> = {};
          for (const { name, optional, wildcard } of route.params) {
            if (optional && next() < 0.5) continue;
            params[name] = wildcard
              ? Array.from({ length: 1 + Math.floor(next() * 3) }, () => randomValue(next)).join('/')
              : randomValue(next);
          }
          const url = router.urlFor(route.name, params);
          // What a server puts in scope.path: the path percent-decoded.
          const result = router.match('GET', decodeURIComponent(url));
          const expectedParams = Object.fromEntries(route.params.map(({ name }) => [name, params[name]]));
          expect({ route: route.path, url, result: summarize(result) }).toStrictEqual({
            route: route.path,
            url,
            result: { kind: 'found', value: route.name, params: expectedParams },
          });
        }
      }
    });
  }
});

const SEGMENTS = ['/a', '/b', '/:x', '/:y.:z', '/a.b', '{/:o}', '/*w', '/*v/a'];
const FIRST_SEGMENTS = SEGMENTS.filter((segment) => !segment.startsWith('{') && !segment.startsWith('/*'));
const PATH_SEGMENTS = ['/a', '/b', '/a.b', '/q', '/q.r', '/', '/ü'];

function randomPattern(next: () => number): string {
  let path = '';
  const length = 1 + Math.floor(next() * 3);
  for (let i = 0; i < length; i++) {
    // Numbered names keep every param name unique within the route.
    // The first segment is never a group (a route starts with "/" in every form), nor a wildcard (it
    // would match every path and leave nothing to check for not-found and redirects).
    const segment = pick(next, i === 0 ? FIRST_SEGMENTS : SEGMENTS).replace(/([:*])([a-z])/g, `$1$2${i}`);
    path += segment;
    if (segment.startsWith('/*') && !segment.endsWith('/a')) break;
  }
  return next() < 0.2 ? `${path}/` : path;
}

function summarize(result: ReturnType<Router<string>['match']>) {
  return result.kind === 'found'
    ? { kind: result.kind, value: result.value, params: Object.fromEntries(Object.entries(result.params)) }
    : result;
}

describe('the matcher agrees with path-to-regexp', () => {
  for (const seed of [11, 12, 13, 14, 15, 16]) {
    it(`on random routes and paths (seed ${seed})`, () => {
      const next = random(seed);
      const patterns = [...new Set(Array.from({ length: 30 }, () => randomPattern(next)))];
      const router = new Router<number>();
      patterns.forEach((path, index) => {
        router.add({ methods: ['GET'], path, value: index });
      });
      // path-to-regexp with the router's options: decoded input, case-sensitive, strict slashes.
      const references = patterns.map((path) =>
        referenceMatch(path, { decode: false, sensitive: true, trailing: false }),
      );
      const matchesAny = (path: string) => references.some((matcher) => matcher(path) !== false);

      for (let trial = 0; trial < 300; trial++) {
        const path = Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick(next, PATH_SEGMENTS)).join(
          '',
        );
        const result = router.match('GET', path);
        if (result.kind === 'found') {
          const reference = references[result.value]!(path);
          expect({
            path,
            pattern: patterns[result.value],
            params: reference && { ...reference.params },
          }).toEqual({
            path,
            pattern: patterns[result.value],
            params: Object.fromEntries(
              Object.entries(result.params).filter(([, value]) => value !== undefined),
            ),
          });
          // When a static route equals the path, a static form wins (`/a` or the `/a` of `/a{/:o}`).
          if (patterns.includes(path)) {
            expect({ path, params: Object.values(result.params).filter((v) => v !== undefined) }).toEqual({
              path,
              params: [],
            });
          }
        } else if (result.kind === 'redirect') {
          expect({ path, matches: matchesAny(path), slashed: matchesAny(`${path}/`) }).toEqual({
            path,
            matches: false,
            slashed: true,
          });
        } else {
          expect({
            path,
            kind: result.kind,
            matches: matchesAny(path),
            slashed: !path.endsWith('/') && matchesAny(`${path}/`),
          }).toEqual({
            path,
            kind: 'not-found',
            matches: false,
            slashed: false,
          });
        }
      }
    });
  }
});
