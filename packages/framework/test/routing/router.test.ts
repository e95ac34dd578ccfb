import { describe, expect, it } from 'vitest';
import type { RouteMatch } from '../../src/routing/index.js';
import { Router } from '../../src/routing/index.js';
import type { Expected } from './router.case.js';
import { parseSpec, routerCases } from './router.case.js';

/** The router built from route specs, each route's value being its spec. */
function routerOf(specs: readonly string[]): Router<string> {
  const router = new Router<string>();
  for (const spec of specs) router.add({ ...parseSpec(spec), value: spec });
  return router;
}

/** A match in the case table's shape; params as a plain object so undefined entries are compared too. */
function observed(result: RouteMatch<string>): Expected {
  if (result.kind !== 'found') return result;
  return { kind: 'found', value: result.value, params: Object.fromEntries(Object.entries(result.params)) };
}

/**
 * Builds routers while `new Function` throws, as under a content security policy without
 * 'unsafe-eval': params objects then come from the router's loop instead of generated constructors.
 */
function withCodeGenerationRefused<T>(build: () => T): { built: T; refusals: number } {
  const original = globalThis.Function;
  let refusals = 0;
  globalThis.Function = function refuse(): never {
    refusals++;
    throw new EvalError('Code generation from strings disallowed for this context');
  } as unknown as FunctionConstructor;
  try {
    return { built: build(), refusals };
  } finally {
    globalThis.Function = original;
  }
}

describe('router case table', () => {
  for (const { name, routes, requests } of routerCases) {
    describe(name, () => {
      const router = routerOf(routes);
      const { built: refusedRouter } = withCodeGenerationRefused(() => routerOf(routes));
      for (const [method, path, expected] of requests) {
        it(`${method} ${JSON.stringify(path)}`, () => {
          expect(observed(router.match(method, path))).toStrictEqual(expected);
          expect(observed(refusedRouter.match(method, path))).toStrictEqual(expected);
        });
      }
    });
  }
});

describe('Router.match', () => {
  it('hands back the matched route with its name', () => {
    const router = new Router<string>();
    router.add({ methods: ['GET'], path: '/users/:id', name: 'user', value: 'v' });
    const result = router.match('GET', '/users/1');
    expect(result.kind === 'found' && result.route).toEqual({
      methods: ['GET'],
      path: '/users/:id',
      name: 'user',
    });
  });

  it('gives each match its own params object', () => {
    const router = routerOf(['GET /users/:id']);
    const first = router.match('GET', '/users/1');
    const second = router.match('GET', '/users/2');
    expect(first.kind === 'found' && first.params.id).toBe('1');
    expect(second.kind === 'found' && second.params.id).toBe('2');
  });

  it('has no inherited keys in params, so a param may be named like an Object method', () => {
    const router = routerOf(['GET /a/:id', 'GET /b/:toString']);
    const result = router.match('GET', '/a/1');
    expect(result.kind === 'found' && 'toString' in result.params).toBe(false);
    const other = router.match('GET', '/b/x');
    expect(other.kind === 'found' && other.params.toString).toBe('x');
  });

  it('writes params in the order of the route, present or not', () => {
    const specs = ['GET /users/:id/posts/:post', 'GET /v{/:major{/:minor}}', 'GET /{:lang/}docs/:page'];
    const { built: refused, refusals } = withCodeGenerationRefused(() => routerOf(specs));
    expect(refusals).toBeGreaterThan(0);
    for (const router of [routerOf(specs), refused]) {
      const json = (path: string) => {
        const result = router.match('GET', path);
        return result.kind === 'found' ? JSON.stringify(result.params) : result.kind;
      };
      expect(json('/users/42/posts/7')).toBe('{"id":"42","post":"7"}');
      expect(Object.keys((router.match('GET', '/v/2') as { params: object }).params)).toEqual([
        'major',
        'minor',
      ]);
      expect(json('/v/2/1')).toBe('{"major":"2","minor":"1"}');
      expect(json('/en/docs/intro')).toBe('{"lang":"en","page":"intro"}');
      expect(Object.keys((router.match('GET', '/docs/intro') as { params: object }).params)).toEqual([
        'lang',
        'page',
      ]);
    }
  });

  it('upper-cases the methods it is given', () => {
    const router = routerOf(['get,post /x']);
    expect(router.match('POST', '/x').kind).toBe('found');
    expect(router.routes()[0]?.methods).toEqual(['GET', 'POST']);
  });

  it('keeps answering the same after a 405 and a redirect', () => {
    const router = routerOf(['GET /users/:id', 'GET /docs/']);
    expect(router.match('POST', '/users/1').kind).toBe('method-not-allowed');
    expect(router.match('GET', '/docs').kind).toBe('redirect');
    expect(observed(router.match('GET', '/users/9'))).toEqual({
      kind: 'found',
      value: 'GET /users/:id',
      params: { id: '9' },
    });
  });
});

describe('Router.add', () => {
  it.each([
    ['users', 'must start with "/"'],
    ['', 'must start with "/"'],
    ['{/:lang}docs', 'must start with "/"'],
    ['/:', 'Missing parameter name'],
    ['/users/:id?', 'Unexpected ?'],
    ['/(x)', 'Unexpected ('],
    ['/:a:b', 'Missing text before "b"'],
    ['/{x', 'Unexpected end'],
    ['/:id/:id', 'uses param "id" twice'],
  ])('rejects %j (%s)', (path, message) => {
    expect(() => new Router().add({ methods: ['GET'], path, value: 1 })).toThrow(message);
  });

  it('rejects a route without a valid method', () => {
    expect(() => new Router().add({ methods: [], path: '/', value: 1 })).toThrow(/needs valid HTTP methods/);
    expect(() => new Router().add({ methods: ['GE T'], path: '/', value: 1 })).toThrow(
      /needs valid HTTP methods/,
    );
  });

  it('rejects a path with too many optional combinations', () => {
    const path = Array.from({ length: 9 }, (_, i) => `{/o${i}}`).join('') || '/';
    expect(() => new Router().add({ methods: ['GET'], path: `/x${path}`, value: 1 })).toThrow(
      /Too many path combinations/,
    );
  });
});

describe('Router.routes', () => {
  it('lists the routes in the order they were added', () => {
    const router = new Router<number>();
    router.add({ methods: ['GET'], path: '/b', name: 'b', value: 1 });
    router.add({ methods: ['PUT', 'PATCH'], path: '/a/:id', value: 2 });
    expect(router.routes()).toEqual([
      { methods: ['GET'], path: '/b', name: 'b' },
      { methods: ['PUT', 'PATCH'], path: '/a/:id', name: undefined },
    ]);
  });
});
